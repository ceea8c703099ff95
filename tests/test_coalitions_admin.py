"""Admin validation, per-coalition groups and the moderation workflow."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.models import EventPage
from coalitions.models import CoalitionEditorGroup, CoalitionPage
from coalitions.permissions import ensure_moderation_workflow
from tests.content_helpers import add_event, at, tree_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def coalition_post_data(page, partners, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "municipality": page.municipality,
        "province": page.province,
        "year_founded": "2015",
        "intro": "",
        "lead_organisation": "",
        "mission": rich_text("<p>Missie</p>"),
        "goals": streamfield([("goal", {"title": "Voorlichting", "text": ""})]),
        "action_lines": streamfield([]),
        "partners": inline_formset([{"organisation": org.pk, "role": "Partner"} for org in partners]),
        "contacts": inline_formset([]),
        "agreement_title": "",
        "agreement_text": rich_text(""),
        "signatories": inline_formset([]),
        "signup_page": "",
        "seo_title": "",
        "search_description": "",
        "social_image": "",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("beheer", "beheer@erbij.example", "wachtwoord")


def test_partner_listed_twice_is_an_admin_error(client, superuser, tree):
    client.force_login(superuser)
    page = tree["dordrecht"]
    org = tree["organisation"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, coalition_post_data(page, [org, org]))
    assert response.status_code == 200  # the form comes back with errors
    assert "Deze organisatie staat al in de lijst met partners." in response.content.decode()
    assert CoalitionPage.objects.get(pk=page.pk).partners.count() == 0
    # One partner once is fine.
    response = client.post(url, coalition_post_data(page, [org]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().partners.count() == 1


def test_coalition_without_municipality_is_an_admin_error(client, superuser, tree):
    client.force_login(superuser)
    page = tree["dordrecht"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, coalition_post_data(page, [], municipality=""))
    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]


def test_event_ending_before_start_is_an_admin_error(client, superuser, tree):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["campaigns", "eventpage", tree["dordrecht"].pk])
    data = nested_form_data(
        {
            "title": "Verkeerde tijd",
            "slug": "verkeerde-tijd",
            "start": "2030-05-01 14:00",
            "end": "2030-05-01 12:00",
            "intro": "",
            "location_name": "Buurthuis",
            "address": "",
            "online_url": "",
            "organiser": "",
            "coalition": "",
            "is_free": "on",
            "cost": "",
            "registration_url": "",
            "description": rich_text(""),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "eindigen na het begin" in response.content.decode()
    assert not EventPage.objects.filter(slug="verkeerde-tijd").exists()


def editor_of(page, username):
    user = get_user_model().objects.create_user(username, f"{username}@erbij.example", "wachtwoord")
    link = CoalitionEditorGroup.objects.get(coalition_key=page.translation_key)
    user.groups.add(link.group)
    return user


def test_group_is_created_with_the_coalition_page(tree):
    link = CoalitionEditorGroup.objects.get(coalition_key=tree["dordrecht"].translation_key)
    permissions = {p.permission.codename for p in link.group.page_permissions.filter(page=tree["dordrecht"])}
    assert permissions == {"add_page", "change_page"}  # no publish_page: a moderator publishes


def test_command_is_idempotent(tree):
    call_command("create_coalition_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("create_coalition_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CoalitionEditorGroup.objects.count() == 2
    assert Group.objects.filter(name__startswith="Redactie Coalitie Erbij").count() == 2
    assert WorkflowPage.objects.filter(page=Page.get_first_root_node(), workflow__active=True).exists()


def test_group_edits_own_coalition_and_gets_403_on_another(client, tree):
    event = add_event(tree["dordrecht"], title="Koffie in Dordrecht")
    other_event = add_event(tree["rotterdam"], title="Koffie in Rotterdam")
    client.force_login(editor_of(tree["dordrecht"], "redacteur-dordrecht"))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[tree["dordrecht"].pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "eventpage", tree["dordrecht"].pk])
    assert client.get(add_url).status_code == 200
    # Wagtail answers PermissionDenied with a real 403 for script requests, and for plain browser
    # requests with a redirect to the dashboard and a "no permission" message.
    xhr = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    other_urls = [
        reverse("wagtailadmin_pages:edit", args=[tree["rotterdam"].pk]),
        reverse("wagtailadmin_pages:edit", args=[other_event.pk]),
        reverse("wagtailadmin_pages:add", args=["campaigns", "eventpage", tree["rotterdam"].pk]),
    ]
    for url in other_urls:
        assert client.get(url, **xhr).status_code == 403
        response = client.get(url, follow=True)
        assert response.redirect_chain[0][0] == reverse("wagtailadmin_home")
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
    # Posting an edit to another coalition changes nothing.
    client.post(other_urls[0], coalition_post_data(tree["rotterdam"], [], title="Gekaapt"))
    tree["rotterdam"].refresh_from_db()
    assert tree["rotterdam"].title == "Coalitie Erbij Rotterdam"
    assert not tree["rotterdam"].revisions.filter(content__title="Gekaapt").exists()


def test_group_can_submit_but_not_publish(client, tree):
    ensure_moderation_workflow()
    page = tree["dordrecht"]
    client.force_login(editor_of(page, "redacteur"))
    data = coalition_post_data(page, [], title="Coalitie Erbij Dordrecht (nieuw)")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(url, {**data, "action-publish": "action-publish"})
    page.refresh_from_db()
    assert page.title == "Coalitie Erbij Dordrecht"  # publishing was not allowed
    response = client.post(url, {**data, "action-submit": "action-submit"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    assert page.title == "Coalitie Erbij Dordrecht"
    assert page.has_unpublished_changes


def test_moderator_approves_and_the_change_goes_live(client, tree):
    ensure_moderation_workflow()
    page = tree["dordrecht"]
    client.force_login(editor_of(page, "redacteur"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = coalition_post_data(page, [], title="Coalitie Erbij Dordrecht (nieuw)")
    client.post(url, {**data, "action-submit": "action-submit"})
    moderator = get_user_model().objects.create_user("moderator", "moderator@erbij.example", "wachtwoord")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.title == "Coalitie Erbij Dordrecht (nieuw)"
    assert page.live


def test_editor_group_listing_in_the_admin(client, superuser, tree):
    client.force_login(superuser)
    response = client.get(reverse("coalition_editor_groups:index"))
    assert response.status_code == 200
    assert "Redactie Coalitie Erbij Dordrecht" in response.content.decode()


def test_new_translation_gets_the_same_group(tree):
    en = Locale.objects.get(language_code="en")
    translation = tree["dordrecht"].copy_for_translation(en, copy_parents=True)
    translation.save_revision().publish()
    link = CoalitionEditorGroup.objects.get(coalition_key=tree["dordrecht"].translation_key)
    assert link.group.page_permissions.filter(page=translation).count() == 2
