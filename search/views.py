"""The site-wide search: pages in the visitor's language and the directory's services, by type."""

import logging

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from directory import finder
from directory.models import DirectoryPage
from home.text import clean_search_query

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SERVICES_SHOWN = 5


def clean_query(raw):
    """Searches take plain words: cut to length and drop characters no backend accepts."""
    return clean_search_query(raw)[:MAX_QUERY_LENGTH]


def _page_results(search_query, locale):
    # Only pages in the visitor's language, or every result shows once per language.
    pages = Page.objects.live().public().filter(locale=locale).specific()
    terms = finder.search_terms(search_query)
    if not terms:
        return Page.objects.none()
    try:
        return pages.search(terms)
    except Exception:  # noqa: BLE001 - a broken search backend must not show residents an error
        logger.warning("Site search failed; showing no page results", exc_info=True)
        return Page.objects.none()


def _services(search_query, locale):
    """The best matching services, how many there are, and where to see them all."""
    try:
        matched = finder.ranked_ids(search_query, locale)
        keep = set(finder.visible_services(locale).filter(pk__in=matched).values_list("pk", flat=True))
        services = finder.RankedResults(
            [pk for pk in matched if pk in keep], finder.Service.objects.select_related("organisation")
        )
        total = services.count()
        top = services[:SERVICES_SHOWN]
    except Exception:  # noqa: BLE001
        logger.warning("Service search failed", exc_info=True)
        return [], 0, None
    directory_page = DirectoryPage.for_locale(locale.pk) or DirectoryPage.for_locale(Locale.get_default().pk)
    items = [
        {"service": service, "url": directory_page.url_for_service(service) if directory_page else None}
        for service in top
    ]
    more_url = None
    if directory_page is not None and directory_page.url:
        from urllib.parse import urlencode

        more_url = f"{directory_page.url}?{urlencode({'q': search_query})}"
    return items, total, more_url


def _group_by_type(results):
    """Consecutive results grouped by page type, in order of first appearance."""
    groups = {}
    for result in results:
        label = str(result._meta.verbose_name_plural).capitalize()
        groups.setdefault(label, []).append(result)
    return [{"label": label, "results": items} for label, items in groups.items()]


def search(request):
    search_query = clean_query(request.GET.get("query"))
    page_number = request.GET.get("page", "1")
    locale = Locale.get_active()

    results = Page.objects.none()
    promotions = []
    services, services_total, services_url = [], 0, None
    if search_query:
        results = _page_results(search_query, locale)
        query = Query.get(search_query)
        query.add_hit()
        promotions = [
            pick
            for pick in query.editors_picks.all().select_related("page")
            if pick.page.live and pick.page.localized.locale_id == locale.pk
        ]
        services, services_total, services_url = _services(search_query, locale)

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(page_number)
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage as exc:
        raise Http404(_("Deze pagina met resultaten bestaat niet.")) from exc

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": search_query,
            "search_results": page_of_results,
            "groups": _group_by_type(page_of_results.object_list),
            "promotions": promotions,
            "services": services,
            "services_total": services_total,
            "services_url": services_url,
        },
    )
