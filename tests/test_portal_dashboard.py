"""The dashboard panel: open sign-ups and help requests per coalition, only for who may review them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from portal.coalition_links import coalitions_for_help_request, help_requests_for_coalition
from portal.factories import HelpRequestFactory, MunicipalityFactory, PartnerSignupFactory
from portal.wagtail_hooks import coalition_rows, panel_context
from tests.portal_fixtures import *  # noqa: F403 - pytest fixtures
from tests.portal_fixtures import editor_group, make_coalition, make_user, review_group

pytestmark = pytest.mark.django_db


def signup(*coalitions, status="new", **fields):
    item = PartnerSignupFactory(status=status, **fields)
    item.coalitions.set(coalitions)
    return item


@pytest.fixture
def papendrecht(db):
    return MunicipalityFactory(name="Papendrecht")  # a municipality without a coalition


@pytest.fixture
def submissions(coalition_dordrecht, coalition_zwijndrecht, dordrecht, zwijndrecht, papendrecht):
    signup(coalition_dordrecht)
    signup(coalition_dordrecht, status="in_review")
    signup(coalition_dordrecht, status="approved")  # not open
    signup(coalition_dordrecht, coalition_zwijndrecht)  # counts for both
    signup(coalition_zwijndrecht)
    signup()  # no coalition chosen
    signup(status="rejected")
    HelpRequestFactory(municipality=dordrecht)
    HelpRequestFactory(municipality=dordrecht, status="contacted")
    HelpRequestFactory(municipality=dordrecht, status="closed")  # not open
    HelpRequestFactory(municipality=zwijndrecht)
    HelpRequestFactory(municipality=papendrecht)


def as_table(rows):
    return {row["name"]: (row["signups"], row["help"]) for row in rows}


def test_superuser_sees_every_coalition_with_both_counts(submissions, coalition_index):
    make_coalition(coalition_index, "Coalitie Rotterdam", "Rotterdam", "rotterdam")  # no Municipality
    admin = make_user("beheerder", superuser=True)
    assert as_table(coalition_rows(admin)) == {
        "Coalitie Erbij Dordrecht": (3, 2),
        "Coalitie Rotterdam": (0, 0),
        "Samen Zwijndrecht": (2, 1),
        "Papendrecht (geen coalitie)": (None, 1),
        "Geen coalitie gekozen": (1, None),
    }


def test_reviewer_sees_only_the_signups_of_their_coalition(client, submissions, coalition_dordrecht):
    reviewer = make_user("beoordelaar", groups=[review_group(coalition_dordrecht)])
    assert as_table(coalition_rows(reviewer)) == {"Coalitie Erbij Dordrecht": (3, None)}
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Open aanmeldingen en hulpvragen" in html
    assert "Coalitie Erbij Dordrecht" in html
    assert "Samen Zwijndrecht" not in html
    assert "Papendrecht" not in html and "Geen coalitie gekozen" not in html


def test_help_group_sees_the_help_requests_of_its_coalition(client, submissions, zwijndrecht):
    helper = make_user("hulp-zwijndrecht", groups=[zwijndrecht.help_group])
    assert as_table(coalition_rows(helper)) == {"Samen Zwijndrecht": (None, 1)}
    client.force_login(helper)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Samen Zwijndrecht" in html
    assert "Coalitie Erbij Dordrecht" not in html


def test_municipality_without_coalition_shows_its_open_requests(submissions, papendrecht):
    helper = make_user("hulp-papendrecht", groups=[papendrecht.help_group])
    assert as_table(coalition_rows(helper)) == {"Papendrecht (geen coalitie)": (None, 1)}


def test_reviewer_and_helper_of_different_coalitions(submissions, coalition_dordrecht, zwijndrecht):
    user = make_user("beide", groups=[review_group(coalition_dordrecht), zwijndrecht.help_group])
    assert as_table(coalition_rows(user)) == {
        "Coalitie Erbij Dordrecht": (3, None),
        "Samen Zwijndrecht": (None, 1),
    }


@pytest.mark.parametrize("who", ["page_editor", "editors_group", "model_permissions"])
def test_no_panel_for_who_may_review_nothing(client, submissions, coalition_dordrecht, who):
    if who == "page_editor":
        user = make_user("redacteur", groups=[editor_group(coalition_dordrecht)])
    elif who == "editors_group":
        user = make_user("redacteur", groups=[Group.objects.get(name="Editors")])
    else:
        user = make_user("rechten", perms=["view_partnersignup", "view_helprequest"])
    assert coalition_rows(user) is None
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Open aanmeldingen en hulpvragen" not in html


def test_coalition_in_two_languages_is_one_row(submissions, coalition_dordrecht):
    english = Locale.objects.get(language_code="en")
    alias = coalition_dordrecht.copy_for_translation(english, copy_parents=True, alias=True)
    signup(alias)  # from the English form
    admin = make_user("beheerder", superuser=True)
    rows = as_table(coalition_rows(admin))
    assert rows["Coalitie Erbij Dordrecht"] == (4, 2)
    assert list(rows).count("Coalitie Erbij Dordrecht") == 1


def test_help_request_belongs_to_the_coalition_of_its_municipality(coalition_index, dordrecht, zwijndrecht):
    page = make_coalition(coalition_index, "Erbij in Dordt", " dordrecht ", "erbij-dordt")
    item = HelpRequestFactory(municipality=dordrecht)
    other = HelpRequestFactory(municipality=zwijndrecht)
    assert list(coalitions_for_help_request(item)) == [page]
    assert list(coalitions_for_help_request(other)) == []
    assert list(help_requests_for_coalition(page)) == [item]


def test_chart_counts_per_week_only_what_the_user_may_see(
    submissions, coalition_dordrecht, coalition_zwijndrecht, dordrecht, zwijndrecht
):
    three_weeks_ago = timezone.now() - timedelta(weeks=3)
    signup(coalition_dordrecht, created_at=three_weeks_ago)
    signup(coalition_zwijndrecht, created_at=three_weeks_ago)
    HelpRequestFactory(municipality=dordrecht, created_at=three_weeks_ago)
    HelpRequestFactory(municipality=zwijndrecht, created_at=three_weeks_ago)
    HelpRequestFactory(municipality=zwijndrecht, created_at=timezone.now() - timedelta(weeks=20))  # too old

    admin = make_user("beheerder", superuser=True)
    weeks = panel_context(admin)["weeks"]
    assert len(weeks) == 12
    assert (weeks[-4]["signups"], weeks[-4]["help"]) == (2, 2)
    assert (weeks[-1]["signups"], weeks[-1]["help"]) == (7, 5)  # everything made by the fixture
    assert sum(week["help"] for week in weeks) == 7

    user = make_user("beide", groups=[review_group(coalition_dordrecht), zwijndrecht.help_group])
    weeks = panel_context(user)["weeks"]
    assert (weeks[-4]["signups"], weeks[-4]["help"]) == (1, 1)
    # Dordrecht's sign-ups this week: 3 open, 1 approved, 1 shared with Zwijndrecht; Zwijndrecht's help: 1.
    assert (weeks[-1]["signups"], weeks[-1]["help"]) == (4, 1)


# --- The number of queries does not grow with the number of coalitions ---------------------


def add_coalitions(index, start, count):
    """Coalitions numbered start.., each with a municipality, open sign-ups and help requests."""
    pages, places = [], []
    for number in range(start, start + count):
        name = f"Plaats {number}"
        page = make_coalition(index, f"Coalitie {name}", name, f"plaats-{number}")
        place = MunicipalityFactory(name=name)
        signup(page)
        signup(page, status="in_review")
        HelpRequestFactory(municipality=place)
        pages.append(page)
        places.append(place)
    return pages, places


def measure(client, user):
    """(queries of the panel alone, queries of the whole dashboard page)."""
    # len() at once: the captured list is a slice of a log that the next request empties.
    with CaptureQueriesContext(connection) as captured:
        panel_context(user)
    panel = len(captured)
    client.force_login(user)
    client.get(reverse("wagtailadmin_home"))  # warm up: first-request caches are not the panel's
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return panel, len(captured)


@pytest.mark.parametrize("superuser", [True, False])
def test_dashboard_query_count_is_the_same_for_1_and_5_coalitions(
    client, coalition_index, superuser, django_assert_max_num_queries
):
    user = make_user("teller", superuser=superuser)
    pages, places = add_coalitions(coalition_index, 1, 1)
    user.groups.add(*[review_group(page) for page in pages], *[place.help_group for place in places])
    one = measure(client, make_user_fresh(user))
    assert len(coalition_rows(make_user_fresh(user))) == 1

    pages, places = add_coalitions(coalition_index, 2, 4)
    user.groups.add(*[review_group(page) for page in pages], *[place.help_group for place in places])
    five = measure(client, make_user_fresh(user))
    rows = coalition_rows(make_user_fresh(user))
    assert [(row["signups"], row["help"]) for row in rows] == [(2, 1)] * 5

    assert five == one, f"queries with 1 coalition {one}, with 5 coalitions {five}"
    fresh = make_user_fresh(user)
    with django_assert_max_num_queries(7):
        panel_context(fresh)


def make_user_fresh(user):
    """The user as a new request loads it: no per-request caches of groups on the object."""
    return type(user).objects.get(pk=user.pk)


def test_panel_in_english(client, submissions):
    from django.template.loader import render_to_string
    from django.utils.translation import override

    admin = make_user("beheerder", superuser=True)
    with override("en"):
        html = render_to_string("portal/admin/dashboard_panel.html", panel_context(admin))
    assert "Open per coalition" in html
    assert "Papendrecht (no coalition)" in html
    assert "No coalition chosen" in html
