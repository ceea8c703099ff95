import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from taggit.models import Tag

from coalitions.factories import CoalitionPageFactory, PartnerOrganisationFactory
from home.factories import stream

from .models import (
    CampaignCoalition,
    CampaignIndexPage,
    CampaignPage,
    CampaignPartner,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
)


def _in_days(days, hour=14):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Campagnes"
    slug = factory.Sequence(lambda n: f"campagnes-{n}")
    intro = "Campagnes tegen eenzaamheid."

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campagne {n}")
    slug = factory.Sequence(lambda n: f"campagne-{n}")
    hashtag = "#jebentnietalleen"
    message = "Je bent niet alleen."
    call_to_action = "Drink eens een kop koffie met je eenzame buurman."
    intro = "Een campagne tegen eenzaamheid."
    body = factory.LazyFunction(lambda: stream(("paragraph", "<p>Doe mee!</p>")))

    class Meta:
        model = CampaignPage


class CampaignPartnerFactory(DjangoModelFactory):
    page = factory.SubFactory(CampaignPageFactory)
    organisation = factory.SubFactory(PartnerOrganisationFactory)

    class Meta:
        model = CampaignPartner


class CampaignCoalitionFactory(DjangoModelFactory):
    page = factory.SubFactory(CampaignPageFactory)
    coalition = factory.SubFactory(CoalitionPageFactory)

    class Meta:
        model = CampaignCoalition


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = factory.Sequence(lambda n: f"agenda-{n}")
    intro = "Activiteiten bij u in de buurt."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Koffie-ochtend {n}")
    slug = factory.Sequence(lambda n: f"activiteit-{n}")
    start = factory.LazyFunction(lambda: _in_days(7, 10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    intro = "Samen koffie drinken en een praatje maken."
    location_name = "Buurthuis De Ontmoeting"
    address = "Voorbeeldstraat 1, 3311 AA Dordrecht"
    is_free = True
    is_accessible = True
    description = "<p>Iedereen is welkom.</p>"

    class Meta:
        model = EventPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nieuws"
    slug = factory.Sequence(lambda n: f"nieuws-{n}")
    intro = "Nieuws over de coalities."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    slug = factory.Sequence(lambda n: f"bericht-{n}")
    date = factory.LazyFunction(timezone.localdate)
    summary = "Een kort bericht over de coalitie."
    body = factory.LazyFunction(lambda: stream(("paragraph", "<p>Het hele bericht.</p>")))

    class Meta:
        model = NewsPage


class TagFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"onderwerp {n}")
    slug = factory.Sequence(lambda n: f"onderwerp-{n}")

    class Meta:
        model = Tag
        django_get_or_create = ["slug"]


class NewsPageTagFactory(DjangoModelFactory):
    content_object = factory.SubFactory(NewsPageFactory)
    tag = factory.SubFactory(TagFactory)

    class Meta:
        model = NewsPageTag
