"""manage.py import_hsds: round trip, idempotence, partial records, invalid records, progress."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from directory.models import (
    Category,
    Language,
    Location,
    LocationSchedule,
    Neighbourhood,
    Organisation,
    Service,
    ServiceLocation,
    ServiceSchedule,
    TargetGroup,
)
from tests.hsds_helpers import assert_valid, build_hsds_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hsds(locales):
    return build_hsds_directory()


def export_services(client):
    """Every live Dutch service as a fully nested HSDS document, by id."""
    listing = client.get("/api/hsds/services", {"per_page": 100}).json()
    documents = {}
    for item in listing["contents"]:
        document = client.get(f"/api/hsds/services/{item['id']}").json()
        assert_valid("service", document)
        documents[item["id"]] = document
    return documents


def export_organizations(client):
    listing = client.get("/api/hsds/organizations", {"per_page": 100}).json()
    return {
        item["id"]: client.get(f"/api/hsds/organizations/{item['id']}").json() for item in listing["contents"]
    }


def without_timestamps(documents):
    """last_modified is the moment of publishing, which an import is allowed to change."""
    text = json.dumps(documents, sort_keys=True)
    data = json.loads(text)
    for document in data.values():
        document.pop("last_modified", None)
    return data


def wipe_directory():
    ServiceSchedule.objects.all().delete()
    ServiceLocation.objects.all().delete()
    Service.objects.all().delete()
    Organisation.objects.all().delete()
    LocationSchedule.objects.all().delete()
    Location.objects.all().delete()
    Neighbourhood.objects.all().delete()
    Category.objects.all().delete()
    TargetGroup.objects.all().delete()
    Language.objects.all().delete()


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_then_export_keeps_every_field(client, hsds, tmp_path):
    services = export_services(client)
    organizations = export_organizations(client)
    (tmp_path / "services.json").write_text(json.dumps(list(services.values())))
    (tmp_path / "organizations.json").write_text(json.dumps(list(organizations.values())))
    live_before = sorted(
        Service.objects.filter(live=True, locale=hsds.eettafel.locale).values_list("name", flat=True)
    )

    wipe_directory()
    assert not Service.objects.exists()
    out, err = run_import(tmp_path)

    assert err == ""
    assert "records" in out
    assert without_timestamps(export_services(client)) == without_timestamps(services)
    assert export_organizations(client) == organizations
    assert sorted(Service.objects.filter(live=True).values_list("name", flat=True)) == live_before

    # The model fields, checked directly as well.
    eettafel = Service.objects.get(hsds_id=hsds.eettafel.hsds_id)
    original = hsds.eettafel
    for name in [
        "name",
        "slug",
        "short_description",
        "description",
        "cost",
        "fees_description",
        "access_method",
        "application_process",
        "contact_name",
        "contact_role",
        "phone",
        "email",
        "website",
        "status",
        "last_checked_on",
        "is_remote",
    ]:
        assert getattr(eettafel, name) == getattr(original, name), name
    assert eettafel.organisation.kvk_number == "40341234"
    assert eettafel.live and not eettafel.has_unpublished_changes
    assert eettafel.latest_revision is not None
    assert sorted(eettafel.categories.values_list("slug", flat=True)) == ["samen-eten"]
    assert sorted(eettafel.target_groups.values_list("slug", flat=True)) == ["mantelzorgers", "ouderen"]
    assert sorted(eettafel.languages.values_list("code", flat=True)) == ["nl", "tr"]
    buurthuis = Location.objects.get(hsds_id=hsds.buurthuis.hsds_id)
    assert buurthuis.neighbourhood.slug == hsds.crabbehof.slug
    assert (buurthuis.neighbourhood.latitude, buurthuis.neighbourhood.longitude) == (51.797, 4.672)
    assert buurthuis.wheelchair_accessible
    assert buurthuis.accessibility_notes == "Lift en invalidentoilet aanwezig."
    assert Service.objects.get(hsds_id=hsds.lijn.hsds_id).is_remote


def test_import_is_idempotent(client, hsds, tmp_path):
    file = tmp_path / "services.json"
    file.write_text(json.dumps(list(export_services(client).values())))
    wipe_directory()
    first, _ = run_import(file)
    assert "nieuw:" in first
    counts = [model.objects.count() for model in (Service, Organisation, Location, ServiceSchedule, Category)]
    revisions = Service.objects.get(hsds_id=hsds.eettafel.hsds_id).latest_revision_id

    second, err = run_import(file)
    assert err == ""
    assert "nieuw:" not in second and "bijgewerkt:" not in second
    assert [
        model.objects.count() for model in (Service, Organisation, Location, ServiceSchedule, Category)
    ] == counts
    assert Service.objects.get(hsds_id=hsds.eettafel.hsds_id).latest_revision_id == revisions


def test_import_updates_matched_records(client, hsds, tmp_path):
    document = client.get(f"/api/hsds/services/{hsds.eettafel.hsds_id}").json()
    document["name"] = "Eettafel Crabbehof (nieuw)"
    document["schedules"] = [
        {"id": document["schedules"][0]["id"], "byday": "MO,WE", "opens_at": "10:00", "closes_at": "12:00"}
    ]
    document["phones"] = []
    (tmp_path / "one.json").write_text(json.dumps(document))
    out, err = run_import(tmp_path / "one.json")
    assert err == ""
    assert "bijgewerkt:" in out
    service = Service.objects.get(hsds_id=hsds.eettafel.hsds_id, locale=hsds.eettafel.locale)
    assert service.pk == hsds.eettafel.pk
    assert service.name == "Eettafel Crabbehof (nieuw)"
    assert service.phone == ""
    assert sorted(service.schedules.values_list("weekday", flat=True)) == [1, 3]
    # The English translation is a separate record and stays as it was.
    assert Service.objects.get(pk=hsds.eettafel_en.pk).name == "Dinner table Crabbehof"


def test_list_items_only_change_the_fields_they_carry(client, hsds, tmp_path):
    page = client.get("/api/hsds/services").json()
    for item in page["contents"]:
        item["name"] = item["name"].upper()
    (tmp_path / "page.json").write_text(json.dumps(page))
    run_import(tmp_path / "page.json")
    eettafel = Service.objects.get(pk=hsds.eettafel.pk)
    assert eettafel.name == "EETTAFEL CRABBEHOF"
    # Not in a list item, so kept.
    assert eettafel.phone == "078 123 4567"
    assert eettafel.schedules.count() == 2
    assert eettafel.categories.count() == 1


def test_invalid_records_are_skipped_and_reported(client, hsds, tmp_path):
    good = client.get(f"/api/hsds/services/{hsds.lijn.hsds_id}").json()
    good["name"] = "De Luisterlijn, dag en nacht"
    records = [
        good,
        {"name": "Geen id", "status": "active"},
        {"id": "niet-een-uuid", "name": "Fout id", "status": "active"},
        {"id": "4b0f6a3e-2f59-4d8e-9a55-3c1f8f0de8a1", "name": "Rare status", "status": "open"},
        {"id": "4b0f6a3e-2f59-4d8e-9a55-3c1f8f0de8a2", "name": "Zonder organisatie", "status": "active"},
        {
            "id": "4b0f6a3e-2f59-4d8e-9a55-3c1f8f0de8a3",
            "name": "Foute dag",
            "status": "active",
            "organization_id": str(hsds.humanitas.hsds_id),
            "schedules": [
                {
                    "id": "4b0f6a3e-2f59-4d8e-9a55-3c1f8f0de8a4",
                    "byday": "XX",
                    "opens_at": "9:00",
                    "closes_at": "10:00",
                }
            ],
        },
        "een tekst",
    ]
    (tmp_path / "mixed.json").write_text(json.dumps(records))
    (tmp_path / "broken.json").write_text("{not json")
    out, err = run_import(tmp_path)
    assert "8/8 records" in out
    assert "overgeslagen: 7" in out
    assert "'id' is a required property" in err
    assert "niet-een-uuid" in err
    assert "'open' is not one of" in err
    assert "organization: missing" in err
    assert "broken.json" in err
    assert "een tekst" not in out
    assert Service.objects.get(pk=hsds.lijn.pk).name == "De Luisterlijn, dag en nacht"
    assert not Service.objects.filter(name__in=["Geen id", "Fout id", "Rare status", "Foute dag"]).exists()
    with pytest.raises(CommandError):
        run_import(tmp_path, "--fail-on-error")


def test_organization_documents_and_other_publishers(locales, tmp_path):
    """A document as another HSDS publisher might write it: no Erbij attributes."""
    organization = {
        "id": "0d5f1f2a-6f0b-4c61-9a39-8ad0a9a10001",
        "name": "Buurtwerk Voorbeeld",
        "description": "Buurtwerk in de wijk.",
        "website": "https://buurtwerk.example/",
        "organization_identifiers": [
            {
                "id": "0d5f1f2a-6f0b-4c61-9a39-8ad0a9a10002",
                "identifier_type": "KvK",
                "identifier": "1234 5678",
            }
        ],
        "services": [
            {
                "id": "0d5f1f2a-6f0b-4c61-9a39-8ad0a9a10003",
                "name": "Koffieochtend",
                "status": "active",
                "description": "Iedere woensdag koffie in het buurthuis, voor iedereen.",
            }
        ],
    }
    (tmp_path / "org.json").write_text(json.dumps(organization))
    out, err = run_import(tmp_path / "org.json")
    assert err == ""
    organisation = Organisation.objects.get(hsds_id=organization["id"])
    assert organisation.kvk_number == "12345678"
    service = Service.objects.get(hsds_id="0d5f1f2a-6f0b-4c61-9a39-8ad0a9a10003")
    assert service.organisation == organisation
    assert service.slug == "koffieochtend"
    assert service.short_description.startswith("Iedere woensdag")
    assert service.cost == Service.Cost.FREE
    assert service.live


def test_missing_path_is_a_clear_error(locales, tmp_path):
    with pytest.raises(CommandError):
        run_import(tmp_path / "bestaat-niet.json")
    with pytest.raises(CommandError):
        run_import(tmp_path, "--locale", "xx")


def test_import_in_another_locale_makes_a_translation(client, hsds, tmp_path):
    document = client.get(f"/api/hsds/services/{hsds.lijn.hsds_id}").json()
    document["name"] = "The Listening Line"
    (tmp_path / "en.json").write_text(json.dumps(document))
    out, err = run_import(tmp_path / "en.json", "--locale", "en")
    assert err == ""
    english = Service.objects.get(hsds_id=hsds.lijn.hsds_id, locale__language_code="en")
    assert english.name == "The Listening Line"
    assert english.translation_key == hsds.lijn.translation_key
    assert english.organisation.translation_key == hsds.luisterlijn_org.translation_key
    assert english.organisation.locale.language_code == "en"
    assert Service.objects.get(pk=hsds.lijn.pk).name == "De Luisterlijn"
    assert client.get("/api/hsds/services", {"locale": "en", "text": "listening"}).json()["total_items"] == 1
