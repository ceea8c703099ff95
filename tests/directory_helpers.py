"""A small directory for the directory and search tests: five visible services and two hidden."""

import datetime
from types import SimpleNamespace

from directory.factories import (
    CategoryFactory,
    DirectoryPageFactory,
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

TUESDAY = datetime.date(2026, 11, 24)


def build_directory(home):
    directory_page = DirectoryPageFactory.build(slug="hulp-in-de-buurt", title="Hulp in de buurt")
    home.add_child(instance=directory_page)
    directory_page.save_revision().publish()

    crabbehof = NeighbourhoodFactory(
        name="Crabbehof", municipality="Dordrecht", latitude=51.797, longitude=4.672
    )
    sterrenburg = NeighbourhoodFactory(
        name="Sterrenburg", municipality="Dordrecht", latitude=51.792, longitude=4.700
    )
    feijenoord = NeighbourhoodFactory(
        name="Feijenoord", municipality="Rotterdam", latitude=51.903, longitude=4.503
    )
    carnisselande = NeighbourhoodFactory(
        name="Carnisselande", municipality="Barendrecht", latitude=51.844, longitude=4.519
    )

    samen_eten = CategoryFactory(
        name="Samen eten", slug="samen-eten", description="maaltijd, eten, koken, aanschuiven"
    )
    huisbezoek = CategoryFactory(name="Huisbezoek", slug="huisbezoek", description="bezoek aan huis")
    luisterlijn = CategoryFactory(
        name="Luisterlijn", slug="luisterlijn", description="telefonische hulp, praten"
    )
    ontmoeting = CategoryFactory(name="Ontmoeting", slug="ontmoeting", description="koffie, elkaar ontmoeten")
    ouderen = TargetGroupFactory(name="Ouderen", slug="ouderen")
    mantelzorgers = TargetGroupFactory(name="Mantelzorgers", slug="mantelzorgers")
    dutch = LanguageFactory(code="nl", name="Nederlands")
    turkish = LanguageFactory(code="tr", name="Turks")

    humanitas = OrganisationFactory(name="Humanitas Drechtsteden")
    luisterlijn_org = OrganisationFactory(name="De Luisterlijn")

    buurthuis = LocationFactory(
        name="Buurthuis Crabbehof",
        municipality="Dordrecht",
        neighbourhood=crabbehof,
        latitude=51.7975,
        longitude=4.6725,
        wheelchair_accessible=True,
    )
    sterrenburg_loc = LocationFactory(
        name="Wijkcentrum Sterrenburg",
        municipality="Dordrecht",
        neighbourhood=sterrenburg,
        latitude=51.7925,
        longitude=4.7005,
        wheelchair_accessible=False,
    )
    for weekday in range(1, 6):
        LocationScheduleFactory(
            location=sterrenburg_loc,
            weekday=weekday,
            opens_at=datetime.time(9),
            closes_at=datetime.time(17),
        )
    feijenoord_loc = LocationFactory(
        name="Huiskamer Feijenoord",
        municipality="Rotterdam",
        neighbourhood=feijenoord,
        latitude=51.9035,
        longitude=4.5035,
        wheelchair_accessible=False,
    )
    carnisselande_loc = LocationFactory(
        name="Het Kruispunt",
        municipality="Barendrecht",
        neighbourhood=carnisselande,
        latitude=51.8445,
        longitude=4.5195,
        wheelchair_accessible=True,
    )

    eten = ServiceFactory(
        organisation=humanitas,
        name="Samen eten in Crabbehof",
        slug="samen-eten-in-crabbehof",
        short_description="Elke dinsdag samen aan tafel in het buurthuis.",
        phone="078 123 45 67",
        email="eten@humanitas.example",
        categories=[samen_eten],
        target_groups=[ouderen],
        languages=[dutch, turkish],
        locations=[buurthuis],
    )
    ServiceScheduleFactory(
        service=eten, weekday=2, opens_at=datetime.time(17, 30), closes_at=datetime.time(19, 30)
    )
    maaltijd = ServiceFactory(
        organisation=humanitas,
        name="Buurtmaaltijd Feijenoord",
        slug="buurtmaaltijd-feijenoord",
        short_description="Op zaterdag een warme maaltijd met de buurt.",
        cost=Service.Cost.CONTRIBUTION,
        fees_description="€ 3,50",
        categories=[samen_eten],
        languages=[dutch],
        locations=[feijenoord_loc],
    )
    ServiceScheduleFactory(
        service=maaltijd, weekday=6, opens_at=datetime.time(12), closes_at=datetime.time(14)
    )
    bezoek = ServiceFactory(
        organisation=humanitas,
        name="Huisbezoek voor ouderen",
        slug="huisbezoek-voor-ouderen",
        short_description="Een vrijwilliger komt bij u op bezoek.",
        categories=[huisbezoek],
        target_groups=[ouderen],
        locations=[sterrenburg_loc],
    )
    lijn = ServiceFactory(
        organisation=luisterlijn_org,
        name="De Luisterlijn",
        slug="de-luisterlijn",
        short_description="Dag en nacht iemand die naar u luistert.",
        phone="088 0767 000",
        categories=[luisterlijn],
        languages=[dutch],
        is_remote=True,
    )
    for weekday in range(1, 8):
        ServiceScheduleFactory(
            service=lijn, weekday=weekday, opens_at=datetime.time(0), closes_at=datetime.time(23, 59)
        )
    koffie = ServiceFactory(
        organisation=humanitas,
        name="Koffieochtend Carnisselande",
        slug="koffieochtend-carnisselande",
        short_description="Koffie en een praatje voor mantelzorgers.",
        cost=Service.Cost.CONTRIBUTION,
        fees_description="€ 1 voor de koffie",
        categories=[ontmoeting],
        target_groups=[mantelzorgers],
        locations=[carnisselande_loc],
    )
    ServiceScheduleFactory(service=koffie, weekday=3, opens_at=datetime.time(10), closes_at=datetime.time(12))
    inactive = ServiceFactory(
        name="Gestopte eetgroep",
        slug="gestopte-eetgroep",
        status=Service.Status.INACTIVE,
        categories=[samen_eten],
    )
    draft = ServiceFactory(
        name="Nog geheim eten", slug="nog-geheim-eten", live=False, categories=[samen_eten]
    )
    return SimpleNamespace(
        page=directory_page,
        url=directory_page.url,
        eten=eten,
        maaltijd=maaltijd,
        bezoek=bezoek,
        lijn=lijn,
        koffie=koffie,
        inactive=inactive,
        draft=draft,
        crabbehof=crabbehof,
        visible={eten, maaltijd, bezoek, lijn, koffie},
    )
