"""The site of a request, its home page and the page for an address, without a query each.

Wagtail looks the site up by host name and port for each request, fetches the home page in the
visitor's language, then finds the page for the path (HomePage.route: two queries). All three are
kept with the content generation (home/generation.py), which a saved Site or page, a publish or a
move replaces (config.pagecache.connect_signals). Host names reach this point only after Django's
ALLOWED_HOSTS check, and only paths that lead to a page are kept, so the entries are bounded by
the site's pages. The cache hands out a fresh copy of a kept page on every get: nothing one
request sets on it reaches another.
"""

import contextlib
import hashlib

from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.generation import remember

_wagtail_find_for_request = Site._find_for_request


def find_for_request(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    return remember("site", (hostname, port), lambda: _wagtail_find_for_request(request))


def route_for_request(request, path):
    """Wagtail's Page.route_for_request, with the site's home page kept per language, and for GET
    the page found for a path (a plain page: not a sub-page of a RoutablePageMixin page, whose
    result holds a view to call)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        result = None
        site = Site.find_for_request(request)
        if site is not None:
            language = get_language()

            def route():
                home = remember("home-page", (site.pk, language), lambda: site.root_page.localized.specific)
                with contextlib.suppress(Http404):
                    return home.route(request, [component for component in path.split("/") if component])
                return None

            if request.method in ("GET", "HEAD"):
                digest = hashlib.sha256(path.encode()).hexdigest()
                result = remember("route", (site.pk, language, digest), route, keep=_is_plain)
            else:
                result = route()
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def _is_plain(result):
    return not result.args and not result.kwargs


def install():
    Site._find_for_request = staticmethod(find_for_request)
    Page.route_for_request = staticmethod(route_for_request)
