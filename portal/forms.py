"""Server-side validated forms of the two portal pages, with Dutch messages.

Browsers do not validate (``novalidate``, no ``required`` attributes): every rule is here.
"""

import re

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from willow.image import Image as WillowImage

from directory.validators import validate_kvk_number

from .choices import CONTACT_TIME_CHOICES, FOR_WHOM_CHOICES, HELP_KIND_CHOICES, SERVICE_CATEGORY_CHOICES
from .models import Municipality, Wijk

PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{10,20}$")
ALLOWED_LOGO_FORMATS = {"png", "jpeg", "gif", "webp"}


def validate_phone(value):
    digits = re.sub(r"\D", "", value)
    if not PHONE_PATTERN.match(value) or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Vul een geldig telefoonnummer in, met 10 cijfers, bijvoorbeeld 06 12345678."),
            code="invalid_phone",
        )


def validate_logo(upload):
    """An image by its content (not its name): PNG, JPEG, GIF or WebP, at most 2 MB."""
    max_bytes = getattr(settings, "PORTAL_LOGO_MAX_BYTES", 2 * 1024 * 1024)
    if upload.size > max_bytes:
        raise ValidationError(_("Het logo is te groot. Het mag hoogstens 2 MB zijn."), code="logo_too_big")
    try:
        upload.seek(0)
        image = WillowImage.open(upload)
        image_format = image.format_name
        width, height = image.get_size()
    except Exception as error:  # noqa: BLE001 - any unreadable file is "not an image"
        raise ValidationError(
            _("Het logo moet een afbeelding zijn (PNG, JPG, GIF of WebP)."), code="logo_not_image"
        ) from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_LOGO_FORMATS or not width or not height:
        raise ValidationError(
            _("Het logo moet een afbeelding zijn (PNG, JPG, GIF of WebP)."), code="logo_not_image"
        )


class PortalForm(forms.Form):
    use_required_attribute = False  # the server validates; no browser bubbles
    template_name_div = None

    def error_summary(self):
        """(field id, message) pairs for the error summary at the top of the page."""
        items = []
        for message in self.non_field_errors():
            items.append((self.first_field_id(), message))
        for name in self.fields:
            bound = self[name]
            for message in bound.errors:
                items.append((self.field_anchor(bound), message))
        return items

    def first_field_id(self):
        first = next(iter(self.fields))
        return self.field_anchor(self[first])

    @staticmethod
    def field_anchor(bound):
        widget = bound.field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def mark_invalid(self):
        """aria-invalid and aria-describedby on fields with errors (and hints)."""
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if bound.errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"{bound.auto_id}_error")
            if described and not isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                field.widget.attrs["aria-describedby"] = " ".join(described)


def _required(message):
    return {"required": message}


