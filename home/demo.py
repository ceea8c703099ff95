"""Demo content of the home app: the home page, the four basic content pages and site settings."""

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from .demo_utils import DemoContext, root_page
from .factories import ContentPageFactory, HomePageFactory, stream
from .models import HomePage, NavigationSettings, SiteSettings

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "erbij-demo"  # noqa: S105 - demo login, printed by `make run`, never in production
ADMIN_EMAIL = "admin@erbij.example"

NO_LINK = {"page": None, "url": "", "text": ""}


def paragraph(html):
    return ("paragraph", html)


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


CONTENT_PAGES = [
    {
        "slug": "over-ons",
        "nl": {
            "title": "Over ons",
            "intro": "Erbij is de plek waar lokale coalities tegen eenzaamheid samenkomen.",
            "body": stream(
                paragraph(
                    "<p>In steeds meer gemeenten werken de gemeente, welzijnsorganisaties, "
                    "zorgaanbieders, kerken en vrijwilligers samen tegen eenzaamheid. Zo'n "
                    "samenwerking heet een coalitie. Op Erbij vindt u wat die coalities doen, "
                    "welke activiteiten er zijn en waar u terechtkunt.</p>"
                ),
                heading("Wat we doen"),
                paragraph(
                    "<ul><li>We laten zien welke hulp er in uw buurt is.</li>"
                    "<li>We maken campagnes zoals #jebentnietalleen en de Kom Erbij Week.</li>"
                    "<li>We helpen organisaties om mee te doen met hun lokale coalitie.</li></ul>"
                ),
                (
                    "quote",
                    {
                        "quote": "Eenzaamheid los je niet alleen op. Dat doen we samen.",
                        "attribution": "Coalitie Erbij",
                    },
                ),
            ),
        },
        "en": {
            "title": "About us",
            "slug": "about-us",
            "intro": "Erbij is where local coalitions against loneliness come together.",
            "body": stream(
                paragraph(
                    "<p>In more and more municipalities, the council, welfare organisations, care "
                    "providers, churches and volunteers work together against loneliness. Such a "
                    "partnership is called a coalition. On Erbij you find what these coalitions "
                    "do, which activities there are and where you can go.</p>"
                ),
                heading("What we do"),
                paragraph(
                    "<ul><li>We show what support there is in your neighbourhood.</li>"
                    "<li>We run campaigns such as #jebentnietalleen and the Kom Erbij Week.</li>"
                    "<li>We help organisations join their local coalition.</li></ul>"
                ),
            ),
        },
    },
    {
        "slug": "privacyverklaring",
        "nl": {
            "title": "Privacyverklaring",
            "intro": "Hoe wij omgaan met uw gegevens.",
            "body": stream(
                paragraph(
                    "<p>Vraagt u hulp via deze website, dan gebruiken we uw gegevens alleen om u "
                    "in contact te brengen met een organisatie in uw gemeente. We vragen daarvoor "
                    "uw toestemming.</p>"
                ),
                heading("Hoe lang bewaren we uw gegevens?"),
                paragraph(
                    "<p>We bewaren een hulpvraag tot twaalf maanden nadat de vraag is afgerond. "
                    "Daarna verwijderen we alles.</p>"
                ),
                heading("Uw rechten"),
                paragraph(
                    "<p>U mag altijd vragen welke gegevens we van u hebben, en ze laten "
                    "verwijderen. Mail of bel ons via de gegevens op de contactpagina.</p>"
                ),
            ),
        },
        "en": {
            "title": "Privacy statement",
            "slug": "privacy-statement",
            "intro": "How we handle your data.",
            "body": stream(
                paragraph(
                    "<p>If you ask for help through this website, we use your data only to put you "
                    "in touch with an organisation in your municipality. We ask for your consent "
                    "to do so.</p>"
                ),
                heading("How long do we keep your data?"),
                paragraph(
                    "<p>We keep a help request until twelve months after it has been closed. Then "
                    "we delete everything.</p>"
                ),
            ),
        },
    },
    {
        "slug": "toegankelijkheidsverklaring",
        "nl": {
            "title": "Toegankelijkheidsverklaring",
            "intro": "Iedereen moet deze website kunnen gebruiken.",
            "body": stream(
                paragraph(
                    "<p>Erbij wil dat iedereen deze website kan gebruiken, ook mensen die slecht "
                    "zien, een hulpmiddel gebruiken of alleen een toetsenbord. We volgen de "
                    "richtlijnen van WCAG 2.1 op niveau AA.</p>"
                ),
                heading("Wat we doen"),
                paragraph(
                    "<ul><li>Grote letters en duidelijke kleuren.</li>"
                    "<li>Alles werkt met het toetsenbord en zonder JavaScript.</li>"
                    "<li>We testen elke pagina automatisch op toegankelijkheid.</li></ul>"
                ),
                heading("Werkt iets niet?"),
                paragraph(
                    "<p>Laat het ons weten via de contactpagina. We reageren binnen vijf werkdagen.</p>"
                ),
            ),
        },
        "en": {
            "title": "Accessibility statement",
            "slug": "accessibility-statement",
            "intro": "Everyone should be able to use this website.",
            "body": stream(
                paragraph(
                    "<p>Erbij wants everyone to be able to use this website, including people with "
                    "low vision, people who use assistive technology or only a keyboard. We follow "
                    "WCAG 2.1 at level AA.</p>"
                ),
                heading("Something does not work?"),
                paragraph("<p>Let us know through the contact page. We answer within five working days.</p>"),
            ),
        },
    },
    {
        "slug": "contact",
        "nl": {
            "title": "Contact",
            "intro": "Heeft u een vraag? Neem gerust contact met ons op.",
            "body": stream(
                (
                    "contact_card",
                    {
                        "name": "Redactie Erbij",
                        "role": "Communicatie",
                        "email": "redactie@erbij.example",
                        "phone": "010 000 0000",
                        "text": "Bereikbaar op werkdagen van 9.00 tot 17.00 uur.",
                    },
                ),
                (
                    "contact_card",
                    {
                        "name": "De Luisterlijn",
                        "role": "Dag en nacht een luisterend oor",
                        "email": "",
                        "phone": "088 0767 000",
                        "text": "Wilt u met iemand praten? Bel De Luisterlijn.",
                    },
                ),
            ),
        },
        "en": {
            "title": "Contact",
            "intro": "Do you have a question? Feel free to get in touch.",
            "body": stream(
                (
                    "contact_card",
                    {
                        "name": "Erbij editors",
                        "role": "Communication",
                        "email": "redactie@erbij.example",
                        "phone": "010 000 0000",
                        "text": "Available on weekdays from 9am to 5pm.",
                    },
                ),
            ),
        },
    },
]


