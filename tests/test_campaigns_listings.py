"""Event listings and their filters, iCalendar, news feeds, JSON-LD and the sitemap."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from campaigns.factories import (
    CampaignCoalitionFactory,
    CampaignPartnerFactory,
    NewsPageTagFactory,
    TagFactory,
)
from campaigns.models import EventPage, parse_month
from coalitions.factories import CoalitionPageFactory
from tests.content_helpers import add, add_event, add_news, at, tree_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def titles(response):
    return [event.title for event in response.context["events"]]


@pytest.fixture
def events(tree):
    return {
        "soon": add_event(tree["dordrecht"], days=3, title="Koffie Dordrecht"),
        "later": add_event(tree["campaign"], days=40, title="Festival", coalition=tree["rotterdam"]),
        "past": add_event(tree["rotterdam"], days=-20, title="Geweest Rotterdam"),
        "agenda": add_event(tree["agenda"], days=10, title="Open agenda"),
    }


def test_upcoming_and_past(client, tree, events):
    url = tree["agenda"].url
    assert titles(client.get(url)) == ["Koffie Dordrecht", "Open agenda", "Festival"]
    assert titles(client.get(url, {"wanneer": "voorbij"})) == ["Geweest Rotterdam"]


def test_filter_by_coalition(client, tree, events):
    url = tree["agenda"].url
    assert titles(client.get(url, {"coalitie": "rotterdam"})) == ["Festival"]
    assert titles(client.get(url, {"coalitie": "rotterdam", "wanneer": "voorbij"})) == ["Geweest Rotterdam"]
    assert titles(client.get(url, {"coalitie": "dordrecht"})) == ["Koffie Dordrecht"]


def test_filter_by_month(client, tree, events):
    month = events["later"].start.astimezone(timezone.get_current_timezone()).strftime("%Y-%m")
    response = client.get(tree["agenda"].url, {"maand": month})
    assert "Festival" in titles(response)
    assert "Koffie Dordrecht" not in titles(response) or events["soon"].start.strftime("%Y-%m") == month


@pytest.mark.parametrize(
    "query",
    [
        {"maand": "2026-13"},
        {"maand": "gisteren"},
        {"maand": "99999-01"},
        {"coalitie": "bestaat-niet"},
        {"wanneer": "ooit"},
        {"pagina": "abc"},
        {"pagina": "99999"},
        {"maand": "2026-02", "pagina": "-1", "coalitie": "<script>"},
    ],
)
def test_bad_filters_are_ignored_never_500(client, tree, events, query):
    response = client.get(tree["agenda"].url, query)
    assert response.status_code == 200
    assert client.get(tree["agenda"].url + "ical/", query).status_code == 200


def test_parse_month():
    assert parse_month("2026-11") == datetime.date(2026, 11, 1)
    assert parse_month("2026-00") is None
    assert parse_month("") is None
    assert parse_month(None) is None


def test_campaign_lists_its_events_and_links(client, tree, events):
    CampaignPartnerFactory(page=tree["campaign"], organisation=tree["organisation"])
    CampaignCoalitionFactory(page=tree["campaign"], coalition=tree["dordrecht"])
    tree["campaign"].save_revision().publish()
    response = client.get(tree["campaign"].url)
    assert titles(response) == ["Festival"]
    html = response.content.decode()
    assert "Humanitas Drechtsteden" in html and "Coalitie Erbij Dordrecht" in html
    assert "Drink eens een kop koffie" in html


def test_ical_feed_of_a_listing_parses_and_holds_the_events(client, tree, events):
    response = client.get(tree["agenda"].url + "ical/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(item["summary"]) for item in calendar.walk("VEVENT")]
    assert summaries == ["Koffie Dordrecht", "Open agenda", "Festival"]
    first = calendar.walk("VEVENT")[0]
    assert first.decoded("dtstart") == events["soon"].start
    assert "Buurthuis De Ontmoeting" in str(first["location"])
    filtered = Calendar.from_ical(client.get(tree["agenda"].url + "ical/", {"coalitie": "rotterdam"}).content)
    assert [str(item["summary"]) for item in filtered.walk("VEVENT")] == ["Festival"]


def test_ical_download_per_event(client, tree, events):
    response = client.get(events["soon"].url + "ical/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (item,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["summary"]) == "Koffie Dordrecht"
    assert item.decoded("dtend") == events["soon"].end


def json_ld(html):
    marker = '<script type="application/ld+json">'
    start = html.index(marker) + len(marker)
    return json.loads(html[start : html.index("</script>", start)])


def test_event_page_json_ld_and_open_graph(client, tree):
    event = add_event(tree["dordrecht"], title="Kerst-Inn", organiser=tree["organisation"])
    html = client.get(event.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Kerst-Inn"
    assert data["location"]["@type"] == "Place"
    assert data["organizer"]["name"] == "Humanitas Drechtsteden"
    assert datetime.datetime.fromisoformat(data["startDate"]) == event.start
    assert '<meta property="og:title" content="Kerst-Inn">' in html


def test_event_is_linked_to_the_coalition_it_sits_under(tree):
    event = add_event(tree["dordrecht"])
    assert event.coalition_id == tree["dordrecht"].pk
    assert add_event(tree["agenda"]).coalition_id is None


def test_event_validation(tree):
    from django.core.exceptions import ValidationError

    start = at(5)
    cases = [
        ({"end": start - datetime.timedelta(hours=1)}, "end"),
        ({"end": start}, "end"),
        ({"location_name": "", "is_online": False}, "location_name"),
        ({"is_free": False, "cost": ""}, "cost"),
    ]
    for fields, field in cases:
        fields.setdefault("end", start + datetime.timedelta(hours=1))
        with pytest.raises(ValidationError) as error:
            add_event(tree["agenda"], start=start, **fields)
        assert field in error.value.message_dict
    online = add_event(tree["agenda"], start=start, is_online=True, location_name="")
    assert json.dumps(online.get_json_ld())  # serialisable
    assert online.get_json_ld()["location"]["@type"] == "VirtualLocation"


def test_news_listing_tags_and_json_ld(client, tree):
    first = add_news(tree["news"], title="Kom Erbij Week geopend", date=datetime.date(2026, 9, 28))
    add_news(tree["dordrecht"], title="Kerst-Inn groot succes", date=datetime.date(2026, 12, 22))
    NewsPageTagFactory(content_object=first, tag=TagFactory(name="Kom Erbij Week", slug="kom-erbij-week"))
    response = client.get(tree["news"].url)
    assert [n.title for n in response.context["news"]] == ["Kerst-Inn groot succes", "Kom Erbij Week geopend"]
    response = client.get(tree["news"].url, {"tag": "kom-erbij-week"})
    assert [n.title for n in response.context["news"]] == ["Kom Erbij Week geopend"]
    data = json_ld(client.get(first.url).content.decode())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Kom Erbij Week geopend"
    assert data["datePublished"] == "2026-09-28"


def test_rss_feed_is_valid(client, tree):
    add_news(tree["news"], title="Eerste bericht", summary="Samenvatting <b>één</b>")
    add_news(tree["dordrecht"], title="Tweede bericht")
    response = client.get(tree["news"].url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name) is not None and channel.find(name).text
    items = channel.findall("item")
    assert {item.find("title").text for item in items} == {"Eerste bericht", "Tweede bericht"}
    for item in items:
        assert item.find("link").text.startswith("http://testserver/nl/")
        assert item.find("pubDate").text


def test_atom_feed_is_valid(client, tree):
    add_news(tree["news"], title="Eerste bericht")
    response = client.get(tree["news"].url + "atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for name in ("a:title", "a:id", "a:updated"):
        assert root.find(name, ns) is not None
    (entry,) = root.findall("a:entry", ns)
    for name in ("a:title", "a:id", "a:updated", "a:link"):
        assert entry.find(name, ns) is not None
    assert entry.find("a:title", ns).text == "Eerste bericht"


# Query budgets per listing page: the base template (site, settings, menu, language switcher) costs
# about ten queries; the listing itself a fixed handful. The same budget must hold at 5 and at 50 items.
EVENT_LISTING_BUDGET = 20
NEWS_LISTING_BUDGET = 20
COALITION_PAGE_BUDGET = 22


@pytest.mark.parametrize("count", [5, 50])
def test_event_listing_queries_do_not_grow(client, tree, django_assert_max_num_queries, count):
    for n in range(count):
        add_event(tree["dordrecht" if n % 2 else "campaign"], days=n + 1, organiser=tree["organisation"])
    client.get(tree["agenda"].url)  # warm the site root cache
    with django_assert_max_num_queries(EVENT_LISTING_BUDGET):
        response = client.get(tree["agenda"].url)
    assert len(response.context["events"]) == min(count, 20)
    with django_assert_max_num_queries(EVENT_LISTING_BUDGET):
        response = client.get(tree["agenda"].url, {"coalitie": "dordrecht", "maand": "2026-12"})
    with django_assert_max_num_queries(EVENT_LISTING_BUDGET + 4):
        client.get(tree["campaign"].url)


@pytest.mark.parametrize("count", [5, 50])
def test_news_and_coalition_listing_queries_do_not_grow(client, tree, django_assert_max_num_queries, count):
    for n in range(count):
        parent = tree["news"] if n % 2 else tree["dordrecht"]
        add_news(parent, date=datetime.date(2026, 1, 1) + datetime.timedelta(n))
        add_event(tree["dordrecht"], days=n + 1)
        add(tree["coalitions"], CoalitionPageFactory, municipality=f"Gemeente {n}")
    client.get(tree["news"].url)
    with django_assert_max_num_queries(NEWS_LISTING_BUDGET):
        client.get(tree["news"].url)
    with django_assert_max_num_queries(COALITION_PAGE_BUDGET):
        client.get(tree["dordrecht"].url)
    with django_assert_max_num_queries(NEWS_LISTING_BUDGET):
        response = client.get(tree["coalitions"].url)
    assert len(response.context["coalitions"]) == count + 2


def test_sitemap_lists_every_page_type_in_both_languages(client, tree, events):
    add_news(tree["news"], title="Bericht")
    # wagtail-localize's tree synchronisation gives every Dutch page an English alias.
    synchronize_tree(Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en"))
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for language in ("nl", "en"):
        paths = [loc for loc in locs if f"/{language}/" in loc]
        slugs = ["coalities/", "coalities/dordrecht/", "agenda/", "campagnes/", "campagnes/kom-erbij-week/"]
        for slug in [*slugs, "nieuws/"]:
            assert any(loc.endswith(f"/{language}/{slug}") for loc in paths), (language, slug)
        assert any("/nieuws/bericht-" in loc for loc in paths)
        assert any("/activiteit-" in loc for loc in paths)
    assert (
        EventPage.objects.filter(locale__language_code="en").count()
        == EventPage.objects.filter(locale__language_code="nl").count()
    )
