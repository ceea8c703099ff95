from django.core.cache import cache
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock, HomeBodyBlock, LinkBlock
from .mixins import IntroMixin, SocialImageMixin


class HomePage(SocialImageMixin, Page):
    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("homepage")
        verbose_name_plural = _("homepages")

    @property
    def has_hero(self):
        return any(block.block_type == "hero" for block in self.body)


class ContentPage(IntroMixin, SocialImageMixin, Page):
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + IntroMixin.intro_panels + [FieldPanel("body")]
    promote_panels = Page.promote_panels + SocialImageMixin.social_panels

    search_fields = Page.search_fields + IntroMixin.intro_search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        label=_("Platform"),
        choices=[
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("linkedin", "LinkedIn"),
            ("x", "X"),
            ("youtube", "YouTube"),
            ("mastodon", "Mastodon"),
            ("bluesky", "Bluesky"),
        ],
    )
    url = blocks.URLBlock(label=_("Adres"))

    class Meta:
        icon = "site"
        template = "home/blocks/social_link.html"
        label = _("Sociale media")


class CachedSiteSetting(BaseSiteSetting):
    """A site setting kept in the shared cache: every page shows the settings, which rarely change.

    Saves a query per setting on every page view that the page cache does not answer. Saving or
    deleting the setting removes it from the cache (and once more after the commit, so a request
    running meanwhile cannot put the old row back for long); see connect_setting_signals.
    """

    CACHE_SECONDS = 24 * 60 * 60

    class Meta:
        abstract = True

    @classmethod
    def cache_key(cls, site_id):
        return f"site-setting:{cls._meta.label_lower}:{site_id}"

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        key = cls.cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, cls.CACHE_SECONDS)
        return instance

    @classmethod
    def forget(cls, sender, instance, **kwargs):
        key = cls.cache_key(instance.site_id)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))


@register_setting(icon="cog")
class SiteSettings(CachedSiteSetting):
    """Who runs the site and how to reach them: shown in the footer and on contact pages."""

    organisation_name = models.CharField(_("naam organisatie"), max_length=150, default="Erbij")
    tagline = models.CharField(_("ondertitel"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    address = models.TextField(_("adres"), blank=True, max_length=300)
    listening_line_phone = models.CharField(
        _("telefoon luisterlijn"),
        max_length=30,
        blank=True,
        help_text=_("Wordt getoond als iemand niets vindt, zodat er altijd iemand te bellen is."),
    )
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("sociale media"))
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("links in de voettekst"))

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("tagline")], heading=_("Organisatie")),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
                FieldPanel("listening_line_phone"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site-instellingen")


@register_setting(icon="list-ul")
class NavigationSettings(CachedSiteSetting):
    """The main menu. Items point at pages, so each language shows its own translation."""

    main_menu = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("hoofdmenu"))

    panels = [FieldPanel("main_menu")]

    class Meta:
        verbose_name = _("navigatie")


def connect_setting_signals():
    from django.db.models.signals import post_delete, post_save

    for model in (SiteSettings, NavigationSettings):
        uid = f"forget_{model._meta.label_lower}"
        post_save.connect(model.forget, sender=model, weak=False, dispatch_uid=f"{uid}_save")
        post_delete.connect(model.forget, sender=model, weak=False, dispatch_uid=f"{uid}_delete")
