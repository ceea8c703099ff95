"""The map of search results on the DirectoryPage: marker data, the off switch and the CSP."""

import json
import re

import pytest

from directory import finder
from directory.factories import LocationFactory, ServiceFactory
from tests.directory_helpers import TUESDAY, build_directory
from tests.test_production_headers import directive

MAP_DATA = re.compile(r'<script id="directory-map-data" type="application/json">(.*?)</script>', re.S)


@pytest.fixture
def directory(home_page, monkeypatch):
    monkeypatch.setattr(finder.timezone, "localdate", lambda: TUESDAY)
    return build_directory(home_page)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def map_data(response):
    found = MAP_DATA.search(response.content.decode())
    return json.loads(found.group(1)) if found else None


def markers(data):
    """{service name: [(lat, lon, url, place name)]} from the page's map data."""
    result = {}
    for place in data["places"]:
        for service in place["services"]:
            result.setdefault(service["name"], []).append(
                (place["lat"], place["lon"], service["url"], place["name"])
            )
    return result


def test_map_data_holds_every_located_result_with_its_link(client, directory):
    response = get(client, directory.url)
    data = map_data(response)
    urls = {item["service"].name: item["url"] for item in response.context["results"]}
    assert markers(data) == {
        "Samen eten in Crabbehof": [
            (51.7975, 4.6725, urls["Samen eten in Crabbehof"], "Buurthuis Crabbehof")
        ],
        "Buurtmaaltijd Feijenoord": [
            (51.9035, 4.5035, urls["Buurtmaaltijd Feijenoord"], "Huiskamer Feijenoord")
        ],
        "Huisbezoek voor ouderen": [
            (51.7925, 4.7005, urls["Huisbezoek voor ouderen"], "Wijkcentrum Sterrenburg")
        ],
        "Koffieochtend Carnisselande": [
            (51.8445, 4.5195, urls["Koffieochtend Carnisselande"], "Het Kruispunt")
        ],
    }
    assert urls["Samen eten in Crabbehof"].endswith("/hulp-in-de-buurt/samen-eten-in-crabbehof/")
    # The listening line has no address: it stays in the list and the note says so.
    assert data["unmapped"] == 1
    html = response.content.decode()
    assert "4 plekken op de kaart." in html
    assert "1 resultaat zonder adres staat alleen in de lijst." in html
    assert data["origin"] is None
    assert data["tiles"] == {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "© OpenStreetMap-bijdragers",
    }
    assert data["assets"]["script"].endswith("directory/vendor/leaflet/leaflet.js")


def test_map_shows_the_current_page_of_results_only(client, directory):
    directory.page.results_per_page = 5
    directory.page.save_revision().publish()
    for number in range(7):
        ServiceFactory(
            name=f"Zorgcafé {number}",  # sorts after the five others
            locations=[LocationFactory(name=f"Plek {number}", latitude=52 + number / 100, longitude=5.0)],
        )
    for page_number in ("1", "2", "3"):
        response = get(client, directory.url, pagina=page_number)
        on_page = {item["service"].name for item in response.context["results"]}
        located = on_page - {"De Luisterlijn"}
        assert set(markers(map_data(response))) == located
    third = map_data(get(client, directory.url, pagina="3"))
    assert {place["name"] for place in third["places"]} == {"Plek 5", "Plek 6"}
    assert [(place["lat"], place["lon"]) for place in third["places"]] == [(52.05, 5.0), (52.06, 5.0)]


def test_services_at_one_place_share_a_marker(client, directory):
    place = directory.eten.locations[0]
    ServiceFactory(
        name="Soep en een praatje", categories=[directory.eten.categories.first()], locations=[place]
    )
    data = map_data(get(client, directory.url, gemeente="Dordrecht", categorie="samen-eten"))
    assert len(data["places"]) == 1
    assert [service["name"] for service in data["places"][0]["services"]] == [
        "Samen eten in Crabbehof",
        "Soep en een praatje",
    ]


