"""Demo content of the directory: the partner organisations from the seeds, wijken, places and
more than forty services in Dordrecht, Rotterdam and Barendrecht, and the DirectoryPage.

Organisations are real partners named in the source texts; every contact person, e-mail address
and phone number is fictional (000-numbers, .example domains), except the public number of
De Luisterlijn. Running it twice creates nothing new.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from home.demo_utils import DemoContext

from .factories import DirectoryPageFactory
from .models import (
    Category,
    Language,
    Location,
    LocationSchedule,
    Neighbourhood,
    Organisation,
    Service,
    ServiceLocation,
    ServiceSchedule,
    TargetGroup,
)

# slug: (name, description nl, description en, website, kvk)
ORGANISATIONS = {
    "humanitas": (
        "Humanitas Drechtsteden",
        "Vrijwilligers van Humanitas helpen mensen op eigen kracht verder: met een maatje, huisbezoek "
        "of samen eten. Humanitas coördineert Coalitie Erbij in Dordrecht.",
        "Humanitas volunteers help people move on by themselves: with a buddy, home visits or meals "
        "together. Humanitas coordinates Coalitie Erbij in Dordrecht.",
        "https://www.humanitas.nl/",
        "40000001",
    ),
    "luisterlijn": (
        "De Luisterlijn (voorheen Sensoor)",
        "Dag en nacht een luisterend oor, aan de telefoon of via chat. Anoniem.",
        "A listening ear, day and night, by phone or chat. Anonymous.",
        "https://www.deluisterlijn.nl/",
        "40000002",
    ),
    "sol": (
        "SOL Netwerk",
        "Welzijnswerk in Rotterdam: ontmoeting, buurtwerk en hulp bij vragen over geld en zorg.",
        "Welfare work in Rotterdam: meeting places, neighbourhood work and help with money and care.",
        "https://www.solnetwerk.nl/",
        "40000003",
    ),
    "mdrplus": (
        "MDRplus (Alexander)",
        "Maatschappelijke dienstverlening in Rotterdam-Alexander: steun bij eenzaamheid en mantelzorg.",
        "Social services in Rotterdam-Alexander: support with loneliness and caring for someone.",
        "",
        "40000004",
    ),
    "thermiek": (
        "Thermiek",
        "Welzijnsorganisatie in Rotterdam-Zuid voor ontmoeting en meedoen in de wijk.",
        "Welfare organisation in Rotterdam-Zuid for meeting people and taking part in the neighbourhood.",
        "",
        "40000005",
    ),
    "wmo-radar": (
        "WMO Radar",
        "Welzijn en vrijwilligerswerk in Rotterdam: van buurthuis tot maatjesproject.",
        "Welfare and volunteering in Rotterdam: from community centre to buddy project.",
        "https://www.wmoradar.nl/",
        "40000006",
    ),
    "kijkopwelzijn": (
        "Stichting KijkopWelzijn",
        "Welzijnsorganisatie in Barendrecht en trekker van de aanpak Samen tegen Eenzaamheid.",
        "Welfare organisation in Barendrecht, leading the 'Together against loneliness' approach.",
        "https://www.kijkopwelzijn.nl/",
        "40000007",
    ),
    "spectrum": (
        "Het Spectrum",
        "Vrijwilligers en professionals in Dordrecht voor ontmoeting, mantelzorg en meedoen.",
        "Volunteers and professionals in Dordrecht for meeting people, carers and taking part.",
        "",
        "40000008",
    ),
    "contourdetwern": (
        "ContourdeTwern",
        "Welzijnswerk in de Dordtse wijken: buurthuizen, activiteiten en opbouwwerk.",
        "Welfare work in the Dordrecht neighbourhoods: community centres, activities and community work.",
        "",
        "40000009",
    ),
    "rode-kruis": (
        "Rode Kruis Zuid-Holland Zuid",
        "Vrijwilligers van het Rode Kruis bieden een helpende hand, ook bij eenzaamheid.",
        "Red Cross volunteers offer a helping hand, also with loneliness.",
        "https://www.rodekruis.nl/",
        "40000010",
    ),
    "resto-van-harte": (
        "Resto van Harte",
        "Restaurants in de wijk waar buurtbewoners samen eten voor een klein bedrag.",
        "Neighbourhood restaurants where residents eat together for a small price.",
        "https://www.restovanharte.nl/",
        "40000011",
    ),
    "mee": (
        "Stichting MEE",
        "Ondersteuning voor mensen met een beperking en hun omgeving.",
        "Support for people with a disability and those around them.",
        "https://www.mee.nl/",
        "40000012",
    ),
    "bibliotheek": (
        "Bibliotheek Dordrecht",
        "De bibliotheek is een plek om te lezen, te leren en anderen te ontmoeten.",
        "The library is a place to read, to learn and to meet others.",
        "",
        "40000013",
    ),
    "vrijwilligershuis": (
        "Het Vrijwilligershuis",
        "Vindt vrijwilligerswerk dat bij u past in Dordrecht.",
        "Finds volunteering that suits you in Dordrecht.",
        "",
        "40000014",
    ),
    "sterrenburgers": (
        "Sterrenburgers voor Sterrenburgers",
        "Buren helpen buren in Sterrenburg: een klusje, een boodschap of een praatje.",
        "Neighbours help neighbours in Sterrenburg: a small job, some shopping or a chat.",
        "",
        "40000015",
    ),
    "dubbeldammers": (
        "Dubbeldammers voor Dubbeldammers",
        "Bewoners van Dubbeldam helpen elkaar en organiseren ontmoeting.",
        "Residents of Dubbeldam help each other and organise meetings.",
        "",
        "40000016",
    ),
    "helpende-handen": (
        "Helpende Handen",
        "Vrijwilligers die ouderen helpen met kleine klussen en vervoer.",
        "Volunteers who help older people with small jobs and transport.",
        "",
        "40000017",
    ),
    "stichting-4-het-leven": (
        "Stichting 4 het leven",
        "Activiteiten voor ouderen die er even uit willen: uitjes, concerten en ontmoeting.",
        "Activities for older people who want to get out: trips, concerts and meetings.",
        "",
        "40000018",
    ),
}

# slug: (name nl, name en, description nl: also words residents search for)
CATEGORIES = [
    ("ontmoeting", "Ontmoeting", "Meeting people", "koffie, praatje, buurthuis, inloop, anderen ontmoeten"),
    ("huisbezoek", "Huisbezoek", "Home visits", "bezoek aan huis, vrijwilliger komt langs"),
    ("samen-eten", "Samen eten", "Eating together", "maaltijd, eten, koken, eettafel, aanschuiven, diner"),
    ("luisterlijn", "Telefonische hulp / luisterlijn", "Listening line", "bellen, praten, luisteren, chat"),
    ("maatje", "Maatje / vrijwilliger", "Buddy / volunteer", "maatje, vriendschap, samen op stap"),
    ("activiteiten", "Activiteiten", "Activities", "uitje, spel, creatief, cursus, wandelen, bewegen"),
    ("mantelzorg", "Mantelzorgondersteuning", "Support for carers", "mantelzorger, zorgen voor, respijt"),
    ("digitale-hulp", "Digitale hulp", "Digital help", "computer, tablet, telefoon, internet, DigiD"),
]

TARGET_GROUPS = [
    ("ouderen", "Ouderen", "Older people"),
    ("jongeren", "Jongeren", "Young people"),
    ("volwassenen", "Volwassenen", "Adults"),
    ("mantelzorgers", "Mantelzorgers", "Carers"),
    ("nieuwkomers", "Nieuwkomers", "Newcomers"),
]

LANGUAGES = [
    ("nl", "Nederlands", "Dutch"),
    ("en", "Engels", "English"),
    ("tr", "Turks", "Turkish"),
    ("ar", "Arabisch", "Arabic"),
    ("pl", "Pools", "Polish"),
]

# slug: (name, municipality, latitude, longitude) - approximate centres
NEIGHBOURHOODS = {
    "dordrecht-binnenstad": ("Binnenstad", "Dordrecht", 51.8133, 4.6690),
    "dordrecht-crabbehof": ("Crabbehof", "Dordrecht", 51.7970, 4.6720),
    "dordrecht-sterrenburg": ("Sterrenburg", "Dordrecht", 51.7920, 4.7000),
    "dordrecht-dubbeldam": ("Dubbeldam", "Dordrecht", 51.7950, 4.7200),
    "dordrecht-krispijn": ("Krispijn", "Dordrecht", 51.8030, 4.6630),
    "dordrecht-wielwijk": ("Wielwijk", "Dordrecht", 51.7930, 4.6580),
    "dordrecht-stadspolders": ("Stadspolders", "Dordrecht", 51.8010, 4.7260),
    "rotterdam-feijenoord": ("Feijenoord", "Rotterdam", 51.9030, 4.5030),
    "rotterdam-delfshaven": ("Delfshaven", "Rotterdam", 51.9110, 4.4480),
    "rotterdam-charlois": ("Charlois", "Rotterdam", 51.8850, 4.4750),
    "rotterdam-ijsselmonde": ("IJsselmonde", "Rotterdam", 51.8950, 4.5500),
    "rotterdam-prins-alexander": ("Prins Alexander", "Rotterdam", 51.9530, 4.5530),
    "rotterdam-kralingen": ("Kralingen-Crooswijk", "Rotterdam", 51.9240, 4.5050),
    "barendrecht-centrum": ("Centrum", "Barendrecht", 51.8560, 4.5350),
    "barendrecht-carnisselande": ("Carnisselande", "Barendrecht", 51.8440, 4.5190),
    "barendrecht-smitshoek": ("Smitshoek", "Barendrecht", 51.8450, 4.5500),
}

# key: (name, address, postal code, wijk, latitude, longitude, accessible, opening hours by weekday)
WEEKDAYS_9_17 = [(day, "09:00", "17:00") for day in range(1, 6)]
LOCATIONS = {
    "buurthuis-crabbehof": (
        "Buurthuis Crabbehof",
        "Aardbeilaan 12",
        "3317 AB",
        "dordrecht-crabbehof",
        51.7975,
        4.6725,
        True,
        WEEKDAYS_9_17,
    ),
    "wijkcentrum-sterrenburg": (
        "Cultureel centrum Sterrenburg",
        "Van Oldenbarneveltplein 4",
        "3317 CA",
        "dordrecht-sterrenburg",
        51.7925,
        4.7005,
        True,
        WEEKDAYS_9_17 + [(6, "10:00", "16:00")],
    ),
    "de-koloriet": (
        "Wijkcentrum De Koloriet",
        "Koloriet 1",
        "3315 AD",
        "dordrecht-krispijn",
        51.8035,
        4.6635,
        True,
        WEEKDAYS_9_17,
    ),
    "de-admiraal": (
        "Wijkcentrum De Admiraal",
        "Admiraalsplein 2",
        "3317 BA",
        "dordrecht-wielwijk",
        51.7935,
        4.6585,
        False,
        WEEKDAYS_9_17,
    ),
    "bibliotheek-dordrecht": (
        "Bibliotheek Dordrecht Centrum",
        "Groenmarkt 153",
        "3311 BD",
        "dordrecht-binnenstad",
        51.8140,
        4.6700,
        True,
        [(day, "10:00", "20:00") for day in range(1, 6)] + [(6, "10:00", "17:00")],
    ),
    "energiehuis": (
        "Het Energiehuis",
        "Noordendijk 2",
        "3311 RN",
        "dordrecht-binnenstad",
        51.8110,
        4.6750,
        True,
        [],
    ),
    "de-buitenwacht": (
        "Buurthuis De Buitenwacht",
        "Dubbeldamseweg Zuid 5",
        "3319 AB",
        "dordrecht-dubbeldam",
        51.7955,
        4.7205,
        False,
        [],
    ),
    "stadspolders-huiskamer": (
        "Huiskamer Stadspolders",
        "Reeweg 20",
        "3312 AA",
        "dordrecht-stadspolders",
        51.8015,
        4.7265,
        True,
        [],
    ),
    "huiskamer-feijenoord": (
        "Huiskamer van de wijk Feijenoord",
        "Oranjeboomstraat 10",
        "3071 SB",
        "rotterdam-feijenoord",
        51.9035,
        4.5035,
        True,
        WEEKDAYS_9_17,
    ),
    "delfshaven-buurthuis": (
        "Buurthuis Het Lage Land Delfshaven",
        "Schiedamseweg 50",
        "3025 AE",
        "rotterdam-delfshaven",
        51.9115,
        4.4485,
        False,
        WEEKDAYS_9_17,
    ),
    "charlois-wijkcentrum": (
        "Wijkcentrum Charlois",
        "Wolphaertsbocht 100",
        "3083 AA",
        "rotterdam-charlois",
        51.8855,
        4.4755,
        True,
        WEEKDAYS_9_17,
    ),
    "ijsselmonde-ontmoet": (
        "Ontmoetingscentrum IJsselmonde",
        "Herenwaard 5",
        "3078 AA",
        "rotterdam-ijsselmonde",
        51.8955,
        4.5505,
        True,
        [],
    ),
    "alexander-huis": (
        "Huis van de Wijk Alexander",
        "Prins Alexanderplein 20",
        "3067 GC",
        "rotterdam-prins-alexander",
        51.9535,
        4.5535,
        True,
        WEEKDAYS_9_17,
    ),
    "kralingen-buurthuis": (
        "Buurthuis Kralingen",
        "Oudedijk 100",
        "3061 AA",
        "rotterdam-kralingen",
        51.9245,
        4.5055,
        False,
        [],
    ),
    "kijkopwelzijn-centrum": (
        "Het Kruispunt",
        "Middenbaan 1",
        "2991 AA",
        "barendrecht-centrum",
        51.8565,
        4.5355,
        True,
        WEEKDAYS_9_17,
    ),
    "carnisselande-ontmoet": (
        "Ontmoetingsplek Carnisselande",
        "Carnisser Baan 10",
        "2993 AA",
        "barendrecht-carnisselande",
        51.8445,
        4.5195,
        True,
        [],
    ),
    "smitshoek-huiskamer": (
        "Huiskamer Smitshoek",
        "Smitshoekse Baan 3",
        "2994 AA",
        "barendrecht-smitshoek",
        51.8455,
        4.5505,
        False,
        [],
    ),
}

# Fictional contact persons.
CONTACTS = [
    ("Sanne de Vries", "coördinator vrijwilligers"),
    ("Mohamed El Amrani", "buurtwerker"),
    ("Ineke Bos", "sociaal makelaar"),
    ("Kees van Dijk", "vrijwilliger"),
    ("Fatma Yilmaz", "opbouwwerker"),
    ("Joost Verhoeven", "coördinator"),
    ("Anouk Jansen", "consulent mantelzorg"),
    ("Pieter de Graaf", "teamleider"),
]

FREE = ("free", "")


def s(
    org, name, short, categories, groups, where, *, cost=FREE, access="walk_in", times=(), languages=("nl",)
):
    return {
        "org": org,
        "name": name,
        "short": short,
        "categories": categories,
        "groups": groups,
        "where": where,
        "cost": cost,
        "access": access,
        "times": times,
        "languages": languages,
    }


EVENING = ((2, "17:30", "19:30"),)
SERVICES = [
    # Dordrecht
    s(
        "humanitas",
        "Samen eten in Crabbehof",
        "Elke dinsdag samen aan tafel in het buurthuis.",
        ["samen-eten"],
        ["ouderen", "volwassenen"],
        ["buurthuis-crabbehof"],
        cost=("contribution", "€ 4 per maaltijd"),
        access="sign_up",
        times=EVENING,
        languages=("nl", "tr"),
    ),
    s(
        "humanitas",
        "Maatje voor ouderen in Dordrecht",
        "Een vrijwilliger die regelmatig met u op stap gaat.",
        ["maatje", "huisbezoek"],
        ["ouderen"],
        ["energiehuis"],
        access="sign_up",
    ),
    s(
        "humanitas",
        "Thuisadministratie Dordrecht",
        "Een vrijwilliger helpt u thuis met post en rekeningen.",
        ["huisbezoek"],
        ["volwassenen", "ouderen"],
        ["energiehuis"],
        access="phone",
    ),
    s(
        "humanitas",
        "Kom Erbij Festival Dordrecht",
        "Een week vol koffie- en eettafels en ontmoeting in de stad.",
        ["ontmoeting", "activiteiten", "samen-eten"],
        ["ouderen", "volwassenen", "jongeren"],
        ["energiehuis"],
        times=((6, "11:00", "16:00"),),
    ),
    s(
        "humanitas",
        "Kerst-Inn Dordrecht",
        "Met kerst samen eten en gezelligheid, voor wie niet alleen wil zijn.",
        ["samen-eten", "ontmoeting"],
        ["ouderen", "volwassenen"],
        ["energiehuis"],
        access="sign_up",
        times=((7, "16:00", "20:00"),),
    ),
    s(
        "spectrum",
        "Mantelzorgcafé Sterrenburg",
        "Praat met andere mantelzorgers onder het genot van koffie.",
        ["mantelzorg", "ontmoeting"],
        ["mantelzorgers"],
        ["wijkcentrum-sterrenburg"],
        times=((3, "10:00", "12:00"),),
    ),
    s(
        "spectrum",
        "Respijtzorg aan huis",
        "Een vrijwilliger neemt de zorg even van u over.",
        ["mantelzorg", "huisbezoek"],
        ["mantelzorgers"],
        ["wijkcentrum-sterrenburg"],
        access="referral",
    ),
    s(
        "contourdetwern",
        "Inloop De Koloriet",
        "Loop binnen voor koffie, een krant en een praatje.",
        ["ontmoeting"],
        ["ouderen", "volwassenen", "nieuwkomers"],
        ["de-koloriet"],
        languages=("nl", "ar", "tr"),
    ),
    s(
        "contourdetwern",
        "Eettafel De Admiraal",
        "Iedere donderdag een verse maaltijd met buurtgenoten.",
        ["samen-eten"],
        ["ouderen"],
        ["de-admiraal"],
        cost=("contribution", "€ 5 per maaltijd"),
        access="sign_up",
        times=((4, "17:00", "19:00"),),
    ),
    s(
        "contourdetwern",
        "Jongereninloop Krispijn",
        "Een plek voor jongeren om te chillen, gamen en praten.",
        ["ontmoeting", "activiteiten"],
        ["jongeren"],
        ["de-koloriet"],
        times=((5, "19:00", "22:00"),),
    ),
    s(
        "contourdetwern",
        "Taalcafé Krispijn",
        "Oefen Nederlands met vrijwilligers en andere nieuwkomers.",
        ["ontmoeting", "activiteiten"],
        ["nieuwkomers"],
        ["de-koloriet"],
        times=((1, "13:30", "15:30"),),
        languages=("nl", "en", "ar", "pl"),
    ),
    s(
        "resto-van-harte",
        "Resto van Harte Dordrecht",
        "Een driegangendiner in het restaurant van de wijk.",
        ["samen-eten"],
        ["ouderen", "volwassenen"],
        ["de-buitenwacht"],
        cost=("contribution", "€ 6,50 per diner"),
        access="sign_up",
        times=((3, "17:30", "20:00"),),
    ),
    s(
        "rode-kruis",
        "Rode Kruis Huisbezoek Drechtsteden",
        "Vrijwilligers van het Rode Kruis komen bij u langs.",
        ["huisbezoek", "maatje"],
        ["ouderen"],
        ["energiehuis"],
        access="phone",
    ),
    s(
        "rode-kruis",
        "Rode Kruis Uitjes",
        "Een dagje uit met begeleiding, ook als u slecht ter been bent.",
        ["activiteiten"],
        ["ouderen"],
        ["energiehuis"],
        cost=("contribution", "€ 15 per uitje"),
        access="sign_up",
        times=((6, "10:00", "16:00"),),
    ),
    s(
        "mee",
        "MEE Ontmoetingsgroep",
        "Een vaste groep voor mensen met een beperking om elkaar te ontmoeten.",
        ["ontmoeting"],
        ["volwassenen", "jongeren"],
        ["stadspolders-huiskamer"],
        access="referral",
        times=((2, "19:00", "21:00"),),
    ),
    s(
        "mee",
        "Cliëntondersteuning MEE",
        "Een onafhankelijke cliëntondersteuner denkt met u mee.",
        ["huisbezoek"],
        ["volwassenen", "mantelzorgers"],
        [],
        access="phone",
    ),
    s(
        "bibliotheek",
        "Digitaal Café in de bibliotheek",
        "Hulp bij uw telefoon, tablet, DigiD en internet.",
        ["digitale-hulp"],
        ["ouderen", "volwassenen"],
        ["bibliotheek-dordrecht"],
        times=((2, "10:00", "12:00"),),
    ),
    s(
        "bibliotheek",
        "Leesclub voor iedereen",
        "Samen een boek lezen en erover praten.",
        ["activiteiten", "ontmoeting"],
        ["volwassenen", "ouderen"],
        ["bibliotheek-dordrecht"],
        times=((4, "19:30", "21:00"),),
    ),
    s(
        "vrijwilligershuis",
        "Vrijwilligerswerk vinden",
        "Wij helpen u om vrijwilligerswerk te vinden dat bij u past.",
        ["activiteiten"],
        ["volwassenen", "jongeren", "nieuwkomers"],
        ["energiehuis"],
        access="sign_up",
        languages=("nl", "en"),
    ),
    s(
        "sterrenburgers",
        "Burenhulp Sterrenburg",
        "Buren helpen met een klusje, een boodschap of een praatje.",
        ["maatje", "huisbezoek"],
        ["ouderen"],
        ["wijkcentrum-sterrenburg"],
        access="phone",
    ),
    s(
        "dubbeldammers",
        "Koffieochtend Dubbeldam",
        "Elke vrijdagochtend koffie in het buurthuis.",
        ["ontmoeting"],
        ["ouderen"],
        ["de-buitenwacht"],
        times=((5, "10:00", "12:00"),),
    ),
    s(
        "helpende-handen",
        "Vervoer naar activiteiten",
        "Vrijwilligers brengen u naar een activiteit en weer terug.",
        ["activiteiten"],
        ["ouderen"],
        ["energiehuis"],
        cost=("contribution", "€ 2 per rit"),
        access="phone",
    ),
    s(
        "stichting-4-het-leven",
        "Concertmiddag voor ouderen",
        "Een middag live muziek met koffie en taart.",
        ["activiteiten", "ontmoeting"],
        ["ouderen"],
        ["wijkcentrum-sterrenburg"],
        times=((7, "14:00", "16:30"),),
    ),
    s(
        "contourdetwern",
        "Wandelgroep Wielwijk",
        "Samen een uur wandelen door de wijk, elk tempo welkom.",
        ["activiteiten"],
        ["ouderen", "volwassenen"],
        ["de-admiraal"],
        times=((1, "10:00", "11:00"),),
    ),
    # Rotterdam
    s(
        "sol",
        "Huiskamer van de wijk Feijenoord",
        "Een huiskamer waar iedereen welkom is voor koffie en gezelligheid.",
        ["ontmoeting"],
        ["ouderen", "volwassenen", "nieuwkomers"],
        ["huiskamer-feijenoord"],
        languages=("nl", "tr", "ar"),
    ),
    s(
        "sol",
        "Buurtmaaltijd Feijenoord",
        "Op zaterdag een warme maaltijd met de buurt.",
        ["samen-eten"],
        ["ouderen", "volwassenen"],
        ["huiskamer-feijenoord"],
        cost=("contribution", "€ 3,50"),
        access="sign_up",
        times=((6, "12:00", "14:00"),),
    ),
    s(
        "sol",
        "Formulierenhulp Feijenoord",
        "Hulp bij brieven, formulieren en digitale zaken.",
        ["digitale-hulp"],
        ["volwassenen", "nieuwkomers"],
        ["huiskamer-feijenoord"],
        times=((3, "13:00", "16:00"),),
        languages=("nl", "tr", "ar"),
    ),
    s(
        "thermiek",
        "Samen koken Charlois",
        "Samen boodschappen doen, koken en eten.",
        ["samen-eten", "activiteiten"],
        ["volwassenen", "jongeren"],
        ["charlois-wijkcentrum"],
        cost=("contribution", "€ 2,50"),
        times=((4, "16:00", "19:30"),),
    ),
    s(
        "thermiek",
        "Ontmoeting 55+ Charlois",
        "Spelletjes, koffie en verhalen voor 55-plussers.",
        ["ontmoeting", "activiteiten"],
        ["ouderen"],
        ["charlois-wijkcentrum"],
        times=((2, "14:00", "16:00"),),
    ),
    s(
        "wmo-radar",
        "Maatjesproject Delfshaven",
        "We koppelen u aan een maatje uit de buurt.",
        ["maatje"],
        ["volwassenen", "ouderen"],
        ["delfshaven-buurthuis"],
        access="sign_up",
    ),
    s(
        "wmo-radar",
        "Buurtkamer Kralingen",
        "Een open buurtkamer voor ontmoeting en activiteiten.",
        ["ontmoeting"],
        ["ouderen", "volwassenen"],
        ["kralingen-buurthuis"],
        times=((1, "10:00", "15:00"),),
    ),
    s(
        "wmo-radar",
        "Eetcafé IJsselmonde",
        "Samen eten met buurtgenoten, elke woensdagavond.",
        ["samen-eten"],
        ["ouderen", "volwassenen"],
        ["ijsselmonde-ontmoet"],
        cost=("contribution", "€ 4"),
        access="sign_up",
        times=((3, "17:30", "19:30"),),
    ),
    s(
        "mdrplus",
        "Steunpunt Mantelzorg Alexander",
        "Informatie, advies en een luisterend oor voor mantelzorgers.",
        ["mantelzorg"],
        ["mantelzorgers"],
        ["alexander-huis"],
        access="phone",
    ),
    s(
        "mdrplus",
        "Huisbezoek Prins Alexander",
        "Een vrijwilliger komt langs voor een praatje.",
        ["huisbezoek"],
        ["ouderen"],
        ["alexander-huis"],
        access="referral",
    ),
    s(
        "humanitas",
        "Humanitas Thuisadministratie Rotterdam",
        "Hulp bij uw administratie, bij u thuis.",
        ["huisbezoek"],
        ["volwassenen"],
        ["huiskamer-feijenoord"],
        access="phone",
    ),
    s(
        "resto-van-harte",
        "Resto van Harte Rotterdam-Zuid",
        "Aanschuiven bij een gezellig diner in de wijk.",
        ["samen-eten"],
        ["ouderen", "volwassenen"],
        ["charlois-wijkcentrum"],
        cost=("contribution", "€ 6,50"),
        access="sign_up",
        times=((5, "17:30", "20:00"),),
    ),
    s(
        "rode-kruis",
        "Rode Kruis Telefooncirkel Rotterdam",
        "Elke ochtend een belletje om te horen hoe het gaat.",
        ["luisterlijn"],
        ["ouderen"],
        ["delfshaven-buurthuis"],
        access="sign_up",
    ),
    # Barendrecht
    s(
        "kijkopwelzijn",
        "Kom Erbij Week Barendrecht",
        "Een week vol activiteiten om elkaar te ontmoeten.",
        ["activiteiten", "ontmoeting"],
        ["ouderen", "volwassenen", "jongeren"],
        ["kijkopwelzijn-centrum"],
        times=((6, "10:00", "16:00"),),
    ),
    s(
        "kijkopwelzijn",
        "Koffieochtend Carnisselande",
        "Koffie en een praatje voor buurtbewoners.",
        ["ontmoeting"],
        ["ouderen", "mantelzorgers"],
        ["carnisselande-ontmoet"],
        cost=("contribution", "€ 1"),
        times=((3, "10:00", "12:00"),),
    ),
    s(
        "kijkopwelzijn",
        "Maatje Barendrecht",
        "Een vrijwilliger die met u wandelt, praat of iets onderneemt.",
        ["maatje"],
        ["ouderen", "volwassenen"],
        ["kijkopwelzijn-centrum"],
        access="sign_up",
    ),
    s(
        "kijkopwelzijn",
        "Mantelzorgsalon Barendrecht",
        "Even tijd voor uzelf, met andere mantelzorgers.",
        ["mantelzorg"],
        ["mantelzorgers"],
        ["kijkopwelzijn-centrum"],
        times=((4, "19:30", "21:30"),),
    ),
    s(
        "kijkopwelzijn",
        "Jongerenplek Smitshoek",
        "Jongeren ontmoeten elkaar en bedenken samen activiteiten.",
        ["ontmoeting", "activiteiten"],
        ["jongeren"],
        ["smitshoek-huiskamer"],
        times=((5, "19:00", "22:00"),),
    ),
    s(
        "kijkopwelzijn",
        "Samen eten Smitshoek",
        "Een keer per maand een maaltijd met buren.",
        ["samen-eten"],
        ["ouderen", "volwassenen"],
        ["smitshoek-huiskamer"],
        cost=("contribution", "€ 5"),
        access="sign_up",
        times=((7, "17:00", "19:00"),),
    ),
    s(
        "humanitas",
        "Digitale hulp aan huis Barendrecht",
        "Een vrijwilliger helpt thuis met uw tablet of telefoon.",
        ["digitale-hulp", "huisbezoek"],
        ["ouderen"],
        ["kijkopwelzijn-centrum"],
        access="phone",
    ),
    # By phone or online, everywhere
    s(
        "luisterlijn",
        "De Luisterlijn",
        "Dag en nacht iemand die naar u luistert, aan de telefoon of via chat.",
        ["luisterlijn"],
        ["ouderen", "volwassenen", "jongeren", "mantelzorgers"],
        None,
        times=tuple((day, "00:00", "23:59") for day in range(1, 8)),
    ),
    s(
        "humanitas",
        "Humanitas Telefoonmaatje",
        "Eén keer per week een vast telefoongesprek met een vrijwilliger.",
        ["luisterlijn", "maatje"],
        ["ouderen"],
        None,
        access="sign_up",
    ),
    s(
        "mee",
        "MEE Online Lotgenotencontact",
        "Online in gesprek met mensen die hetzelfde meemaken.",
        ["ontmoeting", "digitale-hulp"],
        ["mantelzorgers", "volwassenen"],
        None,
        access="sign_up",
        times=((1, "19:30", "21:00"),),
    ),
]


def _phone(org, index):
    if org == "luisterlijn":
        return "088 0767 000"  # the public number of De Luisterlijn
    prefix = {"kijkopwelzijn": "0180", "sol": "010", "thermiek": "010", "wmo-radar": "010", "mdrplus": "010"}
    return f"{prefix.get(org, '078')} 000 {index:02d} {index:02d}"


def _time(value):
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


def _term(ctx, model, slug, nl_name, en_name, **extra):
    term = model.objects.filter(slug=slug, locale=ctx.nl).first()
    if term is None:
        term = model.objects.create(slug=slug, name=nl_name, locale=ctx.nl, **extra)
    if term.get_translation_or_none(ctx.en) is None:
        translation = term.copy_for_translation(ctx.en)
        translation.name = en_name
        translation.save()
    return term


def _language(ctx, code, nl_name, en_name, order):
    language = Language.objects.filter(code=code, locale=ctx.nl).first()
    if language is None:
        language = Language.objects.create(code=code, name=nl_name, sort_order=order, locale=ctx.nl)
    if language.get_translation_or_none(ctx.en) is None:
        translation = language.copy_for_translation(ctx.en)
        translation.name = en_name
        translation.save()
    return language


def build(ctx: DemoContext):
    ctx.log("Directory: organisations, places and services")
    organisations = {}
    for index, (slug, (name, nl_text, en_text, website, kvk)) in enumerate(ORGANISATIONS.items()):
        organisation = Organisation.objects.filter(name=name, locale=ctx.nl).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name,
                description=nl_text,
                website=website,
                email=f"info@{slug}.example",
                phone=f"078 000 {index:02d} 00",
                kvk_number=kvk,
                locale=ctx.nl,
            )
            organisation.save_revision().publish()
        if organisation.get_translation_or_none(ctx.en) is None:
            translation = organisation.copy_for_translation(ctx.en)
            translation.description = en_text
            translation.save()
            translation.save_revision().publish()
        organisations[slug] = organisation
    ctx.shared["organisations"] = organisations

    categories = {
        slug: _term(ctx, Category, slug, nl, en, description=description, sort_order=order)
        for order, (slug, nl, en, description) in enumerate(CATEGORIES)
    }
    groups = {
        slug: _term(ctx, TargetGroup, slug, nl, en, sort_order=order)
        for order, (slug, nl, en) in enumerate(TARGET_GROUPS)
    }
    languages = {code: _language(ctx, code, nl, en, order) for order, (code, nl, en) in enumerate(LANGUAGES)}

    neighbourhoods = {}
    for slug, (name, municipality, lat, lon) in NEIGHBOURHOODS.items():
        neighbourhoods[slug], _ = Neighbourhood.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "municipality": municipality, "latitude": lat, "longitude": lon},
        )

    locations = {}
    for key, (name, address, postal_code, wijk, lat, lon, accessible, hours) in LOCATIONS.items():
        location = Location.objects.filter(name=name, locale=ctx.nl).first()
        if location is None:
            neighbourhood = neighbourhoods[wijk]
            location = Location.objects.create(
                name=name,
                address=address,
                postal_code=postal_code,
                city=neighbourhood.municipality,
                municipality=neighbourhood.municipality,
                neighbourhood=neighbourhood,
                latitude=lat,
                longitude=lon,
                wheelchair_accessible=accessible,
                accessibility_notes="Drempelvrije ingang en een invalidentoilet." if accessible else "",
                locale=ctx.nl,
            )
            for weekday, opens, closes in hours:
                LocationSchedule.objects.create(
                    location=location, weekday=weekday, opens_at=_time(opens), closes_at=_time(closes)
                )
            location.save_revision().publish()
        locations[key] = location

    today = timezone.localdate()
    created = 0
    for index, spec in enumerate(SERVICES):
        slug = slugify(spec["name"])
        if Service.objects.filter(slug=slug, locale=ctx.nl).exists():
            continue
        contact_name, contact_role = CONTACTS[index % len(CONTACTS)]
        organisation = organisations[spec["org"]]
        cost, fees = spec["cost"]
        service = Service(
            organisation=organisation,
            name=spec["name"],
            slug=slug,
            short_description=spec["short"],
            description=(
                f"{spec['short']} {organisation.name} organiseert dit samen met vrijwilligers uit de buurt. "
                "Heeft u vragen? Bel of mail de contactpersoon, dan denken we met u mee."
            ),
            cost=cost,
            fees_description=fees,
            access_method=spec["access"],
            application_process="Bel of mail ons. U mag ook gewoon binnenlopen."
            if spec["access"] == "walk_in"
            else "Bel of mail de contactpersoon om u aan te melden.",
            contact_name=contact_name,
            contact_role=contact_role,
            phone=_phone(spec["org"], index),
            email=f"{slug[:30]}@{spec['org']}.example",
            website=organisation.website,
            status=Service.Status.ACTIVE,
            last_checked_on=today - datetime.timedelta(days=7 * (index % 20)),
            is_remote=spec["where"] is None,
            locale=ctx.nl,
        )
        service.categories = [categories[slug] for slug in spec["categories"]]
        service.target_groups = [groups[slug] for slug in spec["groups"]]
        service.languages = [languages[code] for code in spec["languages"]]
        service.save()
        for key in spec["where"] or []:
            ServiceLocation.objects.create(service=service, location=locations[key])
        for weekday, opens, closes in spec["times"]:
            ServiceSchedule.objects.create(
                service=service, weekday=weekday, opens_at=_time(opens), closes_at=_time(closes)
            )
        service.save_revision().publish()
        created += 1
    if created:
        ctx.log(f"  + {created} services")

    home = ctx.shared["home"]
    page = ctx.page(
        DirectoryPageFactory,
        home,
        "hulp-in-de-buurt",
        title="Hulp in de buurt",
        intro="Zoek een activiteit, een maatje of iemand om mee te praten. Kies uw gemeente of wijk.",
    )
    ctx.translate(
        page,
        title="Help nearby",
        intro="Find an activity, a buddy or someone to talk to. Choose your municipality or neighbourhood.",
    )
    ctx.shared["directory_page"] = page
    menu = ctx.shared.setdefault("menu", [])
    if page not in menu:
        menu.append(page)
    ctx.shared.setdefault("entry_points", []).append(
        {
            "page": page,
            "nl": {
                "title": "Hulp in de buurt",
                "text": "Samen eten, een maatje of een luisterend oor: zoek wat er bij u in de buurt is.",
            },
            "en": {
                "title": "Help nearby",
                "text": "Eating together, a buddy or a listening ear: find what there is near you.",
            },
        }
    )
