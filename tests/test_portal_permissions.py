"""Who may list, view, change, export and delete partner sign-ups and help requests, per coalition.

Sign-ups: the reviewer group of a coalition the sign-up names ("Aanmeldingen <coalition>").
Help requests: the help-request group of the request's municipality (which links it to the
coalition of that municipality). Superusers see everything; everyone else gets a 403.
"""

import csv
import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from coalitions.models import CoalitionPage
from portal.factories import HelpRequestFactory, MunicipalityFactory, PartnerSignupFactory
from portal.models import HelpRequest, PartnerSignup, SignupReviewGroup
from tests.portal_fixtures import *  # noqa: F403 - pytest fixtures
from tests.portal_fixtures import editor_group, make_coalition, make_user, review_group

pytestmark = pytest.mark.django_db

KINDS = ["signup", "help"]
COALITIONS = ["dordrecht", "zwijndrecht"]
OTHER = {"dordrecht": "zwijndrecht", "zwijndrecht": "dordrecht"}
ROLES = ["reviewer", "other_reviewer", "helper", "other_helper", "page_editor", "superuser"]
ACTIONS = ["list", "view", "change", "export", "delete"]
REFERENCE = re.compile(r"\b[AR]-2026-\d{4}\b")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Two coalitions (Dordrecht, Zwijndrecht) with their municipalities, sign-ups, help requests
    and users, built once for the module and rolled back after it; each test runs in its own
    transaction inside, so a deletion in one test is gone in the next."""
    from django.db import transaction

    from home.demo_utils import ensure_base_tree
    from tests.utils import make_site_home

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world(make_site_home, ensure_base_tree)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _build_world(make_site_home, ensure_base_tree):
    from coalitions.factories import CoalitionIndexPageFactory

    ensure_base_tree()
    home = make_site_home()
    index = CoalitionIndexPageFactory.build(slug="coalities", title="Coalities")
    home.add_child(instance=index)
    index.save_revision().publish()
    coalitions = {
        "dordrecht": make_coalition(index, "Coalitie Erbij Dordrecht", "Dordrecht", "dordrecht"),
        "zwijndrecht": make_coalition(index, "Samen Zwijndrecht", "Zwijndrecht", "zwijndrecht"),
    }
    # An English alias of the Dutch coalition page (as the English tree sync makes), with its parents.
    english = Locale.objects.get(language_code="en")
    coalitions["dordrecht"].copy_for_translation(english, copy_parents=True, alias=True)
    municipalities = {
        "dordrecht": MunicipalityFactory(name="Dordrecht"),
        "zwijndrecht": MunicipalityFactory(name="Zwijndrecht"),
    }
    signups = {}
    for name, page in coalitions.items():
        signups[name] = PartnerSignupFactory(organisation_name=f"Stichting Alleen {name}")
        signups[name].coalitions.set([page])
    signups["both"] = PartnerSignupFactory(organisation_name="Stichting Beide")
    signups["both"].coalitions.set(coalitions.values())
    signups["none"] = PartnerSignupFactory(organisation_name="Stichting Zonder Coalitie")
    help_requests = {
        name: HelpRequestFactory(municipality=place, message=f"Geheime inhoud {name}")
        for name, place in municipalities.items()
    }
    users = {"superuser": make_user("beheerder", superuser=True)}
    for name in COALITIONS:
        users[f"reviewer-{name}"] = make_user(f"beoordelaar-{name}", groups=[review_group(coalitions[name])])
        users[f"helper-{name}"] = make_user(f"hulp-{name}", groups=[municipalities[name].help_group])
        users[f"editor-{name}"] = make_user(f"redacteur-{name}", groups=[editor_group(coalitions[name])])
    return SimpleNamespace(
        index=index,
        coalitions=coalitions,
        municipalities=municipalities,
        signups=signups,
        help_requests=help_requests,
        users=users,
    )


def user_for(world, role, coalition):
    other = OTHER[coalition]
    name = {
        "reviewer": f"reviewer-{coalition}",
        "other_reviewer": f"reviewer-{other}",
        "helper": f"helper-{coalition}",
        "other_helper": f"helper-{other}",
        "page_editor": f"editor-{coalition}",
        "superuser": "superuser",
    }[role]
    return world.users[name]


def item_for(world, kind, coalition):
    return world.signups[coalition] if kind == "signup" else world.help_requests[coalition]


def secret_of(item):
    """Text of the row that must not leak into a refusal."""
    return item.organisation_name if isinstance(item, PartnerSignup) else item.message


def may_open(kind, role):
    """Whether this role may see and handle this coalition's rows of this kind."""
    return role == "superuser" or role == ("reviewer" if kind == "signup" else "helper")