def test_map_marks_the_starting_point_the_visitor_chose(client, directory):
    data = map_data(get(client, directory.url, bij="dordrecht-crabbehof", sorteer="distance"))
    assert data["origin"] == {"lat": 51.797, "lon": 4.672, "label": "Startpunt: Crabbehof"}
    data = map_data(get(client, directory.url, lat="51.80000", lon="4.60000", sorteer="distance"))
    assert data["origin"] == {"lat": 51.8, "lon": 4.6, "label": "Startpunt: uw locatie"}
    # A wijk filter narrows the results but is no starting point.
    assert map_data(get(client, directory.url, wijk="dordrecht-crabbehof"))["origin"] is None


def test_map_controls_are_hidden_until_javascript_shows_them(client, directory):
    html = get(client, directory.url).content.decode()
    toggle = re.search(r'<button [^>]*id="directory-map-toggle"[^>]*>', html).group(0)
    assert 'aria-expanded="false"' in toggle
    assert 'aria-controls="directory-map-panel"' in toggle
    assert toggle.endswith(" hidden>")
    assert re.search(r'id="directory-map-panel" hidden>', html)
    assert 'aria-label="Kaart met de resultaten op deze pagina"' in html
    assert 'href="#directory-list"' in html and 'id="directory-list"' in html
    assert 'style="' not in html


def test_empty_tile_url_switches_the_map_off(client, directory, settings):
    settings.DIRECTORY_MAP_TILE_URL = ""
    response = get(client, directory.url)
    html = response.content.decode()
    assert map_data(response) is None
    assert "directory-map-toggle" not in html
    assert "Toon op kaart" not in html
    # The list is unchanged.
    assert len(response.context["results"]) == 5
    assert 'id="directory-list"' in html
    img = directive(response["Content-Security-Policy"], "img-src")
    assert img == ["'self'", "data:", "https:"]


def test_no_map_without_places(client, directory):
    response = get(client, directory.url, categorie="luisterlijn")
    assert [item["service"].name for item in response.context["results"]] == ["De Luisterlijn"]
    assert map_data(response) is None


@pytest.mark.parametrize(
    ("tile_url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("http://127.0.0.1:8123/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8123"),
        ("https://{s}.tiles.example.org/{z}/{x}/{y}.png?key=abc", "https://*.tiles.example.org"),
        ("https://tiles-{s}.example.org/{z}/{x}/{y}.png", "https:"),
    ],
)
def test_csp_allows_images_from_the_tile_server(client, directory, settings, tile_url, source):
    settings.DIRECTORY_MAP_TILE_URL = tile_url
    response = get(client, directory.url)
    csp = response["Content-Security-Policy"]
    assert source in directive(csp, "img-src")
    assert directive(csp, "script-src") == ["'self'"]
    assert directive(csp, "style-src") == ["'self'"]
    assert "'unsafe-inline'" not in csp
    assert map_data(response)["tiles"]["url"] == tile_url


def test_admin_policy_does_not_change(admin_client, settings):
    settings.DIRECTORY_MAP_TILE_URL = "http://127.0.0.1:8123/tiles/{z}/{x}/{y}.png"
    response = admin_client.get("/admin/")
    assert "127.0.0.1:8123" not in response["Content-Security-Policy"]


def test_map_in_english(client, directory, locales):
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(*locales)
    response = get(client, "/en/hulp-in-de-buurt/", bij="dordrecht-crabbehof", sorteer="distance")
    html = response.content.decode()
    data = map_data(response)
    assert "Show on map" in html
    assert 'data-hide="Hide map"' in html
    assert 'aria-label="Map of the results on this page"' in html
    assert "4 places on the map." in html
    assert data["tiles"]["attribution"] == "© OpenStreetMap contributors"
    assert data["origin"]["label"] == "Starting point: Crabbehof"
    assert data["labels"]["zoomIn"] == "Zoom in"
    assert all("/en/hulp-in-de-buurt/" in service["url"] for p in data["places"] for service in p["services"])
