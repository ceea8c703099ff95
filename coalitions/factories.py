import datetime
import uuid

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from directory.models import Organisation
from home.factories import stream

from .models import (
    CoalitionContact,
    CoalitionEditorGroup,
    CoalitionIndexPage,
    CoalitionPage,
    CoalitionPartner,
    CoalitionSignatory,
)


class PartnerOrganisationFactory(DjangoModelFactory):
    """An Organisation by its existing fields (the directory app may have a richer factory)."""

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    description = "Een organisatie die meedoet tegen eenzaamheid."
    website = factory.Sequence(lambda n: f"https://organisatie-{n}.example")

    class Meta:
        model = Organisation


def goals(*titles):
    return stream(*[("goal", {"title": title, "text": ""}) for title in titles])


class CoalitionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Coalities"
    slug = factory.Sequence(lambda n: f"coalities-{n}")
    intro = "Alle lokale coalities tegen eenzaamheid."

    class Meta:
        model = CoalitionIndexPage


class CoalitionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Coalitie Erbij Plaats {n}")
    slug = factory.Sequence(lambda n: f"coalitie-{n}")
    municipality = factory.Sequence(lambda n: f"Plaats {n}")
    province = "zuid-holland"
    year_founded = 2015
    intro = "Samen tegen eenzaamheid in onze gemeente."
    mission = "<p>Niemand hoeft er alleen voor te staan.</p>"
    goals = factory.LazyFunction(lambda: goals("Voorlichting", "Bespreekbaar maken"))
    action_lines = factory.LazyFunction(lambda: goals("Signaleren", "Doorbreken"))

    class Meta:
        model = CoalitionPage


class CoalitionPartnerFactory(DjangoModelFactory):
    page = factory.SubFactory(CoalitionPageFactory)
    organisation = factory.SubFactory(PartnerOrganisationFactory)
    role = "Partner"

    class Meta:
        model = CoalitionPartner


class CoalitionContactFactory(DjangoModelFactory):
    page = factory.SubFactory(CoalitionPageFactory)
    name = factory.Sequence(lambda n: f"Voorbeeldpersoon {n}")
    role = "Coördinator"
    email = factory.Sequence(lambda n: f"contact{n}@erbij.example")
    phone = "010 000 0000"

    class Meta:
        model = CoalitionContact


class CoalitionSignatoryFactory(DjangoModelFactory):
    page = factory.SubFactory(CoalitionPageFactory)
    name = factory.Sequence(lambda n: f"Bestuurder {n}")
    organisation = factory.SubFactory(PartnerOrganisationFactory)
    signed_on = datetime.date(2020, 2, 25)

    class Meta:
        model = CoalitionSignatory


class GroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Redactie {n}")

    class Meta:
        model = Group
        django_get_or_create = ["name"]


class CoalitionEditorGroupFactory(DjangoModelFactory):
    coalition_key = factory.LazyFunction(uuid.uuid4)
    group = factory.SubFactory(GroupFactory)

    class Meta:
        model = CoalitionEditorGroup
