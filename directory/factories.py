import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from .models import (
    Category,
    DirectoryPage,
    Language,
    ListingCheck,
    Location,
    LocationSchedule,
    Neighbourhood,
    Organisation,
    Service,
    ServiceLocation,
    ServiceSchedule,
    TargetGroup,
)


def default_locale():
    return Locale.get_default()


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    description = "Een organisatie die mensen helpt om anderen te ontmoeten."
    website = "https://example.org/"
    email = factory.Sequence(lambda n: f"info{n}@organisatie.example")
    phone = "078 000 0000"
    kvk_number = factory.Sequence(lambda n: f"{40000000 + n:08d}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Organisation


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Categorie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Category
        django_get_or_create = ("slug", "locale")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug", "locale")


class LanguageFactory(factory.django.DjangoModelFactory):
    code = "nl"
    name = "Nederlands"
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Language
        django_get_or_create = ("code", "locale")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.LazyAttribute(lambda o: slugify(f"{o.municipality}-{o.name}"))
    municipality = "Dordrecht"
    latitude = 51.8133
    longitude = 4.6901

    class Meta:
        model = Neighbourhood
        django_get_or_create = ("slug",)


class LocationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Wijkcentrum {n}")
    address = factory.Sequence(lambda n: f"Voorbeeldstraat {n + 1}")
    postal_code = "3311 AA"
    city = factory.LazyAttribute(lambda o: o.municipality)
    municipality = "Dordrecht"
    neighbourhood = None
    latitude = 51.8133
    longitude = 4.6901
    wheelchair_accessible = True
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Location


class LocationScheduleFactory(factory.django.DjangoModelFactory):
    location = factory.SubFactory(LocationFactory)
    weekday = 1
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(17, 0)

    class Meta:
        model = LocationSchedule


class ServiceFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Hulpaanbod {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    short_description = "Samen koffie drinken en een praatje maken."
    description = "Elke week komen buurtbewoners bij elkaar."
    cost = Service.Cost.FREE
    access_method = Service.AccessMethod.WALK_IN
    contact_name = "Sanne de Vries"
    phone = "078 123 4567"
    email = "contact@hulp.example"
    status = Service.Status.ACTIVE
    last_checked_on = factory.LazyFunction(timezone.localdate)
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Service
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)
            self._m2m_changed = True

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)
            self._m2m_changed = True

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)
            self._m2m_changed = True

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            for location in extracted:
                ServiceLocation.objects.create(service=self, location=location)

    @factory.post_generation
    def commit(self, create, extracted, **kwargs):
        # ParentalManyToMany values are stored on save().
        if create and getattr(self, "_m2m_changed", False):
            self.save()


class ServiceLocationFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)

    class Meta:
        model = ServiceLocation


class ServiceScheduleFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServiceFactory)
    weekday = 2
    opens_at = datetime.time(17, 30)
    closes_at = datetime.time(19, 30)

    class Meta:
        model = ServiceSchedule


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Hulp in de buurt"
    slug = "hulp-in-de-buurt"
    intro = "Zoek een activiteit of hulp bij u in de buurt."

    class Meta:
        model = DirectoryPage


# Keeping listings true (directory/verification.py).
class ListingCheckFactory(factory.django.DjangoModelFactory):
    service = factory.SubFactory(ServiceFactory)
    token_hash = factory.Sequence(lambda n: f"{n:064x}")

    class Meta:
        model = ListingCheck
