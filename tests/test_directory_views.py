import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from directory import finder
from directory.factories import LocationFactory, ServiceFactory
from home.models import SiteSettings
from tests.directory_helpers import TUESDAY, build_directory


@pytest.fixture
def directory(home_page, monkeypatch):
    monkeypatch.setattr(finder.timezone, "localdate", lambda: TUESDAY)
    return build_directory(home_page)


def names(response):
    return {item["service"].name for item in response.context["results"]}


def get(client, directory, **params):
    response = client.get(directory.url, params)
    assert response.status_code == 200
    return response


def test_directory_lists_only_live_active_services(client, directory):
    response = get(client, directory)
    assert names(response) == {s.name for s in directory.visible}
    assert response.context["facets"]["total"] == 5
    assert "Nog geheim eten" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"categorie": "samen-eten"}, {"eten", "maaltijd"}),
        ({"categorie": ["samen-eten", "huisbezoek"]}, {"eten", "maaltijd", "bezoek"}),
        ({"doelgroep": "ouderen"}, {"eten", "bezoek"}),
        ({"gemeente": "Dordrecht"}, {"eten", "bezoek", "lijn"}),
        ({"gemeente": "dordrecht"}, {"eten", "bezoek", "lijn"}),
        ({"gemeente": "Barendrecht"}, {"koffie", "lijn"}),
        ({"wijk": "dordrecht-crabbehof"}, {"eten", "lijn"}),
        ({"gratis": "1"}, {"eten", "bezoek", "lijn"}),
        ({"taal": "tr"}, {"eten"}),
        ({"vandaag": "1"}, {"eten", "bezoek", "lijn"}),
        ({"avond": "1"}, {"eten", "lijn"}),
        ({"weekend": "1"}, {"maaltijd", "lijn"}),
        ({"toegankelijk": "1"}, {"eten", "koffie"}),
        ({"gemeente": "Dordrecht", "gratis": "1", "categorie": "samen-eten"}, {"eten"}),
    ],
)
def test_every_filter(client, directory, params, expected):
    response = get(client, directory, **params)
    assert names(response) == {getattr(directory, key).name for key in expected}
    assert response.context["facets"]["total"] == len(expected)


def facet(response, name):
    return {option.value: option.count for option in response.context["facets"][name]}


def test_facet_counts_without_filters(client, directory):
    response = get(client, directory)
    assert facet(response, "categories") == {
        "samen-eten": 2,
        "huisbezoek": 1,
        "luisterlijn": 1,
        "ontmoeting": 1,
    }
    assert facet(response, "target_groups") == {"ouderen": 2, "mantelzorgers": 1}
    assert facet(response, "language") == {"nl": 3, "tr": 1}
    # The listening line is available everywhere, so it counts in every place.
    assert facet(response, "municipality") == {"Barendrecht": 2, "Dordrecht": 3, "Rotterdam": 2}
    assert facet(response, "wijk") == {
        "barendrecht-carnisselande": 2,
        "dordrecht-crabbehof": 2,
        "dordrecht-sterrenburg": 2,
        "rotterdam-feijenoord": 2,
    }
    assert response.context["facets"]["boolean"] == {
        "free": 3,
        "today": 3,
        "evening": 2,
        "weekend": 2,
        "accessible": 2,
    }


def test_facet_counts_follow_the_other_filters(client, directory):
    response = get(client, directory, gratis="1", categorie="samen-eten")
    # A category count ignores the chosen category (either one may be ticked) but keeps "free".
    assert facet(response, "categories") == {
        "samen-eten": 1,
        "huisbezoek": 1,
        "luisterlijn": 1,
        "ontmoeting": 0,
    }
    assert facet(response, "municipality") == {"Barendrecht": 0, "Dordrecht": 1, "Rotterdam": 0}
    assert response.context["facets"]["boolean"]["free"] == 1
    assert response.context["facets"]["boolean"]["weekend"] == 0
    option = next(o for o in response.context["facets"]["categories"] if o.value == "samen-eten")
    assert option.selected
    response = get(client, directory, gemeente="Dordrecht")
    # Only the wijken of the chosen municipality are offered.
    assert set(facet(response, "wijk")) == {"dordrecht-crabbehof", "dordrecht-sterrenburg"}


