"""Local coalitions against loneliness: an index grouped by province and one page per coalition.

The coalition page owns its partner relation (an inline pointing at directory.Organisation), so the
directory app can show "the coalitions this organisation is a partner of" through the reverse
relation `organisation.coalition_partnerships` without importing this app.
"""

import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.localization import localized_pages
from home.mixins import IntroMixin, SocialImageMixin

from .blocks import GoalsBlock

PROVINCES = [
    ("drenthe", "Drenthe"),
    ("flevoland", "Flevoland"),
    ("friesland", "Friesland"),
    ("gelderland", "Gelderland"),
    ("groningen", "Groningen"),
    ("limburg", "Limburg"),
    ("noord-brabant", "Noord-Brabant"),
    ("noord-holland", "Noord-Holland"),
    ("overijssel", "Overijssel"),
    ("utrecht", "Utrecht"),
    ("zeeland", "Zeeland"),
    ("zuid-holland", "Zuid-Holland"),
]

SEARCH_MAX_LENGTH = 100


class CoalitionIndexPage(IntroMixin, SocialImageMixin, Page):
    """All coalitions with their municipality and province, grouped by province."""

    content_panels = Page.content_panels + IntroMixin.intro_panels
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + IntroMixin.intro_search_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = ["coalitions.CoalitionPage"]

    class Meta:
        verbose_name = _("overzicht coalities")
        verbose_name_plural = _("overzichten coalities")

    def get_coalitions(self, query=""):
        coalitions = CoalitionPage.objects.child_of(self).live().order_by("province", "municipality", "title")
        if query:
            coalitions = coalitions.filter(
                models.Q(title__icontains=query) | models.Q(municipality__icontains=query)
            )
        return coalitions

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only a short plain string is used; anything longer is cut, never an error.
        query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
        context["query"] = query
        context["coalitions"] = self.get_coalitions(query)
        return context