def build(ctx: DemoContext):
    ctx.log("Home and content pages")
    home = _home(ctx)
    pages = {}
    for spec in CONTENT_PAGES:
        page = ctx.page(ContentPageFactory, home, spec["slug"], **spec["nl"])
        ctx.translate(page, **spec["en"])
        pages[spec["slug"]] = page
    ctx.shared["home"] = home
    ctx.shared["content_pages"] = pages
    _superuser(ctx)


def finish(ctx: DemoContext):
    """Runs after every app built its pages: menu, footer, and the home page's entry points.

    Apps add to ctx.shared["menu"] (pages) and ctx.shared["entry_points"]
    (dicts with page, and title/text in "nl" and "en").
    """
    home = ctx.shared["home"]
    _settings(ctx, home, ctx.shared["content_pages"])
    entry_points = ctx.shared.get("entry_points", [])
    if not entry_points:
        return
    for page, language, title in (
        (home, "nl", "Waar kunt u terecht?"),
        (home.get_translation_or_none(ctx.en), "en", "Where can you go?"),
    ):
        if page is None:
            continue
        page = page.specific
        if any(block.block_type == "entry_points" for block in page.body):
            continue
        items = [
            {"title": item[language]["title"], "text": item[language]["text"], "page": item["page"].pk}
            for item in entry_points
        ]
        blocks = [(block["type"], block["value"]) for block in page.body.raw_data]
        page.body = stream(*blocks, ("entry_points", {"title": title, "items": items}))
        page.save_revision().publish()


