from django.core.cache import cache
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
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

    def route(self, request, path_components):
        """Find the page for a path with one query for all levels.

        Wagtail's own routing costs two queries per level (the child by slug, then its specific
        page): an event under a campaign costs six before anything is shown. Here every page along
        the path comes in one query (by url_path, from which Wagtail builds its links too) and only
        the page that answers is made specific. A page with routes of its own (RoutablePageMixin)
        that matches the rest of the path answers it, exactly as in Wagtail's routing.
        """
        if not path_components:
            return super().route(request, path_components)
        url_paths = []
        url_path = self.url_path
        for component in path_components:
            url_path += component + "/"
            url_paths.append(url_path)
        found = Page.objects.descendant_of(self).filter(url_path__in=url_paths)
        chain = {page.url_path: page for page in found}

        parent, ancestors = self, [self]
        for level, url_path in enumerate(url_paths):
            page = chain.get(url_path)
            if page is None or page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
                raise Http404
            page._cached_parent_obj = parent
            # Kept for the breadcrumbs (home/templatetags/navigation_tags.py: page_ancestors).
            page._route_ancestors = list(ancestors)
            remaining = path_components[level + 1 :]
            if remaining and not _passes_path_to_child(page, remaining):
                return _specific_to_serve(page).route(request, remaining)
            parent = page
            ancestors.append(page)
        return _specific_to_serve(parent).route(request, [])


def _specific_to_serve(page):
    """page.specific, with the ForeignKeys its type lists in `serve_select_related` (its social
    image, its documents, ...) in the same query instead of one query each."""
    model = page.specific_class
    related = getattr(model, "serve_select_related", ())
    if model is None or not related or isinstance(page, model):
        return page.specific
    specific = model._default_manager.select_related(*related).get(pk=page.pk)
    # As Page.get_specific does: keep what was set on the page found (its parent, its ancestors).
    for key, value in page.__dict__.items():
        specific.__dict__.setdefault(key, value)
    page.__dict__["specific"] = specific
    return specific


def _passes_path_to_child(page, remaining):
    """Would Wagtail's routing of `page` hand the `remaining` path on to a child page?"""
    page_class = page.specific_class
    if page_class is None or page_class.route is Page.route:
        return True
    if page_class.route is RoutablePageMixin.route:
        # RoutablePageMixin.route answers itself when the page is live and one of its routes
        # matches; otherwise it falls back to Page.route (the child).
        if not page.live:
            return True
        try:
            page_class.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:
            return True
        return False
    return False


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
