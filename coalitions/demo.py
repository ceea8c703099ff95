"""Demo content of the coalitions app: the coalitions of Dordrecht, Rotterdam and Barendrecht.

Facts (goals, action lines, partners, founding years) come from the source texts in
/work/shared/seeds/; the sentences are our own. Contact persons and signatories are fictional.
"""

import datetime

from directory.models import Organisation
from home.demo_utils import DemoContext
from home.factories import stream

from .factories import CoalitionIndexPageFactory, CoalitionPageFactory
from .models import CoalitionContact, CoalitionPartner, CoalitionSignatory
from .permissions import ensure_coalition_group, ensure_moderation_workflow

# Short key -> (name, website). The directory demo may already have made these (ctx.shared
# ["organisations"], same keys); otherwise we find or create them by name.
ORGANISATIONS = {
    "humanitas": ("Humanitas Drechtsteden", "https://www.humanitas.nl/"),
    "humanitas-rotterdam": ("Humanitas Rotterdam", "https://www.humanitas.nl/"),
    "gemeente-dordrecht": ("Gemeente Dordrecht", "https://www.dordrecht.nl/"),
    "gemeente-barendrecht": ("Gemeente Barendrecht", "https://www.barendrecht.nl/"),
    "spectrum": ("Het Spectrum", ""),
    "contourdetwern": ("ContourdeTwern", "https://www.contourdetwern.nl/"),
    "sensoor": ("Sensoor", "https://www.sensoor.nl/"),
    "sol": ("SOL Netwerk", ""),
    "mdrplus": ("MDRplus (Maatschappelijke dienstverlening Alexander)", ""),
    "thermiek": ("Thermiek", ""),
    "wmo-radar": ("WMO Radar", "https://www.wmoradar.nl/"),
    "kijkopwelzijn": ("Stichting KijkopWelzijn", "https://www.kijkopwelzijn.nl/"),
    "resto-van-harte": ("Resto van Harte", "https://www.restovanharte.nl/"),
    "rode-kruis": ("Rode Kruis", "https://www.rodekruis.nl/"),
    "mee": ("Stichting MEE", ""),
    "vrijwilligershuis": ("Het Vrijwilligershuis", ""),
    "bibliotheek-dordrecht": ("Bibliotheek Dordrecht", ""),
}


def organisation(ctx, key):
    shared = ctx.shared.get("organisations", {})
    if key in shared:
        return shared[key]
    name, website = ORGANISATIONS[key]
    found = Organisation.objects.filter(name=name, locale=ctx.nl).first()
    if found is None:
        found = Organisation.objects.create(name=name, website=website, locale=ctx.nl)
    ctx.shared.setdefault("organisations", {})[key] = found
    return found


def goals(*items):
    return stream(*[("goal", {"title": title, "text": text}) for title, text in items])


def partners(ctx, *items):
    return [
        CoalitionPartner(organisation=organisation(ctx, key), role=role, sort_order=n)
        for n, (key, role) in enumerate(items)
    ]