def _home(ctx):
    root = root_page()
    home = HomePage.objects.filter(depth=2, locale=ctx.nl).first()
    if home is None:
        home = HomePageFactory.build(
            title="Erbij",
            slug="erbij",
            locale=ctx.nl,
            body=stream(
                (
                    "hero",
                    {
                        "title": "Samen tegen eenzaamheid",
                        "text": "Iedereen voelt zich weleens eenzaam. In uw gemeente werken organisaties "
                        "en vrijwilligers samen, zodat niemand er alleen voor staat.",
                        "image": None,
                        "image_alt": "",
                        "link": NO_LINK,
                    },
                ),
                paragraph(
                    "<p>Op Erbij vindt u activiteiten en hulp bij u in de buurt: een plek om "
                    "anderen te ontmoeten, samen eten, een maatje of iemand die naar u luistert.</p>"
                ),
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        ctx.created.append(home)
        ctx.log("  + homepage: Erbij")
        # Point the default site at the new home page and remove Wagtail's welcome page.
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Erbij"
            )
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Erbij"
        site.save()
        if old_root.pk != home.pk and old_root.depth > 1 and old_root.specific_class is Page:
            old_root.delete()
    ctx.translate(
        home,
        title="Erbij",
        body=stream(
            (
                "hero",
                {
                    "title": "Together against loneliness",
                    "text": "Everyone feels lonely sometimes. In your municipality, organisations and "
                    "volunteers work together so that nobody has to face it alone.",
                    "image": None,
                    "image_alt": "",
                    "link": NO_LINK,
                },
            ),
            paragraph(
                "<p>On Erbij you find activities and support near you: a place to meet others, "
                "eating together, a buddy or someone who listens.</p>"
            ),
        ),
    )
    return home


def _settings(ctx, home, pages):
    site = Site.objects.get(root_page=home)
    # From the database, not the cache: a cache left from another database (Redis, or tests)
    # would make the demo believe its settings are in place.
    site_settings = SiteSettings.objects.get_or_create(site=site)[0]
    if not site_settings.email:
        site_settings.organisation_name = "Erbij"
        site_settings.tagline = "Samen tegen eenzaamheid"
        site_settings.email = "redactie@erbij.example"
        site_settings.phone = "010 000 0000"
        site_settings.address = "Voorbeeldstraat 1\n3311 AA Dordrecht"
        site_settings.listening_line_phone = "088 0767 000"
        site_settings.social_links = stream(
            ("link", {"platform": "instagram", "url": "https://www.instagram.com/"})
        )
        site_settings.footer_links = stream(
            *[
                ("link", {"page": pages[slug].pk, "url": "", "text": pages[slug].title})
                for slug in ("over-ons", "privacyverklaring", "toegankelijkheidsverklaring", "contact")
            ]
        )
        site_settings.save()
    navigation = NavigationSettings.objects.get_or_create(site=site)[0]
    wanted = ctx.shared.get("menu", []) + [pages["over-ons"], pages["contact"]]
    current = [block.value["page"].pk for block in navigation.main_menu if block.value.get("page")]
    if current != [page.pk for page in wanted]:
        navigation.main_menu = stream(
            *[("link", {"page": page.pk, "url": "", "text": page.title}) for page in wanted]
        )
        navigation.save()


def _superuser(ctx):
    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        user = User.objects.create_superuser(
            ADMIN_USERNAME, ADMIN_EMAIL, ADMIN_PASSWORD, first_name="Demo", last_name="Beheerder"
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "nl"
        profile.save()
        ctx.log(f"  + superuser {ADMIN_USERNAME}")
