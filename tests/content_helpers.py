"""Shared set-up for the coalitions and campaigns tests: a small published tree."""

import datetime

import pytest
from django.utils import timezone

from campaigns.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from coalitions.factories import CoalitionIndexPageFactory, CoalitionPageFactory, PartnerOrganisationFactory


def add(parent, factory, **fields):
    page = factory.build(locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def at(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture(name="tree")
def tree_fixture(home_page):
    """Home with coalition index (Dordrecht, Rotterdam), agenda, campaigns and news."""
    coalitions = add(home_page, CoalitionIndexPageFactory, slug="coalities")
    dordrecht = add(
        coalitions,
        CoalitionPageFactory,
        title="Coalitie Erbij Dordrecht",
        slug="dordrecht",
        municipality="Dordrecht",
    )
    rotterdam = add(
        coalitions,
        CoalitionPageFactory,
        title="Coalitie Erbij Rotterdam",
        slug="rotterdam",
        municipality="Rotterdam",
    )
    agenda = add(home_page, EventIndexPageFactory, slug="agenda")
    campaigns = add(home_page, CampaignIndexPageFactory, slug="campagnes")
    campaign = add(campaigns, CampaignPageFactory, title="Kom Erbij Week", slug="kom-erbij-week")
    news = add(home_page, NewsIndexPageFactory, slug="nieuws")
    return {
        "home": home_page,
        "coalitions": coalitions,
        "dordrecht": dordrecht,
        "rotterdam": rotterdam,
        "agenda": agenda,
        "campaigns": campaigns,
        "campaign": campaign,
        "news": news,
        "organisation": PartnerOrganisationFactory(name="Humanitas Drechtsteden"),
    }


def add_event(parent, days=7, **fields):
    fields.setdefault("start", at(days))
    fields.setdefault("end", fields["start"] + datetime.timedelta(hours=2))
    return add(parent, EventPageFactory, **fields)


def add_news(parent, **fields):
    return add(parent, NewsPageFactory, **fields)