COALITIONS = [
    {
        "slug": "dordrecht",
        "title": "Coalitie Erbij Dordrecht",
        "municipality": "Dordrecht",
        "year_founded": 2014,
        "lead": "humanitas",
        "intro": "In Dordrecht werken gemeente, welzijn, zorg en vrijwilligers samen tegen eenzaamheid.",
        "mission": (
            "<p>Eenzaamheid kan iedereen overkomen, vaak ouderen. De oplossing ligt in de samenleving: "
            "bij buren, familie, vrijwilligers en organisaties. Sinds eind 2014 brengt Humanitas "
            "Drechtsteden deze partijen bij elkaar, zodat aandacht voor eenzaamheid een vast onderdeel "
            "wordt van het gewone werk in de wijken.</p>"
        ),
        "goals": [
            ("Snelle en passende hulp", "Steun die past en betaalbaar is: zo licht als het kan."),
            ("Zorg en steun in samenhang", "Huisarts, wijkteam en vrijwilligers werken samen."),
            ("Steun dicht bij huis", "Ouderen en mantelzorgers vinden hulp in hun eigen wijk."),
            ("Eenzaamheid eerder zien", "We herkennen eenzaamheid eerder en doorbreken haar."),
        ],
        "action_lines": [
            ("Signaleren en bespreekbaar maken", "Meer huisbezoeken en getrainde vrijwilligers."),
            ("Doorbreken en duurzaam aanpakken", "Samen koken en eten in de wijk, meer ontmoetingen."),
        ],
        "partners": [
            ("humanitas", "Coördinator"),
            ("gemeente-dordrecht", "Opdrachtgever"),
            ("spectrum", "Partner"),
            ("contourdetwern", "Partner"),
            ("sensoor", "Partner"),
            ("resto-van-harte", "Partner"),
            ("mee", "Partner"),
            ("rode-kruis", "Partner"),
            ("vrijwilligershuis", "Partner"),
            ("bibliotheek-dordrecht", "Partner"),
        ],
        "contacts": [
            ("Anna Voorbeeld", "Coördinator coalitie (fictief)", "dordrecht@erbij.example", "010 000 0101")
        ],
        "agreement_title": "",
        "agreement_text": "",
        "signatories": [],
    },
    {
        "slug": "rotterdam",
        "title": "Coalitie Erbij Rotterdam",
        "municipality": "Rotterdam",
        "year_founded": 2015,
        "lead": None,
        "intro": "Zes Rotterdamse organisaties houden samen de aandacht voor eenzaamheid vast.",
        "mission": (
            "<p>Eenzaamheid en sociaal isolement zijn vaak onzichtbaar en raken snel uit beeld. De "
            "coalitie zorgt dat er in Rotterdam blijvend aandacht voor is. Op basis van kennis en "
            "onderzoek voeren de partners concrete acties uit en verbeteren ze die.</p>"
        ),
        "goals": [
            ("Blijvende aandacht", "Eenzaamheid en sociaal isolement onder de aandacht houden in de stad."),
            ("Kennis delen", "Kennis ontwikkelen en de deskundigheid van professionals vergroten."),
            ("Acties die werken", "Interventies uitvoeren en verbeteren op basis van onderzoek."),
            ("Stille problemen samen", "Aansluiten bij de aanpak van dementie en overbelaste mantelzorgers."),
        ],
        "action_lines": [
            ("Een kernteam", "Leden van de partners vormen samen het kernteam."),
            ("Meer organisaties erbij", "Het kernteam zoekt organisaties die willen aansluiten."),
            ("Stadsbreed verbinden", "Interventies in de hele stad met elkaar verbinden."),
        ],
        "partners": [
            ("sensoor", "Oprichter"),
            ("humanitas-rotterdam", "Oprichter"),
            ("sol", "Oprichter"),
            ("mdrplus", "Oprichter"),
            ("thermiek", "Oprichter"),
            ("wmo-radar", "Oprichter"),
        ],
        "contacts": [("Bram Voorbeeld", "Kernteam (fictief)", "rotterdam@erbij.example", "010 000 0102")],
        "agreement_title": "Samenwerkingsovereenkomst Coalitie Erbij Rotterdam",
        "agreement_text": (
            "<p>Op woensdag 25 februari 2015 tekenden de bestuurders van zes organisaties een "
            "samenwerkingsovereenkomst. Daarmee was Coalitie Erbij Rotterdam een feit.</p>"
        ),
        # The real signatories were the boards of the six founders; the names here are fictional.
        "signatories": [
            ("Bestuurder Sensoor (fictief)", "sensoor", datetime.date(2015, 2, 25)),
            ("Bestuurder Humanitas (fictief)", "humanitas-rotterdam", datetime.date(2015, 2, 25)),
            ("Bestuurder SOL (fictief)", "sol", datetime.date(2015, 2, 25)),
            ("Bestuurder MDRplus (fictief)", "mdrplus", datetime.date(2015, 2, 25)),
            ("Bestuurder Thermiek (fictief)", "thermiek", datetime.date(2015, 2, 25)),
            ("Bestuurder WMO Radar (fictief)", "wmo-radar", datetime.date(2015, 2, 25)),
        ],
    },
    {
        "slug": "barendrecht",
        "title": "Samen tegen Eenzaamheid Barendrecht",
        "municipality": "Barendrecht",
        "year_founded": 2020,
        "lead": "kijkopwelzijn",
        "intro": "Met het akkoord 'Samen tegen Eenzaamheid' pakt Barendrecht eenzaamheid samen aan.",
        "mission": (
            "<p>Iedereen die eenzaamheid een belangrijk probleem vindt, kan meedoen. Stichting "
            "KijkopWelzijn is de kartrekker: ze organiseert projecten en maakt de coalitie groter. "
            "De aandacht gaat naar ouderen, maar ook naar jongeren en volwassenen.</p>"
        ),
        "goals": [
            ("Voorlichting", "Meer kennis over eenzaamheid."),
            ("Bespreekbaar maken", "Het taboe doorbreken."),
            ("Een brede aanpak", "Een netwerkbrede, preventieve en duurzame aanpak."),
            ("Maatwerk", "Groepsgericht werken en maatwerk in de uitvoering."),
        ],
        "action_lines": [
            ("Een sterk netwerk", "Partners kennen elkaar en trekken samen op, ook in de allianties."),
            ("Mensen zelf betrekken", "Inwoners die zich eenzaam voelen denken en doen mee."),
            ("Een duurzame aanpak", "Een sluitend aanbod voor verschillende groepen."),
        ],
        "partners": [
            ("kijkopwelzijn", "Kartrekker"),
            ("gemeente-barendrecht", "Initiatiefnemer"),
        ],
        "contacts": [
            ("Carla Voorbeeld", "Sociaal makelaar (fictief)", "barendrecht@erbij.example", "010 000 0103")
        ],
        "agreement_title": "Samen tegen Eenzaamheid",
        "agreement_text": (
            "<p>Met dit akkoord gaf de gemeente Barendrecht in 2020 het startsein voor een gezamenlijke "
            "aanpak van eenzaamheid. Het akkoord staat open voor alle organisaties, publiek en privaat, "
            "die willen meewerken. Wie tekent, doet mee.</p>"
        ),
        # The seeds give the year (2020), not the day; the date and names here are for the demo.
        "signatories": [
            ("Wethouder (fictief), namens de gemeente", "gemeente-barendrecht", datetime.date(2020, 10, 1)),
            ("Directeur (fictief)", "kijkopwelzijn", datetime.date(2020, 10, 1)),
        ],
    },
]