def may_list(kind, role):
    """Whether this role gets the listing at all (with only its own coalition's rows)."""
    if role == "superuser":
        return True
    return role in (("reviewer", "other_reviewer") if kind == "signup" else ("helper", "other_helper"))


def expected_rows(world, kind, role, coalition):
    """The references the listing and export must hold, no more and no fewer."""
    if kind == "signup":
        if role == "superuser":
            return {item.reference for item in world.signups.values()}
        own = coalition if role == "reviewer" else OTHER[coalition]
        # A sign-up naming both coalitions is seen by the reviewers of each.
        return {world.signups[own].reference, world.signups["both"].reference}
    if role == "superuser":
        return {item.reference for item in world.help_requests.values()}
    own = coalition if role == "helper" else OTHER[coalition]
    return {world.help_requests[own].reference}


def prefix(kind):
    return "portal_signups" if kind == "signup" else "portal_helprequests"


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("coalition", COALITIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_permission_matrix(client, world, kind, coalition, role, action):
    client.force_login(user_for(world, role, coalition))
    item = item_for(world, kind, coalition)
    urls = prefix(kind)

    if action in ("list", "export"):
        url = reverse(f"{urls}:index") + ("?export=csv" if action == "export" else "")
        response = client.get(url)
        body = body_of(response)
        if not may_list(kind, role):
            assert response.status_code == 403
            assert REFERENCE.findall(body) == []
            return
        assert response.status_code == 200
        if action == "export":
            rows = list(csv.DictReader(io.StringIO(body)))
            listed = {row[next(iter(row))] for row in rows}  # the first column is the reference
        else:
            listed = set(REFERENCE.findall(body))
        assert listed == expected_rows(world, kind, role, coalition)
        assert (item.reference in listed) is may_open(kind, role)
        return

    if action == "view":
        names = ["inspect", "usage"]
    elif action == "change":
        names = ["edit", "history"] + (["approve", "reject"] if kind == "signup" else [])
    else:
        names = ["delete"]
    for name in names:
        response = client.get(reverse(f"{urls}:{name}", args=[item.pk]))
        if may_open(kind, role):
            assert response.status_code == 200, name
        else:
            assert response.status_code == 403, name
            assert secret_of(item) not in response.content.decode(), name

    if action == "delete":
        response = client.post(reverse(f"{urls}:delete", args=[item.pk]))
        still_there = type(item).objects.filter(pk=item.pk).exists()
        if may_open(kind, role):
            assert response.status_code == 302
            assert not still_there
        else:
            assert response.status_code == 403
            assert still_there


@pytest.mark.parametrize("coalition", COALITIONS)
def test_a_signup_naming_two_coalitions_is_handled_by_the_reviewers_of_each(client, world, coalition):
    client.force_login(world.users[f"reviewer-{coalition}"])
    both = world.signups["both"]
    for name in ("inspect", "edit", "approve", "reject"):
        assert client.get(reverse(f"portal_signups:{name}", args=[both.pk])).status_code == 200, name


def test_a_signup_without_coalition_is_for_superusers_only(client, world):
    lonely = world.signups["none"]
    for name in COALITIONS:
        client.force_login(world.users[f"reviewer-{name}"])
        assert client.get(reverse("portal_signups:inspect", args=[lonely.pk])).status_code == 403
    client.force_login(world.users["superuser"])
    assert client.get(reverse("portal_signups:inspect", args=[lonely.pk])).status_code == 200


def test_model_permissions_alone_give_no_access_to_signups(client, world):
    user = make_user(
        "alleen-rechten", perms=["view_partnersignup", "change_partnersignup", "delete_partnersignup"]
    )
    client.force_login(user)
    assert client.get(reverse("portal_signups:index")).status_code == 403
    signup = world.signups["dordrecht"]
    assert client.get(reverse("portal_signups:inspect", args=[signup.pk])).status_code == 403
    assert client.post(reverse("portal_signups:approve", args=[signup.pk])).status_code == 403
    signup.refresh_from_db()
    assert signup.status == "new"


def test_reviewer_cannot_approve_or_reject_another_coalitions_signup_by_post(client, world):
    client.force_login(world.users["reviewer-dordrecht"])
    signup = world.signups["zwijndrecht"]
    assert client.post(reverse("portal_signups:approve", args=[signup.pk]), {}).status_code == 403
    response = client.post(reverse("portal_signups:reject", args=[signup.pk]), {"reason": "Nee"})
    assert response.status_code == 403
    response = client.post(reverse("portal_signups:edit", args=[signup.pk]), {"start_review": "on"})
    assert response.status_code == 403
    signup.refresh_from_db()
    assert signup.status == "new" and not signup.events.exists()


def test_a_signup_from_the_english_form_goes_to_the_same_reviewers(client, world):
    dordrecht = world.coalitions["dordrecht"]
    english = dordrecht.get_translation(Locale.objects.get(language_code="en"))
    signup = PartnerSignupFactory(language="en")
    signup.coalitions.set([english])
    client.force_login(world.users["reviewer-dordrecht"])
    assert client.get(reverse("portal_signups:inspect", args=[signup.pk])).status_code == 200
    assert signup.reference in client.get(reverse("portal_signups:index")).content.decode()
    client.force_login(world.users["reviewer-zwijndrecht"])
    assert client.get(reverse("portal_signups:inspect", args=[signup.pk])).status_code == 403


def test_approval_offers_the_chosen_and_the_reviewers_own_coalitions_only(client, world):
    from portal.admin_views import approval_coalition_choices

    def offered(signup, user):
        pages = approval_coalition_choices(signup, user)
        # Only the Dutch pages: the English alias follows its source.
        assert set(pages.values_list("locale__language_code", flat=True)) == {"nl"}
        return list(pages.values_list("title", flat=True))

    reviewer = world.users["reviewer-dordrecht"]
    assert offered(world.signups["dordrecht"], reviewer) == ["Coalitie Erbij Dordrecht"]
    # What the applicant chose is offered too.
    assert offered(world.signups["both"], reviewer) == ["Coalitie Erbij Dordrecht", "Samen Zwijndrecht"]
    superuser = world.users["superuser"]
    assert offered(world.signups["dordrecht"], superuser) == ["Coalitie Erbij Dordrecht", "Samen Zwijndrecht"]

    client.force_login(reviewer)
    html = client.get(
        reverse("portal_signups:approve", args=[world.signups["dordrecht"].pk])
    ).content.decode()
    dutch = world.coalitions["dordrecht"]
    assert html.count('name="coalitions"') == 1
    assert re.search(rf'value="{dutch.pk}"[^>]*checked|checked[^>]*value="{dutch.pk}"', html)


def test_approving_a_signup_from_the_english_form_adds_the_partner_to_the_dutch_page(client, world):
    dordrecht = world.coalitions["dordrecht"]
    english = dordrecht.get_translation(Locale.objects.get(language_code="en"))
    signup = PartnerSignupFactory(language="en", organisation_name="Stichting Engels Formulier")
    signup.coalitions.set([english])
    client.force_login(world.users["reviewer-dordrecht"])
    response = client.post(
        reverse("portal_signups:approve", args=[signup.pk]), {"coalitions": [dordrecht.pk]}
    )
    assert response.status_code == 302
    draft = CoalitionPage.objects.get(pk=dordrecht.pk).get_latest_revision_as_object()
    assert [partner.organisation.name for partner in draft.partners.all()] == ["Stichting Engels Formulier"]


def test_approve_by_default_follows_an_alias_to_its_source(world):
    from portal.approval import approve

    dordrecht = world.coalitions["dordrecht"]
    english = dordrecht.get_translation(Locale.objects.get(language_code="en"))
    signup = PartnerSignupFactory(organisation_name="Stichting Via Alias")
    signup.coalitions.set([english])
    _organisation, _services, partnered = approve(signup, world.users["superuser"])
    assert len(partnered) == 1
    draft = CoalitionPage.objects.get(pk=dordrecht.pk).get_latest_revision_as_object()
    assert "Stichting Via Alias" in [partner.organisation.name for partner in draft.partners.all()]
    assert not CoalitionPage.objects.get(pk=english.pk).revisions.exists()


# --- The reviewer groups themselves ---------------------------------------------------------


def test_every_coalition_gets_its_own_review_group(world):
    dordrecht = review_group(world.coalitions["dordrecht"])
    assert dordrecht.name == "Aanmeldingen Coalitie Erbij Dordrecht"
    assert review_group(world.coalitions["zwijndrecht"]).name == "Aanmeldingen Samen Zwijndrecht"
    assert dordrecht.permissions.filter(codename="access_admin").exists()
    # Apart from the page editors: editing the coalition page gives no access to applicants.
    assert dordrecht != editor_group(world.coalitions["dordrecht"])
    assert not dordrecht.permissions.exclude(codename="access_admin").exists()
    # The English alias shares the Dutch page's group: one group per coalition.
    key = world.coalitions["dordrecht"].translation_key
    assert CoalitionPage.objects.filter(translation_key=key).count() == 2
    assert SignupReviewGroup.objects.count() == 2


def test_create_coalition_groups_also_makes_missing_review_groups(world):
    SignupReviewGroup.objects.all().delete()
    Group.objects.filter(name__startswith="Aanmeldingen").delete()
    call_command("create_coalition_groups", stdout=io.StringIO())
    call_command("create_coalition_groups", stdout=io.StringIO())  # idempotent
    assert sorted(SignupReviewGroup.objects.values_list("group__name", flat=True)) == [
        "Aanmeldingen Coalitie Erbij Dordrecht",
        "Aanmeldingen Samen Zwijndrecht",
    ]


def test_two_coalitions_with_the_same_title_get_two_groups(world):
    from portal.permissions import ensure_review_group

    first = make_coalition(world.index, "Samen Verder", "Dordrecht", "samen-verder-1")
    # (The coalitions app itself refuses two coalitions of the same title when it names their editor
    # groups, so the second one is renamed after it got its groups.)
    second = make_coalition(world.index, "Samen Verder Twee", "Zwijndrecht", "samen-verder-2")
    SignupReviewGroup.objects.filter(coalition_key=second.translation_key).delete()
    second.title = "Samen Verder"
    group = ensure_review_group(second)
    assert group != review_group(first)
    assert review_group(first).name == "Aanmeldingen Samen Verder"
    assert group.name == f"Aanmeldingen Samen Verder ({second.translation_key.hex[:8]})"
    assert review_group(second) == group


def test_help_request_inspect_names_its_coalition(client, world):
    client.force_login(world.users["helper-dordrecht"])
    item = world.help_requests["dordrecht"]
    html = client.get(reverse("portal_helprequests:inspect", args=[item.pk])).content.decode()
    assert "Deze hulpvraag hoort bij de coalitie van de gemeente: Coalitie Erbij Dordrecht" in html
    assert HelpRequest.objects.filter(pk=item.pk).exists()