def test_facet_counts_are_shown_in_the_form(client, directory):
    html = get(client, directory).content.decode()
    assert 'Samen eten <span class="directory-count">(2)</span>' in html
    assert "Dordrecht (3)" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("samen eten", {"eten", "maaltijd"}),
        ("eten", {"eten", "maaltijd"}),
        ("maaltijd", {"eten", "maaltijd"}),
        ("luisteren", {"lijn"}),  # by stem or by spelling: "luistert", "luisterlijn"
        ("Luisterlijn", {"lijn"}),
        ("vrijwilliger", {"bezoek"}),
    ],
)
def test_text_search(client, directory, query, expected):
    response = get(client, directory, q=query)
    assert names(response) == {getattr(directory, key).name for key in expected}


def test_text_search_with_filters_and_relevance(client, directory):
    response = get(client, directory, q="samen eten", gemeente="Dordrecht", gratis="1")
    assert names(response) == {directory.eten.name}
    assert response.context["search"].sort == finder.SORT_RELEVANCE
    response = get(client, directory, q="Samen eten in Crabbehof")
    assert [item["service"] for item in response.context["results"]][0] == directory.eten


def test_sorting_by_distance_from_a_wijk(client, directory):
    response = get(client, directory, sorteer="distance", bij="dordrecht-crabbehof")
    order = [item["service"] for item in response.context["results"]]
    assert order == [directory.eten, directory.bezoek, directory.koffie, directory.maaltijd, directory.lijn]
    distances = [item["distance"] for item in response.context["results"]]
    assert distances[0] < 0.2 < distances[1] < distances[2] < distances[3]
    assert distances[4] is None
    assert "Gesorteerd op afstand vanaf Crabbehof" in response.content.decode()


def test_sorting_by_distance_from_the_browser_location(client, directory):
    # Standing in Feijenoord (Rotterdam).
    response = get(client, directory, sorteer="distance", lat="51.9", lon="4.5")
    order = [item["service"] for item in response.context["results"]]
    assert order[:2] == [directory.maaltijd, directory.koffie]
    assert order[-1] == directory.lijn


def test_distance_without_a_place_falls_back_to_name(client, directory):
    response = get(client, directory, sorteer="distance")
    assert response.context["search"].sort == finder.SORT_NAME
    order = [item["service"].name for item in response.context["results"]]
    assert order == sorted(order)


def test_pagination(client, directory):
    directory.page.results_per_page = 5
    directory.page.save_revision().publish()
    for number in range(7):
        ServiceFactory(name=f"Extra aanbod {number}", locations=[LocationFactory()])
    first = get(client, directory)
    assert len(first.context["results"]) == 5
    assert first.context["paginator"].num_pages == 3
    assert "pagina=2" in first.content.decode()
    third = get(client, directory, pagina="3")
    assert len(third.context["results"]) == 2
    assert client.get(directory.url, {"pagina": "4"}).status_code == 404
    assert client.get(directory.url, {"pagina": "-1"}).status_code == 404
    assert client.get(directory.url, {"pagina": "0"}).status_code == 404
    assert client.get(directory.url, {"pagina": "99999999999999999999"}).status_code == 404
    assert get(client, directory, pagina="abc").context["page_of_results"].number == 1


def test_no_results_offers_the_listening_line(client, directory):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.listening_line_phone = "088 0767 000"
    settings.save()
    html = get(client, directory, q="xyzzy onbestaand", gratis="1").content.decode()
    assert "We hebben niets gevonden" in html
    assert 'href="tel:0880767000"' in html
    assert "Alle filters weghalen" in html
    assert 'href="?q=xyzzy+onbestaand"' in html


