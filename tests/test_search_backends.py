"""The Elasticsearch fallback: with ELASTICSEARCH_URL at a closed port or a silent server."""

import logging
import socket
import threading

import pytest
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from directory.models import Service
from home.factories import ContentPageFactory
from search.backends import ElasticsearchWithFallback, FallbackSearchResults
from tests.directory_helpers import build_directory

CLOSED_PORT = "http://127.0.0.1:9"


def backends(url, timeout=1):
    return {
        "default": {
            "BACKEND": "search.backends",
            "URLS": [url],
            "INDEX_PREFIX": "erbij_test_",
            "TIMEOUT": timeout,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "FALLBACK": "database",
        },
        "database": {"BACKEND": "search.database", "SEARCH_CONFIG": "dutch"},
    }


@pytest.fixture(autouse=True)
def fresh_health():
    ElasticsearchWithFallback.reset_health()
    yield
    ElasticsearchWithFallback.reset_health()


@pytest.fixture
def directory(home_page):
    return build_directory(home_page)


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers: a hanging Elasticsearch."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    connections = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                connections.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in connections:
        conn.close()
    server.close()


def test_settings_use_the_fallback_backend_when_elasticsearch_url_is_set():
    with override_settings(WAGTAILSEARCH_BACKENDS=backends(CLOSED_PORT, timeout=0.5)):
        backend = get_search_backend()
    assert isinstance(backend, ElasticsearchWithFallback)
    assert backend.timeout == 0.5
    assert backend.fallback_name == "database"


def test_search_falls_back_to_the_database_at_a_closed_port(directory, caplog):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends(CLOSED_PORT)), caplog.at_level(logging.WARNING):
        backend = get_search_backend()
        results = backend.search("eten", Service.objects.filter(live=True))
        names = {service.name for service in results}
        assert results.count() == len(names)
        assert isinstance(results, FallbackSearchResults) and results.is_fallback
        # Elasticsearch is now skipped for a while: straight to the database.
        assert backend.is_down()
        again = get_search_backend().search("eten", Service.objects.filter(live=True))
        assert not isinstance(again, FallbackSearchResults)
        assert {service.name for service in again} == names
    assert "Samen eten in Crabbehof" in names
    assert "Elasticsearch did not answer" in caplog.text


def test_search_falls_back_when_elasticsearch_hangs(directory, silent_server, caplog):
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=backends(silent_server, timeout=0.3)),
        caplog.at_level(logging.WARNING),
    ):
        results = get_search_backend().search("maaltijd", Service.objects.filter(live=True))
        names = {service.name for service in results[:10]}
    assert names == {"Samen eten in Crabbehof", "Buurtmaaltijd Feijenoord", "Gestopte eetgroep"}
    assert "Elasticsearch did not answer" in caplog.text


def test_autocomplete_falls_back(directory):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends(CLOSED_PORT)):
        results = get_search_backend().autocomplete("Samen", Service.objects.filter(live=True))
        assert [service.name for service in results] == ["Samen eten in Crabbehof"]


def test_residents_see_results_when_elasticsearch_is_down(client, directory):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends(CLOSED_PORT)):
        response = client.get(directory.url, {"q": "samen eten", "gemeente": "Dordrecht"})
        assert response.status_code == 200
        assert [item["service"].name for item in response.context["results"]] == ["Samen eten in Crabbehof"]
        response = client.get("/nl/zoeken/", {"query": "eten"})
        assert response.status_code == 200
        assert {item["service"].name for item in response.context["services"]} == {
            "Samen eten in Crabbehof",
            "Buurtmaaltijd Feijenoord",
        }
        response = client.get(directory.url + "suggesties/", {"q": "Samen"})
        assert response.json()["suggestions"][0]["name"] == "Samen eten in Crabbehof"


def test_publishing_works_and_is_indexed_when_elasticsearch_is_down(client, home_page, caplog):
    with override_settings(WAGTAILSEARCH_BACKENDS=backends(CLOSED_PORT)), caplog.at_level(logging.WARNING):
        page = ContentPageFactory.build(title="Wandelclub Sterrenburg", slug="wandelclub")
        home_page.add_child(instance=page)
        page.save_revision().publish()
        response = client.get("/nl/zoeken/", {"query": "wandelclub"})
    assert [result.title for result in response.context["search_results"]] == ["Wandelclub Sterrenburg"]
    assert "Elasticsearch did not answer" in caplog.text


def test_elasticsearch_queries_tolerate_typos(directory):
    from modelsearch.query import PlainText

    with override_settings(WAGTAILSEARCH_BACKENDS=backends(CLOSED_PORT)):
        backend = get_search_backend()
    for fields in (None, ["name"]):
        compiler = backend.query_compiler_class(
            Service.objects.filter(live=True), PlainText("eenzaamheit", operator="and"), fields=fields
        )
        query = compiler.get_query()["bool"]["must"]
        match = query.get("multi_match") or next(iter(query["match"].values()))
        assert match["query"] == "eenzaamheit"
        assert match["fuzziness"] == "AUTO"
        assert match["prefix_length"] == 1
        assert match["operator"] == "and"
