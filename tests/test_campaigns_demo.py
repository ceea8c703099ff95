"""The coalitions and campaigns demo content."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from campaigns.models import CampaignPage, EventIndexPage, EventPage, NewsIndexPage, NewsPage
from coalitions.models import CoalitionEditorGroup, CoalitionIndexPage, CoalitionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_content(demo):
    return demo


def test_demo_coalitions_with_goals_action_lines_and_partners(demo_content):
    coalitions = CoalitionPage.objects.filter(locale__language_code="nl")
    assert sorted(c.municipality for c in coalitions) == ["Barendrecht", "Dordrecht", "Rotterdam"]
    barendrecht = coalitions.get(municipality="Barendrecht")
    assert [b.value["title"] for b in barendrecht.goals] == [
        "Voorlichting",
        "Bespreekbaar maken",
        "Een brede aanpak",
        "Maatwerk",
    ]
    assert barendrecht.lead_organisation.name == "Stichting KijkopWelzijn"
    assert barendrecht.signatories.count() == 2
    rotterdam = coalitions.get(municipality="Rotterdam")
    assert rotterdam.partners.count() == 6
    assert all(len(c.action_lines) >= 2 for c in coalitions)
    assert CoalitionEditorGroup.objects.count() == 3
    # Contact persons are fictional: only addresses on the reserved example domain.
    for coalition in coalitions:
        assert all(contact.email.endswith("@erbij.example") for contact in coalition.contacts.all())


def test_demo_campaigns_events_and_news(client, demo_content):
    campaign = CampaignPage.objects.get(slug="jebentnietalleen", locale__language_code="nl")
    assert campaign.hashtag == "#jebentnietalleen"
    assert "kop koffie" in campaign.call_to_action
    week = CampaignPage.objects.get(slug="kom-erbij-week", locale__language_code="nl")
    assert EventPage.objects.descendant_of(week).filter(locale__language_code="nl").count() >= 8
    kerst_inn = EventPage.objects.get(slug="kerst-inn", locale__language_code="nl")
    assert kerst_inn.coalition.municipality == "Dordrecht"
    assert NewsPage.objects.filter(locale__language_code="nl").count() >= 3
    response = client.get(kerst_inn.coalition.url)
    assert "Kerst-Inn" in response.content.decode()


def test_demo_index_pages_have_english_translations(client, demo_content):
    en = Locale.objects.get(language_code="en")
    for model, title in [
        (CoalitionIndexPage, "Coalitions"),
        (EventIndexPage, "Events"),
        (NewsIndexPage, "News"),
    ]:
        translation = model.objects.get(locale__language_code="nl").get_translation(en)
        assert translation.title == title
        assert translation.alias_of_id is None
        assert client.get(translation.url).status_code == 200


def test_demo_is_idempotent_for_content(demo_content):
    counts = (CoalitionPage.objects.count(), EventPage.objects.count(), NewsPage.objects.count())
    call_command("load_demo", verbosity=0)
    assert (CoalitionPage.objects.count(), EventPage.objects.count(), NewsPage.objects.count()) == counts
    assert CoalitionEditorGroup.objects.count() == 3


def test_template_strings_are_translated_to_english(client, demo_content):
    html = client.get("/en/events/").content.decode()
    assert "Upcoming events" in html and "Filter events" in html
    assert "Komende activiteiten" not in html
    dutch = client.get("/nl/agenda/").content.decode()
    assert "Komende activiteiten" in dutch
    coalition = client.get("/en/coalitions/").content.decode()
    assert "Find a coalition by name or municipality" in coalition