class HelpRequestForm(PortalForm):
    first_name = forms.CharField(
        label=_("Uw voornaam"),
        max_length=100,
        error_messages={
            "required": _("Vul uw voornaam in."),
            "max_length": _("Uw voornaam mag hoogstens 100 tekens zijn."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=30,
        validators=[validate_phone],
        error_messages={"max_length": _("Het telefoonnummer mag hoogstens 30 tekens zijn.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
            "max_length": _("Het e-mailadres is te lang."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.all(),
        empty_label=_("Kies uw gemeente"),
        error_messages={
            "required": _("Kies uw gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    wijk = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Wijk.objects.select_related("municipality").order_by("municipality__name", "sort_order"),
        required=False,
        empty_label=_("Weet ik niet"),
        help_text=_("Kies de wijk waar u woont. Weet u het niet? Dan mag u dit leeg laten."),
        error_messages={"invalid_choice": _("Kies een wijk uit de lijst.")},
    )
    help_kinds = forms.MultipleChoiceField(
        label=_("Waar zoekt u hulp bij?"),
        choices=HELP_KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("U mag meer dan één ding kiezen."),
        error_messages={
            "required": _("Kies waar u hulp bij zoekt."),
            "invalid_choice": _("Kies uit de lijst waar u hulp bij zoekt."),
        },
    )
    message = forms.CharField(
        label=_("Wilt u nog iets vertellen? (mag leeg blijven)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hoogstens 1000 tekens."),
        error_messages={"max_length": _("Uw toelichting mag hoogstens 1000 tekens zijn. Maak hem korter.")},
    )
    for_whom = forms.ChoiceField(
        label=_("Voor wie vraagt u hulp?"),
        choices=FOR_WHOM_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of u hulp vraagt voor uzelf of voor iemand anders."),
            "invalid_choice": _("Kies of u hulp vraagt voor uzelf of voor iemand anders."),
        },
    )
    contact_time = forms.ChoiceField(
        label=_("Wanneer kunnen we u het beste bereiken?"),
        choices=CONTACT_TIME_CHOICES,
        widget=forms.RadioSelect,
        initial="any",
        error_messages={
            "required": _("Kies wanneer we u het beste kunnen bereiken."),
            "invalid_choice": _("Kies wanneer we u het beste kunnen bereiken."),
        },
    )
    consent = forms.BooleanField(
        label=_("Ik geef toestemming"),
        error_messages={"required": _("Geef toestemming, anders kunnen we uw hulpvraag niet behandelen.")},
    )

    def __init__(self, *args, consent_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if consent_text:
            self.fields["consent"].help_text = consent_text

    def clean(self):
        data = super().clean()
        no_contact = not data.get("phone") and not data.get("email")
        if no_contact and "phone" not in self.errors and "email" not in self.errors:
            self.add_error(
                "phone",
                ValidationError(
                    _("Vul een telefoonnummer of een e-mailadres in, zodat we u kunnen bereiken."),
                    code="no_contact",
                ),
            )
        municipality, wijk = data.get("municipality"), data.get("wijk")
        if municipality and wijk and wijk.municipality_id != municipality.pk:
            self.add_error(
                "wijk",
                ValidationError(_("Deze wijk hoort niet bij de gekozen gemeente."), code="wrong_wijk"),
            )
        return data


def coalition_page_queryset(locale=None):
    """Live coalition pages (the coalitions app), or no pages while that app has none."""
    from wagtail.models import Page

    try:
        coalition_model = apps.get_model("coalitions", "CoalitionPage")
    except LookupError:
        return Page.objects.none()
    queryset = coalition_model.objects.live().order_by("title")
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


class PartnerSignupForm(PortalForm):
    organisation_name = forms.CharField(
        label=_("Naam van de organisatie"),
        max_length=200,
        error_messages={
            "required": _("Vul de naam van de organisatie in."),
            "max_length": _("De naam mag hoogstens 200 tekens zijn."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=12,
        help_text=_("8 cijfers, bijvoorbeeld 12345678."),
        error_messages={
            "required": _("Vul het KvK-nummer in."),
            "max_length": _("Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    website = forms.URLField(
        label=_("Website (mag leeg blijven)"),
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.")},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    address = forms.CharField(
        label=_("Adres"),
        max_length=300,
        help_text=_("Straat, huisnummer, postcode en plaats."),
        error_messages={
            "required": _("Vul het adres van de organisatie in."),
            "max_length": _("Het adres mag hoogstens 300 tekens zijn."),
        },
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    contact_name = forms.CharField(
        label=_("Naam contactpersoon"),
        max_length=150,
        error_messages={
            "required": _("Vul de naam van de contactpersoon in."),
            "max_length": _("De naam mag hoogstens 150 tekens zijn."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_role = forms.CharField(
        label=_("Functie contactpersoon"),
        max_length=150,
        error_messages={
            "required": _("Vul de functie van de contactpersoon in."),
            "max_length": _("De functie mag hoogstens 150 tekens zijn."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres contactpersoon"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres van de contactpersoon in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
            "max_length": _("Het e-mailadres is te lang."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer contactpersoon"),
        max_length=30,
        validators=[validate_phone],
        error_messages={
            "required": _("Vul het telefoonnummer van de contactpersoon in."),
            "max_length": _("Het telefoonnummer mag hoogstens 30 tekens zijn."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    coalitions = forms.ModelMultipleChoiceField(
        label=_("Bij welke coalitie of coalities wilt u aansluiten?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één coalitie."),
            "invalid_choice": _("Kies een coalitie uit de lijst."),
            "invalid_pk_value": _("Kies een coalitie uit de lijst."),
        },
    )
    logo = forms.FileField(
        label=_("Logo (mag leeg blijven)"),
        required=False,
        validators=[validate_logo],
        help_text=_("Een afbeelding (PNG, JPG, GIF of WebP) van hoogstens 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        error_messages={"invalid": _("Het logo moet een afbeelding zijn (PNG, JPG, GIF of WebP).")},
    )
    agreement = forms.BooleanField(
        label=_("Wij gaan akkoord met het akkoord van de coalitie"),
        error_messages={"required": _("Ga akkoord met het akkoord van de coalitie om u aan te melden.")},
    )
    consent = forms.BooleanField(
        label=_("Ik geef toestemming"),
        error_messages={"required": _("Geef toestemming, anders kunnen we uw aanmelding niet behandelen.")},
    )

    def __init__(self, *args, consent_text="", locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalitions"].queryset = coalition_page_queryset(locale)
        # Until a coalition page exists there is nothing to choose; reviewers pick one on approval.
        self.fields["coalitions"].required = self.fields["coalitions"].queryset.exists()
        if consent_text:
            self.fields["consent"].help_text = consent_text

    def clean_kvk_number(self):
        value = re.sub(r"[\s.]", "", self.cleaned_data["kvk_number"])
        validate_kvk_number(value)
        return value


class ServiceForm(PortalForm):
    name = forms.CharField(
        label=_("Naam van het aanbod"),
        max_length=150,
        required=False,
        error_messages={"max_length": _("De naam mag hoogstens 150 tekens zijn.")},
    )
    category = forms.ChoiceField(
        label=_("Soort aanbod"),
        required=False,
        choices=[("", _("Kies een soort"))] + SERVICE_CATEGORY_CHOICES,
        error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
    )
    target_group = forms.CharField(
        label=_("Voor wie is het?"),
        max_length=150,
        required=False,
        error_messages={"max_length": _("Dit mag hoogstens 150 tekens zijn.")},
    )
    description = forms.CharField(
        label=_("Korte beschrijving"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("De beschrijving mag hoogstens 1000 tekens zijn.")},
    )

    def clean(self):
        data = super().clean()
        filled = any(data.get(name) for name in ("name", "target_group", "description"))
        if filled or data.get("category"):
            if not data.get("name"):
                self.add_error("name", ValidationError(_("Vul de naam van het aanbod in."), code="required"))
            if not data.get("category"):
                self.add_error("category", ValidationError(_("Kies de soort aanbod."), code="required"))
        return data

    @property
    def is_filled(self):
        return bool(getattr(self, "cleaned_data", {}).get("name"))


class BaseServiceFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not any(form.is_filled for form in self.forms):
            self.forms[0].add_error(
                "name", ValidationError(_("Vul minstens één aanbod in."), code="no_services")
            )

    def error_summary(self):
        items = []
        for form in self.forms:
            items.extend(form.error_summary())
        return items

    def mark_invalid(self):
        for form in self.forms:
            form.mark_invalid()


ServiceFormSet = formset_factory(
    ServiceForm, formset=BaseServiceFormSet, extra=3, max_num=10, absolute_max=10, validate_max=True
)
