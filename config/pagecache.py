"""Whole-page HTML cache for anonymous visitors, per language, emptied on every publish.

``PageCacheMiddleware`` sits right after LocaleMiddleware (so the language is known from the URL).
A hit is answered from the cache without touching the database or the session: 0 queries.

Only what is the same for every anonymous visitor is stored. A response is NOT cached when:
- the request is not a GET, is for /admin/ (or documents, media), or carries a session or
  messages cookie (signed-in users, editors, someone with a pending message);
- the response is not a 200 HTML page, sets any cookie (a page with a CSRF token sets the CSRF
  cookie, so pages with POST forms are never stored), changed the session, says Cache-Control
  private/no-cache/no-store, or used a CSP nonce.

Invalidation: every cache key contains the content generation token (home/generation.py).
Publishing, unpublishing, moving or deleting a page, and saving a snippet, a site setting, a
Site/Locale, a view restriction (a page made private), a search promotion, an image or document,
or any model of the content apps (PAGE_CACHE_INVALIDATING_APPS) replaces the token, so all cached
pages are gone at once
(``config.apps`` connects the signals). Entries also expire after PAGE_CACHE_SECONDS.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.translation import get_language

from home.generation import current_generation, invalidate

SKIP_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/healthz/")
HOP_HEADERS = {"content-security-policy", "permissions-policy", "set-cookie"}


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cache_seconds() <= 0 or not self.cacheable_request(request):
            return self.get_response(request)
        try:
            key = self.key(request)
        except DisallowedHost:
            return self.get_response(request)

        stored = cache.get(key)
        if stored is not None:
            status, content, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if self.cacheable_response(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in HOP_HEADERS]
            cache.set(key, (response.status_code, response.content, headers), cache_seconds())
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def cacheable_request(request):
        if request.method != "GET":
            return False
        if request.path_info.startswith(SKIP_PREFIXES):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return False
        return "HTTP_AUTHORIZATION" not in request.META

    @staticmethod
    def cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        if "cookie" in response.get("Vary", "").lower():
            return False
        if getattr(request, "_csp_nonce_used", False):
            return False
        session = getattr(request, "session", None)
        return not (session is not None and session.modified)

    @staticmethod
    def key(request):
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(url.encode()).hexdigest()
        return f"pagecache:{current_generation()}:{get_language()}:{digest}"


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import BaseViewRestriction, Locale, Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move
    from wagtail.snippets.models import get_snippet_models

    apps = set(getattr(settings, "PAGE_CACHE_INVALIDATING_APPS", ()))

    def on_change(sender, instance=None, **kwargs):
        if (
            issubclass(sender, (Page, BaseSiteSetting, BaseGenericSetting, Site, Locale, BaseViewRestriction))
            or sender is SearchPromotion
            # A replaced picture or file (not a rendition: those are made while pages render).
            or issubclass(sender, (AbstractImage, AbstractDocument))
            or sender._meta.app_label in apps
            or sender in get_snippet_models()
        ):
            invalidate()

    def on_publish(sender=None, **kwargs):
        invalidate()

    post_save.connect(on_change, weak=False, dispatch_uid="pagecache_save")
    post_delete.connect(on_change, weak=False, dispatch_uid="pagecache_delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_publish, weak=False, dispatch_uid=f"pagecache_{id(signal)}")
