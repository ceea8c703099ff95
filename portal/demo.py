"""Demo content of the portal: municipalities with wijken, the two form pages, a few submissions.

All people, addresses and numbers below are fictional.
"""

from django.utils import timezone

from .factories import HelpRequestPageFactory, PartnerSignupPageFactory
from .models import (
    HelpRequest,
    HelpRequestEvent,
    Municipality,
    PartnerSignup,
    PartnerSignupEvent,
    PartnerSignupService,
    ReferenceCounter,
    Wijk,
)

MUNICIPALITIES = {
    "Dordrecht": ["Binnenstad", "Crabbehof", "Krispijn", "Sterrenburg", "Stadspolders"],
    "Zwijndrecht": ["Heer Oudelands Ambacht", "Walburg", "Kort Ambacht"],
    "Papendrecht": ["Centrum", "Oostpolder", "Westpolder"],
}

HELP_PAGE = {
    "nl": {
        "title": "Hulp vragen",
        "intro": "Voelt u zich alleen, of kent u iemand die zich alleen voelt? Vraag hier om hulp. "
        "Iemand uit uw gemeente neemt contact met u op.",
        "consent_text": "Ik geef toestemming dat Erbij mijn gegevens gebruikt om mij in contact te brengen "
        "met een organisatie in mijn gemeente. Erbij bewaart de gegevens tot twaalf maanden nadat de "
        "vraag is afgerond.",
        "thank_you_text": "<p>Binnen drie werkdagen neemt iemand uit uw gemeente contact met u op, op het "
        "moment dat u heeft gekozen.</p><p>Wilt u nu al met iemand praten? Bel De Luisterlijn: 088 0767 000, "
        "dag en nacht.</p>",
        "notify_emails": "hulpvragen@erbij.example",
    },
    "en": {
        "title": "Ask for help",
        "intro": "Do you feel alone, or do you know someone who does? Ask for help here. Someone from your "
        "municipality will contact you.",
        "consent_text": "I agree that Erbij uses my data to put me in touch with an organisation in my "
        "municipality. Erbij keeps the data until twelve months after the request has been closed.",
        "thank_you_text": "<p>Within three working days someone from your municipality will contact you, at "
        "the time you chose.</p><p>Do you want to talk to someone now? Call De Luisterlijn: 088 0767 000, "
        "day and night.</p>",
    },
}

SIGNUP_PAGE = {
    "nl": {
        "title": "Partner worden",
        "intro": "Werkt uw organisatie aan minder eenzaamheid? "
        "Meld u aan als partner van een lokale coalitie.",
        "agreement_text": "<p>Als partner van de coalitie:</p><ul><li>werken we samen met de andere partners "
        "tegen eenzaamheid;</li><li>houden we ons aanbod op Erbij actueel;</li><li>verwijzen we mensen "
        "door naar elkaar als dat beter past.</li></ul>",
        "consent_text": "Ik geef toestemming dat Erbij de gegevens van de contactpersoon gebruikt om deze "
        "aanmelding te behandelen.",
        "thank_you_text": "<p>We bekijken uw aanmelding en laten binnen twee weken van ons horen. U krijgt "
        "ook een bevestiging per e-mail.</p>",
        "notify_emails": "partners@erbij.example",
    },
    "en": {
        "title": "Become a partner",
        "intro": "Does your organisation work against loneliness? "
        "Apply to become a partner of a local coalition.",
        "agreement_text": "<p>As a partner of the coalition we:</p><ul><li>work together with the other "
        "partners against loneliness;</li><li>keep our services on Erbij up to date;</li><li>refer people "
        "to each other when that fits better.</li></ul>",
        "consent_text": "I agree that Erbij uses the contact person's data to handle this application.",
        "thank_you_text": "<p>We will look at your application and get back to you within two weeks. You "
        "will also receive a confirmation by e-mail.</p>",
    },
}


