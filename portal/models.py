"""Partner sign-ups, help requests, their review trail, the mail outbox and form tokens.

Submissions live in dedicated models (not in Wagtail's form builder), so they outlive the page
that collected them. Help requests hold personal data: they are NOT search-indexed, and the
admin logs who looked at them (``HelpRequestAccessLog``) without logging any content.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.mixins import IntroMixin

from .choices import CONTACT_TIME_CHOICES, FOR_WHOM_CHOICES, HELP_KIND_CHOICES, SERVICE_CATEGORY_CHOICES

# --- Areas: municipalities and their wijken -------------------------------------------------


class Municipality(ClusterableModel):
    """A municipality that takes help requests, with its wijken and its help-request group.

    Only members of ``help_group`` (created as "Hulpvragen <name>") see its help requests.
    """

    name = models.CharField(_("naam"), max_length=100, unique=True)
    help_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("groep hulpvragen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal_municipality",
        help_text=_("Alleen leden van deze groep zien de hulpvragen uit deze gemeente."),
    )
    notify_emails = models.CharField(
        _("meldingen naar"),
        max_length=500,
        blank=True,
        help_text=_("E-mailadressen, met komma's ertussen. Zij krijgen een melding zonder persoonsgegevens."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("help_group"),
        FieldPanel("notify_emails"),
        InlinePanel("wijken", label=_("Wijken")),
    ]

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.help_group_id is None:
            ensure_help_group(self)


def ensure_help_group(municipality):
    """Give the municipality its "Hulpvragen <name>" group, with access to the admin."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=f"Hulpvragen {municipality.name}")
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access is not None:
        group.permissions.add(admin_access)
    Municipality.objects.filter(pk=municipality.pk).update(help_group=group)
    municipality.help_group = group
    return group


class Wijk(Orderable):
    municipality = ParentalKey(Municipality, related_name="wijken", on_delete=models.CASCADE)
    name = models.CharField(_("naam"), max_length=100)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self):
        return f"{self.name} ({self.municipality.name})"


# --- Sign-up reviewers: one group per coalition -------------------------------------------


class SignupReviewGroup(models.Model):
    """The group whose members review the partner sign-ups of one coalition ("Aanmeldingen <name>").

    Keyed by the coalition page's translation_key, so a sign-up made on the English form (which
    names the English coalition page) goes to the same reviewers. Kept apart from the coalition's
    editor group: editing pages gives no access to applicants' contact details.
    """

    coalition_key = models.UUIDField(_("coalitie"), unique=True)
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("groep"),
        on_delete=models.CASCADE,
        related_name="portal_signup_reviewers",
    )

    class Meta:
        verbose_name = _("groep beoordelaars aanmeldingen")
        verbose_name_plural = _("groepen beoordelaars aanmeldingen")

    def __str__(self):
        return self.group.name


# --- Reference numbers ---------------------------------------------------------------------


class ReferenceCounter(models.Model):
    """The last number handed out per prefix and year: R-2026-0042, A-2026-0007."""

    prefix = models.CharField(max_length=2)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="portal_refcounter_unique")]

    @classmethod
    def next_reference(cls, prefix):
        """Allocate the next reference; call inside the submission's transaction."""
        year = timezone.localdate().year
        with transaction.atomic():
            counter, _created = cls.objects.select_for_update().get_or_create(prefix=prefix, year=year)
            counter.last_number = models.F("last_number") + 1
            counter.save(update_fields=["last_number"])
            counter.refresh_from_db(fields=["last_number"])
        return f"{prefix}-{year}-{counter.last_number:04d}"

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_number}"


# --- Shared parts of a submission ----------------------------------------------------------


class ConsentMixin(models.Model):
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_version = models.CharField(_("versie toestemmingstekst"), max_length=64, blank=True)
    consent_text = models.TextField(_("toestemmingstekst"), blank=True)

    class Meta:
        abstract = True


