"""A small directory with every field filled in, for the HSDS API, import and export tests."""

import datetime
from types import SimpleNamespace

from wagtail.models import Locale

from directory.api import validation
from directory.factories import (
    CategoryFactory,
    LanguageFactory,
    LocationFactory,
    LocationScheduleFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    ServiceFactory,
    ServiceScheduleFactory,
    TargetGroupFactory,
)
from directory.models import Service


def build_hsds_directory():
    crabbehof = NeighbourhoodFactory(
        name="Crabbehof", municipality="Dordrecht", latitude=51.797, longitude=4.672
    )
    samen_eten = CategoryFactory(name="Samen eten", slug="samen-eten", description="maaltijd, koken")
    luisterlijn = CategoryFactory(name="Luisterlijn", slug="luisterlijn", description="telefonische hulp")
    ouderen = TargetGroupFactory(name="Ouderen", slug="ouderen")
    mantelzorgers = TargetGroupFactory(name="Mantelzorgers", slug="mantelzorgers")
    dutch = LanguageFactory(code="nl", name="Nederlands")
    turkish = LanguageFactory(code="tr", name="Turks")

    humanitas = OrganisationFactory(
        name="Humanitas Drechtsteden",
        description="Vrijwilligers die mensen thuis bezoeken.",
        website="https://humanitas.example/",
        email="info@humanitas.example",
        phone="078 111 2233",
        kvk_number="40341234",
    )
    luisterlijn_org = OrganisationFactory(name="De Luisterlijn", description="", kvk_number="", phone="")
    hidden_org = OrganisationFactory(name="Concept-organisatie", live=False)

    buurthuis = LocationFactory(
        name="Buurthuis Crabbehof",
        description="Het buurthuis aan het plein.",
        address="Crabbehofplein 1",
        postal_code="3317 AA",
        city="Dordrecht",
        municipality="Dordrecht",
        neighbourhood=crabbehof,
        latitude=51.797,
        longitude=4.672,
        wheelchair_accessible=True,
        accessibility_notes="Lift en invalidentoilet aanwezig.",
    )
    LocationScheduleFactory(
        location=buurthuis, weekday=2, opens_at=datetime.time(9, 0), closes_at=datetime.time(17, 0)
    )
    kerk = LocationFactory(
        name="Kerkzaal Zwijndrecht",
        address="Kerkstraat 5",
        postal_code="",
        city="Zwijndrecht",
        municipality="Zwijndrecht",
        latitude=None,
        longitude=None,
        wheelchair_accessible=False,
        accessibility_notes="",
    )
    draft_location = LocationFactory(name="Nog niet open", municipality="Dordrecht", live=False)

    eettafel = ServiceFactory(
        organisation=humanitas,
        name="Eettafel Crabbehof",
        slug="eettafel-crabbehof",
        short_description="Samen eten met buren.",
        description="Elke dinsdag koken vrijwilligers een warme maaltijd.",
        cost=Service.Cost.CONTRIBUTION,
        fees_description="€ 3,50 per maaltijd",
        access_method=Service.AccessMethod.SIGN_UP,
        application_process="Bel of mail voor maandag.",
        contact_name="Fenna Voorbeeld",
        contact_role="Coördinator",
        phone="078 123 4567",
        email="eettafel@humanitas.example",
        website="https://humanitas.example/eettafel",
        last_checked_on=datetime.date(2026, 9, 1),
        categories=[samen_eten],
        target_groups=[ouderen, mantelzorgers],
        languages=[dutch, turkish],
        locations=[buurthuis, kerk, draft_location],
    )
    ServiceScheduleFactory(
        service=eettafel,
        location=buurthuis,
        weekday=2,
        opens_at=datetime.time(17, 30),
        closes_at=datetime.time(19, 30),
        note="Alleen in de even weken.",
    )
    ServiceScheduleFactory(
        service=eettafel, weekday=4, opens_at=datetime.time(12, 0), closes_at=datetime.time(13, 30)
    )
    lijn = ServiceFactory(
        organisation=luisterlijn_org,
        name="De Luisterlijn",
        slug="de-luisterlijn",
        short_description="Dag en nacht iemand om mee te praten.",
        description="",
        contact_name="",
        email="",
        website="",
        is_remote=True,
        last_checked_on=None,
        categories=[luisterlijn],
    )
    inactive = ServiceFactory(
        organisation=humanitas,
        name="Wandelgroep",
        slug="wandelgroep",
        status=Service.Status.INACTIVE,
        locations=[kerk],
    )
    draft = ServiceFactory(organisation=humanitas, name="Geheim concept", slug="geheim-concept", live=False)
    english = Locale.objects.get(language_code="en")
    eettafel_en = ServiceFactory(
        organisation=humanitas,
        name="Dinner table Crabbehof",
        slug="eettafel-crabbehof",
        short_description="Eat with neighbours.",
        translation_key=eettafel.translation_key,
        hsds_id=eettafel.hsds_id,
        locale=english,
    )
    return SimpleNamespace(**locals())


def assert_valid(name, document):
    problems = validation.errors(name, document)
    assert problems == [], problems


def assert_valid_page(document, item_schema):
    problems = validation.page_errors(document, item_schema)
    assert problems == [], problems
