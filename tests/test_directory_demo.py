import pytest
from django.core.management import call_command
from wagtail.models import Locale

from directory.demo import ORGANISATIONS, SERVICES
from directory.models import Category, DirectoryPage, Organisation, Service

SEED_PARTNERS = [
    "Humanitas",
    "Luisterlijn",
    "Sensoor",
    "SOL Netwerk",
    "MDRplus",
    "Thermiek",
    "WMO Radar",
    "KijkopWelzijn",
    "Het Spectrum",
    "ContourdeTwern",
    "Rode Kruis",
    "Resto van Harte",
    "Stichting MEE",
]


def test_demo_directory(client, demo):
    names = " ".join(Organisation.objects.filter(locale__language_code="nl").values_list("name", flat=True))
    for partner in SEED_PARTNERS:
        assert partner in names
    services = Service.objects.filter(locale__language_code="nl", live=True)
    assert services.count() == len(SERVICES) >= 40
    municipalities = set(services.values_list("service_locations__location__municipality", flat=True))
    assert {"Dordrecht", "Rotterdam", "Barendrecht"} <= municipalities
    assert services.filter(is_remote=True).exists()
    assert all(service.contact_name for service in services)
    assert not services.exclude(email__endswith=".example").exists()
    assert (
        Category.objects.filter(locale__language_code="en", slug="samen-eten").get().name == "Eating together"
    )

    page = DirectoryPage.objects.get(locale__language_code="nl")
    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert english.title == "Help nearby"
    response = client.get(
        "/nl/hulp-in-de-buurt/", {"q": "samen eten", "gemeente": "Dordrecht", "gratis": "1"}
    )
    assert response.status_code == 200
    assert response.context["results"]
    assert client.get("/en/hulp-in-de-buurt/").status_code == 200
    # The home page links to the directory.
    assert "/nl/hulp-in-de-buurt/" in client.get("/nl/").content.decode()


@pytest.mark.django_db
def test_demo_is_idempotent_and_shares_organisations(demo):
    from home.demo_utils import DemoContext

    counts = (Service.objects.count(), Organisation.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Service.objects.count(), Organisation.objects.count()) == counts

    import io

    from django.core.management.color import no_style

    from directory import demo as directory_demo
    from home import demo as home_demo

    ctx = DemoContext(stdout=io.StringIO(), style=no_style())
    home_demo.build(ctx)
    directory_demo.build(ctx)
    assert set(ctx.shared["organisations"]) == set(ORGANISATIONS)
    assert ctx.shared["organisations"]["humanitas"].name == "Humanitas Drechtsteden"
    assert ctx.shared["entry_points"][0]["en"]["title"] == "Help nearby"
