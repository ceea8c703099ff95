import datetime

import pytest

from directory.models import Service
from tests.directory_helpers import build_directory


@pytest.fixture
def directory(home_page):
    return build_directory(home_page)


def test_service_page_has_contact_buttons_hours_and_check_date(client, directory):
    service = directory.eten
    service.last_checked_on = datetime.date(2026, 9, 1)
    service.save()
    url = service.get_url()
    assert url == "/nl/hulp-in-de-buurt/samen-eten-in-crabbehof/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Samen eten in Crabbehof</h1>" in html
    assert 'href="tel:0781234567"' in html
    assert "Bel 078 123 45 67" in html
    assert 'href="mailto:eten@humanitas.example"' in html
    assert "https://www.openstreetmap.org/directions?route=%3B51.797500%2C4.672500" in html
    assert "Dinsdag" in html and "17.30 – 19.30" in html
    assert "Laatst gecontroleerd op 1 september 2026" in html
    assert "Humanitas Drechtsteden" in html
    assert "Buurthuis Crabbehof" in html
    assert "directory/directory.css" in html
    assert 'style="' not in html


def test_service_without_own_hours_shows_the_location_hours(client, directory):
    html = client.get(directory.bezoek.get_url()).content.decode()
    assert "Wijkcentrum Sterrenburg" in html
    assert "Maandag" in html and "09.00 – 17.00" in html
    assert "Zaterdag" not in html


def test_remote_service_page(client, directory):
    html = client.get(directory.lijn.get_url()).content.decode()
    assert "telefonisch of online" in html
    assert 'href="tel:0880767000"' in html
    assert "Route naar" not in html


def test_unknown_hidden_and_draft_services_are_not_found(client, directory):
    assert client.get(directory.url + "bestaat-niet/").status_code == 404
    assert client.get(directory.url + "nog-geheim-eten/").status_code == 404
    assert client.get(directory.url + "..%2F..%2Fetc/").status_code == 404


def test_inactive_service_shows_a_notice(client, directory):
    response = client.get(directory.url + "gestopte-eetgroep/")
    assert response.status_code == 200
    assert "Let op: dit aanbod is niet actief" in response.content.decode()


def test_english_service_page(client, directory, locales):
    response = client.get("/en/hulp-in-de-buurt/samen-eten-in-crabbehof/")
    assert response.status_code == 200
    translation = directory.eten.copy_for_translation(locales[1])
    translation.name = "Eating together in Crabbehof"
    translation.live = False
    translation.save()
    # A draft translation does not replace the Dutch original yet.
    response = client.get("/en/hulp-in-de-buurt/samen-eten-in-crabbehof/")
    assert "Samen eten in Crabbehof" in response.content.decode()
    assert "Samen eten in Crabbehof" in client.get("/en/hulp-in-de-buurt/").content.decode()
    translation.save_revision().publish()
    response = client.get("/en/hulp-in-de-buurt/samen-eten-in-crabbehof/")
    assert "Eating together in Crabbehof" in response.content.decode()
    assert Service.objects.filter(hsds_id=directory.eten.hsds_id).count() == 2
    listing = client.get("/en/hulp-in-de-buurt/").content.decode()
    assert "Eating together in Crabbehof" in listing
    assert "Samen eten in Crabbehof" not in listing


def test_print_styles_exist():
    from pathlib import Path

    css = (
        Path(__file__)
        .resolve()
        .parent.parent.joinpath("directory/static/directory/directory.css")
        .read_text()
    )
    assert "@media print" in css


def test_admin_can_edit_a_service(admin_client, directory):
    response = admin_client.get(f"/admin/snippets/directory/service/edit/{directory.eten.pk}/")
    assert response.status_code == 200
    response = admin_client.get("/admin/snippets/directory/location/")
    assert response.status_code == 200


def test_a_kept_service_page_shows_every_change_at_once(client, directory, django_assert_max_num_queries):
    """The page's data is kept (directory.views.service_details) until the directory changes."""
    from directory.factories import CategoryFactory, ServiceScheduleFactory

    service = directory.eten
    url = service.get_url()
    client.get("/nl/")
    client.get(url)
    with django_assert_max_num_queries(2):
        assert client.get(url).status_code == 200

    service.phone = "078 999 00 11"
    service.save()
    assert 'href="tel:0789990011"' in client.get(url).content.decode()

    # Categories are written after the service's post_save (a ParentalManyToManyField).
    service.categories.add(CategoryFactory(name="Koken voor elkaar", slug="koken-voor-elkaar"))
    service.save()
    assert "Koken voor elkaar" in client.get(url).content.decode()
    # Opening hours are rows of their own.
    ServiceScheduleFactory(
        service=service, weekday=6, opens_at=datetime.time(12), closes_at=datetime.time(14)
    )
    assert "Zaterdag" in client.get(url).content.decode()

    Service.objects.filter(pk=service.pk).update(live=False)
    from directory.facetindex import directory_changed

    directory_changed()  # as bulk changes do (generate_directory, import_hsds)
    assert client.get(url).status_code == 404
