"""Translations in bulk, and the locales without a database query for every lookup."""

import hashlib
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Locale, Page


def localized_pages(pages):
    """{translation_key: live page in the active language} for many pages, in one query.

    `page.localized` costs two queries per page; menus and entry points link to many pages.
    Pages without a live translation are missing from the result: callers fall back to the page.
    Pages already in the active language need no query: the fallback is the page itself.
    """
    locale = Locale.get_active()
    keys = {page.translation_key for page in pages if page is not None and page.locale_id != locale.pk}
    if not keys:
        return {}
    found = Page.objects.live().filter(translation_key__in=keys, locale=locale)
    return {page.translation_key: page for page in found}


# --- Locales without a query per lookup -------------------------------------------------------
# Wagtail looks the active and the default Locale up in the database on every `Locale.get_active()`,
# `Locale.get_default()` and `.localized`: a service page made a dozen such queries. The table has a
# row per language and changes only when a language is added or removed, so during a request
# (RequestLocalesMiddleware) all locales are read once, from the shared cache when they are there.
# Saving or deleting a Locale empties that cache; the key changes with settings.LANGUAGES, so a
# language added by a migration (no signals) shows up with the deploy that adds it.
_request_locales = ContextVar("erbij_request_locales", default=None)
_original_get_for_language = None
LOCALES_CACHE_SECONDS = 60 * 60


def _locales_cache_key():
    codes = ",".join(code for code, _name in settings.LANGUAGES)
    return "locales:" + hashlib.sha256(codes.encode()).hexdigest()[:16]


def _load_locales():
    locales = cache.get(_locales_cache_key())
    if locales is None:
        locales = list(Locale.objects.all())
        cache.set(_locales_cache_key(), locales, LOCALES_CACHE_SECONDS)
    return locales


def _locales_for_request():
    """{"code": {...}, "id": {...}} for this request, or None outside a request."""
    memo = _request_locales.get()
    if memo is None:
        return None
    if not memo:
        locales = _load_locales()
        memo["code"] = {locale.language_code: locale for locale in locales}
        memo["id"] = {locale.pk: locale for locale in locales}
    return memo


def locale_by_id(locale_id):
    """The Locale with this id: from the request's locales when there is a request."""
    memo = _locales_for_request()
    if memo is not None and locale_id in memo["id"]:
        return memo["id"][locale_id]
    return Locale.objects.get(pk=locale_id)


def _get_for_language(manager, language_code):
    from wagtail.coreutils import get_supported_content_language_variant

    memo = _locales_for_request()
    if memo is not None:
        locale = memo["code"].get(get_supported_content_language_variant(language_code))
        if locale is not None:
            return locale
    # Outside a request, or a locale added during this request: ask the database as Wagtail does.
    return _original_get_for_language(manager, language_code)


def forget_locales(**kwargs):
    """A Locale was saved or deleted: the next lookup reads the table again."""
    key = _locales_cache_key()
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
    memo = _request_locales.get()
    if memo:
        memo.clear()


def install_request_locales():
    """Route Wagtail's locale lookups through the per-request memo (from HomeConfig.ready)."""
    global _original_get_for_language
    from django.db.models.signals import post_delete, post_save
    from wagtail.models.i18n import LocaleManager

    if _original_get_for_language is None:
        _original_get_for_language = LocaleManager.get_for_language
        LocaleManager.get_for_language = _get_for_language
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="erbij_locales_save")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="erbij_locales_delete")


class RequestLocalesMiddleware:
    """Gives each request its own memo of the locales (see above); nothing outlives the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_locales.set({})
        try:
            return self.get_response(request)
        finally:
            _request_locales.reset(token)
