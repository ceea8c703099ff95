"""Demo content of the campaigns app: #jebentnietalleen, the Kom Erbij Week, the agenda and news.

Facts come from /work/shared/seeds/ (The Passion #jebentnietalleen in Dordrecht, the Kom Erbij
Festival and the Kerst-Inn of Humanitas Drechtsteden, the Rotterdam and Barendrecht coalitions);
dates in the future are demo dates. Runs after the coalitions demo (INSTALLED_APPS order).
"""

import datetime

from django.utils import timezone

from coalitions.demo import organisation
from home.demo_utils import DemoContext
from home.factories import stream

from .factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from .models import CampaignCoalition, CampaignPartner

KOM_ERBIJ_WEEK_YEAR = 2027


def when(month, day, hour, minute=0, hours=2, year=KOM_ERBIJ_WEEK_YEAR):
    start = timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
    return {"start": start, "end": start + datetime.timedelta(hours=hours)}


# (slug, title, intro, coalition, organiser, place, address, timing, extra fields)
KOM_ERBIJ_WEEK_EVENTS = [
    (
        "kom-erbij-festival-dordrecht",
        "Kom Erbij Festival Dordrecht",
        "Acht organisaties maken samen een middag vol ontmoeting: koffietafel, eettafel en muziek.",
        "dordrecht",
        "humanitas",
        "Wijkcentrum De Admiraal",
        "Voorbeeldstraat 10, 3311 AA Dordrecht",
        when(9, 25, 13, hours=4),
        {},
    ),
    (
        "workshop-eenzaamheid-herkennen",
        "Workshop: eenzaamheid herkennen",
        "Leer de signalen van eenzaamheid herkennen en hoe u het gesprek begint.",
        "dordrecht",
        "humanitas",
        "Bibliotheek Dordrecht",
        "Voorbeeldplein 2, 3311 AB Dordrecht",
        when(9, 27, 19, hours=2),
        {"registration_url": "https://www.erbij.example/aanmelden/workshop"},
    ),
    (
        "samen-eten-sterrenburg",
        "Samen eten in Sterrenburg",
        "Aanschuiven bij een warme maaltijd en nieuwe mensen ontmoeten.",
        "dordrecht",
        "resto-van-harte",
        "Cultureel centrum Sterrenburg",
        "Voorbeeldlaan 5, 3318 AA Dordrecht",
        when(9, 29, 17, 30, hours=2),
        {
            "is_free": False,
            "cost": "€ 5, inclusief drinken",
            "registration_url": "https://www.erbij.example/eten",
        },
    ),
    (
        "koffie-met-de-buren-rotterdam",
        "Koffie met de buren",
        "Een kop koffie, een praatje en kennismaken met mensen uit uw wijk.",
        "rotterdam",
        "sol",
        "Ontmoetingscentrum Voorbeeldwijk",
        "Voorbeeldweg 20, 3000 AA Rotterdam",
        when(9, 26, 10, hours=2),
        {},
    ),
    (
        "wandeling-langs-de-maas",
        "Wandeling langs de Maas",
        "Een rustige wandeling van een uur, met koffie na afloop. Ook met rollator te doen.",
        "rotterdam",
        "humanitas-rotterdam",
        "Start bij het Voorbeeldpaviljoen",
        "Voorbeeldkade 1, 3000 AB Rotterdam",
        when(9, 28, 14, hours=2),
        {},
    ),
    (
        "online-luistergesprek",
        "Online: praten over eenzaamheid",
        "Een online gesprek voor mantelzorgers over eenzaamheid en hoe u hulp vraagt.",
        "rotterdam",
        "sensoor",
        "",
        "",
        when(9, 30, 20, hours=1),
        {"is_online": True, "online_url": "https://www.erbij.example/online", "is_accessible": False},
    ),
    (
        "open-dag-kijkopwelzijn",
        "Open huis bij KijkopWelzijn",
        "Kom langs, maak kennis met vrijwilligers en ontdek wat er in Barendrecht te doen is.",
        "barendrecht",
        "kijkopwelzijn",
        "Welzijnscentrum Barendrecht",
        "Voorbeeldstraat 30, 2991 AA Barendrecht",
        when(10, 1, 10, hours=4),
        {},
    ),
    (
        "netwerkbijeenkomst-barendrecht",
        "Netwerkbijeenkomst Samen tegen Eenzaamheid",
        "Voor professionals, vrijwilligers en bewoners: wat werkt tegen eenzaamheid in Barendrecht?",
        "barendrecht",
        "kijkopwelzijn",
        "Gemeentehuis Barendrecht",
        "Voorbeeldplein 1, 2991 AB Barendrecht",
        when(10, 2, 15, hours=2),
        {"registration_url": "https://www.erbij.example/netwerk"},
    ),
]