BAD_INPUTS = [
    {"q": ""},
    {"q": "a" * 1000},
    {"q": "eten " * 250},
    {"q": '"samen AND (eten OR -koken*) NOT" ^ ~ : \\ / {} [] <script>'},
    {"q": "'; DROP TABLE directory_service; --"},
    {"q": "\x00\x01eten"},
    {"q": "*"},
    {"q": "NEAR(eten koken)"},
    {"categorie": "bestaat-niet"},
    {"categorie": "<b>"},
    {"categorie": ["x"] * 100},
    {"doelgroep": "???"},
    {"gemeente": "Atlantis"},
    {"gemeente": "x" * 1000},
    {"wijk": "nergens"},
    {"taal": "klingon"},
    {"sorteer": "random"},
    {"sorteer": "distance", "lat": "abc", "lon": "999"},
    {"sorteer": "distance", "lat": "nan", "lon": "inf"},
    {"bij": "../../etc/passwd"},
    {"gratis": "ja", "vandaag": "x", "avond": "", "weekend": "0", "toegankelijk": "1"},
]


@pytest.mark.parametrize("params", BAD_INPUTS)
def test_bad_input_never_fails(client, directory, params):
    response = client.get(directory.url, params)
    assert response.status_code == 200


def test_unknown_filter_values_give_empty_results(client, directory):
    assert names(get(client, directory, categorie="bestaat-niet")) == set()
    assert names(get(client, directory, gemeente="Atlantis")) == {directory.lijn.name}


def test_query_count_is_constant(client, directory, django_assert_max_num_queries):
    params = {
        "q": "eten",
        "gratis": "1",
        "gemeente": "Dordrecht",
        "sorteer": "distance",
        "bij": "dordrecht-crabbehof",
    }
    # Warm the site and locale caches and the facet index, but not the remembered text searches:
    # both measurements below include the text search query.
    get(client, directory)
    with CaptureQueriesContext(connection) as small:
        get(client, directory, **params)
        get(client, directory)
    for number in range(30):
        ServiceFactory(
            name=f"Samen eten extra {number}",
            categories=[directory.eten.categories.first()],
            locations=[LocationFactory(neighbourhood=directory.crabbehof)],
        )
    get(client, directory)  # the facet index is rebuilt once after a change
    with CaptureQueriesContext(connection) as large:
        get(client, directory, **params)
        get(client, directory)
    assert len(large) == len(small)
    with django_assert_max_num_queries(15):
        get(client, directory, q="maaltijd", gemeente="Rotterdam")


def test_english_page_falls_back_to_dutch_services(client, directory, locales):
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(*locales)
    response = client.get("/en/hulp-in-de-buurt/")
    assert response.status_code == 200
    assert names(response) == {s.name for s in directory.visible}
    assert "/en/hulp-in-de-buurt/samen-eten-in-crabbehof/" in response.content.decode()


def test_autocomplete(client, directory):
    response = client.get(directory.url + "suggesties/", {"q": "Samen"})
    assert response.status_code == 200
    data = response.json()
    assert data["suggestions"][0]["name"] == "Samen eten in Crabbehof"
    assert data["suggestions"][0]["url"].endswith("/hulp-in-de-buurt/samen-eten-in-crabbehof/")
    for bad in ["", "a", "x" * 1000, '"(*', "Nog geheim"]:
        response = client.get(directory.url + "suggesties/", {"q": bad})
        assert response.status_code == 200
        assert response.json()["suggestions"] == []


def test_the_form_works_without_javascript(client, directory):
    html = get(client, directory).content.decode()
    assert 'method="get"' in html
    assert 'name="q"' in html
    assert "<script>" not in html
    assert 'style="' not in html
    assert 'id="directory-locate"' in html and "hidden>" in html