def build(ctx):
    ctx.log("Portal: municipalities, form pages and demo submissions")
    municipalities = _municipalities()
    home = ctx.shared["home"]
    help_page = ctx.page(HelpRequestPageFactory, home, "hulp-vragen", **HELP_PAGE["nl"])
    ctx.translate(help_page, **HELP_PAGE["en"])
    signup_page = ctx.page(PartnerSignupPageFactory, home, "partner-worden", **SIGNUP_PAGE["nl"])
    ctx.translate(signup_page, **SIGNUP_PAGE["en"])
    ctx.shared["help_request_page"] = help_page
    ctx.shared["partner_signup_page"] = signup_page

    menu = ctx.shared.setdefault("menu", [])
    if help_page not in menu:
        menu.append(help_page)
    ctx.shared.setdefault("entry_points", []).extend(
        [
            {
                "page": help_page,
                "nl": {"title": "Hulp vragen", "text": "Vraag om hulp voor uzelf of voor iemand anders."},
                "en": {"title": "Ask for help", "text": "Ask for help for yourself or for someone else."},
            },
            {
                "page": signup_page,
                "nl": {"title": "Partner worden", "text": "Doet uw organisatie mee tegen eenzaamheid?"},
                "en": {
                    "title": "Become a partner",
                    "text": "Does your organisation join against loneliness?",
                },
            },
        ]
    )
    _submissions(ctx, help_page, signup_page, municipalities)


def _municipalities():
    result = {}
    for name, wijken in MUNICIPALITIES.items():
        municipality = Municipality.objects.filter(name=name).first()
        if municipality is None:
            municipality = Municipality(name=name, notify_emails=f"hulpvragen-{name.lower()}@erbij.example")
            municipality.save()
            for order, wijk in enumerate(wijken):
                Wijk.objects.create(municipality=municipality, name=wijk, sort_order=order)
        result[name] = municipality
    return result


def _consent(page):
    return {
        "consent_given_at": timezone.now(),
        "consent_version": page.consent_version,
        "consent_text": page.consent_text,
    }


def _submissions(ctx, help_page, signup_page, municipalities):
    if HelpRequest.objects.filter(email__endswith="@voorbeeld.example").exists():
        return
    dordrecht = municipalities["Dordrecht"]
    for first_name, wijk, kinds, status in [
        ("Trudy", "Crabbehof", ["talk", "meet"], HelpRequest.Status.NEW),
        ("Henk", "Krispijn", ["buddy"], HelpRequest.Status.ASSIGNED),
        ("Mila", "Sterrenburg", ["activity"], HelpRequest.Status.CLOSED),
    ]:
        item = HelpRequest.objects.create(
            reference=ReferenceCounter.next_reference(HelpRequest.PREFIX),
            page=help_page,
            municipality=dordrecht,
            wijk=dordrecht.wijken.get(name=wijk),
            first_name=first_name,
            email=f"{first_name.lower()}@voorbeeld.example",
            phone="06 00000000",
            help_kinds=kinds,
            message="Dit is een verzonnen hulpvraag voor de demo.",
            for_whom="self",
            contact_time="afternoon",
            status=status,
            closed_at=timezone.now() if status == HelpRequest.Status.CLOSED else None,
            **_consent(help_page),
        )
        HelpRequestEvent.objects.create(help_request=item, to_status=HelpRequest.Status.NEW)
    signup = PartnerSignup.objects.create(
        reference=ReferenceCounter.next_reference(PartnerSignup.PREFIX),
        page=signup_page,
        organisation_name="Stichting Koffie om de Hoek",
        kvk_number="90000001",
        website="https://koffieomdehoek.example",
        address="Voorbeeldstraat 1, 3311 AA Dordrecht",
        contact_name="Anna Verzonnen",
        contact_role="Coördinator vrijwilligers",
        contact_email="anna@koffieomdehoek.example",
        contact_phone="078 0000000",
        agreement_accepted=True,
        **_consent(signup_page),
    )
    PartnerSignupService.objects.create(
        signup=signup,
        name="Koffieochtend in de buurtkamer",
        category="meeting",
        target_group="Buurtbewoners die wat vaker iemand willen zien",
        description="Elke dinsdagochtend koffie, thee en een praatje. Iedereen is welkom.",
    )
    # Named coalition, so the coalition's sign-up reviewers ("Aanmeldingen ...") see it too.
    dordrecht = ctx.shared.get("coalitions", {}).get("dordrecht")
    if dordrecht is not None:
        signup.coalitions.set([dordrecht])
    PartnerSignupEvent.objects.create(signup=signup, to_status=PartnerSignup.Status.NEW)
    ctx.log("  + demo: 3 help requests, 1 partner sign-up")