def build(ctx: DemoContext):
    ctx.log("Campaigns, events and news")
    home = ctx.shared["home"]
    coalitions = ctx.shared.get("coalitions", {})

    agenda = ctx.page(
        EventIndexPageFactory,
        home,
        "agenda",
        title="Agenda",
        intro="Activiteiten bij u in de buurt: samen koffie drinken, eten, wandelen of praten.",
    )
    ctx.translate(
        agenda, title="Events", slug="events", intro="Activities near you: coffee, meals, walks and talks."
    )
    campaigns = ctx.page(
        CampaignIndexPageFactory,
        home,
        "campagnes",
        title="Campagnes",
        intro="Met campagnes vragen we aandacht voor eenzaamheid en roepen we op om iets te doen.",
    )
    ctx.translate(
        campaigns,
        title="Campaigns",
        slug="campaigns",
        intro="Our campaigns ask attention for loneliness and call for action.",
    )
    news = ctx.page(
        NewsIndexPageFactory,
        home,
        "nieuws",
        title="Nieuws",
        intro="Nieuws van de coalities tegen eenzaamheid.",
    )
    ctx.translate(news, title="News", slug="news", intro="News from the coalitions against loneliness.")

    _jebentnietalleen(ctx, campaigns, coalitions)
    _kom_erbij_week(ctx, campaigns, coalitions)
    _other_events(ctx, agenda, coalitions)
    _news(ctx, news, coalitions)

    ctx.shared.setdefault("menu", []).extend([agenda, campaigns, news])
    ctx.shared.setdefault("entry_points", []).extend(
        [
            {
                "page": agenda,
                "nl": {"title": "Activiteiten", "text": "Ontmoet anderen bij een activiteit in uw buurt."},
                "en": {"title": "Events", "text": "Meet others at an activity near you."},
            },
            {
                "page": campaigns,
                "nl": {"title": "Campagnes", "text": "Doe mee met #jebentnietalleen en de Kom Erbij Week."},
                "en": {"title": "Campaigns", "text": "Join #jebentnietalleen and the Kom Erbij Week."},
            },
            {
                "page": news,
                "nl": {"title": "Nieuws", "text": "Wat er gebeurt in de coalities."},
                "en": {"title": "News", "text": "What is happening in the coalitions."},
            },
        ]
    )


def _jebentnietalleen(ctx, campaigns, coalitions):
    links = [CampaignCoalition(coalition=coalitions["dordrecht"])] if "dordrecht" in coalitions else []
    page = ctx.page(
        CampaignPageFactory,
        campaigns,
        "jebentnietalleen",
        title="Je bent niet alleen",
        hashtag="#jebentnietalleen",
        start_date=datetime.date(2018, 3, 1),
        end_date=datetime.date(2022, 12, 31),
        intro="Een campagne van de gemeente Dordrecht: je staat er niet alleen voor.",
        message="Je staat er niet alleen voor.",
        call_to_action="Drink eens een kop koffie met je eenzame buurman.",
        body=stream(
            (
                "paragraph",
                "<p>De campagne begon toen The Passion in Dordrecht werd gespeeld, met als thema "
                "#jebentnietalleen. De gemeente werkte samen met de omroepen EO en KRO-NCRV. Posters in "
                "de stad en een eigen website vertelden de boodschap.</p>",
            ),
            ("heading", {"text": "Wat kunt u doen?", "level": "h2"}),
            (
                "paragraph",
                "<p>Begin bij uzelf. Kijk eens hoe het gaat met uw opa of oma, of met de buren. Een kop "
                "koffie samen kan al veel betekenen.</p>",
            ),
        ),
        partners=[CampaignPartner(organisation=organisation(ctx, "gemeente-dordrecht"))],
        related_coalitions=links,
    )
    ctx.translate(
        page,
        intro="A campaign by the municipality of Dordrecht: you do not have to face it alone.",
        message="You are not alone.",
        call_to_action="Have a cup of coffee with your lonely neighbour.",
    )


def _kom_erbij_week(ctx, campaigns, coalitions):
    week = ctx.page(
        CampaignPageFactory,
        campaigns,
        "kom-erbij-week",
        title=f"Kom Erbij Week {KOM_ERBIJ_WEEK_YEAR}",
        hashtag="#komerbij",
        start_date=datetime.date(KOM_ERBIJ_WEEK_YEAR, 9, 25),
        end_date=datetime.date(KOM_ERBIJ_WEEK_YEAR, 10, 2),
        intro="Tijdens de Week tegen Eenzaamheid zijn er overal activiteiten om elkaar te ontmoeten.",
        message="Kom erbij!",
        call_to_action="Neem iemand mee naar een activiteit in uw buurt.",
        body=stream(
            (
                "paragraph",
                "<p>In de Kom Erbij Week organiseren welzijnsorganisaties, kerken, verenigingen en "
                "vrijwilligers samen activiteiten. Iedereen is welkom. De meeste activiteiten zijn "
                "gratis.</p>",
            ),
        ),
        partners=[
            CampaignPartner(organisation=organisation(ctx, key), sort_order=n)
            for n, key in enumerate(["humanitas", "kijkopwelzijn", "sensoor", "resto-van-harte"])
        ],
        related_coalitions=[
            CampaignCoalition(coalition=coalitions[key], sort_order=n)
            for n, key in enumerate(["dordrecht", "rotterdam", "barendrecht"])
            if key in coalitions
        ],
    )
    ctx.translate(
        week,
        intro="During the Week against Loneliness there are activities everywhere to meet each other.",
        message="Come and join us!",
        call_to_action="Bring someone along to an activity near you.",
    )
    for slug, title, intro, coalition, organiser, place, address, timing, extra in KOM_ERBIJ_WEEK_EVENTS:
        fields = {
            "title": title,
            "intro": intro,
            "coalition": coalitions.get(coalition),
            "organiser": organisation(ctx, organiser),
            "location_name": place,
            "address": address,
            "is_accessible": True,
            "description": f"<p>{intro} U hoeft niets mee te nemen.</p>",
            **timing,
            **extra,
        }
        ctx.page(EventPageFactory, week, slug, **fields)


