"""Dutch stemming and stop words: the analyzer (home/dutch.py), the SQLite backend that uses it
(search/sqlite.py), and the directory search on top, on SQLite and on PostgreSQL alike."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test import override_settings
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Phrase

from directory.models import Service
from home.dutch import index_text, query_terms, stem, tokens
from home.factories import ContentPageFactory
from search.backends import ElasticsearchWithFallback
from tests.directory_helpers import build_directory

# What PostgreSQL 15 answers for SELECT ts_lexize('dutch_stem', word).
POSTGRES_STEMS = {
    "eenzame": "eenzam",
    "eenzaam": "eenzam",
    "eenzaamheid": "eenzam",
    "maaltijden": "maaltijd",
    "vrijwilligers": "vrijwilliger",
    "ouderen": "ouder",
    "koken": "kok",
    "boodschappen": "boodschapp",
    "samen": "sam",
    "eten": "eten",
    "huisbezoek": "huisbezoek",
    "ideeen": "ideeen",
}


# --- the analyzer -----------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "expected"), POSTGRES_STEMS.items())
def test_stems_are_postgresqls(word, expected):
    assert stem(word) == expected


def test_tokens_are_lower_case_words_without_accents():
    assert tokens("Ideeën, crème-brûlée & EENZAAMHEID! 3 x_y") == [
        "ideeen",
        "creme",
        "brulee",
        "eenzaamheid",
        "3",
        "x",
        "y",
    ]


def test_index_text_stems_every_word_and_keeps_stop_words():
    assert index_text("Samen eten in de wijk") == "sam eten in de wijk"
    assert index_text("Over eenzaamheid.") == "over eenzam"
    assert index_text("") == ""


def test_query_terms_drop_stop_words():
    assert query_terms("hulp bij het boodschappen doen") == ["hulp", "boodschapp"]
    assert query_terms("Over de EENZAME") == ["eenzam"]
    assert query_terms("de het een") == []
    assert query_terms("  ") == []


def test_a_word_with_several_tokens_is_one_phrase_term():
    assert query_terms("samen-eten zo'n") == ["sam eten", "zo n"]


# --- the backend ------------------------------------------------------------------------------


@pytest.fixture
def directory(home_page):
    return build_directory(home_page)


def live_services():
    return Service.objects.filter(live=True, status=Service.Status.ACTIVE)


def found(results):
    return {service.name for service in results}


def test_the_database_backend_stems_on_either_database(db):
    backend = get_search_backend()
    if connection.vendor == "sqlite":
        assert type(backend).__name__ == "DutchSQLiteSearchBackend"
    else:
        assert connection.vendor == "postgresql"
        assert type(backend).__name__ == "PostgresSearchBackend"
        assert backend.config == "dutch"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vrijwilligers", {"Huisbezoek voor ouderen"}),
        ("maaltijden", {"Samen eten in Crabbehof", "Buurtmaaltijd Feijenoord"}),
        ("warme maaltijden", {"Buurtmaaltijd Feijenoord"}),
        ("warm", {"Buurtmaaltijd Feijenoord"}),
    ],
)
def test_search_finds_services_by_stem(directory, query, expected):
    results = get_search_backend().search(query, live_services())
    assert found(results) == expected


def test_and_or_operators_and_get_queryset(directory):
    backend = get_search_backend()
    both = backend.search("vrijwilligers maaltijden", live_services(), operator="and")
    assert list(both.get_queryset()) == []
    either = backend.search("vrijwilligers maaltijden", live_services(), operator="or")
    pks = set(either.get_queryset().order_by().values_list("pk", flat=True))
    assert pks == {directory.bezoek.pk, directory.eten.pk, directory.maaltijd.pk}


def test_only_stop_words_match_nothing_without_error(directory):
    # "de" is in the text of most services: Wagtail's plain SQLite backend finds them.
    results = get_search_backend().search("de", live_services())
    assert list(results) == []
    assert results.count() == 0
    assert results.get_queryset().count() == 0


def test_stop_words_are_left_out_of_queries(directory):
    # The text has no "van" and no "het": only their being stop words lets it match.
    results = get_search_backend().search("vrijwilliger van het", live_services(), operator="and")
    assert found(results) == {"Huisbezoek voor ouderen"}


def test_phrases_match_stems_side_by_side(directory):
    backend = get_search_backend()
    assert found(backend.search(Phrase("warme maaltijden"), live_services())) == {"Buurtmaaltijd Feijenoord"}
    assert found(backend.search(Phrase("maaltijd warme"), live_services())) == set()


def test_autocomplete_still_completes_words(directory):
    results = get_search_backend().autocomplete("Buurtmaal", live_services())
    assert found(results) == {"Buurtmaaltijd Feijenoord"}


def test_the_index_follows_edits(directory):
    service = directory.koffie
    service.short_description = "Koffie en appeltaarten voor mantelzorgers."
    service.save_revision().publish()
    assert found(get_search_backend().search("appeltaart", live_services())) == {service.name}


def test_elasticsearch_falls_back_to_the_stemming_database_backend(directory):
    settings = {
        "default": {
            "BACKEND": "search.backends",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": "erbij_test_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "FALLBACK": "database",
        },
        "database": {"BACKEND": "search.database", "SEARCH_CONFIG": "dutch"},
    }
    ElasticsearchWithFallback.reset_health()
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=settings):
            results = get_search_backend().search("vrijwilligers", live_services())
            assert found(results) == {"Huisbezoek voor ouderen"}
            assert results.is_fallback
    finally:
        ElasticsearchWithFallback.reset_health()


# --- the directory and the site search --------------------------------------------------------


def directory_names(response):
    return {item["service"].name for item in response.context["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vrijwilligers", {"Huisbezoek voor ouderen"}),
        ("maaltijden", {"Samen eten in Crabbehof", "Buurtmaaltijd Feijenoord"}),
        # No service has both words: the directory then lets any word match.
        ("vrijwilligers xyzzy", {"Huisbezoek voor ouderen"}),
    ],
)
def test_directory_finds_services_by_stem(client, directory, query, expected):
    response = client.get(directory.url, {"q": query})
    assert response.status_code == 200
    assert directory_names(response) == expected


def test_site_search_finds_pages_by_stem(client, home_page, directory):
    page = ContentPageFactory.build(
        title="Ideeën voor de buurt", slug="ideeen", intro="Wat kunt u samen met de buren doen?"
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    for query in ("ideeën", "IDEEEN", "buren"):
        response = client.get("/nl/zoeken/", {"query": query})
        assert page.title in [result.title for result in response.context["search_results"]], query


# --- the migration for indexes built before stemming ------------------------------------------


def test_migration_stems_an_index_built_before_stemming(home_page):
    page = ContentPageFactory.build(
        title="Over eenzaamheid", slug="over-eenzaamheid", intro="Eenzaamheid kan iedereen overkomen."
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    migration = importlib.import_module("search.migrations.0001_stem_sqlite_index")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    entries = IndexEntry.objects.filter(object_id=str(page.pk))
    backend = get_search_backend()

    if connection.vendor == "sqlite":
        # What Wagtail's own SQLite backend stored: the words themselves.
        entries.update(title="Over eenzaamheid", body="Eenzaamheid kan iedereen overkomen.")
        assert list(backend.search("eenzame", type(page).objects.all())) == []
        migration.stem_index_entries(apps, SimpleNamespace(connection=connection))
        assert entries.get().title == "over eenzam"
        assert list(backend.search("eenzame", type(page).objects.all())) == [page]
    else:
        # PostgreSQL stems at query time: the migration leaves its index alone.
        before = list(entries.values_list("title", "body"))
        migration.stem_index_entries(apps, SimpleNamespace(connection=connection))
        assert list(entries.values_list("title", "body")) == before
        assert list(backend.search("eenzame", type(page).objects.all())) == [page]
