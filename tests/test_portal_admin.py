"""Review in the admin: help-request rights, access log, status flow, approval, page protection.

The full permission matrix per coalition is in test_portal_permissions.py, the dashboard panel in
test_portal_dashboard.py.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from directory.models import Organisation
from portal.approval import add_partner_draft, approve, reject
from portal.factories import (
    HelpRequestFactory,
    PartnerSignupFactory,
    PartnerSignupServiceFactory,
)
from portal.models import (
    HelpRequest,
    HelpRequestAccessLog,
    OutboxMessage,
    PartnerSignup,
)
from tests.portal_fixtures import *  # noqa: F403 - pytest fixtures
from tests.portal_fixtures import make_user, review_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(dordrecht, zwijndrecht, coalition_dordrecht):
    editors = Group.objects.get(name="Editors")  # page edit rights
    return {
        "dordrecht": make_user("hulp-dordrecht", groups=[dordrecht.help_group]),
        "zwijndrecht": make_user("hulp-zwijndrecht", groups=[zwijndrecht.help_group]),
        "editor": make_user("redacteur", groups=[editors]),
        # Reviews the sign-ups of Coalitie Erbij Dordrecht; no help requests.
        "reviewer": make_user("beoordelaar", groups=[review_group(coalition_dordrecht)]),
        "admin": make_user("beheerder", superuser=True),
    }


@pytest.fixture
def signup_for(coalition_dordrecht):
    """A new sign-up for Coalitie Erbij Dordrecht (reviewed by users["reviewer"])."""

    def make(**fields):
        signup = PartnerSignupFactory(**fields)
        signup.coalitions.set([coalition_dordrecht])
        return signup

    return make


@pytest.fixture
def requests_(dordrecht, zwijndrecht):
    return {
        "dordrecht": HelpRequestFactory(municipality=dordrecht, message="Inhoud Dordrecht"),
        "zwijndrecht": HelpRequestFactory(municipality=zwijndrecht, message="Inhoud Zwijndrecht"),
    }


def test_municipality_gets_its_help_group(dordrecht):
    assert dordrecht.help_group.name == "Hulpvragen Dordrecht"
    assert dordrecht.help_group.permissions.filter(codename="access_admin").exists()


# --- Permission matrix: list, view, export, delete, per kind, per municipality ---------------

HELP_MATRIX = [
    # user, municipality of the request, allowed
    ("dordrecht", "dordrecht", True),
    ("dordrecht", "zwijndrecht", False),
    ("zwijndrecht", "zwijndrecht", True),
    ("zwijndrecht", "dordrecht", False),
    ("editor", "dordrecht", False),
    ("editor", "zwijndrecht", False),
    ("reviewer", "dordrecht", False),
    ("admin", "dordrecht", True),
    ("admin", "zwijndrecht", True),
]


@pytest.mark.parametrize(("who", "where", "allowed"), HELP_MATRIX)
def test_help_request_view_and_edit(client, users, requests_, who, where, allowed):
    client.force_login(users[who])
    item = requests_[where]
    for view in ("inspect", "edit", "delete"):
        response = client.get(reverse(f"portal_helprequests:{view}", args=[item.pk]))
        if allowed:
            assert response.status_code == 200, view
        else:
            assert response.status_code == 403, view
            assert item.message not in response.content.decode()


@pytest.mark.parametrize(("who", "where", "allowed"), HELP_MATRIX)
def test_help_request_list_and_export(client, users, requests_, who, where, allowed):
    client.force_login(users[who])
    item = requests_[where]
    listing = client.get(reverse("portal_helprequests:index"))
    export = client.get(reverse("portal_helprequests:index") + "?export=csv")
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    if allowed:
        assert item.reference in listing.content.decode()
        assert item.reference in body
    elif who in ("editor", "reviewer"):
        assert listing.status_code == export.status_code == 403
    else:
        # A member of another municipality's group sees the listing, without this request.
        assert item.reference not in listing.content.decode()
        assert item.reference not in body


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_no_help_group_means_403_or_denied(client, users, requests_, who):
    client.force_login(users[who])
    response = client.get(reverse("portal_helprequests:index"))
    assert response.status_code == 403
    response = client.get(reverse("portal_helprequests:inspect", args=[requests_["dordrecht"].pk]))
    assert response.status_code == 403


def test_wrong_municipality_gets_403(client, users, requests_):
    client.force_login(users["dordrecht"])
    response = client.get(reverse("portal_helprequests:inspect", args=[requests_["zwijndrecht"].pk]))
    assert response.status_code == 403
    response = client.post(reverse("portal_helprequests:delete", args=[requests_["zwijndrecht"].pk]))
    assert response.status_code == 403
    assert HelpRequest.objects.filter(pk=requests_["zwijndrecht"].pk).exists()


def test_delete_is_allowed_and_logged(client, users, requests_):
    client.force_login(users["dordrecht"])
    item = requests_["dordrecht"]
    response = client.post(reverse("portal_helprequests:delete", args=[item.pk]))
    assert response.status_code == 302
    assert not HelpRequest.objects.filter(pk=item.pk).exists()
    log = HelpRequestAccessLog.objects.get(action="delete")
    assert (log.username, log.reference) == ("hulp-dordrecht", item.reference)


def test_views_and_exports_are_logged_without_content(client, users, requests_):
    client.force_login(users["dordrecht"])
    item = requests_["dordrecht"]
    client.get(reverse("portal_helprequests:inspect", args=[item.pk]))
    export = client.get(reverse("portal_helprequests:index") + "?export=csv")
    if export.streaming:
        b"".join(export.streaming_content)
    actions = sorted(HelpRequestAccessLog.objects.values_list("action", "reference", "username"))
    assert actions == [
        ("export", item.reference, "hulp-dordrecht"),
        ("view", item.reference, "hulp-dordrecht"),
    ]
    for log in HelpRequestAccessLog.objects.all():
        assert item.message not in str(log.__dict__)
        assert item.email not in str(log.__dict__)


def test_help_request_search_in_admin_uses_reference(client, users, requests_):
    client.force_login(users["dordrecht"])
    item = requests_["dordrecht"]
    response = client.get(reverse("portal_helprequests:index"), {"q": item.reference})
    assert item.reference in response.content.decode()


# --- Status flow with notes and history ---------------------------------------------------


def test_help_request_status_flow(client, users, requests_):
    client.force_login(users["dordrecht"])
    item = requests_["dordrecht"]
    url = reverse("portal_helprequests:edit", args=[item.pk])
    organisation = Organisation.objects.create(name="Welzijn Dordrecht")
    # Assigned needs somebody to assign to.
    response = client.post(url, {"status": "assigned", "note": ""})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == "new"
    # Skipping straight to contacted is not a step.
    client.post(url, {"status": "contacted", "assigned_organisation": organisation.pk})
    item.refresh_from_db()
    assert item.status == "new"
    for status in ("assigned", "contacted", "closed"):
        response = client.post(
            url, {"status": status, "assigned_organisation": organisation.pk, "note": f"stap {status}"}
        )
        assert response.status_code == 302, response.content.decode()[:500]
    item.refresh_from_db()
    assert item.status == "closed" and item.closed_at is not None
    history = list(item.events.values_list("from_status", "to_status", "note"))
    assert history == [
        ("new", "assigned", "stap assigned"),
        ("assigned", "contacted", "stap contacted"),
        ("contacted", "closed", "stap closed"),
    ]
    inspect = client.get(reverse("portal_helprequests:inspect", args=[item.pk])).content.decode()
    assert "stap contacted" in inspect


def test_signup_review_note_and_in_review(client, users, signup_for):
    signup = signup_for()
    client.force_login(users["reviewer"])
    response = client.post(
        reverse("portal_signups:edit", args=[signup.pk]),
        {"start_review": "on", "note": "Gebeld met de aanvrager"},
    )
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == "in_review"
    assert list(signup.events.values_list("from_status", "to_status", "note")) == [
        ("new", "in_review", ""),
        ("in_review", "in_review", "Gebeld met de aanvrager"),
    ]


# --- Approval and rejection ----------------------------------------------------------------


def test_approval_creates_organisation_and_mails(client, users, signup_for):
    signup = signup_for(organisation_name="Stichting Samen Eten", kvk_number="11223344")
    PartnerSignupServiceFactory(signup=signup, name="Samen eten", category="meeting")
    client.force_login(users["reviewer"])
    response = client.post(reverse("portal_signups:approve", args=[signup.pk]), {})
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == "approved"
    organisation = signup.organisation
    assert organisation.name == "Stichting Samen Eten"
    assert organisation.kvk_number == "11223344"
    assert organisation.live
    mail = OutboxMessage.objects.filter(to=[signup.contact_email]).get()
    assert "goedgekeurd" in mail.subject
    assert list(signup.events.values_list("to_status", flat=True)) == ["approved"]


def test_inspect_after_approval_links_to_what_is_still_a_draft(
    client, users, signup_for, coalition_dordrecht
):
    signup = signup_for(organisation_name="Stichting Nog Niet Online")
    PartnerSignupServiceFactory(signup=signup, name="Wandelclub", category="activity")
    client.force_login(users["admin"])
    client.post(reverse("portal_signups:approve", args=[signup.pk]), {"coalitions": [coalition_dordrecht.pk]})
    html = client.get(reverse("portal_signups:inspect", args=[signup.pk])).content.decode()
    assert "Nog publiceren" in html
    service = Organisation.objects.get(name="Stichting Nog Niet Online").services.get()
    assert f'href="{reverse("wagtailsnippets_directory_service:edit", args=[service.pk])}"' in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[coalition_dordrecht.pk])}"' in html
    assert "Aanbod: Wandelclub" in html and "Coalitiepagina: Coalitie Erbij Dordrecht" in html
    # Once published, nothing is left to publish.
    service.save_revision().publish()
    type(coalition_dordrecht).objects.get(pk=coalition_dordrecht.pk).get_latest_revision().publish()
    html = client.get(reverse("portal_signups:inspect", args=[signup.pk])).content.decode()
    assert "Nog publiceren" not in html


def test_approval_links_existing_organisation(users):
    existing = Organisation.objects.create(name="Bestaande Stichting", kvk_number="55667788")
    signup = PartnerSignupFactory(kvk_number="55667788")
    organisation, _services, _pages = approve(signup, users["reviewer"], organisation=existing)
    assert organisation == existing
    assert Organisation.objects.count() == 1


def test_approval_services_as_drafts_when_directory_has_services(users):
    from django.apps import apps

    signup = PartnerSignupFactory()
    PartnerSignupServiceFactory(signup=signup, name="Maatjesproject", category="buddy")
    _org, services, _pages = approve(signup, users["reviewer"])
    try:
        apps.get_model("directory", "Service")
    except LookupError:
        assert services == []  # the directory app has no Service model (yet)
    else:
        assert [service.name for service in services] == ["Maatjesproject"]
        assert all(not getattr(service, "live", False) for service in services)


def test_add_partner_draft_without_partner_inline_is_a_no_op(home_page, users):
    organisation = Organisation.objects.create(name="Stichting Zonder Inline")
    assert add_partner_draft(home_page, organisation, users["admin"]) is False


def test_approval_with_logo_makes_a_wagtail_image(users):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(buffer, format="PNG")
    signup = PartnerSignupFactory()
    signup.logo.save("A-logo.png", ContentFile(buffer.getvalue()))
    organisation, _services, _pages = approve(signup, users["reviewer"])
    assert organisation.logo is not None
    assert organisation.logo.title == signup.organisation_name


def test_rejection_needs_reason_and_mails_it(client, users, signup_for):
    signup = signup_for()
    client.force_login(users["reviewer"])
    url = reverse("portal_signups:reject", args=[signup.pk])
    response = client.post(url, {"reason": ""})
    assert "Schrijf de reden van de afwijzing op." in response.content.decode()
    response = client.post(url, {"reason": "Uw organisatie werkt niet in deze regio."})
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == "rejected" and signup.closed_at
    mail = OutboxMessage.objects.get(to=[signup.contact_email])
    assert "Uw organisatie werkt niet in deze regio." in mail.body


def test_decided_signup_cannot_be_decided_again(users):
    from portal.approval import ApprovalError

    signup = PartnerSignupFactory()
    reject(signup, users["reviewer"], "Nee")
    with pytest.raises(ApprovalError):
        approve(signup, users["reviewer"])


# --- A form page with open submissions cannot be deleted -----------------------------------


def test_form_page_with_open_submissions_cannot_be_deleted(client, users, help_page, dordrecht):
    item = HelpRequestFactory(municipality=dordrecht, page=help_page)
    client.force_login(users["admin"])
    url = reverse("wagtailadmin_pages:delete", args=[help_page.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert type(help_page).objects.filter(pk=help_page.pk).exists()
    item.status = "closed"
    item.save()
    client.post(url)
    assert not type(help_page).objects.filter(pk=help_page.pk).exists()
    item.refresh_from_db()
    assert item.page_id is None  # the submission outlives its page


def test_parent_page_with_form_page_below_is_protected(client, users, signup_page):
    from portal.factories import PartnerSignupFactory as Factory

    Factory(page=signup_page)
    parent = signup_page.get_parent()
    client.force_login(users["admin"])
    from wagtail.models import Page

    # Deleting the home page would take the form page with it.
    client.post(reverse("wagtailadmin_pages:delete", args=[parent.pk]))
    assert Page.objects.filter(pk=parent.pk).exists()
    assert PartnerSignup.objects.get().page_id == signup_page.pk
