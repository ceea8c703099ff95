"""The two portal forms: full flows, every validation message, anti-abuse, double submit."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from portal.models import HelpRequest, OutboxMessage, PartnerSignup, UsedFormToken
from portal.views import new_token
from tests.portal_fixtures import *  # noqa: F403 - pytest fixtures
from tests.portal_fixtures import help_data, old_token, signup_data

pytestmark = pytest.mark.django_db


def png_bytes(size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format="PNG")
    return buffer.getvalue()


def post(client, page, data, **extra):
    return client.post(page.url, data, **extra)


# --- Full flows ----------------------------------------------------------------------------


def test_help_request_full_flow(client, help_page, dordrecht):
    page = client.get(help_page.url).content.decode()
    assert "novalidate" in page
    assert 'name="form_token"' in page
    response = post(client, help_page, help_data(dordrecht))
    assert response.status_code == 302
    assert response["Location"].endswith("?verzonden=1")
    thanks = client.get(response["Location"]).content.decode()
    item = HelpRequest.objects.get()
    assert re.fullmatch(r"R-\d{4}-0001", item.reference)
    assert item.reference in thanks
    assert "binnen drie werkdagen" in thanks  # the editor's thank-you text: what happens next
    assert item.first_name == "Fenna"
    assert item.help_kinds == ["talk", "meet"]
    assert item.wijk.name == "Crabbehof"
    assert item.consent_given_at is not None
    assert item.consent_text == help_page.consent_text
    assert item.consent_version == help_page.consent_version
    assert item.events.count() == 1
    # One notification to the page's reviewers and the municipality, without personal data.
    mail = OutboxMessage.objects.get()
    assert set(mail.to) == {"behandelaars@erbij.example", "team-dordrecht@erbij.example"}
    assert item.reference in mail.subject and item.reference in mail.body
    assert f"/admin/hulpvragen/inspect/{item.pk}/" in mail.body
    for secret in ("Fenna", "06 12345678", "fenna@voorbeeld.example", "alleen", "Crabbehof"):
        assert secret not in mail.subject + mail.body


def test_references_count_up_per_kind(client, help_page, dordrecht):
    for _ in range(2):
        post(client, help_page, help_data(dordrecht))
    references = sorted(HelpRequest.objects.values_list("reference", flat=True))
    assert [ref[-4:] for ref in references] == ["0001", "0002"]


def test_consent_version_changes_with_the_text(help_page):
    before = help_page.consent_version
    help_page.consent_text = "Een nieuwe tekst."
    assert help_page.consent_version != before


def test_partner_signup_full_flow(client, signup_page):
    data = signup_data()
    data["logo"] = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    data["services-1-name"] = "Wandelclub"
    data["services-1-category"] = "activity"
    response = post(client, signup_page, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    thanks = client.get(response["Location"]).content.decode()
    signup = PartnerSignup.objects.get()
    assert re.fullmatch(r"A-\d{4}-0001", signup.reference)
    assert signup.reference in thanks
    assert signup.kvk_number == "87654321"
    assert [s.name for s in signup.services.all()] == ["Koffieochtend", "Wandelclub"]
    assert signup.logo.name.endswith(".png")
    assert signup.agreement_accepted and signup.consent_given_at
    mails = list(OutboxMessage.objects.order_by("pk"))
    assert len(mails) == 2
    review, confirmation = mails
    assert "Sanne" not in review.body and "Buurtkamer" not in review.body
    assert confirmation.to == ["sanne@buurtkamer.example"]
    assert signup.reference in confirmation.body


def test_thank_you_without_submission_goes_back_to_form(client, help_page):
    response = client.get(help_page.url + "?verzonden=1")
    assert response.status_code == 302
    assert response["Location"] == help_page.url


# --- Validation: every message, input kept, error summary ----------------------------------

HELP_CASES = [
    ({"first_name": ""}, "first_name", "Vul uw voornaam in."),
    ({"first_name": "x" * 101}, "first_name", "Uw voornaam mag hoogstens 100 tekens zijn."),
    (
        {"phone": "", "email": ""},
        "phone",
        "Vul een telefoonnummer of een e-mailadres in, zodat we u kunnen bereiken.",
    ),
    (
        {"phone": "12ab"},
        "phone",
        "Vul een geldig telefoonnummer in, met 10 cijfers, bijvoorbeeld 06 12345678.",
    ),
    ({"phone": "0" * 31}, "phone", "Het telefoonnummer mag hoogstens 30 tekens zijn."),
    ({"email": "geen-mail"}, "email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
    ({"municipality": ""}, "municipality", "Kies uw gemeente."),
    ({"municipality": "99999"}, "municipality", "Kies een gemeente uit de lijst."),
    ({"wijk": "99999"}, "wijk", "Kies een wijk uit de lijst."),
    ({"help_kinds": None}, "help_kinds", "Kies waar u hulp bij zoekt."),
    ({"help_kinds": ["nonsense"]}, "help_kinds", "Kies uit de lijst waar u hulp bij zoekt."),
    ({"message": "x" * 1001}, "message", "Uw toelichting mag hoogstens 1000 tekens zijn. Maak hem korter."),
    ({"for_whom": None}, "for_whom", "Kies of u hulp vraagt voor uzelf of voor iemand anders."),
    ({"for_whom": "buurman"}, "for_whom", "Kies of u hulp vraagt voor uzelf of voor iemand anders."),
    ({"contact_time": None}, "contact_time", "Kies wanneer we u het beste kunnen bereiken."),
    ({"consent": None}, "consent", "Geef toestemming, anders kunnen we uw hulpvraag niet behandelen."),
]


@pytest.mark.parametrize(("overrides", "field", "message"), HELP_CASES)
def test_help_request_validation_messages(client, help_page, dordrecht, overrides, field, message):
    response = post(client, help_page, help_data(dordrecht, **overrides))
    assert response.status_code == 200
    assert HelpRequest.objects.count() == 0
    form = response.context["form"]
    assert message in form.errors[field]
    html = response.content.decode()
    # The error summary at the top links to the field; the message is also next to the field.
    anchor = f"id_{field}_0" if field in ("help_kinds", "for_whom", "contact_time") else f"id_{field}"
    assert f'<a href="#{anchor}">' in html
    assert html.index('id="error-summary"') < html.index('class="portal-form"')
    assert f'id="id_{field}_error"' in html


def test_wijk_must_belong_to_municipality(client, help_page, dordrecht, zwijndrecht):
    other_wijk = zwijndrecht.wijken.first()
    response = post(client, help_page, help_data(dordrecht, wijk=str(other_wijk.pk)))
    assert "Deze wijk hoort niet bij de gekozen gemeente." in response.context["form"].errors["wijk"]


def test_consent_is_required(client, help_page, dordrecht):
    response = post(client, help_page, help_data(dordrecht, consent=None))
    assert response.status_code == 200
    assert HelpRequest.objects.count() == 0
    assert "Geef toestemming" in response.content.decode()


def test_only_email_or_only_phone_is_enough(client, help_page, dordrecht):
    assert post(client, help_page, help_data(dordrecht, phone="")).status_code == 302
    assert post(client, help_page, help_data(dordrecht, email="")).status_code == 302
    assert HelpRequest.objects.count() == 2


def test_input_is_kept_on_error(client, help_page, dordrecht):
    response = post(client, help_page, help_data(dordrecht, consent=None, message="Mijn eigen woorden"))
    html = response.content.decode()
    assert 'value="Fenna"' in html
    assert "Mijn eigen woorden" in html
    assert 'value="talk" id="id_help_kinds_0" checked' in html
    assert 'aria-invalid="true"' not in html.split('id="id_first_name"')[0][-200:]


def test_no_browser_validation_attributes(client, help_page):
    html = client.get(help_page.url).content.decode()
    assert " required" not in html
    assert "novalidate" in html


SIGNUP_CASES = [
    ({"organisation_name": ""}, "organisation_name", "Vul de naam van de organisatie in."),
    ({"kvk_number": ""}, "kvk_number", "Vul het KvK-nummer in."),
    (
        {"kvk_number": "1234567"},
        "kvk_number",
        "Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678.",
    ),
    (
        {"kvk_number": "1234567a"},
        "kvk_number",
        "Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678.",
    ),
    (
        {"website": "geen url"},
        "website",
        "Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.",
    ),
    ({"address": ""}, "address", "Vul het adres van de organisatie in."),
    ({"contact_name": ""}, "contact_name", "Vul de naam van de contactpersoon in."),
    ({"contact_role": ""}, "contact_role", "Vul de functie van de contactpersoon in."),
    ({"contact_email": ""}, "contact_email", "Vul het e-mailadres van de contactpersoon in."),
    (
        {"contact_email": "x@"},
        "contact_email",
        "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
    ),
    ({"contact_phone": ""}, "contact_phone", "Vul het telefoonnummer van de contactpersoon in."),
    ({"agreement": None}, "agreement", "Ga akkoord met het akkoord van de coalitie om u aan te melden."),
    ({"consent": None}, "consent", "Geef toestemming, anders kunnen we uw aanmelding niet behandelen."),
]


@pytest.mark.parametrize(("overrides", "field", "message"), SIGNUP_CASES)
def test_signup_validation_messages(client, signup_page, overrides, field, message):
    response = post(client, signup_page, signup_data(**overrides))
    assert response.status_code == 200
    assert PartnerSignup.objects.count() == 0
    assert message in response.context["form"].errors[field]
    assert f'<a href="#id_{field}">' in response.content.decode()


def test_kvk_number_with_spaces_is_accepted(client, signup_page):
    assert post(client, signup_page, signup_data(kvk_number="8765 4321")).status_code == 302
    assert PartnerSignup.objects.get().kvk_number == "87654321"


def test_signup_needs_a_service(client, signup_page):
    response = post(client, signup_page, signup_data(**{"services-0-name": "", "services-0-category": ""}))
    assert response.status_code == 200
    assert "Vul minstens één aanbod in." in response.content.decode()
    assert '<a href="#id_services-0-name">' in response.content.decode()


def test_service_needs_name_and_category(client, signup_page):
    response = post(
        client,
        signup_page,
        signup_data(
            **{"services-0-name": "", "services-0-category": ""},
            **{"services-1-description": "Alleen een beschrijving"},
        ),
    )
    html = response.content.decode()
    assert "Vul de naam van het aanbod in." in html
    assert "Kies de soort aanbod." in html


def test_coalition_choice_required_when_coalitions_exist(client, signup_page, monkeypatch):
    from wagtail.models import Page

    import portal.forms

    monkeypatch.setattr(
        portal.forms, "coalition_page_queryset", lambda locale=None: Page.objects.filter(depth=2)
    )
    response = post(client, signup_page, signup_data())
    assert "Kies minstens één coalitie." in response.context["form"].errors["coalitions"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"dit is geen plaatje", "Het logo moet een afbeelding zijn (PNG, JPG, GIF of WebP)."),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "Het logo moet een afbeelding zijn"),
        (
            "logo.png",
            png_bytes() + b"\0" * (2 * 1024 * 1024),
            "Het logo is te groot. Het mag hoogstens 2 MB zijn.",
        ),
    ],
)
def test_logo_is_checked_by_content_and_size(client, signup_page, name, content, message):
    data = signup_data()
    data["logo"] = SimpleUploadedFile(name, content, content_type="image/png")
    response = post(client, signup_page, data)
    assert response.status_code == 200
    assert PartnerSignup.objects.count() == 0
    assert message in response.content.decode()


def test_real_image_with_wrong_name_is_accepted(client, signup_page):
    data = signup_data()
    data["logo"] = SimpleUploadedFile("logo.txt", png_bytes(), content_type="text/plain")
    assert post(client, signup_page, data).status_code == 302


# --- Anti-abuse -----------------------------------------------------------------------------


def test_honeypot_rejects_with_a_message(client, help_page, dordrecht):
    response = post(client, help_page, help_data(dordrecht, homepage_url="http://spam.example"))
    assert response.status_code == 400
    assert "Uw formulier is niet verstuurd" in response.content.decode()
    assert HelpRequest.objects.count() == 0
    assert 'value="Fenna"' in response.content.decode()  # input kept


def test_too_fast_is_rejected(client, help_page, dordrecht):
    response = post(client, help_page, help_data(dordrecht, form_token=new_token()))
    assert response.status_code == 400
    assert "Dat ging erg snel" in response.content.decode()
    assert HelpRequest.objects.count() == 0


@override_settings(PORTAL_MIN_FILL_SECONDS=0)
def test_fill_time_can_be_configured(client, help_page, dordrecht):
    assert post(client, help_page, help_data(dordrecht, form_token=new_token())).status_code == 302


@pytest.mark.parametrize("token", ["", "knoeiwerk", None])
def test_missing_or_forged_token_is_rejected(client, help_page, dordrecht, token):
    data = help_data(dordrecht, form_token=token)
    response = post(client, help_page, data)
    assert response.status_code == 400
    assert "kon niet worden gecontroleerd" in response.content.decode()
    assert HelpRequest.objects.count() == 0


@override_settings(PORTAL_FORM_MAX_AGE=10)
def test_expired_token_is_rejected(client, help_page, dordrecht):
    response = post(client, help_page, help_data(dordrecht, form_token=old_token(seconds=60)))
    assert response.status_code == 400
    assert "stond te lang open" in response.content.decode()


@override_settings(PORTAL_RATE_LIMIT_POSTS=3)
def test_rate_limit_per_ip(client, help_page, dordrecht):
    statuses = [post(client, help_page, help_data(dordrecht)).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert HelpRequest.objects.count() == 3
    response = post(client, help_page, help_data(dordrecht))
    assert "te vaak" in response.content.decode()
    # Another address is not affected.
    assert post(client, help_page, help_data(dordrecht), REMOTE_ADDR="10.0.0.9").status_code == 302


@override_settings(PORTAL_MAX_BODY_BYTES=500)
def test_request_body_limit(client, help_page, dordrecht):
    response = post(client, help_page, help_data(dordrecht, message="x" * 900))
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert HelpRequest.objects.count() == 0


def test_huge_field_is_a_validation_error_not_a_crash(client, help_page, dordrecht):
    response = post(client, help_page, help_data(dordrecht, first_name="x" * 100_000))
    assert response.status_code == 200
    assert HelpRequest.objects.count() == 0


def test_double_submit_stores_one_row(client, help_page, dordrecht):
    data = help_data(dordrecht)
    first = post(client, help_page, data)
    second = post(client, help_page, data)  # double click, or back and submit again
    assert first.status_code == second.status_code == 302
    assert HelpRequest.objects.count() == 1
    assert UsedFormToken.objects.count() == 1
    reference = HelpRequest.objects.get().reference
    assert reference in client.get(second["Location"]).content.decode()
    assert OutboxMessage.objects.count() == 1


def test_double_submit_from_another_session_stores_one_row(client, signup_page):
    from django.test import Client

    data = signup_data()
    assert post(client, signup_page, data).status_code == 302
    assert Client().post(signup_page.url, data).status_code == 302
    assert PartnerSignup.objects.count() == 1


def test_english_page_shows_english_messages(client, help_page, dordrecht):
    from django.utils import translation

    with translation.override("en"):
        from portal.forms import HelpRequestForm

        form = HelpRequestForm({"first_name": ""})
        assert form.errors["first_name"] == ["Fill in your first name."]


def test_too_fast_keeps_the_token_so_sending_again_later_works(client, help_page, dordrecht, settings):
    token = new_token()
    response = post(client, help_page, help_data(dordrecht, form_token=token))
    assert response.status_code == 400
    assert response.context["form_token"] == token
    settings.PORTAL_MIN_FILL_SECONDS = 0  # time has passed
    assert post(client, help_page, help_data(dordrecht, form_token=token)).status_code == 302
