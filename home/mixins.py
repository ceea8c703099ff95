"""Small abstract mixins that carry their own fields and panels, shared by page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class IntroMixin(models.Model):
    """A short plain-language introduction shown under the title and in listings."""

    intro = models.TextField(
        _("introductie"),
        blank=True,
        max_length=600,
        help_text=_("Eén of twee zinnen in eenvoudige taal (B1)."),
    )

    intro_panels = [FieldPanel("intro")]
    intro_search_fields = [index.SearchField("intro")]

    class Meta:
        abstract = True


class SocialImageMixin(models.Model):
    """The picture that social media show when someone shares the page (Open Graph)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding voor sociale media"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    social_panels = [FieldPanel("social_image")]
    # ForeignKeys that come with the page in one query when it is served (HomePage.route); a page
    # type adds the ones its template always shows.
    serve_select_related = ("social_image",)

    class Meta:
        abstract = True
