"""Searching and filtering the directory: parse the GET form, query, count facets, sort.

Every step is a fixed number of database queries, whatever the size of the directory or the
number of results, so a results page costs the same for 40 services or 10,000.
"""

import logging
import math
import re
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from .managers import EVENING_STARTS, WEEKEND_DAYS
from .models import Category, Language, Location, Neighbourhood, Service, ServiceLocation, TargetGroup

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 20
# Backends that do not hand back a queryset (Elasticsearch) give at most this many ranked hits.
MAX_RANKED_HITS = 500
# Matches read from the database backends for ranking and filtering.
MAX_TEXT_HITS = 5000
SLUG_RE = re.compile(r"^[-a-z0-9_]{1,120}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
KM_PER_DEGREE = 111.2

SORT_RELEVANCE = "relevance"
SORT_DISTANCE = "distance"
SORT_NAME = "name"

BOOLEAN_FILTERS = ("free", "today", "evening", "weekend", "accessible")


def clean_text(raw):
    """Plain words only: no NUL bytes or control characters, and not too long."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


NON_WORD_RE = re.compile(r"[^\w\s'-]+")
OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def search_terms(text):
    """Only words go to the search backend: no quotes, brackets, wildcards or operators."""
    words = NON_WORD_RE.sub(" ", text.replace("_", " ")).split()
    words = [word.strip("'-") for word in words]
    return " ".join(word.lower() if word in OPERATORS else word for word in words if word)[:MAX_QUERY_LENGTH]


def _slugs(values, pattern=SLUG_RE):
    cleaned = []
    for value in values[:MAX_VALUES_PER_FILTER]:
        value = (value or "").strip().lower()
        if pattern.match(value) and value not in cleaned:
            cleaned.append(value)
    return cleaned


def _float(raw, low, high):
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    if math.isnan(value) or not low <= value <= high:
        return None
    return value


@dataclass
class DirectoryQuery:
    """What the resident asked for, cleaned. Unknown values are kept: they simply match nothing."""

    text: str = ""
    categories: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    municipality: str = ""
    wijk: str = ""
    language: str = ""
    free: bool = False
    today: bool = False
    evening: bool = False
    weekend: bool = False
    accessible: bool = False
    sort: str = ""
    near: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @classmethod
    def from_querydict(cls, data):
        municipality = clean_text(data.get("gemeente"))[:100]
        language = _slugs([data.get("taal", "")], LANGUAGE_RE)
        wijk = _slugs([data.get("wijk", "")])
        near = _slugs([data.get("bij", "")])
        sort = data.get("sorteer", "")
        return cls(
            text=clean_text(data.get("q")),
            categories=_slugs(data.getlist("categorie")),
            target_groups=_slugs(data.getlist("doelgroep")),
            municipality=municipality,
            wijk=wijk[0] if wijk else "",
            language=language[0] if language else "",
            free=bool(data.get("gratis")),
            today=bool(data.get("vandaag")),
            evening=bool(data.get("avond")),
            weekend=bool(data.get("weekend")),
            accessible=bool(data.get("toegankelijk")),
            sort=sort if sort in (SORT_RELEVANCE, SORT_DISTANCE, SORT_NAME) else "",
            near=near[0] if near else "",
            latitude=_float(data.get("lat"), -90, 90),
            longitude=_float(data.get("lon"), -180, 180),
        )

    @property
    def has_filters(self):
        return bool(
            self.categories
            or self.target_groups
            or self.municipality
            or self.wijk
            or self.language
            or any(getattr(self, name) for name in BOOLEAN_FILTERS)
        )

    @property
    def is_empty(self):
        return not self.text and not self.has_filters


# --- The filters as query expressions --------------------------------------------------------


# Non-correlated "id IN (subquery)" filters: the database evaluates each subquery once (a hashed
# semi-join), where a correlated EXISTS would run once per service.


def _at_location(**lookups):
    return Q(pk__in=ServiceLocation.objects.filter(location__live=True, **lookups).values("service_id"))


def category_filter(slugs):
    through = Service.categories.through
    return Q(pk__in=through.objects.filter(category__slug__in=slugs).values("service_id"))


def target_group_filter(slugs):
    through = Service.target_groups.through
    return Q(pk__in=through.objects.filter(targetgroup__slug__in=slugs).values("service_id"))


def language_filter(code):
    through = Service.languages.through
    return Q(pk__in=through.objects.filter(language__code=code).values("service_id"))


def municipality_filter(name):
    # Help by phone or online counts as available in every municipality and wijk.
    return _at_location(location__municipality__iexact=name) | Q(is_remote=True)


def wijk_filter(slug):
    return _at_location(location__neighbourhood__slug=slug) | Q(is_remote=True)


def accessible_filter():
    return _at_location(location__wheelchair_accessible=True)


def _open_filter(weekdays=None, after=None):
    """Open on one of weekdays and/or after a time: by the service's own schedule, or, for a
    service without one, by the opening hours of its locations (as ServiceQuerySet.open_on)."""
    from .models import ServiceSchedule

    lookups = {}
    if weekdays is not None:
        lookups["weekday__in"] = weekdays
    if after is not None:
        lookups["closes_at__gt"] = after
    with_own_schedule = ServiceSchedule.objects.values("service_id")
    own_match = ServiceSchedule.objects.filter(**lookups).values("service_id")
    location_match = ServiceLocation.objects.filter(
        location__live=True, **{f"location__schedules__{key}": value for key, value in lookups.items()}
    ).values("service_id")
    return Q(pk__in=own_match) | (~Q(pk__in=with_own_schedule) & Q(pk__in=location_match))


def today_filter():
    return _open_filter(weekdays=[timezone.localdate().isoweekday()])


def evening_filter():
    return _open_filter(after=EVENING_STARTS)


def weekend_filter():
    return _open_filter(weekdays=WEEKEND_DAYS)


BOOLEAN_Q = {
    "free": lambda: Q(cost=Service.Cost.FREE),
    "today": today_filter,
    "evening": evening_filter,
    "weekend": weekend_filter,
    "accessible": accessible_filter,
}


def filters_for(query, leave_out=None):
    """Every active filter of query as a Q, except the one named in leave_out (for facets)."""
    q = Q()
    if query.categories and leave_out != "categories":
        q &= category_filter(query.categories)
    if query.target_groups and leave_out != "target_groups":
        q &= target_group_filter(query.target_groups)
    if query.language and leave_out != "language":
        q &= language_filter(query.language)
    if query.municipality and leave_out != "municipality":
        q &= municipality_filter(query.municipality)
    if query.wijk and leave_out != "wijk":
        q &= wijk_filter(query.wijk)
    for name in BOOLEAN_FILTERS:
        if getattr(query, name) and leave_out != name:
            q &= BOOLEAN_Q[name]()
    return q


# --- Text search -----------------------------------------------------------------------------


def visible_services(locale):
    """Services residents may see in this language: its own, plus untranslated Dutch ones."""
    default = Locale.get_default()
    qs = Service.objects.filter(live=True, status=Service.Status.ACTIVE)
    if locale.pk == default.pk:
        return qs.filter(locale=locale)
    translated = Service.objects.filter(translation_key=OuterRef("translation_key"), locale=locale, live=True)
    return qs.filter(Q(locale=locale) | (Q(locale=default) & ~Exists(translated)))


def ranked_ids(text, locale):
    """Ids of the services matching text, best first (at most MAX_TEXT_HITS); never raises.

    All words must match; if nothing does, any word may. The database backends give a queryset:
    we read the matches in one query and rank them ourselves (words in the name count most,
    then the short description), which is much faster than their per-row score. Elasticsearch
    ranks itself. If the search backend fails we fall back to a substring match, so residents
    always get an answer.
    """
    terms = search_terms(text)
    if not terms:
        return []
    default = Locale.get_default()
    searchable = Service.objects.filter(
        live=True, status=Service.Status.ACTIVE, locale_id__in={locale.pk, default.pk}
    )
    try:
        backend = get_search_backend()
        for operator in ("and", "or"):
            results = backend.search(terms, searchable, operator=operator)
            get_queryset = getattr(results, "get_queryset", None)
            if get_queryset is not None:
                rows = get_queryset().order_by().values_list("pk", "name", "short_description")
                ids = _rank(list(rows[:MAX_TEXT_HITS]), terms)
            else:
                ids = [obj.pk for obj in results[:MAX_RANKED_HITS]]
            if ids:
                return ids
        return []
    except Exception:  # noqa: BLE001 - a broken search backend must not break the page
        logger.warning("Directory search failed; falling back to a substring match", exc_info=True)
    q = Q()
    for word in terms.split()[:10]:
        q &= (
            Q(name__icontains=word)
            | Q(short_description__icontains=word)
            | Q(description__icontains=word)
            | Q(categories__name__icontains=word)
        )
    rows = searchable.filter(q).distinct().values_list("pk", "name", "short_description")
    return _rank(list(rows[:MAX_TEXT_HITS]), terms)


def _rank(rows, terms):
    words = [word.lower() for word in terms.split()]

    def score(row):
        _pk, name, short = row
        name, short = name.lower(), short.lower()
        return (
            -(3 * sum(word in name for word in words) + sum(word in short for word in words)),
            name,
            _pk,
        )

    return [row[0] for row in sorted(rows, key=score)]


class RankedResults:
    """Services in a given order of ids, loaded one page at a time (for Paginator)."""

    def __init__(self, ids, queryset):
        self.ids = ids
        self.queryset = queryset

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, key):
        ids = self.ids[key] if isinstance(key, slice) else [self.ids[key]]
        objects = {obj.pk: obj for obj in self.queryset.filter(pk__in=ids)}
        ordered = [objects[pk] for pk in ids if pk in objects]
        return ordered if isinstance(key, slice) else ordered[0]

    def select_related(self, *fields):
        return RankedResults(self.ids, self.queryset.select_related(*fields))

    def prefetch_related(self, *lookups):
        return RankedResults(self.ids, self.queryset.prefetch_related(*lookups))


# --- Distance --------------------------------------------------------------------------------


def distance_expression(latitude, longitude):
    """Squared distance in degrees (equirectangular), enough to sort by within a region."""
    k = math.cos(math.radians(latitude))
    d2 = (F("location__latitude") - Value(latitude)) * (F("location__latitude") - Value(latitude)) + (
        F("location__longitude") - Value(longitude)
    ) * (F("location__longitude") - Value(longitude)) * Value(k * k)
    nearest = (
        ServiceLocation.objects.filter(
            service=OuterRef("pk"), location__live=True, location__latitude__isnull=False
        )
        .annotate(d2=d2)
        .order_by("d2")
        .values("d2")[:1]
    )
    return Subquery(nearest, output_field=FloatField())


# --- Putting it together ---------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class DirectorySearch:
    query: DirectoryQuery
    locale: Locale
    results: object = None  # ordered queryset of Service
    facets: dict = field(default_factory=dict)
    origin: tuple | None = None
    origin_label: str = ""
    sort: str = SORT_NAME
    neighbourhoods: list = field(default_factory=list)


def run(query, locale):
    """The results queryset (unevaluated; paginate it) and the facets."""
    search = DirectorySearch(query=query, locale=locale)
    visible = visible_services(locale)
    if query.text:
        matched = ranked_ids(query.text, locale)
        base = visible.filter(pk__in=matched)
    else:
        matched = None
        base = visible

    neighbourhoods = list(Neighbourhood.objects.order_by("municipality", "name"))
    search.neighbourhoods = neighbourhoods
    search.origin, search.origin_label = _origin(query, neighbourhoods)

    filtered = base.filter(filters_for(query))
    sort = query.sort or (SORT_RELEVANCE if matched is not None else SORT_NAME)
    if sort == SORT_DISTANCE and search.origin is None:
        sort = SORT_RELEVANCE if matched is not None else SORT_NAME
    if sort == SORT_RELEVANCE and matched is None:
        sort = SORT_NAME
    search.sort = sort

    if sort == SORT_DISTANCE:
        lat, lon = search.origin
        results = filtered.annotate(distance_d2=distance_expression(lat, lon)).order_by(
            F("distance_d2").asc(nulls_last=True), "name", "pk"
        )
    elif sort == SORT_RELEVANCE:
        keep = set(filtered.values_list("pk", flat=True))
        results = RankedResults([pk for pk in matched if pk in keep], Service.objects.all())
    else:
        results = filtered.order_by("name", "pk")
    search.results = results.select_related("organisation")
    search.facets = facets(query, base, locale, neighbourhoods)
    return search


def _origin(query, neighbourhoods):
    if query.latitude is not None and query.longitude is not None:
        return (query.latitude, query.longitude), ""
    slug = query.near or query.wijk
    for neighbourhood in neighbourhoods:
        if neighbourhood.slug == slug:
            return (neighbourhood.latitude, neighbourhood.longitude), neighbourhood.name
    return None, ""


def _terms(model, locale):
    """Terms in the visitor's language, falling back to Dutch for untranslated ones, by slug."""
    default = Locale.get_default()
    by_key = {}
    for term in model.objects.filter(locale_id__in={locale.pk, default.pk}):
        if term.translation_key not in by_key or term.locale_id == locale.pk:
            by_key[term.translation_key] = term
    return sorted(by_key.values(), key=lambda term: (term.sort_order, term.name))


def facets(query, base, locale, neighbourhoods):
    """Counts per option: how many results there would be with that option chosen."""
    result = {}

    def others(leave_out):
        return base.filter(filters_for(query, leave_out=leave_out))

    # Categories and target groups: several may be chosen (either one).
    for name, model, through_field in (
        ("categories", Category, "category"),
        ("target_groups", TargetGroup, "targetgroup"),
    ):
        through = getattr(Service, name).through
        counts = dict(
            through.objects.filter(service__in=others(name).values("pk"))
            .values_list(f"{through_field}__slug")
            .annotate(n=Count("service", distinct=True))
            .order_by()
        )
        chosen = getattr(query, name)
        result[name] = [
            FacetOption(term.slug, term.name, counts.get(term.slug, 0), term.slug in chosen)
            for term in _terms(model, locale)
        ]

    through = Service.languages.through
    counts = dict(
        through.objects.filter(service__in=others("language").values("pk"))
        .values_list("language__code")
        .annotate(n=Count("service", distinct=True))
        .order_by()
    )
    seen = set()
    languages = []
    for language in _language_terms(locale):
        if language.code in seen:
            continue
        seen.add(language.code)
        languages.append(
            FacetOption(
                language.code, language.name, counts.get(language.code, 0), query.language == language.code
            )
        )
    result["language"] = languages

    # Municipalities and wijken: services there, plus those by phone or online.
    municipalities = sorted(
        set(Location.objects.filter(live=True).values_list("municipality", flat=True).distinct())
        | {n.municipality for n in neighbourhoods}
    )
    rest = others("municipality")
    remote = rest.filter(is_remote=True).count()
    counts = dict(
        ServiceLocation.objects.filter(
            service__in=rest.filter(is_remote=False).values("pk"), location__live=True
        )
        .values_list("location__municipality")
        .annotate(n=Count("service", distinct=True))
        .order_by()
    )
    counts = {key.lower(): value for key, value in counts.items()}
    result["municipality"] = [
        FacetOption(
            name, name, counts.get(name.lower(), 0) + remote, query.municipality.lower() == name.lower()
        )
        for name in municipalities
    ]

    rest = others("wijk")
    remote = rest.filter(is_remote=True).count()
    counts = dict(
        ServiceLocation.objects.filter(
            service__in=rest.filter(is_remote=False).values("pk"),
            location__live=True,
            location__neighbourhood__isnull=False,
        )
        .values_list("location__neighbourhood__slug")
        .annotate(n=Count("service", distinct=True))
        .order_by()
    )
    result["wijk"] = [
        FacetOption(
            n.slug, f"{n.name} ({n.municipality})", counts.get(n.slug, 0) + remote, query.wijk == n.slug
        )
        for n in neighbourhoods
        if not query.municipality or n.municipality.lower() == query.municipality.lower()
    ]

    # Yes/no filters: results with everything chosen now, plus this one.
    current = base.filter(filters_for(query))
    aggregates = current.aggregate(
        total=Count("pk"),
        **{name: Count("pk", filter=BOOLEAN_Q[name]()) for name in BOOLEAN_FILTERS},
    )
    result["total"] = aggregates.pop("total")
    result["boolean"] = {name: aggregates[name] for name in BOOLEAN_FILTERS}
    return result


def _language_terms(locale):
    default = Locale.get_default()
    languages = {}
    for language in Language.objects.filter(locale_id__in={locale.pk, default.pk}):
        if language.code not in languages or language.locale_id == locale.pk:
            languages[language.code] = language
    return sorted(languages.values(), key=lambda language: (language.sort_order, language.name))


def distance_km(service, origin):
    """Kilometres from origin to the nearest location of service (locations prefetched)."""
    if origin is None:
        return None
    lat0, lon0 = origin
    k = math.cos(math.radians(lat0))
    best = None
    for location in service.locations:
        if location.latitude is None:
            continue
        d = math.hypot(location.latitude - lat0, (location.longitude - lon0) * k) * KM_PER_DEGREE
        best = d if best is None else min(best, d)
    return best
