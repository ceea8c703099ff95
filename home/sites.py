"""The site of a request and its home page, without two queries on every page view.

Wagtail looks the site up by host name and port for each request, then fetches the home page in
the visitor's language to route from. Both are kept with the content generation
(home/generation.py), which a saved Site or page replaces (config.pagecache.connect_signals). Host
names reach this point only after Django's ALLOWED_HOSTS check, so the kept entries are few.
"""

import contextlib

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
    """Wagtail's Page.route_for_request, with the site's home page kept per language."""
    if not hasattr(request, "_wagtail_route_for_request"):
        result = None
        site = Site.find_for_request(request)
        if site is not None:
            home = remember("home-page", (site.pk, get_language()), lambda: site.root_page.localized.specific)
            with contextlib.suppress(Http404):
                result = home.route(request, [component for component in path.split("/") if component])
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


def install():
    Site._find_for_request = staticmethod(find_for_request)
    Page.route_for_request = staticmethod(route_for_request)
