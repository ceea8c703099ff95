"""The directory's filter facts in memory, so a search with facet counts costs a few queries.

Counting facets in SQL took a dozen grouped queries per results page, and over 10,000 services a
p95 above 100 ms on PostgreSQL. Instead each process keeps, per language, one bitmask per filter
option: bit i is set when the i-th visible service (in name order) has that option. A filter is a
bitwise AND of masks, a facet count a popcount; both take microseconds.

The index is rebuilt when the directory changes. Every save or delete of directory data writes a
new random token to `DirectoryState` in the same transaction as the change, so every process
sees the new token exactly when it sees the new data, and a rolled-back change brings back the old
token together with the old data. Reading the token is one primary-key query per search.
"""

import difflib
import logging
import math
import re
import threading
import time
import uuid
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Locale

logger = logging.getLogger(__name__)

SEARCHES_KEPT = 500
SEARCH_SECONDS = 300


def mask_of(positions, size):
    """A bitmask (a Python int) with the given bit positions set."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def positions_of(mask):
    """The set bits of mask, lowest first."""
    # bin() is implemented in C: scanning its digits beats shifting a 10,000-bit int bit by bit.
    digits = bin(mask)[:1:-1]
    return [position for position, digit in enumerate(digits) if digit == "1"]


@dataclass
class FacetIndex:
    """What the filters need to know about the services visible in one language."""

    ids: list  # position -> service pk, in (name, pk) order
    positions: dict  # service pk -> position
    everything: int
    remote: int
    options: dict  # facet -> option value -> mask (municipalities lower-cased)
    boolean: dict  # free, evening, weekend, accessible -> mask
    weekdays: dict  # ISO weekday -> mask of services open that day
    coordinates: list  # position -> tuple of (latitude, longitude) of its live locations
    terms: dict = field(default_factory=dict)  # facet -> [(value, label)] in display order
    neighbourhoods: list = field(default_factory=list)
    vocabulary: frozenset = frozenset()  # words of the services' names and summaries, for spelling
    searches: OrderedDict = field(default_factory=OrderedDict)  # recent text searches, see below

    def remembered(self, text, search):
        """Ranked ids for text: popular searches ("eten", "koffie") are answered from memory.

        Kept with this index, so they are forgotten when the directory changes; at most
        SEARCHES_KEPT of them and for SEARCH_SECONDS, so that results from the substring fallback
        (search backend down) do not outlive the outage by long.
        """
        now = time.monotonic()
        hit = self.searches.get(text)
        if hit is not None and hit[0] > now:
            self.searches.move_to_end(text)
            return hit[1]
        ids = search(text)
        self.searches[text] = (now + SEARCH_SECONDS, ids)
        while len(self.searches) > SEARCHES_KEPT:
            self.searches.popitem(last=False)
        return ids

    @property
    def size(self):
        return len(self.ids)

    def mask_of_ids(self, ids):
        positions = self.positions
        return mask_of((positions[pk] for pk in ids if pk in positions), self.size)

    def option(self, facet, value):
        return self.options[facet].get(value, 0)

    def any_of(self, facet, values):
        mask = 0
        for value in values:
            mask |= self.option(facet, value)
        return mask


# --- Building ----------------------------------------------------------------------------------


def build(locale):
    """Read the directory for one language: a fixed number of queries, whatever its size."""
    from . import finder
    from .models import (
        Category,
        Location,
        LocationSchedule,
        Neighbourhood,
        Service,
        ServiceLocation,
        ServiceSchedule,
        TargetGroup,
    )

    rows = list(
        finder.visible_services(locale)
        .order_by("name", "pk")
        .values_list("pk", "is_remote", "cost", "name", "short_description")
    )
    ids = [row[0] for row in rows]
    positions = {pk: position for position, pk in enumerate(ids)}
    size = len(ids)

    def collect(pairs):
        """{value: [positions]} from (service pk, value) pairs of visible services."""
        found = defaultdict(list)
        for pk, value in pairs:
            position = positions.get(pk)
            if position is not None and value is not None:
                found[value].append(position)
        return found

    def masks(found):
        return {value: mask_of(places, size) for value, places in found.items()}

    def through(relation, value):
        return masks(collect(relation.through.objects.values_list("service_id", value)))

    options = {
        "categories": through(Service.categories, "category__slug"),
        "target_groups": through(Service.target_groups, "targetgroup__slug"),
        "language": through(Service.languages, "language__code"),
    }

    municipalities, wijken, accessible = defaultdict(list), defaultdict(list), []
    coordinates = [() for _ in range(size)]
    locations_of = defaultdict(list)
    places = ServiceLocation.objects.filter(location__live=True).values_list(
        "service_id",
        "location_id",
        "location__municipality",
        "location__neighbourhood__slug",
        "location__wheelchair_accessible",
        "location__latitude",
        "location__longitude",
    )
    for pk, location_id, municipality, wijk, wheelchair, latitude, longitude in places:
        position = positions.get(pk)
        if position is None:
            continue
        locations_of[position].append(location_id)
        if municipality:
            municipalities[municipality.lower()].append(position)
        if wijk:
            wijken[wijk].append(position)
        if wheelchair:
            accessible.append(position)
        if latitude is not None and longitude is not None:
            coordinates[position] += ((latitude, longitude),)
    options["municipality"] = masks(municipalities)
    options["wijk"] = masks(wijken)

    # Opening hours: a service's own schedule counts; one without is open when a location is.
    hours = defaultdict(list)
    for pk, weekday, closes_at in ServiceSchedule.objects.values_list("service_id", "weekday", "closes_at"):
        position = positions.get(pk)
        if position is not None:
            hours[position].append((weekday, closes_at))
    location_hours = defaultdict(list)
    for location_id, weekday, closes_at in LocationSchedule.objects.values_list(
        "location_id", "weekday", "closes_at"
    ):
        location_hours[location_id].append((weekday, closes_at))
    for position, location_ids in locations_of.items():
        if position not in hours:
            opening = [slot for location_id in location_ids for slot in location_hours.get(location_id, ())]
            if opening:
                hours[position] = opening

    from .managers import EVENING_STARTS, WEEKEND_DAYS

    weekdays, evening, weekend = defaultdict(list), [], []
    for position, slots in hours.items():
        days = {weekday for weekday, _closes in slots}
        for weekday in days:
            weekdays[weekday].append(position)
        if any(closes is not None and closes > EVENING_STARTS for _day, closes in slots):
            evening.append(position)
        if days & set(WEEKEND_DAYS):
            weekend.append(position)

    neighbourhoods = list(Neighbourhood.objects.order_by("municipality", "name"))
    municipality_names = sorted(
        set(Location.objects.filter(live=True).values_list("municipality", flat=True).distinct())
        | {neighbourhood.municipality for neighbourhood in neighbourhoods}
    )
    index = FacetIndex(
        ids=ids,
        positions=positions,
        everything=(1 << size) - 1,
        remote=mask_of((positions[row[0]] for row in rows if row[1]), size),
        options=options,
        boolean={
            "free": mask_of((positions[row[0]] for row in rows if row[2] == Service.Cost.FREE), size),
            "evening": mask_of(evening, size),
            "weekend": mask_of(weekend, size),
            "accessible": mask_of(accessible, size),
        },
        weekdays={weekday: mask_of(places, size) for weekday, places in weekdays.items()},
        coordinates=coordinates,
        neighbourhoods=neighbourhoods,
    )
    index.terms = {
        "categories": [(term.slug, term.name) for term in finder.terms_in(Category, locale)],
        "target_groups": [(term.slug, term.name) for term in finder.terms_in(TargetGroup, locale)],
        "language": [(language.code, language.name) for language in finder.language_terms(locale)],
        "municipality": [(name, name) for name in municipality_names if name],
    }
    texts = [text for row in rows for text in row[3:]]
    texts += [label for facet in ("categories", "target_groups") for _value, label in index.terms[facet]]
    index.vocabulary = frozenset(word for text in texts for word in words_of(text) if len(word) >= MIN_WORD)
    return index


# Words shorter than this are not corrected: too many near neighbours.
MIN_WORD = 4
WORD_RE = re.compile(r"[^\W\d_]+")


def words_of(text):
    return WORD_RE.findall((text or "").lower())


def corrected(text, vocabulary):
    """text with each unknown word replaced by the closest known word, or "" when nothing changed."""
    changed = False
    words = []
    for word in words_of(text):
        if len(word) >= MIN_WORD and word not in vocabulary:
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.8)
            if close:
                word, changed = close[0], True
        words.append(word)
    return " ".join(words) if changed else ""


# --- Keeping it current ------------------------------------------------------------------------


_memo = {}
_lock = threading.Lock()


def current_token():
    from .models import DirectoryState

    return DirectoryState.objects.filter(pk=DirectoryState.SINGLETON).values_list("token", flat=True).first()


def get(locale=None):
    """The index for locale (default: the active language), rebuilt when the directory changed."""
    locale = locale or Locale.get_active()
    token = current_token()
    if token is not None:
        memo = _memo.get(locale.pk)
        if memo is not None and memo[0] == token:
            return memo[1]
    index = build(locale)
    if token is not None:
        with _lock:
            _memo[locale.pk] = (token, index)
    return index


def directory_changed(**kwargs):
    """Give the directory a new version; indexes built for the old one are no longer used.

    Pages show directory data too (service pages, the directory, a coalition's partners), so the
    content generation is replaced as well: bulk changes send no signals the page cache sees.
    """
    from home.generation import invalidate

    from .models import DirectoryState

    invalidate()
    token = uuid.uuid4()
    if not DirectoryState.objects.filter(pk=DirectoryState.SINGLETON).update(token=token):
        DirectoryState.objects.update_or_create(pk=DirectoryState.SINGLETON, defaults={"token": token})


def connect_signals():
    from .models import (
        Category,
        Language,
        Location,
        LocationSchedule,
        Neighbourhood,
        Service,
        ServiceLocation,
        ServiceSchedule,
        TargetGroup,
    )

    for model in (
        Service,
        Location,
        ServiceLocation,
        ServiceSchedule,
        LocationSchedule,
        Category,
        TargetGroup,
        Language,
        Neighbourhood,
    ):
        name = model.__name__
        post_save.connect(directory_changed, sender=model, dispatch_uid=f"facetindex-save-{name}")
        post_delete.connect(directory_changed, sender=model, dispatch_uid=f"facetindex-delete-{name}")
    for relation in (Service.categories, Service.target_groups, Service.languages):
        m2m_changed.connect(
            directory_changed, sender=relation.through, dispatch_uid=f"facetindex-m2m-{relation.field.name}"
        )


# --- Distance ----------------------------------------------------------------------------------


def nearest_squared(coordinates, origin):
    """Squared distance in degrees (equirectangular) to the nearest of coordinates, or None."""
    if not coordinates:
        return None
    latitude, longitude = origin
    k = math.cos(math.radians(latitude))
    return min((lat - latitude) ** 2 + ((lon - longitude) * k) ** 2 for lat, lon in coordinates)
