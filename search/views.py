"""The site-wide search: pages in the visitor's language and the directory's services, by type."""

import hashlib
import logging
from collections import defaultdict

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Locale, Page

from directory import finder
from directory.models import DirectoryPage
from home.generation import remember
from home.localization import localized_pages
from home.mixins import IntroMixin
from home.text import clean_search_query

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_PAGE_HITS = 500
RESULTS_PER_PAGE = 10
SERVICES_SHOWN = 5


def clean_query(raw):
    """Searches take plain words: cut to length and drop characters no backend accepts."""
    return clean_search_query(raw)[:MAX_QUERY_LENGTH]


def _load_pages(ids):
    """The pages of one page of results, in order, kept until the content changes.

    They come as their own type with only the common fields: _load_intros adds the one specific
    field shown.
    """

    def load():
        pages = list(finder.RankedResults(ids, Page.objects.specific(defer=True))[:])
        _load_intros(pages)
        return pages

    return remember("search-pages", ids, load) if ids else []


def _page_hits(search_query, locale):
    """Ids of the matching pages, best first, or None if the search backend failed.

    Kept until the content changes (home/generation.py), so a popular search costs no full-text
    query; a failure is not kept.
    """
    terms = finder.search_terms(search_query)
    if not terms:
        return []

    def search():
        # Only pages in the visitor's language, or every result shows once per language.
        pages = Page.objects.live().public().filter(locale=locale)
        try:
            return [page.pk for page in pages.search(terms)[:MAX_PAGE_HITS]]
        except Exception:  # noqa: BLE001 - a broken search backend must not show residents an error
            logger.warning("Site search failed; showing no page results", exc_info=True)
            return None

    digest = hashlib.sha256(terms.encode()).hexdigest()
    return remember("page-search", (locale.pk, digest), search)


def _services(search_query, locale):
    """The best matching services, how many there are, and where to see them all.

    Kept until the content or the directory changes (directory_changed replaces the generation).
    """
    digest = hashlib.sha256(search_query.encode()).hexdigest()
    found = remember("search-services", (locale.pk, digest), lambda: _find_services(search_query, locale))
    return found or ([], 0, None)


def _find_services(search_query, locale):
    """As _services, or None if the search failed."""
    try:
        services = finder.RankedResults(
            finder.visible_matching_ids(search_query, locale),
            finder.Service.objects.select_related("organisation"),
        )
        total = services.count()
        top = services[:SERVICES_SHOWN]
    except Exception:  # noqa: BLE001
        logger.warning("Service search failed", exc_info=True)
        return None
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


def _load_intros(results):
    """Fill in `intro` for the results whose type has one, for all types in one query.

    Fetching the specific pages costs a query per page type on the page of results; the
    template needs only the intro of the specific fields.
    """
    pks_by_model = defaultdict(list)
    for page in results:
        if isinstance(page, IntroMixin):
            pks_by_model[type(page)].append(page.pk)
    if not pks_by_model:
        return
    parts = [
        model.objects.filter(pk__in=pks).order_by().values_list("pk", "intro")
        for model, pks in pks_by_model.items()
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    intros = dict(rows)
    for page in results:
        if isinstance(page, IntroMixin):
            page.intro = intros.get(page.pk, "")


def _record_hit(query):
    """Query.add_hit() in one query on most searches (it reads the day's row, then updates it)."""
    today = timezone.now().date()
    if not QueryDailyHits.objects.filter(query=query, date=today).update(hits=F("hits") + 1):
        query.add_hit(date=today)


def _promotions(query, locale):
    """The editors' picks for this search that are live in the visitor's language.

    Kept until the content changes; saving a promotion replaces the generation too
    (config.pagecache.connect_signals).
    """
    return remember("promotions", (locale.pk, query.pk), lambda: _find_promotions(query, locale))


def _find_promotions(query, locale):
    picks = list(query.editors_picks.all().select_related("page"))
    translated = localized_pages([pick.page for pick in picks])
    promotions = []
    for pick in picks:
        # What pick.page.localized gives, without two queries per pick.
        pick.target = translated.get(pick.page.translation_key, pick.page)
        if pick.page.live and pick.target.locale_id == locale.pk:
            promotions.append(pick)
    return promotions


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

    hits = []
    promotions = []
    services, services_total, services_url = [], 0, None
    if search_query:
        hits = _page_hits(search_query, locale) or []
        query = Query.get(search_query)
        _record_hit(query)
        promotions = _promotions(query, locale)
        services, services_total, services_url = _services(search_query, locale)

    paginator = Paginator(hits, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(page_number)
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage as exc:
        raise Http404(_("Deze pagina met resultaten bestaat niet.")) from exc
    page_of_results.object_list = _load_pages(list(page_of_results.object_list))

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
