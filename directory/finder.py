"""Searching and filtering the directory: parse the GET form, query, count facets, sort.

Filters, facet counts and sorting run on an in-memory index of the directory (facetindex.py);
the database answers the text search and loads the one page of results shown. So a results page
costs the same few queries for 40 services or 10,000.
"""

import logging
import math
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from . import facetindex
from .models import Language, Service

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


# --- Text search -----------------------------------------------------------------------------


def default_locale(locale=None):
    """The site's default language, without a query when locale already is it."""
    default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    if locale is not None and locale.language_code == default_code:
        return locale
    return Locale.get_default()


def visible_services(locale):
    """Services residents may see in this language: its own, plus untranslated Dutch ones."""
    default = default_locale(locale)
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
    default = default_locale(locale)
    searchable = Service.objects.filter(
        live=True, status=Service.Status.ACTIVE, locale_id__in={locale.pk, default.pk}
    )
    try:
        backend = get_search_backend()
        # With one word "any word" is "all words": one query is enough.
        for operator in ("and", "or") if len(terms.split()) > 1 else ("and",):
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
    results: object = None  # RankedResults of Service, in display order
    facets: dict = field(default_factory=dict)
    origin: tuple | None = None
    origin_label: str = ""
    sort: str = SORT_NAME
    neighbourhoods: list = field(default_factory=list)
    corrected_text: str = ""  # what we searched for instead, when the words had typos


def filter_mask(index, query, leave_out=None):
    """The services matching every active filter of query, except the one named in leave_out."""
    mask = index.everything
    for facet in ("categories", "target_groups"):
        chosen = getattr(query, facet)
        if chosen and leave_out != facet:  # several may be chosen: either one
            mask &= index.any_of(facet, chosen)
    if query.language and leave_out != "language":
        mask &= index.option("language", query.language)
    # Help by phone or online counts as available in every municipality and wijk.
    if query.municipality and leave_out != "municipality":
        mask &= index.option("municipality", query.municipality.lower()) | index.remote
    if query.wijk and leave_out != "wijk":
        mask &= index.option("wijk", query.wijk) | index.remote
    for name in BOOLEAN_FILTERS:
        if getattr(query, name) and leave_out != name:
            mask &= boolean_mask(index, name)
    return mask


def boolean_mask(index, name):
    if name == "today":
        return index.weekdays.get(timezone.localdate().isoweekday(), 0)
    return index.boolean[name]


def matching_ids(text, locale, index=None):
    """Ranked ids for text from the facet index's memory of recent searches (see ranked_ids)."""
    index = index or facetindex.get(locale)
    return index.remembered(text, lambda words: ranked_ids(words, locale))


def visible_matching_ids(text, locale):
    """The visible services matching text, best first: the site search's part of the directory."""
    index = facetindex.get(locale)
    return [pk for pk in matching_ids(text, locale, index) if pk in index.positions]


def run(query, locale):
    """The results in display order (load them a page at a time) and the facets."""
    index = facetindex.get(locale)
    search = DirectorySearch(query=query, locale=locale, neighbourhoods=index.neighbourhoods)
    if query.text:
        matched = matching_ids(query.text, locale, index)
        if not matched:
            # Typos: no backend here tolerates them cheaply (PostgreSQL's trigram search takes
            # seconds over 10,000 services), so correct the words against the directory's own.
            search.corrected_text = facetindex.corrected(query.text, index.vocabulary)
            if search.corrected_text:
                matched = matching_ids(search.corrected_text, locale, index)
        base = index.everything & index.mask_of_ids(matched)
    else:
        matched = None
        base = index.everything
    search.origin, search.origin_label = _origin(query, index.neighbourhoods)

    current = base & filter_mask(index, query)
    sort = query.sort or (SORT_RELEVANCE if matched is not None else SORT_NAME)
    if sort == SORT_DISTANCE and search.origin is None:
        sort = SORT_RELEVANCE if matched is not None else SORT_NAME
    if sort == SORT_RELEVANCE and matched is None:
        sort = SORT_NAME
    search.sort = sort

    if sort == SORT_RELEVANCE:
        keep = set(facetindex.positions_of(current))
        ids = [pk for pk in matched if index.positions.get(pk) in keep]
    else:
        # Positions are in name order already.
        found = facetindex.positions_of(current)
        if sort == SORT_DISTANCE:
            origin = search.origin
            distances = {p: facetindex.nearest_squared(index.coordinates[p], origin) for p in found}
            found.sort(key=lambda p: (distances[p] is None, distances[p] or 0.0, p))
        ids = [index.ids[position] for position in found]
    search.results = RankedResults(ids, Service.objects.select_related("organisation"))
    search.facets = facets(query, index, base, current)
    return search


def _origin(query, neighbourhoods):
    if query.latitude is not None and query.longitude is not None:
        return (query.latitude, query.longitude), ""
    slug = query.near or query.wijk
    for neighbourhood in neighbourhoods:
        if neighbourhood.slug == slug:
            return (neighbourhood.latitude, neighbourhood.longitude), neighbourhood.name
    return None, ""


def terms_in(model, locale):
    """Terms in the visitor's language, falling back to Dutch for untranslated ones, by slug."""
    default = default_locale(locale)
    by_key = {}
    for term in model.objects.filter(locale_id__in={locale.pk, default.pk}):
        if term.translation_key not in by_key or term.locale_id == locale.pk:
            by_key[term.translation_key] = term
    return sorted(by_key.values(), key=lambda term: (term.sort_order, term.name))


def facets(query, index, base, current):
    """Counts per option: how many results there would be with that option chosen."""
    result = {}
    for facet in ("categories", "target_groups", "language"):
        others = base & filter_mask(index, query, leave_out=facet)
        chosen = query.language if facet == "language" else getattr(query, facet)
        result[facet] = [
            FacetOption(value, label, (others & index.option(facet, value)).bit_count(), value in chosen)
            for value, label in index.terms[facet]
        ]

    # Municipalities and wijken: services there, plus those by phone or online.
    others = base & filter_mask(index, query, leave_out="municipality")
    chosen = query.municipality.lower()
    result["municipality"] = [
        FacetOption(
            name,
            label,
            (others & (index.option("municipality", name.lower()) | index.remote)).bit_count(),
            chosen == name.lower(),
        )
        for name, label in index.terms["municipality"]
    ]
    others = base & filter_mask(index, query, leave_out="wijk")
    result["wijk"] = [
        FacetOption(
            n.slug,
            f"{n.name} ({n.municipality})",
            (others & (index.option("wijk", n.slug) | index.remote)).bit_count(),
            query.wijk == n.slug,
        )
        for n in index.neighbourhoods
        if not query.municipality or n.municipality.lower() == chosen
    ]

    # Yes/no filters: results with everything chosen now, plus this one.
    result["total"] = current.bit_count()
    result["boolean"] = {name: (current & boolean_mask(index, name)).bit_count() for name in BOOLEAN_FILTERS}
    return result


def language_terms(locale):
    default = default_locale(locale)
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