class SubmissionMixin(ConsentMixin):
    reference = models.CharField(_("referentie"), max_length=20, unique=True, editable=False)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    closed_at = models.DateTimeField(
        _("afgesloten op"),
        null=True,
        blank=True,
        help_text=_("Vanaf dit moment loopt de bewaartermijn."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.reference


# --- Partner sign-ups ----------------------------------------------------------------------


class PartnerSignup(SubmissionMixin, ClusterableModel):
    class Status(models.TextChoices):
        NEW = "new", _("Nieuw")
        IN_REVIEW = "in_review", _("In behandeling")
        APPROVED = "approved", _("Goedgekeurd")
        REJECTED = "rejected", _("Afgewezen")

    OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW)
    PREFIX = "A"

    page = models.ForeignKey(
        "portal.PartnerSignupPage",
        verbose_name=_("formulier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signups",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True, max_length=2000)

    organisation_name = models.CharField(_("naam organisatie"), max_length=200)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8)
    website = models.URLField(_("website"), blank=True, max_length=300)
    address = models.CharField(_("adres"), max_length=300)
    contact_name = models.CharField(_("naam contactpersoon"), max_length=150)
    contact_role = models.CharField(_("functie contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), max_length=254)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    coalitions = models.ManyToManyField(
        "wagtailcore.Page", verbose_name=_("coalities"), blank=True, related_name="+"
    )
    agreement_accepted = models.BooleanField(_("akkoord aanvaard"), default=False)
    logo = models.FileField(_("logo"), upload_to="portal/logos/", blank=True, max_length=200)

    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisatie in de wegwijzer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding partner")
        verbose_name_plural = _("aanmeldingen partners")
        ordering = ["-created_at"]

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class PartnerSignupService(Orderable):
    """One service the applicant offers, in short form. Becomes a draft Service on approval."""

    signup = ParentalKey(PartnerSignup, related_name="services", on_delete=models.CASCADE)
    name = models.CharField(_("naam"), max_length=150)
    category = models.CharField(_("soort"), max_length=40, choices=SERVICE_CATEGORY_CHOICES)
    target_group = models.CharField(_("voor wie"), max_length=150, blank=True)
    description = models.TextField(_("beschrijving"), max_length=1000, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")

    def __str__(self):
        return self.name


class PartnerSignupEvent(models.Model):
    """History and notes of a sign-up: status changes and reviewer notes."""

    signup = models.ForeignKey(PartnerSignup, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("notitie"), blank=True, max_length=4000)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.signup_id}: {self.from_status} -> {self.to_status}"


# --- Help requests -------------------------------------------------------------------------


class HelpRequest(SubmissionMixin, models.Model):
    """A resident's request for help. Personal data: never indexed, logged or mailed to reviewers.

    Deliberately NOT ``index.Indexed``.
    """

    class Status(models.TextChoices):
        NEW = "new", _("Nieuw")
        ASSIGNED = "assigned", _("Toegewezen")
        CONTACTED = "contacted", _("Contact gehad")
        CLOSED = "closed", _("Afgesloten")

    OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.CONTACTED)
    PREFIX = "R"

    page = models.ForeignKey(
        "portal.HelpRequestPage",
        verbose_name=_("formulier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="help_requests"
    )
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("wijk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    help_kinds = models.JSONField(_("soort hulp"), default=list, blank=True)
    message = models.TextField(_("toelichting"), max_length=1000, blank=True)
    for_whom = models.CharField(_("voor wie"), max_length=20, choices=FOR_WHOM_CHOICES, default="self")
    contact_time = models.CharField(
        _("liefst gebeld"), max_length=20, choices=CONTACT_TIME_CHOICES, default="any"
    )

    assigned_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("toegewezen aan organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegewezen aan persoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["-created_at"]
        permissions = [("privacy_helprequest", "Can export and erase all data of a person")]

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def help_kind_labels(self):
        labels = dict(HELP_KIND_CHOICES)
        return [str(labels.get(kind, kind)) for kind in self.help_kinds]


class HelpRequestEvent(models.Model):
    """History and notes of a help request."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("notitie"), blank=True, max_length=4000)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.help_request_id}: {self.from_status} -> {self.to_status}"


class HelpRequestAccessLog(models.Model):
    """Who viewed, exported or deleted which help request, and when. Never any content."""

    class Action(models.TextChoices):
        VIEW = "view", _("bekeken")
        EDIT = "edit", _("gewijzigd")
        EXPORT = "export", _("geëxporteerd")
        DELETE = "delete", _("verwijderd")
        ERASE = "erase", _("gewist (AVG)")
        RETENTION = "retention", _("verwijderd na bewaartermijn")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    reference = models.CharField(max_length=20, db_index=True)

    class Meta:
        verbose_name = _("toegangslog hulpvraag")
        verbose_name_plural = _("toegangslog hulpvragen")
        ordering = ["-created_at"]

    @classmethod
    def record(cls, user, action, references):
        username = getattr(user, "get_username", lambda: "")() if user is not None else ""
        user_id = user.pk if user is not None and user.is_authenticated else None
        cls.objects.bulk_create(
            [cls(user_id=user_id, username=username, action=action, reference=ref) for ref in references]
        )

    def __str__(self):
        return f"{self.username} {self.action} {self.reference}"


# --- Outbox --------------------------------------------------------------------------------


class OutboxMessage(models.Model):
    """A mail waiting to be sent by ``manage.py send_outbox`` (the worker), with retries."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt")

    created_at = models.DateTimeField(default=timezone.now)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    reference = models.CharField(max_length=20, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("uitgaande mail")
        verbose_name_plural = _("uitgaande mails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.reference or self.pk}: {self.status}"

    def schedule_retry(self, error):
        base = getattr(settings, "PORTAL_OUTBOX_BACKOFF_SECONDS", 60)
        max_attempts = getattr(settings, "PORTAL_OUTBOX_MAX_ATTEMPTS", 8)
        self.attempts += 1
        # Only the exception's class: an SMTP error message can echo an address.
        self.last_error = type(error).__name__[:200]
        if self.attempts >= max_attempts:
            self.status = self.Status.FAILED
        else:
            self.next_attempt_at = timezone.now() + timedelta(seconds=base * 2 ** (self.attempts - 1))


class UsedFormToken(models.Model):
    """A one-time form token that was used: a second post with it stores nothing new."""

    token = models.CharField(max_length=64, unique=True)
    reference = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.reference or self.token[:8]


# --- Page types ----------------------------------------------------------------------------


class PortalFormPage(IntroMixin, Page):
    """What both form pages share: the editors' words and who gets notified."""

    consent_text = models.TextField(
        _("tekst toestemming"),
        max_length=2000,
        help_text=_(
            "De tekst bij het vinkje voor toestemming. Bij elke inzending bewaren we deze tekst, "
            "de versie en het tijdstip."
        ),
    )
    thank_you_text = RichTextField(
        _("tekst na versturen"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Vertel wat er nu gebeurt en wanneer."),
    )
    notify_emails = models.CharField(
        _("meldingen naar"),
        max_length=500,
        blank=True,
        help_text=_(
            "E-mailadressen van de behandelaars, met komma's ertussen. De melding bevat alleen het "
            "referentienummer en een link naar het beheer, geen persoonsgegevens."
        ),
    )

    form_panels = [
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        FieldPanel("notify_emails"),
    ]

    class Meta:
        abstract = True

    @property
    def consent_version(self):
        digest = hashlib.sha256(self.consent_text.encode("utf-8")).hexdigest()[:10]
        return f"{self.translation_key.hex[:8]}-{digest}"

    def notify_list(self):
        return split_emails(self.notify_emails)

    def serve(self, request, *args, **kwargs):
        from .views import serve_form_page

        return serve_form_page(self, request)


class PartnerSignupPage(PortalFormPage):
    agreement_text = RichTextField(
        _("tekst van het akkoord"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Het akkoord van de coalitie. De aanvrager zet een vinkje om ermee in te stemmen."),
    )

    content_panels = (
        Page.content_panels
        + IntroMixin.intro_panels
        + [FieldPanel("agreement_text")]
        + PortalFormPage.form_panels
    )

    search_fields = Page.search_fields + IntroMixin.intro_search_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("aanmeldformulier partners")
        verbose_name_plural = _("aanmeldformulieren partners")

    kind = "signup"
    submission_model = PartnerSignup


class HelpRequestPage(PortalFormPage):
    content_panels = Page.content_panels + IntroMixin.intro_panels + PortalFormPage.form_panels

    search_fields = Page.search_fields + IntroMixin.intro_search_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("formulier hulpvraag")
        verbose_name_plural = _("formulieren hulpvraag")

    kind = "help"
    submission_model = HelpRequest


class FormField(TranslatableMixin, AbstractFormField):
    """A field of an ad-hoc form. Translatable so labels can be translated; keep clean_name equal."""

    page = ParentalKey("portal.FormPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        unique_together = [("translation_key", "locale")]


class FormPage(AbstractEmailForm):
    """Wagtail's generic form builder, for ad-hoc forms such as an event registration."""

    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    thank_you_text = RichTextField(_("tekst na versturen"), blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Velden")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            heading=_("E-mail"),
        ),
    ]

    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("formulier (vrij)")
        verbose_name_plural = _("formulieren (vrij)")


def split_emails(value):
    return [item.strip() for item in (value or "").replace(";", ",").split(",") if item.strip()]
