"""The Open Referral HSDS 3.0 API: every response validates, filters, CORS, bad input, queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.factories import ServiceFactory, ServiceLocationFactory
from tests.hsds_helpers import assert_valid, assert_valid_page, build_hsds_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hsds(locales):
    return build_hsds_directory()


def get_json(client, url, expect=200, **params):
    response = client.get(url, params)
    assert response.status_code == expect, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def names(document):
    return [item["name"] for item in document["contents"]]


# --- Every endpoint validates ----------------------------------------------------------------


def test_index_gives_version_profile_and_endpoints(client, hsds):
    document = get_json(client, "/api/hsds/")
    assert document["version"] == "3.0"
    assert document["profile"] == "http://testserver/api/hsds/profile"
    assert document["openapi_url"].startswith("https://")
    profile = get_json(client, document["profile"])
    assert "erbij-categorie" in profile["taxonomies"]
    for url in document["endpoints"].values():
        assert client.get(url).status_code == 200


def test_services_list_validates_and_shows_only_live_default_locale(client, hsds):
    document = get_json(client, "/api/hsds/services")
    assert_valid_page(document, "service_list")
    # Live services in Dutch; inactive ones are listed with their status, drafts never.
    assert names(document) == ["De Luisterlijn", "Eettafel Crabbehof", "Wandelgroep"]
    assert document["total_items"] == 3
    assert document["first_page"] and document["last_page"] and not document["empty"]
    first = document["contents"][1]
    assert first["id"] == str(hsds.eettafel.hsds_id)
    assert first["organization"]["id"] == str(hsds.humanitas.hsds_id)
    assert first["assured_date"] == "2026-09-01"
    assert {item["status"] for item in document["contents"]} == {"active", "inactive"}


def test_service_detail_is_fully_nested_and_validates(client, hsds):
    document = get_json(client, f"/api/hsds/services/{hsds.eettafel.hsds_id}")
    assert_valid("service", document)
    assert document["name"] == "Eettafel Crabbehof"
    assert document["phones"][0]["number"] == "078 123 4567"
    assert document["contacts"][0]["name"] == "Fenna Voorbeeld"
    assert document["cost_options"][0]["amount_description"] == "€ 3,50 per maaltijd"
    assert {language["code"] for language in document["languages"]} == {"nl", "tr"}
    # The draft location is left out; the two live ones are there.
    locations = [link["location"]["name"] for link in document["service_at_locations"]]
    assert locations == ["Buurthuis Crabbehof", "Kerkzaal Zwijndrecht"]
    buurthuis = document["service_at_locations"][0]["location"]
    assert buurthuis["addresses"][0]["address_1"] == "Crabbehofplein 1"
    assert buurthuis["schedules"][0]["byday"] == "TU"
    schedule = document["schedules"][0]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == ("TU", "17:30", "19:30")
    assert schedule["location_id"] == str(hsds.buurthuis.hsds_id)
    taxonomies = {
        (a["taxonomy_term"]["taxonomy"], a["taxonomy_term"].get("code")) for a in document["attributes"]
    }
    assert ("erbij-categorie", "samen-eten") in taxonomies
    assert ("erbij-doelgroep", "mantelzorgers") in taxonomies
    assert ("erbij-toegang", "sign_up") in taxonomies
    # Ids are stable: asking again gives the same document.
    assert get_json(client, f"/api/hsds/services/{hsds.eettafel.hsds_id}") == document


def test_remote_service_without_locations_validates(client, hsds):
    document = get_json(client, f"/api/hsds/services/{hsds.lijn.hsds_id}")
    assert_valid("service", document)
    assert document["service_at_locations"] == []
    assert document["organization"]["description"] == ""


def test_organizations_list_and_detail_validate(client, hsds):
    document = get_json(client, "/api/hsds/organizations")
    assert_valid_page(document, "organization")
    assert names(document) == ["De Luisterlijn", "Humanitas Drechtsteden"]
    detail = get_json(client, f"/api/hsds/organizations/{hsds.humanitas.hsds_id}")
    assert_valid("organization", detail)
    assert detail["organization_identifiers"][0]["identifier"] == "40341234"
    assert [service["name"] for service in detail["services"]] == ["Eettafel Crabbehof", "Wandelgroep"]
    assert get_json(client, f"/api/hsds/organizations/{hsds.hidden_org.hsds_id}", expect=404)["error"]


def test_service_at_locations_list_and_detail_validate(client, hsds):
    document = get_json(client, "/api/hsds/service_at_locations")
    assert_valid_page(document, "service_at_location_list")
    pairs = [(item["service"]["name"], item["location"]["name"]) for item in document["contents"]]
    assert pairs == [
        ("Eettafel Crabbehof", "Buurthuis Crabbehof"),
        ("Eettafel Crabbehof", "Kerkzaal Zwijndrecht"),
        ("Wandelgroep", "Kerkzaal Zwijndrecht"),
    ]
    one = document["contents"][0]
    detail = get_json(client, f"/api/hsds/service_at_locations/{one['id']}")
    assert_valid("service_at_location", detail)
    assert detail == one


def test_locale_parameter_gives_the_english_records(client, hsds):
    document = get_json(client, "/api/hsds/services", locale="en")
    assert names(document) == ["Dinner table Crabbehof"]
    # Same id in every language.
    assert document["contents"][0]["id"] == str(hsds.eettafel.hsds_id)
    english = get_json(client, f"/api/hsds/services/{hsds.eettafel.hsds_id}", locale="en")
    assert_valid("service", english)
    assert english["name"] == "Dinner table Crabbehof"
    assert get_json(client, "/api/hsds/services", expect=400, locale="xx")["error"]


# --- Filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"text": "maaltijd"}, ["Eettafel Crabbehof"]),
        ({"search": "luisterlijn"}, ["De Luisterlijn"]),
        ({"text": "humanitas eettafel"}, ["Eettafel Crabbehof"]),
        ({"text": "bestaat-niet"}, []),
        ({"taxonomy_term": "samen-eten"}, ["Eettafel Crabbehof"]),
        ({"taxonomy_term": "ouderen"}, ["Eettafel Crabbehof"]),
        ({"taxonomy_term": "onbekend"}, []),
        ({"taxonomy_term": "00000000-0000-0000-0000-000000000000"}, []),
        # Remote services count everywhere.
        ({"municipality": "zwijndrecht"}, ["De Luisterlijn", "Eettafel Crabbehof", "Wandelgroep"]),
        ({"municipality": "Dordrecht"}, ["De Luisterlijn", "Eettafel Crabbehof"]),
        ({"municipality": "Dordrecht", "taxonomy_term": "samen-eten"}, ["Eettafel Crabbehof"]),
        ({"status": "active"}, ["De Luisterlijn", "Eettafel Crabbehof"]),
        ({"organization_id": "nonsense"}, []),
    ],
)
def test_service_filters(client, hsds, params, expected):
    document = get_json(client, "/api/hsds/services", **params)
    assert_valid_page(document, "service_list")
    assert names(document) == expected
    assert document["empty"] is (not expected)


def test_taxonomy_term_by_uuid_and_organization_filter(client, hsds):
    by_id = get_json(client, "/api/hsds/services", taxonomy_term_id=str(hsds.luisterlijn.hsds_id))
    assert names(by_id) == ["De Luisterlijn"]
    by_org = get_json(client, "/api/hsds/services", organization_id=str(hsds.humanitas.hsds_id))
    assert names(by_org) == ["Eettafel Crabbehof", "Wandelgroep"]
    at_locations = get_json(client, "/api/hsds/service_at_locations", municipality="Dordrecht")
    assert [item["location"]["name"] for item in at_locations["contents"]] == ["Buurthuis Crabbehof"]


def test_pagination(client, hsds):
    first = get_json(client, "/api/hsds/services", per_page=2)
    assert (first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (
        2,
        2,
        True,
        False,
    )
    second = get_json(client, "/api/hsds/services", per_page=2, page=2)
    assert_valid_page(second, "service_list")
    assert (second["size"], second["last_page"]) == (1, True)
    assert names(first) + names(second) == ["De Luisterlijn", "Eettafel Crabbehof", "Wandelgroep"]


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": "-1"}, 400),
        ({"page": "0"}, 400),
        ({"page": "abc"}, 400),
        ({"page": "99"}, 404),
        ({"page": "10" * 30}, 404),
        ({"page": "١"}, 400),
        ({"per_page": "0"}, 400),
        ({"per_page": "-5"}, 400),
        ({"per_page": "1.5"}, 400),
    ],
)
def test_bad_paging_is_a_json_error(client, hsds, params, status):
    for url in ("/api/hsds/services", "/api/hsds/organizations", "/api/hsds/service_at_locations"):
        assert "error" in get_json(client, url, expect=status, **params)


def test_huge_per_page_is_capped(client, locales):
    organisation = ServiceFactory().organisation
    for number in range(105):
        ServiceFactory(organisation=organisation, name=f"Dienst {number:03d}", slug=f"dienst-{number}")
    document = get_json(client, "/api/hsds/services", per_page=str(10**9))
    assert document["size"] == 100
    assert document["total_pages"] == 2


@pytest.mark.parametrize("endpoint", ["services", "organizations", "service_at_locations"])
@pytest.mark.parametrize("bad_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "'; drop table"])
def test_unknown_ids_are_404(client, hsds, endpoint, bad_id):
    assert "error" in get_json(client, f"/api/hsds/{endpoint}/{bad_id}", expect=404)


def test_drafts_are_not_found_by_id(client, hsds):
    get_json(client, f"/api/hsds/services/{hsds.draft.hsds_id}", expect=404)


def test_odd_queries_are_answered(client, hsds):
    for text in ["", "a" * 1000, "\"*'():^~-&|", "eten " * 300]:
        document = get_json(client, "/api/hsds/services", text=text[:1000])
        assert_valid_page(document, "service_list")


# --- CORS ------------------------------------------------------------------------------------


def test_cors_preflight_and_other_methods(client, hsds):
    response = client.options(
        "/api/hsds/services",
        HTTP_ORIGIN="https://elders.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    post = client.post("/api/hsds/services", {"name": "x"})
    assert post.status_code == 405
    assert post["Access-Control-Allow-Origin"] == "*"
    get = client.get("/api/hsds/services", HTTP_ORIGIN="https://elders.example")
    assert get["Access-Control-Allow-Origin"] == "*"


# --- Queries ---------------------------------------------------------------------------------


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("endpoint", ["services", "organizations", "service_at_locations", "services.csv"])
def test_constant_number_of_queries_per_page(client, hsds, endpoint):
    url = f"/api/hsds/{endpoint}"
    client.get(url)  # warm-up: the locales are read once into the shared cache
    before = count_queries(client, url)
    for number in range(6):
        service = ServiceFactory(name=f"Extra {number}", slug=f"extra-{number}", categories=[hsds.samen_eten])
        ServiceLocationFactory(service=service, location=hsds.buurthuis)
    assert count_queries(client, url) == before


def test_service_detail_queries_do_not_grow_with_locations(client, hsds):
    url = f"/api/hsds/services/{hsds.eettafel.hsds_id}"
    client.get(url)  # warm-up: the locales are read once into the shared cache
    before = count_queries(client, url)
    for _number in range(4):
        ServiceLocationFactory(service=hsds.eettafel)
    assert count_queries(client, url) == before


# --- CSV -------------------------------------------------------------------------------------


def test_csv_export_has_only_live_services(client, hsds):
    response = client.get("/api/hsds/services.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["name"] for row in rows] == ["De Luisterlijn", "Eettafel Crabbehof", "Wandelgroep"]
    eettafel = rows[1]
    assert eettafel["id"] == str(hsds.eettafel.hsds_id)
    assert eettafel["categories"] == "samen-eten"
    assert eettafel["languages"] == "nl|tr"
    assert eettafel["municipalities"] == "Dordrecht|Zwijndrecht"
    assert eettafel["phone"] == "078 123 4567"
    assert eettafel["fees_description"] == "€ 3,50 per maaltijd"


def test_csv_neutralises_spreadsheet_formulas(client, locales):
    ServiceFactory(name='=HYPERLINK("http://evil")', slug="formule", phone="+31 78 123 4567")
    response = client.get("/api/hsds/services.csv", {"text": "HYPERLINK"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["name"].startswith("'=")
    assert rows[0]["phone"] == "+31 78 123 4567"
