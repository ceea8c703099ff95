"""The shared block library: every page body in the project is built from these blocks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"
        label = _("Kop")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph.html"
        label = _("Tekst")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    # Required: a screen reader user must learn what the picture shows (WCAG 1.1.1).
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat op de afbeelding staat, voor mensen die hem niet zien."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "home/blocks/image.html"
        label = _("Afbeelding")


class LinkBlock(blocks.StructBlock):
    """A link to a page or an address: exactly one of the two."""

    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een adres (URL)"), required=False)
    text = blocks.CharBlock(label=_("Linktekst"), max_length=100, required=False)

    class Meta:
        icon = "link"
        template = "home/blocks/link.html"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        is_empty = not (value.get("page") or value.get("url") or value.get("text"))
        # LinkBlock(required=False) lands in self.meta: an optional link may stay empty.
        if is_empty and not getattr(self.meta, "required", True):
            return value
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Kies een pagina óf vul een adres in."))}
            )
        if not value.get("text"):
            raise blocks.StructBlockValidationError(
                block_errors={"text": ValidationError(_("Vul een linktekst in."))}
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=150)
    text = blocks.TextBlock(label=_("Tekst"), required=False, max_length=500)
    link = LinkBlock(label=_("Knop"))

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action.html"
        label = _("Oproep tot actie")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citaat"), max_length=800)
    attribution = blocks.CharBlock(label=_("Wie zegt het"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote.html"
        label = _("Citaat")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=250)
    answer = ParagraphBlock(label=_("Antwoord"))

    class Meta:
        icon = "help"
        template = "home/blocks/question_answer.html"
        label = _("Vraag en antwoord")


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=150)
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("Vragen"))

    class Meta:
        icon = "list-ul"
        template = "home/blocks/faq.html"
        label = _("Veelgestelde vragen")


class VideoEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Adres van de video"))
    # An iframe needs an accessible name (WCAG 4.1.2).
    title = blocks.CharBlock(label=_("Titel van de video"), max_length=150)

    class Meta:
        icon = "media"
        template = "home/blocks/embed.html"
        label = _("Video of embed")


class DownloadsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=150)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Document")), label=_("Documenten"))

    class Meta:
        icon = "doc-full"
        template = "home/blocks/downloads.html"
        label = _("Downloads")


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Naam"), max_length=150)
    role = blocks.CharBlock(label=_("Functie"), required=False, max_length=150)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Telefoon"), required=False, max_length=30)
    text = blocks.TextBlock(label=_("Toelichting"), required=False, max_length=500)

    class Meta:
        icon = "user"
        template = "home/blocks/contact_card.html"
        label = _("Contactkaart")


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=150)
    text = blocks.TextBlock(label=_("Tekst"), required=False, max_length=500)
    image = ImageChooserBlock(label=_("Afbeelding"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        required=False,
        max_length=250,
        help_text=_("Verplicht als er een afbeelding is."),
    )
    link = LinkBlock(label=_("Knop"), required=False)

    class Meta:
        icon = "pick"
        template = "home/blocks/hero.html"
        label = _("Uitgelicht blok (hero)")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_alt"):
            raise blocks.StructBlockValidationError(
                block_errors={"image_alt": ValidationError(_("Vul een alternatieve tekst in."))}
            )
        return value


class EntryPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=100)
    text = blocks.TextBlock(label=_("Tekst"), required=False, max_length=300)
    page = blocks.PageChooserBlock(label=_("Pagina"))

    class Meta:
        icon = "link"
        template = "home/blocks/entry_point.html"
        label = _("Ingang")


class EntryPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=150)
    items = blocks.ListBlock(EntryPointBlock(), label=_("Ingangen"))

    class Meta:
        icon = "grip"
        template = "home/blocks/entry_points.html"
        label = _("Ingangen")

    def get_context(self, value, parent_context=None):
        from home.localization import localized_pages

        context = super().get_context(value, parent_context=parent_context)
        translated = localized_pages([item["page"] for item in value["items"]])
        context["links"] = [
            (item, translated.get(item["page"].translation_key, item["page"]))
            for item in value["items"]
            if item["page"] is not None
        ]
        return context


class BodyBlock(blocks.StreamBlock):
    """The body every content page type uses."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    faq = FAQBlock()
    embed = VideoEmbedBlock()
    downloads = DownloadsBlock()
    contact_card = ContactCardBlock()

    class Meta:
        icon = "doc-full"
        template = "home/blocks/body.html"
        label = _("Inhoud")


class HomeBodyBlock(BodyBlock):
    hero = HeroBlock()
    entry_points = EntryPointsBlock()

    class Meta:
        icon = "home"
        template = "home/blocks/body.html"
        label = _("Inhoud van de homepage")
