"""Campaigns, events (with listings and iCalendar feeds) and news (with RSS and Atom feeds).

Events and news may belong to a coalition. They point at it with a ForeignKey (set automatically
when the page sits under a coalition page), and the coalition page reads them through the reverse
relation, so the coalitions app never imports this one.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Window
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index

from coalitions.models import CoalitionPage
from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.localization import localized_pages
from home.mixins import IntroMixin, SocialImageMixin

from .views import ical_response, news_feed

EVENTS_PER_PAGE = 20
NEWS_PER_PAGE = 12
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value):
    """'2026-11' -> date(2026, 11, 1); anything else -> None (the filter is then ignored)."""
    match = MONTH_RE.match((value or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return datetime.date(year, month, 1)


def month_range(first_day):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tz)
    next_month = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = datetime.datetime.combine(next_month, datetime.time.min, tzinfo=tz)
    return start, end


class CountingPaginator(Paginator):
    """Reads the number of items along with the items of the page (COUNT(*) OVER ()): one query
    where Django's Paginator makes two. When the page asked for is empty or not a page, Django's
    own get_page() decides, so the outcome is the same."""

    # Beyond this page number Django's way is used: no absurd OFFSET reaches the database.
    MAX_COUNTED_PAGE = 1000

    def get_page(self, number):
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1  # Django's get_page() shows the first page for anything not a number
        if not 1 <= wanted <= self.MAX_COUNTED_PAGE:
            return super().get_page(number)
        bottom = (wanted - 1) * self.per_page
        counted = self.object_list.annotate(_items_in_total=Window(Count("pk")))
        items = list(counted[bottom : bottom + self.per_page])
        if items:
            self.count = items[0]._items_in_total
        elif wanted == 1:
            self.count = 0  # nothing on the first page: nothing at all
        else:
            return super().get_page(number)
        return self._get_page(items, wanted, self)


def paginate(request, items, per_page):
    # get_page() turns a bad or too high ?pagina= into the first or last page: never a 500.
    return CountingPaginator(items, per_page).get_page(request.GET.get("pagina"))


class EventListingMixin(RoutablePageMixin):
    """Event listing with filters (upcoming/past, coalition, month) and an .ics feed of the same list.

    Query string: ?wanneer=voorbij (past; default upcoming), ?coalitie=<slug>, ?maand=YYYY-MM.
    Unknown values are ignored, so a listing URL never fails.
    """

    def get_base_events(self):
        raise NotImplementedError

    def get_filters(self, request):
        when = "voorbij" if request.GET.get("wanneer") == "voorbij" else "komend"
        month = parse_month(request.GET.get("maand"))
        coalitions = list(
            CoalitionPage.objects.live()
            .filter(locale_id=self.locale_id)
            .order_by("title")
            # translation_key: filter_events matches the chosen coalition's events in every language;
            # url_path: CampaignPage links to its coalitions from this list.
            .only("id", "title", "slug", "translation_key", "url_path")
        )
        coalition_slug = request.GET.get("coalitie", "")
        coalition = next((c for c in coalitions if c.slug == coalition_slug), None)
        return {"when": when, "month": month, "coalition": coalition, "coalitions": coalitions}

    def filter_events(self, filters):
        events = self.get_base_events().select_related("organiser", "coalition")
        now = timezone.now()
        if filters["month"]:
            start, end = month_range(filters["month"])
            events = events.filter(start__lt=end, end__gte=start)
        if filters["when"] == "voorbij":
            events = events.filter(end__lt=now).order_by("-start", "pk")
        else:
            events = events.filter(end__gte=now).order_by("start", "pk")
        if filters["coalition"]:
            events = events.filter(coalition__translation_key=filters["coalition"].translation_key)
        return events

    def listing_context(self, request):
        filters = self.get_filters(request)
        events = paginate(request, self.filter_events(filters), EVENTS_PER_PAGE)
        query = request.GET.copy()
        query.pop("pagina", None)
        return {"events": events, "filters": filters, "filter_query": query.urlencode()}

    @path("ical/", name="ical")
    def ical_feed(self, request):
        events = self.filter_events(self.get_filters(request))[:500]
        return ical_response(events, request, self.title)


class EventIndexPage(EventListingMixin, IntroMixin, SocialImageMixin, Page):
    """The agenda: every event of the site in this language."""

    content_panels = Page.content_panels + IntroMixin.intro_panels
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + IntroMixin.intro_search_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.EventPage"]

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")

    def get_base_events(self):
        return EventPage.objects.live().filter(locale_id=self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context


class CampaignIndexPage(IntroMixin, SocialImageMixin, Page):
    content_panels = Page.content_panels + IntroMixin.intro_panels
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + IntroMixin.intro_search_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]

    class Meta:
        verbose_name = _("overzicht campagnes")
        verbose_name_plural = _("overzichten campagnes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaigns = CampaignPage.objects.child_of(self).live().order_by("-start_date", "title")
        context["campaigns"] = paginate(request, campaigns, EVENTS_PER_PAGE)
        return context


class CampaignPage(EventListingMixin, IntroMixin, SocialImageMixin, Page):
    """A campaign such as #jebentnietalleen or the Kom Erbij Week, with its events."""

    hashtag = models.CharField(
        _("hashtag"), max_length=60, blank=True, help_text=_("Bijvoorbeeld: #jebentnietalleen")
    )
    start_date = models.DateField(_("begindatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    message = models.CharField(
        _("kernboodschap"), max_length=200, blank=True, help_text=_("De boodschap in één korte zin.")
    )
    call_to_action = models.CharField(
        _("oproep"),
        max_length=250,
        blank=True,
        help_text=_("Wat kan de lezer zelf doen? Bijvoorbeeld: drink eens een kop koffie met je buurman."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    poster = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("poster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    flyer = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("flyer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("hashtag"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Periode")),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("message"), FieldPanel("call_to_action")], heading=_("Boodschap")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("poster"), FieldPanel("flyer")], heading=_("Downloads")),
        InlinePanel("partners", label=_("Partner"), heading=_("Partnerorganisaties")),
        InlinePanel("related_coalitions", label=_("Coalitie"), heading=_("Coalities die meedoen")),
    ]
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + [
        index.SearchField("hashtag", boost=2),
        index.SearchField("intro"),
        index.SearchField("message"),
        index.SearchField("call_to_action"),
        index.SearchField("body"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["campaigns.EventPage"]
    serve_select_related = SocialImageMixin.serve_select_related + ("poster", "flyer")

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt voor de begindatum.")})
        if self.hashtag and not self.hashtag.startswith("#"):
            self.hashtag = "#" + self.hashtag

    def get_base_events(self):
        return EventPage.objects.live().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        context["partners"] = self.partners.select_related("organisation").all()
        coalitions = [
            link.coalition
            for link in self.related_coalitions.select_related("coalition").all()
            if link.coalition_id and link.coalition.live
        ]
        if self.locale_id == Locale.get_active().pk:
            # The live coalitions in this language are in the coalition filter already.
            translated = {c.translation_key: c for c in context["filters"]["coalitions"]}
        else:
            translated = localized_pages(coalitions)
        context["coalitions"] = [translated.get(c.translation_key, c) for c in coalitions]
        return context


class CampaignPartner(TranslatableMixin, Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="campaign_partnerships",
    )

    panels = [FieldPanel("organisation")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner van de campagne")
        verbose_name_plural = _("partners van de campagne")

    def __str__(self):
        return str(self.organisation)


class CampaignCoalition(TranslatableMixin, Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="related_coalitions")
    coalition = models.ForeignKey(
        "coalitions.CoalitionPage",
        verbose_name=_("coalitie"),
        on_delete=models.CASCADE,
        related_name="campaign_links",
    )

    panels = [FieldPanel("coalition")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("coalitie van de campagne")
        verbose_name_plural = _("coalities van de campagne")

    def __str__(self):
        return str(self.coalition)


class CoalitionLinkMixin:
    """Fills in the coalition of an event or news item from the page tree when left empty.

    The `coalition` ForeignKey itself is declared on each page type, so each has its own reverse
    name on the coalition page (`coalition_events`, `coalition_news`).
    """

    def set_coalition_from_tree(self):
        if self.coalition_id:
            return
        if not self.path:
            return  # not in the tree yet (a new page being validated in the admin)
        parent = self.get_parent()
        if parent is None:
            return
        ancestors = Page.objects.ancestor_of(parent, inclusive=True).type(CoalitionPage)
        coalition = ancestors.order_by("-depth").first()
        if coalition is not None:
            self.coalition_id = coalition.pk

    def full_clean(self, *args, **kwargs):
        self.set_coalition_from_tree()
        super().full_clean(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["coalition"] = None
        if self.coalition_id:
            # In the visitor's language: one query at most (page.coalition.localized was two).
            coalition = self.coalition
            context["coalition"] = localized_pages([coalition]).get(coalition.translation_key, coalition)
        return context


class EventPage(CoalitionLinkMixin, IntroMixin, SocialImageMixin, RoutablePageMixin, Page):
    """One activity: when, where, who organises it, what it costs and how to sign up."""

    coalition = models.ForeignKey(
        "coalitions.CoalitionPage",
        verbose_name=_("coalitie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coalition_events",
        help_text=_("Laat leeg als de activiteit onder een coalitie staat: die wordt dan gekozen."),
    )
    start = models.DateTimeField(_("begint op"))
    end = models.DateTimeField(_("eindigt op"))
    is_online = models.BooleanField(_("online"), default=False, help_text=_("Vink aan als het online is."))
    location_name = models.CharField(_("naam van de plek"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    online_url = models.URLField(_("link naar de online bijeenkomst"), blank=True)
    organiser = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    is_free = models.BooleanField(_("gratis"), default=True)
    cost = models.CharField(
        _("kosten"), max_length=150, blank=True, help_text=_("Bijvoorbeeld: € 5, inclusief koffie.")
    )
    registration_url = models.URLField(
        _("aanmelden via"), blank=True, help_text=_("Laat leeg als aanmelden niet nodig is.")
    )
    is_accessible = models.BooleanField(
        _("toegankelijk"), default=False, help_text=_("De plek is goed bereikbaar met rolstoel of rollator.")
    )
    description = RichTextField(_("beschrijving"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Wanneer")),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("location_name"),
                FieldPanel("address"),
                FieldPanel("is_online"),
                FieldPanel("online_url"),
                FieldPanel("is_accessible"),
            ],
            heading=_("Waar"),
        ),
        FieldPanel("organiser"),
        FieldPanel("coalition"),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("cost"), FieldPanel("registration_url")],
            heading=_("Kosten en aanmelden"),
        ),
        FieldPanel("description"),
    ]
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("location_name"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["campaigns.CampaignPage", "coalitions.CoalitionPage", "campaigns.EventIndexPage"]
    subpage_types = []
    serve_select_related = SocialImageMixin.serve_select_related + ("organiser", "coalition")

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Een activiteit moet eindigen na het begin. Kies een latere eindtijd.")
        if not self.is_online and not self.location_name.strip():
            errors["location_name"] = _("Vul de naam van de plek in, of vink 'online' aan.")
        if not self.is_free and not self.cost.strip():
            errors["cost"] = _("Vul in wat het kost, of vink 'gratis' aan.")
        if errors:
            raise ValidationError(errors)

    @path("ical/", name="ical")
    def ical_download(self, request):
        return ical_response([self], request, self.title, attachment=True)

    @property
    def is_past(self):
        return self.end < timezone.now()

    def get_json_ld(self, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.start.isoformat(),
            "endDate": self.end.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "url": self.get_full_url(request),
            "isAccessibleForFree": self.is_free,
        }
        if self.intro:
            data["description"] = self.intro
        elif self.description:
            data["description"] = strip_tags(self.description)[:500]
        if self.is_online:
            data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
            data["location"] = {
                "@type": "VirtualLocation",
                "url": self.online_url or self.get_full_url(request),
            }
        else:
            data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
            data["location"] = {"@type": "Place", "name": self.location_name, "address": self.address}
        if self.organiser_id:
            organiser = {"@type": "Organization", "name": self.organiser.name}
            if self.organiser.website:
                organiser["url"] = self.organiser.website
            data["organizer"] = organiser
        if not self.is_free and self.cost:
            data["offers"] = {"@type": "Offer", "description": self.cost, "url": self.get_full_url(request)}
        return data


class NewsIndexPage(RoutablePageMixin, IntroMixin, SocialImageMixin, Page):
    """All news of the site in this language, newest first, with RSS and Atom feeds."""

    content_panels = Page.content_panels + IntroMixin.intro_panels
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + IntroMixin.intro_search_fields

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.NewsPage"]

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    def get_news(self, tag=""):
        news = NewsPage.objects.live().filter(locale_id=self.locale_id).order_by("-date", "-pk")
        if tag:
            news = news.filter(tags__slug=tag)
        return news

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "")[:100]
        news = self.get_news(tag).select_related("image").prefetch_related("image__renditions")
        context["news"] = paginate(request, news, NEWS_PER_PAGE)
        context["tag"] = tag
        return context

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return news_feed(request, self, "rss")

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return news_feed(request, self, "atom")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("campaigns.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(CoalitionLinkMixin, SocialImageMixin, Page):
    coalition = models.ForeignKey(
        "coalitions.CoalitionPage",
        verbose_name=_("coalitie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coalition_news",
        help_text=_("Laat leeg als het bericht onder een coalitie staat: die wordt dan gekozen."),
    )
    date = models.DateField(_("datum"), default=datetime.date.today)
    summary = models.TextField(_("samenvatting"), max_length=500, help_text=_("Twee of drie zinnen."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternatieve tekst"), max_length=250, blank=True, help_text=_("Wat staat er op de afbeelding?")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("onderwerpen"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Afbeelding")),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("coalition"),
    ]
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["campaigns.NewsIndexPage", "coalitions.CoalitionPage"]
    subpage_types = []
    serve_select_related = SocialImageMixin.serve_select_related + ("image", "coalition")

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Vul een alternatieve tekst in voor de afbeelding.")})

    def get_json_ld(self, request=None):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or timezone.now()).isoformat(),
            "description": self.summary,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "publisher": {"@type": "Organization", "name": "Erbij"},
        }
        if self.image_id:
            rendition = self.image.get_rendition("fill-1200x675")
            data["image"] = request.build_absolute_uri(rendition.url) if request else rendition.url
        return data