class CoalitionPageForm(WagtailAdminPageForm):
    """Adds the check that needs the inlines: an organisation may be a partner only once."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("partners")
        if formset is None or not formset.is_valid():
            return cleaned_data
        seen = set()
        duplicate = False
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            organisation = data.get("organisation")
            if data.get("DELETE") or organisation is None:
                continue
            if organisation.pk in seen:
                duplicate = True
                form.add_error("organisation", _("Deze organisatie staat al in de lijst met partners."))
            seen.add(organisation.pk)
        if duplicate:
            self.add_error(None, _("Een partner staat twee keer in de lijst. Haal de dubbele partner weg."))
        return cleaned_data


class CoalitionPage(IntroMixin, SocialImageMixin, Page):
    """One local coalition: who takes part, what they want to reach and how to join."""

    municipality = models.CharField(_("gemeente"), max_length=100)
    province = models.CharField(_("provincie"), max_length=20, choices=PROVINCES)
    year_founded = models.PositiveSmallIntegerField(
        _("opgericht in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    lead_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("kartrekker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_coalitions",
        help_text=_("De organisatie die de coalitie trekt."),
    )
    mission = RichTextField(_("missie"), blank=True, features=RICH_TEXT_FEATURES)
    goals = StreamField(GoalsBlock(), blank=True, verbose_name=_("doelstellingen"))
    action_lines = StreamField(GoalsBlock(), blank=True, verbose_name=_("actielijnen"))
    agreement_title = models.CharField(_("naam van het akkoord"), max_length=200, blank=True)
    agreement_text = RichTextField(_("tekst van het akkoord"), blank=True, features=RICH_TEXT_FEATURES)
    signup_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("aanmeldpagina voor organisaties"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina waar een organisatie zich kan aanmelden als partner."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("province"), FieldPanel("year_founded")],
            heading=_("Waar en sinds wanneer"),
        ),
        FieldPanel("intro"),
        FieldPanel("lead_organisation"),
        FieldPanel("mission"),
        FieldPanel("goals"),
        FieldPanel("action_lines"),
        InlinePanel("partners", label=_("Partners"), heading=_("Partnerorganisaties")),
        InlinePanel("contacts", label=_("Contactpersoon"), heading=_("Contactpersonen")),
        MultiFieldPanel(
            [
                FieldPanel("agreement_title"),
                FieldPanel("agreement_text"),
                InlinePanel("signatories", label=_("Ondertekenaar")),
            ],
            heading=_("Akkoord"),
        ),
        FieldPanel("signup_page"),
    ]
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + [
        index.SearchField("municipality", boost=2),
        index.SearchField("intro"),
        index.SearchField("mission"),
        index.FilterField("province"),
    ]

    parent_page_types = ["coalitions.CoalitionIndexPage"]

    base_form_class = CoalitionPageForm
    serve_select_related = SocialImageMixin.serve_select_related + ("lead_organisation", "signup_page")

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")

    def clean(self):
        super().clean()
        if not (self.municipality or "").strip():
            raise ValidationError({"municipality": _("Vul de gemeente van de coalitie in.")})

    def get_partners(self):
        # The page shows the partners and lists them in its JSON-LD: one query for both.
        if not hasattr(self, "_partners"):
            self._partners = list(self.partners.select_related("organisation").all())
        return self._partners

    # Events and news live in the campaigns app, which this app may not import. Both point back at
    # their coalition with a ForeignKey (related names `coalition_events` and `coalition_news`), so
    # we read them through the reverse relation's model: no import, and events of this coalition
    # placed elsewhere (under a campaign) are found too. Translations share the translation_key.
    def _related_pages(self, related_name):
        model = self._meta.get_field(related_name).related_model
        return model.objects.live().filter(
            coalition__translation_key=self.translation_key, locale_id=self.locale_id
        )

    def upcoming_events(self, limit=5):
        events = self._related_pages("coalition_events").filter(end__gte=timezone.now())
        return events.select_related("organiser").order_by("start")[:limit]

    def latest_news(self, limit=3):
        return self._related_pages("coalition_news").order_by("-date", "-pk")[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = self.get_partners()
        context["contacts"] = self.contacts.all()
        context["signatories"] = self.signatories.select_related("organisation").all()
        context["upcoming_events"] = self.upcoming_events()
        context["latest_news"] = self.latest_news()
        context["signup_page"] = None
        if self.signup_page_id:
            # In the visitor's language: one query at most (signup_page.specific.localized was three).
            signup = self.signup_page
            context["signup_page"] = localized_pages([signup]).get(signup.translation_key, signup)
        return context

    def get_json_ld(self, request=None):
        """schema.org Organization for the coalition, with its partners as members."""
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.title,
            "url": self.get_full_url(request),
            "areaServed": {"@type": "City", "name": self.municipality},
        }
        if self.intro:
            data["description"] = self.intro
        if self.year_founded:
            data["foundingDate"] = str(self.year_founded)
        members = [
            {"@type": "Organization", "name": partner.organisation.name}
            for partner in self.get_partners()
            if partner.organisation_id
        ]
        if members:
            data["member"] = members
        return data


class CoalitionPartner(TranslatableMixin, Orderable):
    """A partner organisation of a coalition, in order, with its role in the coalition."""

    page = ParentalKey(CoalitionPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="coalition_partnerships",
    )
    role = models.CharField(_("rol"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: kartrekker."))

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return str(self.organisation)


class CoalitionContact(TranslatableMixin, Orderable):
    """A person to contact about the coalition. In the demo data these are fictional."""

    page = ParentalKey(CoalitionPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")

    def __str__(self):
        return self.name


class CoalitionSignatory(TranslatableMixin, Orderable):
    """Who signed the coalition's agreement (akkoord), and when."""

    page = ParentalKey(CoalitionPage, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("naam ondertekenaar"), max_length=200)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("namens organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coalition_signatures",
    )
    signed_on = models.DateField(_("getekend op"))

    panels = [FieldPanel("name"), FieldPanel("organisation"), FieldPanel("signed_on")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("ondertekenaar")
        verbose_name_plural = _("ondertekenaars")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.signed_on and self.signed_on > datetime.date.today() + datetime.timedelta(days=366):
            raise ValidationError({"signed_on": _("Deze datum ligt te ver in de toekomst.")})


class CoalitionEditorGroup(models.Model):
    """The Wagtail group whose members edit one coalition (all its translations share the key)."""

    coalition_key = models.UUIDField(_("coalitie"), unique=True)
    group = models.OneToOneField(
        Group, verbose_name=_("groep"), on_delete=models.CASCADE, related_name="coalition_editors"
    )

    class Meta:
        verbose_name = _("redactiegroep coalitie")
        verbose_name_plural = _("redactiegroepen coalities")

    def __str__(self):
        return self.group.name