def _other_events(ctx, agenda, coalitions):
    dordrecht = coalitions.get("dordrecht")
    parent = dordrecht or agenda
    ctx.page(
        EventPageFactory,
        parent,
        "kerst-inn",
        title="Kerst-Inn",
        intro="Een warme kerstmiddag voor wie de feestdagen niet alleen wil doorbrengen.",
        organiser=organisation(ctx, "humanitas"),
        location_name="Het Spectrum",
        address="Voorbeeldstraat 40, 3312 AA Dordrecht",
        is_accessible=True,
        is_free=True,
        description=(
            "<p>Humanitas organiseert de Kerst-Inn samen met Het Spectrum en ContourdeTwern. Er is plek "
            "voor 80 gasten. Aanmelden is niet nodig.</p>"
        ),
        **when(12, 21, 14, hours=4, year=2026),
    )
    ctx.page(
        EventPageFactory,
        agenda,
        "kaartenactie",
        title="Kaartenactie: nodig iemand uit",
        intro="Stuur een kaart en nodig iemand uit om samen iets leuks te doen.",
        organiser=organisation(ctx, "humanitas"),
        coalition=dordrecht,
        location_name="Markt Dordrecht",
        address="Voorbeeldmarkt 1, 3311 AC Dordrecht",
        is_accessible=True,
        **when(6, 12, 10, hours=6, year=2026),
    )


def _news(ctx, news, coalitions):
    items = [
        (
            coalitions.get("rotterdam") or news,
            "coalitie-erbij-rotterdam-opgericht",
            "Coalitie Erbij Rotterdam opgericht",
            datetime.date(2015, 2, 25),
            "Zes organisaties tekenden een samenwerkingsovereenkomst. Zo ontstond Coalitie Erbij Rotterdam.",
            "<p>Sensoor, Humanitas, SOL, MDRplus, Thermiek en WMO Radar houden voortaan samen de aandacht "
            "voor eenzaamheid en sociaal isolement in Rotterdam vast.</p>",
            ["coalitie", "rotterdam"],
        ),
        (
            coalitions.get("barendrecht") or news,
            "akkoord-samen-tegen-eenzaamheid",
            "Barendrecht tekent akkoord Samen tegen Eenzaamheid",
            datetime.date(2020, 10, 1),
            "Met het akkoord begint in Barendrecht een gezamenlijke aanpak van eenzaamheid.",
            "<p>Stichting KijkopWelzijn is de kartrekker. Iedere organisatie die wil meedoen, kan het "
            "akkoord ook tekenen.</p>",
            ["akkoord", "barendrecht"],
        ),
        (
            news,
            "kom-erbij-week-programma",
            f"Programma Kom Erbij Week {KOM_ERBIJ_WEEK_YEAR} bekend",
            datetime.date(2026, 11, 2),
            "In Dordrecht, Rotterdam en Barendrecht zijn er tijdens de Kom Erbij Week activiteiten.",
            "<p>Van een festival tot een wandeling langs de Maas: in de agenda vindt u alle "
            "activiteiten.</p>",
            ["kom erbij week"],
        ),
        (
            coalitions.get("dordrecht") or news,
            "kerst-inn-voor-80-gasten",
            "Kerst-Inn voor 80 gasten",
            datetime.date(2026, 11, 16),
            "Humanitas organiseert ook dit jaar de Kerst-Inn, met steun van de Rotary Dordrecht.",
            "<p>Samen met Het Spectrum en ContourdeTwern is er een warme middag voor 80 mensen.</p>",
            ["kerst", "dordrecht"],
        ),
    ]
    for parent, slug, title, date, summary, body, tags in items:
        page = ctx.page(
            NewsPageFactory,
            parent,
            slug,
            title=title,
            date=date,
            summary=summary,
            body=stream(("paragraph", body)),
        )
        if not page.tags.exists():
            page.tags.add(*tags)
            page.save_revision().publish()
