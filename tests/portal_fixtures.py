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
__all__ = [
    "_clear_cache",
    "dordrecht",
    "zwijndrecht",
    "help_page",
    "signup_page",
    "coalition_index",
    "coalition_dordrecht",
    "coalition_zwijndrecht",
]

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


@pytest.fixture
def coalition_index(home_page):
    from coalitions.factories import CoalitionIndexPageFactory

    index = CoalitionIndexPageFactory.build(slug="coalities", title="Coalities")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_coalition(index, title, municipality, slug):
    """A live coalition page; its editor group and sign-up reviewer group come with it."""
    from coalitions.factories import CoalitionPageFactory

    page = CoalitionPageFactory.build(title=title, municipality=municipality, slug=slug)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def coalition_dordrecht(coalition_index):
    return make_coalition(coalition_index, "Coalitie Erbij Dordrecht", "Dordrecht", "dordrecht")


@pytest.fixture
def coalition_zwijndrecht(coalition_index):
    return make_coalition(coalition_index, "Samen Zwijndrecht", "Zwijndrecht", "zwijndrecht")


def review_group(page):
    """The "Aanmeldingen <coalition>" group of a coalition page."""
    from portal.models import SignupReviewGroup

    return SignupReviewGroup.objects.get(coalition_key=page.translation_key).group


def editor_group(page):
    """The coalition's page editor group ("Redactie <coalition>")."""
    from coalitions.models import CoalitionEditorGroup

    return CoalitionEditorGroup.objects.get(coalition_key=page.translation_key).group


def make_user(username, groups=(), superuser=False, perms=()):
    """An admin user (access_admin) in these groups, with these portal model permissions."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@erbij.example", is_superuser=superuser
    )
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    user.user_permissions.add(admin_access)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="portal", codename=codename))
    for group in groups:
        user.groups.add(group)
    return user


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
