"""Shared fixtures and helpers of the portal tests (imported by tests/test_portal_*.py)."""

import time

import pytest
from django.core import signing
from django.core.cache import cache

from portal.factories import (
    HelpRequestPageFactory,
    MunicipalityFactory,
    PartnerSignupPageFactory,
    WijkFactory,
)
from portal.views import TOKEN_SALT

# Test files star-import the fixtures (pytest finds them by name); helpers are imported by name.
__all__ = ["_clear_cache", "dordrecht", "zwijndrecht", "help_page", "signup_page"]

CANARY = "KANARIE-7f3e9b-geheim"


def old_token(seconds=60, token_id=None):
    """A form token issued `seconds` ago, so the minimum fill time has passed."""
    import uuid

    return signing.dumps({"id": token_id or uuid.uuid4().hex, "t": time.time() - seconds}, salt=TOKEN_SALT)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dordrecht(db):
    municipality = MunicipalityFactory(name="Dordrecht", notify_emails="team-dordrecht@erbij.example")
    WijkFactory(municipality=municipality, name="Crabbehof")
    WijkFactory(municipality=municipality, name="Sterrenburg")
    return municipality


@pytest.fixture
def zwijndrecht(db):
    municipality = MunicipalityFactory(name="Zwijndrecht")
    WijkFactory(municipality=municipality, name="Heerjansdam")
    return municipality


@pytest.fixture
def help_page(home_page, dordrecht):
    page = HelpRequestPageFactory.build(slug="hulp-vragen", title="Hulp vragen")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def signup_page(home_page):
    page = PartnerSignupPageFactory.build(slug="partner-worden", title="Partner worden")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def help_data(place, **overrides):
    wijk = place.wijken.first()
    data = {
        "form_token": old_token(),
        "first_name": "Fenna",
        "phone": "06 12345678",
        "email": "fenna@voorbeeld.example",
        "municipality": str(place.pk),
        "wijk": str(wijk.pk) if wijk else "",
        "help_kinds": ["talk", "meet"],
        "message": "Ik woon sinds kort alleen.",
        "for_whom": "self",
        "contact_time": "morning",
        "consent": "on",
        "homepage_url": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def signup_data(coalitions=(), **overrides):
    data = {
        "form_token": old_token(),
        "organisation_name": "Stichting Buurtkamer",
        "kvk_number": "87654321",
        "website": "https://buurtkamer.example",
        "address": "Voorstraat 10, 3311 AB Dordrecht",
        "contact_name": "Sanne de Testvrouw",
        "contact_role": "Coördinator",
        "contact_email": "sanne@buurtkamer.example",
        "contact_phone": "078 7654321",
        "coalitions": [str(page.pk) for page in coalitions],
        "agreement": "on",
        "consent": "on",
        "homepage_url": "",
        "services-TOTAL_FORMS": "3",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "10",
        "services-0-name": "Koffieochtend",
        "services-0-category": "meeting",
        "services-0-target_group": "Buurtbewoners",
        "services-0-description": "Elke dinsdag koffie en een praatje.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
