"""The in-memory facet index (directory/facetindex.py) follows every change to the directory."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from directory import facetindex, finder
from directory.factories import LocationFactory, LocationScheduleFactory, ServiceFactory
from directory.models import Category, DirectoryState, Service
from tests.directory_helpers import TUESDAY, build_directory


@pytest.fixture
def directory(home_page, monkeypatch):
    monkeypatch.setattr(finder.timezone, "localdate", lambda: TUESDAY)
    return build_directory(home_page)


def search(client, directory, **params):
    response = client.get(directory.url, params)
    assert response.status_code == 200
    return response


def names(response):
    return {item["service"].name for item in response.context["results"]}


def count(response, facet, value):
    return next(option.count for option in response.context["facets"][facet] if option.value == value)


def test_bitmask_helpers_round_trip():
    positions = [0, 3, 7, 8, 63, 64, 999]
    mask = facetindex.mask_of(positions, 1000)
    assert facetindex.positions_of(mask) == positions
    assert mask.bit_count() == len(positions)
    assert facetindex.positions_of(0) == []


def test_the_index_is_reused_until_the_directory_changes(client, directory):
    search(client, directory)
    token = facetindex.current_token()
    locale = directory.page.locale
    first = facetindex.get(locale)
    assert facetindex.get(locale) is first  # one token query, no rebuild
    ServiceFactory(name="Nieuwe eettafel", categories=list(directory.eten.categories.all()))
    assert facetindex.current_token() != token
    assert facetindex.get(locale) is not first


def test_a_published_service_shows_at_once_with_its_counts(client, directory):
    before = search(client, directory, categorie="samen-eten")
    assert count(before, "categories", "samen-eten") == 2
    service = ServiceFactory(
        name="Eettafel Sterrenburg",
        live=False,
        categories=list(directory.eten.categories.all()),
        locations=[LocationFactory(municipality="Dordrecht", neighbourhood=directory.crabbehof)],
    )
    assert "Eettafel Sterrenburg" not in names(search(client, directory, categorie="samen-eten"))
    service.save_revision().publish()
    after = search(client, directory, categorie="samen-eten")
    assert "Eettafel Sterrenburg" in names(after)
    assert count(after, "categories", "samen-eten") == 3
    assert count(after, "wijk", "dordrecht-crabbehof") == 2  # eten and the new one


def test_unpublishing_and_deactivating_remove_a_service(client, directory):
    directory.koffie.save_revision().publish()
    directory.koffie.refresh_from_db()
    directory.koffie.unpublish()
    assert directory.koffie.name not in names(search(client, directory))
    directory.bezoek.status = Service.Status.INACTIVE
    directory.bezoek.save()
    response = search(client, directory)
    assert directory.bezoek.name not in names(response)
    assert response.context["facets"]["total"] == 3


def test_changed_categories_change_the_counts(client, directory):
    assert count(search(client, directory), "categories", "huisbezoek") == 1
    huisbezoek = Category.objects.get(slug="huisbezoek", locale=directory.page.locale)
    directory.koffie.categories.add(huisbezoek)  # ParentalManyToManyField: stored on save
    directory.koffie.save()
    response = search(client, directory, categorie="huisbezoek")
    assert names(response) == {directory.bezoek.name, directory.koffie.name}
    assert count(response, "categories", "huisbezoek") == 2


def test_changed_opening_hours_change_open_today(client, directory):
    # Tuesday: the Barendrecht coffee morning is on Wednesdays only.
    assert directory.koffie.name not in names(search(client, directory, vandaag="1"))
    directory.koffie.schedules.all().delete()
    location = directory.koffie.service_locations.get().location
    LocationScheduleFactory(
        location=location, weekday=2, opens_at=datetime.time(19), closes_at=datetime.time(21)
    )
    response = search(client, directory, vandaag="1", avond="1")
    assert directory.koffie.name in names(response)


def test_a_rolled_back_change_leaves_no_trace(client, directory):
    search(client, directory)
    with transaction.atomic():
        ServiceFactory(name="Bijna eettafel", categories=list(directory.eten.categories.all()))
        assert "Bijna eettafel" in names(search(client, directory))
        transaction.set_rollback(True)
    response = search(client, directory)
    assert "Bijna eettafel" not in names(response)
    assert response.context["facets"]["total"] == 5


def test_without_a_version_row_every_search_reads_the_database(client, directory):
    DirectoryState.objects.all().delete()
    assert facetindex.current_token() is None
    assert search(client, directory).context["facets"]["total"] == 5
    ServiceFactory(name="Weer een eettafel")  # a change recreates the row
    assert facetindex.current_token() is not None
    assert search(client, directory).context["facets"]["total"] == 6


def test_generated_directory_is_seen_without_signals(client, directory):
    search(client, directory)
    call_command("generate_directory", services=25, no_index=True, stdout=io.StringIO())
    assert search(client, directory).context["facets"]["total"] == 30


def test_a_typo_is_corrected_against_the_directory_words(client, directory):
    response = search(client, directory, q="maaltijt")
    assert directory.maaltijd.name in names(response)
    assert response.context["search"].corrected_text == "maaltijd"
    assert "We tonen resultaten voor “maaltijd”" in response.content.decode()


def test_known_words_and_gibberish_are_not_corrected(client, directory):
    response = search(client, directory, q="maaltijd")
    assert response.context["search"].corrected_text == ""
    response = search(client, directory, q="xyzzyqwv")
    assert response.context["search"].corrected_text == ""
    assert names(response) == set()


def test_corrected_keeps_short_and_known_words():
    vocabulary = frozenset({"maaltijd", "koffie", "buurthuis"})
    assert facetindex.corrected("warme maaltijt", vocabulary) == "warme maaltijd"
    assert facetindex.corrected("kofie in het buurthuis", vocabulary) == "koffie in het buurthuis"
    assert facetindex.corrected("koffie", vocabulary) == ""
    assert facetindex.corrected("eet", vocabulary) == ""


def test_a_repeated_search_is_answered_from_memory_until_the_directory_changes(
    client, directory, monkeypatch
):
    calls = []
    real = finder.ranked_ids
    monkeypatch.setattr(finder, "ranked_ids", lambda text, locale: calls.append(text) or real(text, locale))
    search(client, directory, q="maaltijd")
    # Filters work on the remembered matches: the Feijenoord meal costs € 3,50.
    assert directory.maaltijd.name not in names(search(client, directory, q="maaltijd", gratis="1"))
    assert directory.maaltijd.name in names(search(client, directory, q="maaltijd"))
    assert calls == ["maaltijd"]
    ServiceFactory(name="Maaltijd aan huis", short_description="Een warme maaltijd aan huis.")
    assert "Maaltijd aan huis" in names(search(client, directory, q="maaltijd"))
    assert calls == ["maaltijd", "maaltijd"]


def test_remembered_searches_expire(monkeypatch):
    index = facetindex.FacetIndex(
        ids=[], positions={}, everything=0, remote=0, options={}, boolean={}, weekdays={}, coordinates=[]
    )
    clock = [1000.0]
    monkeypatch.setattr(facetindex.time, "monotonic", lambda: clock[0])
    calls = []
    assert index.remembered("eten", lambda text: calls.append(text) or [1, 2]) == [1, 2]
    assert index.remembered("eten", lambda text: calls.append(text) or [3]) == [1, 2]
    clock[0] += facetindex.SEARCH_SECONDS + 1
    assert index.remembered("eten", lambda text: calls.append(text) or [3]) == [3]
    assert calls == ["eten", "eten"]
