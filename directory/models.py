"""The social map: organisations, their services and the places where they are offered.

Shaped after Open Referral HSDS 3.0 (organization, service, location, service_at_location,
schedule, taxonomy_term, language). Every record carries a stable UUID (`hsds_id`) that is the
same in every language, so exports and imports can match records across sites and locales.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.mixins import IntroMixin, SocialImageMixin

from .managers import EVENING_STARTS, ServiceQuerySet
from .validators import NL_BOUNDS, validate_kvk_number, validate_latitude, validate_longitude


class Organisation(
    TranslatableMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """An organisation that offers support, and may be a partner of one or more coalitions.

    The coalitions it partners with are the reverse of the partner inlines on coalition pages,
    so this app does not depend on the coalitions app.
    """

    # Stable across languages and exports: the HSDS id.
    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True, validators=[validate_kvk_number])
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact"),
        ),
        FieldPanel("kvk_number"),
        FieldPanel("logo"),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]

    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("description"),
        SynchronizedField("website"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("kvk_number"),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("hsds_id", "locale")]

    def __str__(self):
        return self.name


# --- Taxonomy --------------------------------------------------------------------------------


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A term of one of the directory's taxonomies (HSDS taxonomy_term).

    The slug is the same in every language and is what filters and exports use.
    """

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Gebruikt in adressen en filters."))
    description = models.TextField(
        _("beschrijving"),
        blank=True,
        help_text=_("Ook woorden waarop bewoners zoeken, bijvoorbeeld 'maaltijd' bij 'samen eten'."),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("description"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Category(TaxonomyTerm):
    """What kind of help: ontmoeting, huisbezoek, samen eten, luisterlijn, maatje, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        unique_together = [("translation_key", "locale"), ("slug", "locale"), ("hsds_id", "locale")]


class TargetGroup(TaxonomyTerm):
    """For whom: ouderen, jongeren, volwassenen, mantelzorgers, nieuwkomers, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        unique_together = [("translation_key", "locale"), ("slug", "locale"), ("hsds_id", "locale")]


class Language(TranslatableMixin, models.Model):
    """A language in which a service can help (HSDS language). `code` is ISO 639-1."""

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    code = models.CharField(
        _("taalcode"), max_length=10, help_text=_("ISO 639-1, bijvoorbeeld nl, en, ar, tr.")
    )
    name = models.CharField(_("naam"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("sort_order")]

    translatable_fields = [
        SynchronizedField("code"),
        TranslatableField("name"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("taal")
        verbose_name_plural = _("talen")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("code", "locale"), ("hsds_id", "locale")]

    def __str__(self):
        return self.name


# --- Places ----------------------------------------------------------------------------------


def check_coordinates(latitude, longitude):
    """Both or neither, and inside the Netherlands (catches swapped latitude and longitude)."""
    if (latitude is None) != (longitude is None):
        raise ValidationError(_("Vul zowel de breedtegraad als de lengtegraad in, of allebei niet."))
    if latitude is None:
        return
    (lat_min, lat_max), (lon_min, lon_max) = NL_BOUNDS
    if not (lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max):
        raise ValidationError(
            {
                "latitude": _(
                    "Deze plek ligt niet in Nederland. Heeft u breedtegraad en lengtegraad omgewisseld?"
                )
            }
        )


class Neighbourhood(models.Model):
    """A wijk of a municipality, with its centre for sorting results by distance."""

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    municipality = models.CharField(_("gemeente"), max_length=100)
    latitude = models.FloatField(_("breedtegraad van het midden"), validators=[validate_latitude])
    longitude = models.FloatField(_("lengtegraad van het midden"), validators=[validate_longitude])

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Midden van de wijk")),
    ]

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["municipality", "name"]

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    def clean(self):
        super().clean()
        check_coordinates(self.latitude, self.longitude)


class Weekday(models.IntegerChoices):
    """ISO weekdays; HSDS writes them as MO, TU, ... in `byday`."""

    MONDAY = 1, _("maandag")
    TUESDAY = 2, _("dinsdag")
    WEDNESDAY = 3, _("woensdag")
    THURSDAY = 4, _("donderdag")
    FRIDAY = 5, _("vrijdag")
    SATURDAY = 6, _("zaterdag")
    SUNDAY = 7, _("zondag")


HSDS_BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


class ScheduleBase(Orderable):
    """Opening hours on one weekday (an HSDS schedule with freq WEEKLY and one byday)."""

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens_at = models.TimeField(_("open vanaf"))
    closes_at = models.TimeField(_("open tot"))
    note = models.CharField(
        _("opmerking"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: alleen in de even weken.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["weekday", "opens_at"]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("De sluitingstijd moet na de openingstijd liggen.")})

    @property
    def hsds_byday(self):
        return HSDS_BYDAY[self.weekday]

    @property
    def is_evening(self):
        return self.closes_at > EVENING_STARTS


class Location(
    TranslatableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A place where services are offered: a wijkcentrum, a library, a church (HSDS location)."""

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    address = models.CharField(_("adres"), max_length=200, help_text=_("Straat en huisnummer."))
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=100)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True, validators=[validate_latitude])
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True, validators=[validate_longitude])
    wheelchair_accessible = models.BooleanField(_("toegankelijk met rolstoel of rollator"), default=False)
    accessibility_notes = models.TextField(
        _("toegankelijkheid"), blank=True, help_text=_("Bijvoorbeeld: lift aanwezig, invalidentoilet.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("municipality"),
                FieldPanel("neighbourhood"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adres"),
        ),
        MultiFieldPanel(
            [FieldPanel("wheelchair_accessible"), FieldPanel("accessibility_notes")],
            heading=_("Toegankelijkheid"),
        ),
        InlinePanel("schedules", heading=_("Openingstijden"), label=_("Dag")),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("address"),
        index.SearchField("municipality"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]

    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("description"),
        SynchronizedField("address"),
        SynchronizedField("postal_code"),
        SynchronizedField("city"),
        SynchronizedField("municipality"),
        SynchronizedField("neighbourhood"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("wheelchair_accessible"),
        TranslatableField("accessibility_notes"),
        SynchronizedField("schedules"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["municipality", "name"]
        unique_together = [("translation_key", "locale"), ("hsds_id", "locale")]

    def __str__(self):
        return f"{self.name}, {self.municipality}"

    def clean(self):
        super().clean()
        check_coordinates(self.latitude, self.longitude)
        if self.neighbourhood_id and not self.municipality:
            self.municipality = self.neighbourhood.municipality

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def full_address(self):
        return ", ".join(part for part in [self.address, f"{self.postal_code} {self.city}".strip()] if part)


class LocationSchedule(ScheduleBase):
    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="schedules")

    class Meta(ScheduleBase.Meta):
        verbose_name = _("openingstijd van een locatie")
        verbose_name_plural = _("openingstijden van een locatie")


# --- Services --------------------------------------------------------------------------------


# Paths below the DirectoryPage that are not services.
RESERVED_SLUGS = {"suggesties"}


class Service(
    TranslatableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A kind of help an organisation offers (HSDS service)."""

    class Status(models.TextChoices):
        # The HSDS 3.0 service status values.
        ACTIVE = "active", _("actief")
        INACTIVE = "inactive", _("niet actief")
        DEFUNCT = "defunct", _("gestopt")
        TEMPORARILY_CLOSED = "temporarily closed", _("tijdelijk gesloten")

    class Cost(models.TextChoices):
        FREE = "free", _("gratis")
        CONTRIBUTION = "contribution", _("eigen bijdrage")

    class AccessMethod(models.TextChoices):
        WALK_IN = "walk_in", _("binnenlopen")
        PHONE = "phone", _("bellen")
        REFERRAL = "referral", _("via een verwijzing")
        SIGN_UP = "sign_up", _("aanmelden")

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, help_text=_("Het laatste deel van het adres van de pagina.")
    )
    short_description = models.CharField(
        _("korte beschrijving"),
        max_length=300,
        help_text=_("Eén zin in eenvoudige taal (B1). Staat in de zoekresultaten."),
    )
    description = models.TextField(_("beschrijving"), blank=True)
    categories = ParentalManyToManyField(
        Category, verbose_name=_("categorieën"), blank=True, related_name="services"
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("doelgroepen"), blank=True, related_name="services"
    )
    languages = ParentalManyToManyField(
        Language, verbose_name=_("talen"), blank=True, related_name="services"
    )
    cost = models.CharField(_("kosten"), max_length=20, choices=Cost.choices, default=Cost.FREE)
    fees_description = models.CharField(
        _("uitleg over de kosten"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: € 3,50 per maaltijd."),
    )
    access_method = models.CharField(
        _("hoe krijgt u deze hulp?"),
        max_length=20,
        choices=AccessMethod.choices,
        default=AccessMethod.WALK_IN,
    )
    application_process = models.TextField(
        _("zo meldt u zich aan"), blank=True, help_text=_("Wat moet iemand doen om mee te doen?")
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_role = models.CharField(_("functie contactpersoon"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    last_checked_on = models.DateField(
        _("laatst gecontroleerd op"),
        null=True,
        blank=True,
        help_text=_("De dag waarop iemand heeft nagekeken dat deze gegevens kloppen."),
    )
    is_remote = models.BooleanField(
        _("telefonisch of online, overal"),
        default=False,
        help_text=_("Aanzetten als deze hulp overal te krijgen is, bijvoorbeeld een luisterlijn."),
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_description"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("categories"), FieldPanel("target_groups"), FieldPanel("languages")],
            heading=_("Indeling"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cost"),
                FieldPanel("fees_description"),
                FieldPanel("access_method"),
                FieldPanel("application_process"),
            ],
            heading=_("Kosten en aanmelden"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_remote"), InlinePanel("service_locations", label=_("Locatie"))],
            heading=_("Waar"),
        ),
        InlinePanel("schedules", heading=_("Tijden"), label=_("Dag")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("last_checked_on")], heading=_("Status")),
    ]

    search_fields = [
        index.SearchField("name", boost=4),
        index.AutocompleteField("name"),
        index.SearchField("short_description", boost=2),
        index.SearchField("description"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields(
            "categories", [index.SearchField("name", boost=2), index.SearchField("description")]
        ),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
        index.FilterField("locale_id"),
        index.FilterField("live"),
        index.FilterField("status"),
    ]

    translatable_fields = [
        SynchronizedField("organisation"),
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("short_description"),
        TranslatableField("description"),
        SynchronizedField("cost"),
        TranslatableField("fees_description"),
        SynchronizedField("access_method"),
        TranslatableField("application_process"),
        SynchronizedField("contact_name"),
        TranslatableField("contact_role"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("website"),
        SynchronizedField("status"),
        SynchronizedField("last_checked_on"),
        SynchronizedField("is_remote"),
        SynchronizedField("service_locations"),
        SynchronizedField("schedules"),
    ]

    objects = ServiceQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("hulpaanbod")
        verbose_name_plural = _("hulpaanbod")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale"), ("hsds_id", "locale")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # ClusterableModel stores categories and target groups after the post_save signal has
        # indexed the service, so the index would miss them: index it again now they are saved.
        if getattr(self, "search_auto_update", True) and self.pk and not kwargs.get("update_fields"):
            index.insert_or_update_object(self)

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Dit adres is al in gebruik. Kies een ander.")})
        if self.cost == self.Cost.CONTRIBUTION and not self.fees_description:
            raise ValidationError({"fees_description": _("Leg uit wat de bijdrage is.")})

    @property
    def is_free(self):
        return self.cost == self.Cost.FREE

    @cached_property
    def locations(self):
        return [link.location for link in self.service_locations.all()]

    def get_url(self, request=None):
        """The public page of this service, on the DirectoryPage of the same language."""
        page = DirectoryPage.for_locale(self.locale_id)
        if page is None:
            return None
        return page.url_for_service(self, request=request)

    def get_preview_template(self, request, mode_name):
        return "directory/service_page.html"

    def get_preview_context(self, request, mode_name):
        # The public page gets these names from views.service_terms; a preview shows what is in the
        # form, which is not saved yet.
        return {
            "service": self,
            "directory_page": DirectoryPage.for_locale(self.locale_id),
            "target_groups": [group.localized.name for group in self.target_groups.all()],
            "languages": [language.localized.name for language in self.languages.all()],
        }


class ServiceLocation(Orderable):
    """A service offered at a location (HSDS service_at_location)."""

    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="service_locations")
    location = models.ForeignKey(
        Location, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="service_locations"
    )

    panels = [FieldPanel("location")]

    class Meta(Orderable.Meta):
        verbose_name = _("locatie van het hulpaanbod")
        verbose_name_plural = _("locaties van het hulpaanbod")

    def __str__(self):
        return f"{self.service} @ {self.location}"


class ServiceSchedule(ScheduleBase):
    """When a service runs. Without these, the opening hours of its locations apply."""

    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    location = models.ForeignKey(
        Location,
        verbose_name=_("locatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Alleen invullen als de tijden per locatie verschillen."),
    )

    panels = ScheduleBase.panels + [FieldPanel("location")]

    class Meta(ScheduleBase.Meta):
        verbose_name = _("tijd van het hulpaanbod")
        verbose_name_plural = _("tijden van het hulpaanbod")


# --- The residents' way in -------------------------------------------------------------------


class DirectoryPage(RoutablePageMixin, IntroMixin, SocialImageMixin, Page):
    """Search and filter the services; each service has its own page below this one."""

    results_per_page = models.PositiveSmallIntegerField(
        _("resultaten per pagina"), default=10, validators=[MinValueValidator(5), MaxValueValidator(50)]
    )

    content_panels = Page.content_panels + IntroMixin.intro_panels + [FieldPanel("results_per_page")]
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + IntroMixin.intro_search_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("sociale kaart")
        verbose_name_plural = _("sociale kaarten")

    @classmethod
    def for_locale(cls, locale_id):
        return cls.objects.live().filter(locale_id=locale_id).order_by("path").first()

    def url_for_service(self, service, request=None):
        base = self.get_url(request=request)
        if base is None:
            return None
        return base + self.reverse_subpage("service", kwargs={"slug": service.slug})

    # The search and the service page live in views.py, so the model stays small.
    def get_context(self, request, *args, **kwargs):
        from .views import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(self, request))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("suggesties/", name="autocomplete")
    def autocomplete_route(self, request):
        from .views import autocomplete_view

        return autocomplete_view(self, request)

    @re_path(r"^(?P<slug>[-\w]+)/$", name="service")
    def service_route(self, request, slug):
        from .views import service_view

        return service_view(self, request, slug)


# Keeping listings true: ListingCheck lives in its own module (directory/verification.py).
from .verification import ListingCheck  # noqa: E402, F401


class DirectoryState(models.Model):
    """One row: a token that changes with every change to the directory (see facetindex.py)."""

    SINGLETON = 1

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("versie van de sociale kaart")
        verbose_name_plural = _("versies van de sociale kaart")

    def __str__(self):
        return str(self.token)