ENGLISH = {
    "dordrecht": "In Dordrecht, residents, care and welfare organisations work together against loneliness.",
    "rotterdam": "Six Rotterdam organisations keep loneliness on the agenda together.",
    "barendrecht": "With the 'Together against Loneliness' agreement, Barendrecht acts jointly.",
}


def build(ctx: DemoContext):
    ctx.log("Coalitions")
    home = ctx.shared["home"]
    ensure_moderation_workflow()
    index = ctx.page(
        CoalitionIndexPageFactory,
        home,
        "coalities",
        title="Coalities",
        intro="In deze gemeenten werken organisaties samen tegen eenzaamheid. Zoek uw gemeente.",
    )
    ctx.translate(
        index,
        title="Coalitions",
        slug="coalitions",
        intro="In these municipalities, organisations work together against loneliness. Find yours.",
    )
    coalitions = {}
    for spec in COALITIONS:
        page = ctx.page(
            CoalitionPageFactory,
            index,
            spec["slug"],
            title=spec["title"],
            municipality=spec["municipality"],
            province="zuid-holland",
            year_founded=spec["year_founded"],
            lead_organisation=organisation(ctx, spec["lead"]) if spec["lead"] else None,
            intro=spec["intro"],
            mission=spec["mission"],
            goals=goals(*spec["goals"]),
            action_lines=goals(*spec["action_lines"]),
            agreement_title=spec["agreement_title"],
            agreement_text=spec["agreement_text"],
            partners=partners(ctx, *spec["partners"]),
            contacts=[
                CoalitionContact(name=name, role=role, email=email, phone=phone, sort_order=n)
                for n, (name, role, email, phone) in enumerate(spec["contacts"])
            ],
            signatories=[
                CoalitionSignatory(
                    name=name, organisation=organisation(ctx, key), signed_on=day, sort_order=n
                )
                for n, (name, key, day) in enumerate(spec["signatories"])
            ],
        )
        ctx.translate(page, intro=ENGLISH[spec["slug"]])
        ensure_coalition_group(page)
        coalitions[spec["slug"]] = page
    ctx.shared["coalitions"] = coalitions
    ctx.shared.setdefault("menu", []).append(index)
    ctx.shared.setdefault("entry_points", []).append(
        {
            "page": index,
            "nl": {"title": "Coalities", "text": "Wie werkt er in uw gemeente samen tegen eenzaamheid?"},
            "en": {"title": "Coalitions", "text": "Who works together against loneliness where you live?"},
        }
    )
