import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import (
    FormField,
    FormPage,
    HelpRequest,
    HelpRequestAccessLog,
    HelpRequestEvent,
    HelpRequestPage,
    Municipality,
    OutboxMessage,
    PartnerSignup,
    PartnerSignupEvent,
    PartnerSignupPage,
    PartnerSignupService,
    ReferenceCounter,
    UsedFormToken,
    Wijk,
)


class MunicipalityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Gemeente {n}")

    class Meta:
        model = Municipality
        django_get_or_create = ["name"]


class WijkFactory(DjangoModelFactory):
    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Wijk {n}")

    class Meta:
        model = Wijk


class PortalFormPageFactory(wagtail_factories.PageFactory):
    intro = "Vul het formulier in. Het duurt ongeveer vijf minuten."
    consent_text = "Ik geef toestemming om mijn gegevens te gebruiken voor deze vraag."
    thank_you_text = "<p>We nemen binnen drie werkdagen contact met u op.</p>"
    notify_emails = "behandelaars@erbij.example"


class HelpRequestPageFactory(PortalFormPageFactory):
    title = "Hulp vragen"

    class Meta:
        model = HelpRequestPage


class PartnerSignupPageFactory(PortalFormPageFactory):
    title = "Aanmelden als partner"
    agreement_text = "<p>Wij werken samen tegen eenzaamheid en delen kennis met de coalitie.</p>"

    class Meta:
        model = PartnerSignupPage


class FormPageFactory(wagtail_factories.PageFactory):
    title = "Aanmelden voor een activiteit"
    intro = "<p>Meld u aan.</p>"
    thank_you_text = "<p>Bedankt voor uw aanmelding.</p>"
    to_address = "activiteiten@erbij.example"
    from_address = "noreply@erbij.example"
    subject = "Nieuwe aanmelding activiteit"

    class Meta:
        model = FormPage


class FormFieldFactory(DjangoModelFactory):
    page = factory.SubFactory(FormPageFactory)
    label = factory.Sequence(lambda n: f"Veld {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = FormField


class HelpRequestFactory(DjangoModelFactory):
    reference = factory.Sequence(lambda n: f"R-2026-{n + 9000:04d}")
    municipality = factory.SubFactory(MunicipalityFactory)
    first_name = "Fenna"
    phone = "06 12345678"
    email = factory.Sequence(lambda n: f"bewoner{n}@voorbeeld.example")
    help_kinds = factory.LazyFunction(lambda: ["talk"])
    message = "Ik zou graag af en toe iemand spreken."
    for_whom = "self"
    contact_time = "morning"
    consent_version = "test"
    consent_text = "Ik geef toestemming."

    class Meta:
        model = HelpRequest


class HelpRequestEventFactory(DjangoModelFactory):
    help_request = factory.SubFactory(HelpRequestFactory)
    to_status = "new"

    class Meta:
        model = HelpRequestEvent


class HelpRequestAccessLogFactory(DjangoModelFactory):
    action = "view"
    reference = "R-2026-0001"

    class Meta:
        model = HelpRequestAccessLog


class PartnerSignupFactory(DjangoModelFactory):
    reference = factory.Sequence(lambda n: f"A-2026-{n + 9000:04d}")
    organisation_name = factory.Sequence(lambda n: f"Stichting Samen {n}")
    kvk_number = "12345678"
    website = "https://samen.example"
    address = "Voorbeeldstraat 1, 3311 AA Dordrecht"
    contact_name = "Jan Voorbeeld"
    contact_role = "Coördinator"
    contact_email = factory.Sequence(lambda n: f"contact{n}@samen.example")
    contact_phone = "078 1234567"
    agreement_accepted = True
    consent_version = "test"

    class Meta:
        model = PartnerSignup


class PartnerSignupServiceFactory(DjangoModelFactory):
    signup = factory.SubFactory(PartnerSignupFactory)
    name = "Koffieochtend"
    category = "meeting"
    target_group = "Ouderen in de wijk"
    description = "Elke dinsdag koffie en een praatje."

    class Meta:
        model = PartnerSignupService


class PartnerSignupEventFactory(DjangoModelFactory):
    signup = factory.SubFactory(PartnerSignupFactory)
    to_status = "new"

    class Meta:
        model = PartnerSignupEvent


class OutboxMessageFactory(DjangoModelFactory):
    to = factory.LazyFunction(lambda: ["ontvanger@erbij.example"])
    subject = "Onderwerp"
    body = "Tekst"

    class Meta:
        model = OutboxMessage


class UsedFormTokenFactory(DjangoModelFactory):
    token = factory.Sequence(lambda n: f"token-{n}")

    class Meta:
        model = UsedFormToken


class ReferenceCounterFactory(DjangoModelFactory):
    prefix = "R"
    year = 2026

    class Meta:
        model = ReferenceCounter
        django_get_or_create = ["prefix", "year"]
