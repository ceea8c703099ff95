"""The residents' side of the directory: search with filters, suggestions, and one page per service."""

import logging
from types import SimpleNamespace
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F, OuterRef, Prefetch, Subquery, Value, Window, prefetch_related_objects
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.generation import remember

from . import finder
from .models import (
    Category,
    Language,
    LocationSchedule,
    Service,
    ServiceLocation,
    ServiceSchedule,
    TargetGroup,
    Weekday,
)

logger = logging.getLogger(__name__)

AUTOCOMPLETE_LIMIT = 8


def _page_number(raw):
    """A page number from the query string; anything that is not a positive number is page 1."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    if number < 1:
        raise Http404(_("Deze pagina met resultaten bestaat niet."))
    return number


def directory_context(page, request):
    query = finder.DirectoryQuery.from_querydict(request.GET)
    # The visitor's language: also right when /en/ serves a Dutch page that is not translated.
    locale = Locale.get_active()
    search = finder.run(query, locale)
    results = search.results.prefetch_related(
        "categories",
        Prefetch(
            "service_locations",
            queryset=ServiceLocation.objects.select_related("location__neighbourhood").filter(
                location__live=True
            ),
        ),
    )
    paginator = Paginator(results, page.results_per_page)
    try:
        page_of_results = paginator.page(_page_number(request.GET.get("pagina", "1")))
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage as exc:
        raise Http404(_("Deze pagina met resultaten bestaat niet.")) from exc

    labels = {option.value: option.label for option in search.facets["categories"]}
    items = []
    for service in page_of_results.object_list:
        items.append(
            {
                "service": service,
                "url": page.url_for_service(service, request=request),
                "categories": [labels.get(c.slug, c.name) for c in service.categories.all()],
                "places": _places(service),
                "distance": finder.distance_km(service, search.origin)
                if search.sort == finder.SORT_DISTANCE
                else None,
            }
        )

    params = request.GET.copy()
    params.pop("pagina", None)
    return {
        "query": query,
        "search": search,
        "facets": search.facets,
        "results": items,
        "page_of_results": page_of_results,
        "paginator": paginator,
        "pagination_query": params.urlencode(),
        "without_filters_url": "?" + urlencode({"q": query.text}) if query.text else "?",
        "search_query": query.text,
        "sort_options": [
            (finder.SORT_RELEVANCE, _("Best passend")),
            (finder.SORT_DISTANCE, _("Dichtbij")),
            (finder.SORT_NAME, _("Op naam (A-Z)")),
        ],
        "autocomplete_url": page.url + page.reverse_subpage("autocomplete") if page.url else "",
    }


def _places(service):
    places = []
    for location in service.locations:
        label = location.neighbourhood.name if location.neighbourhood else ""
        label = f"{label}, {location.municipality}" if label else location.municipality
        if label not in places:
            places.append(label)
    return places


def autocomplete_view(page, request):
    """Suggestions for the search box: names of services, as JSON."""
    text = finder.clean_text(request.GET.get("q"))
    suggestions = []
    if len(text) >= 2:
        searchable = Service.objects.filter(
            live=True,
            status=Service.Status.ACTIVE,
            locale_id__in={Locale.get_active().pk, Locale.get_default().pk},
        )
        try:
            results = get_search_backend().autocomplete(finder.search_terms(text) or text, searchable)
            get_queryset = getattr(results, "get_queryset", None)
            if get_queryset is not None:
                # Rank ourselves: the database backends' per-row score is slow on large directories.
                hits = list(get_queryset().order_by().values_list("name", "slug")[:200])
                lowered = text.lower()
                hits.sort(key=lambda hit: (not hit[0].lower().startswith(lowered), hit[0].lower()))
            else:
                hits = [(service.name, service.slug) for service in results[: AUTOCOMPLETE_LIMIT * 2]]
        except Exception:  # noqa: BLE001 - suggestions are a nicety; never fail the page
            logger.warning("Directory autocomplete failed", exc_info=True)
            hits = list(
                searchable.filter(name__icontains=text).order_by("name").values_list("name", "slug")[:20]
            )
        seen = set()
        for name, slug in hits:
            if name in seen:
                continue
            seen.add(name)
            suggestions.append(
                {"name": name, "url": page.url_for_service(SimpleNamespace(slug=slug), request=request)}
            )
            if len(suggestions) == AUTOCOMPLETE_LIMIT:
                break
    response = JsonResponse({"query": text, "suggestions": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response


def find_service(locale, slug):
    """The live service with this slug in this language, or its Dutch original."""
    candidates = (
        Service.objects.filter(slug=slug, live=True, locale_id__in={locale.pk, Locale.get_default().pk})
        .select_related("organisation", "locale")
        .prefetch_related(
            Prefetch(
                "service_locations",
                queryset=ServiceLocation.objects.filter(location__live=True).select_related(
                    "location__neighbourhood"
                ),
            ),
            Prefetch("schedules", queryset=ServiceSchedule.objects.select_related("location")),
        )
    )
    by_locale = {service.locale_id: service for service in candidates}
    return by_locale.get(locale.pk) or by_locale.get(Locale.get_default().pk)


TERM_RELATIONS = (("categories", Category), ("target_groups", TargetGroup), ("languages", Language))


def service_terms(service, locale):
    """{"categories": [names], "target_groups": [...], "languages": [...]} of a service, in one query.

    Three relations would be three queries; a UNION reads them at once. Each name is that of the
    term's translation in `locale`, else its own: what `term.localized.name` shows (taxonomy terms
    keep their slug in every language, so this is also the category label the search shows). Each
    list keeps its model's order, numbered by the database so that its collation decides, as before.
    """
    parts = []
    for kind, model in TERM_RELATIONS:
        translation = model.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
        ordering = [
            F(field[1:]).desc() if field.startswith("-") else F(field).asc() for field in model._meta.ordering
        ]
        parts.append(
            model.objects.filter(services=service)
            .annotate(
                kind=Value(kind),
                position=Window(RowNumber(), order_by=ordering),
                localized_name=Coalesce(Subquery(translation.values("name")[:1]), F("name")),
            )
            .order_by()
            .values_list("kind", "position", "localized_name")
        )
    terms = {kind: [] for kind, _model in TERM_RELATIONS}
    for kind, _position, name in sorted(parts[0].union(*parts[1:], all=True)):
        terms[kind].append(name)
    return terms


def opening_hours(service):
    """Rows to show: (place or "", [(weekday name, "09.00 - 17.00", note), ...])."""
    weekday_names = dict(Weekday.choices)

    def rows(schedules):
        return [
            (
                weekday_names[s.weekday],
                f"{s.opens_at:%H.%M} – {s.closes_at:%H.%M}",
                s.note,
            )
            for s in sorted(schedules, key=lambda s: (s.weekday, s.opens_at))
        ]

    own = list(service.schedules.all())
    if own:
        groups = {}
        for schedule in own:
            key = schedule.location.name if schedule.location else ""
            groups.setdefault(key, []).append(schedule)
        return [(place, rows(items)) for place, items in groups.items()]
    # Only services without times of their own show the times of their places: read them only then.
    prefetch_related_objects(
        service.locations, Prefetch("schedules", queryset=LocationSchedule.objects.all())
    )
    return [
        (location.name, rows(location.schedules.all()))
        for location in service.locations
        if location.schedules.all()
    ]


def service_details(locale, slug):
    """The service with what its page shows, or None: five queries, then kept until the directory
    or any content changes (home/generation.py; directory changes replace it too, see
    facetindex.directory_changed). An unknown slug is not kept."""

    def build():
        service = find_service(locale, slug)
        if service is None:
            return None
        service.locations  # noqa: B018 - read now, so it is kept with the service
        return {"service": service, "terms": service_terms(service, locale), "hours": opening_hours(service)}

    return remember("service-page", (locale.pk, slug), build)


def service_view(page, request, slug):
    locale = Locale.get_active()
    details = service_details(locale, slug)
    if details is None:
        raise Http404(_("Dit hulpaanbod bestaat niet (meer)."))
    service, terms = details["service"], details["terms"]
    context = {
        "page": page,
        "self": page,
        "directory_page": page,
        "service": service,
        "categories": terms["categories"],
        "target_groups": terms["target_groups"],
        "languages": terms["languages"],
        "locations": service.locations,
        "opening_hours": details["hours"],
        "phone_link": "".join(ch for ch in service.phone if ch.isdigit() or ch == "+"),
        "route_location": next((loc for loc in service.locations if loc.has_coordinates), None),
        "is_active": service.status == Service.Status.ACTIVE,
    }
    return TemplateResponse(request, "directory/service_page.html", context)
