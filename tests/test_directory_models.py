import datetime

import pytest
from django.core.exceptions import ValidationError

from directory.factories import (
    CategoryFactory,
    LanguageFactory,
    LocationFactory,
    LocationScheduleFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    ServiceFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
    TargetGroupFactory,
)
from directory.models import Location, Neighbourhood, Organisation, Service


@pytest.mark.django_db
def test_every_factory_builds_a_valid_record(locales):
    for factory in (
        OrganisationFactory,
        CategoryFactory,
        TargetGroupFactory,
        LanguageFactory,
        NeighbourhoodFactory,
        LocationFactory,
        ServiceFactory,
    ):
        obj = factory()
        obj.full_clean()
        assert obj.hsds_id is not None
    ServiceLocationFactory().full_clean()
    LocationScheduleFactory().full_clean()
    ServiceScheduleFactory().full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "abcdefgh", "1234 567"])
def test_invalid_kvk_number_is_rejected(locales, kvk):
    organisation = OrganisationFactory.build(kvk_number=kvk, locale=locales[0])
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "kvk_number" in error.value.message_dict


@pytest.mark.django_db
def test_valid_kvk_number_is_accepted(locales):
    OrganisationFactory.build(kvk_number="24123456", locale=locales[0]).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (95.0, 4.6, "latitude"),
        (51.8, 190.0, "longitude"),
        (4.69, 51.81, "latitude"),  # swapped
        (51.8, None, "__all__"),
        (48.85, 2.35, "latitude"),  # Paris
    ],
)
def test_invalid_coordinates_are_rejected(locales, latitude, longitude, field):
    location = LocationFactory.build(latitude=latitude, longitude=longitude, locale=locales[0])
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_neighbourhood_coordinates_are_validated():
    with pytest.raises(ValidationError):
        Neighbourhood(
            name="Wijk", slug="wijk", municipality="Dordrecht", latitude=4.6, longitude=51.8
        ).full_clean()


@pytest.mark.django_db
def test_schedule_must_close_after_it_opens(locales):
    schedule = ServiceScheduleFactory.build(
        service=ServiceFactory(), opens_at=datetime.time(12), closes_at=datetime.time(11)
    )
    with pytest.raises(ValidationError):
        schedule.full_clean()


@pytest.mark.django_db
def test_contribution_needs_an_explanation(locales):
    service = ServiceFactory.build(
        organisation=OrganisationFactory(), cost=Service.Cost.CONTRIBUTION, fees_description=""
    )
    with pytest.raises(ValidationError):
        service.full_clean()


@pytest.mark.django_db
def test_open_on_uses_own_schedule_or_the_location_hours(locales):
    location = LocationFactory()
    LocationScheduleFactory(
        location=location, weekday=6, opens_at=datetime.time(10), closes_at=datetime.time(14)
    )
    by_location = ServiceFactory(locations=[location])
    own = ServiceFactory(locations=[location])
    ServiceScheduleFactory(service=own, weekday=2, opens_at=datetime.time(18), closes_at=datetime.time(21))
    nothing = ServiceFactory()

    assert set(Service.objects.open_in_weekend()) == {by_location}
    assert set(Service.objects.open_in_evening()) == {own}
    assert set(Service.objects.open_on(weekdays=[2])) == {own}
    assert nothing not in Service.objects.open_on(weekdays=[1, 2, 3, 4, 5, 6, 7])


@pytest.mark.django_db
def test_translation_keeps_the_hsds_id_and_relations(locales):
    nl, en = locales
    category = CategoryFactory(name="Samen eten", slug="samen-eten")
    service = ServiceFactory(categories=[category], locations=[LocationFactory()])
    ServiceScheduleFactory(service=service)
    service.save_revision().publish()

    organisation_en = service.organisation.copy_for_translation(en)
    organisation_en.save()
    translation = service.copy_for_translation(en)
    translation.save()
    assert translation.hsds_id == service.hsds_id
    assert translation.slug == service.slug
    assert list(translation.categories.values_list("slug", flat=True)) == ["samen-eten"]
    assert translation.service_locations.count() == 1
    assert translation.schedules.count() == 1
    assert Organisation.objects.filter(hsds_id=service.organisation.hsds_id).count() == 2


@pytest.mark.django_db
def test_public_hides_drafts_and_inactive(locales):
    visible = ServiceFactory()
    ServiceFactory(status=Service.Status.INACTIVE)
    ServiceFactory(live=False)
    assert list(Service.objects.public()) == [visible]


@pytest.mark.django_db
def test_location_takes_municipality_from_its_wijk(locales):
    wijk = NeighbourhoodFactory(name="Crabbehof", municipality="Dordrecht")
    location = Location(
        name="Buurthuis", address="Straat 1", municipality="", neighbourhood=wijk, locale=locales[0]
    )
    location.clean()
    assert location.municipality == "Dordrecht"


@pytest.mark.django_db
def test_reserved_slug_is_refused(locales):
    service = ServiceFactory.build(organisation=OrganisationFactory(), slug="suggesties")
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "slug" in error.value.message_dict
