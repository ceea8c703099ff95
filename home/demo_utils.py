"""Helpers for the demo content: each app's `demo.py` builds its part with these.

Idempotent by design: pages are found by slug under their parent and never created twice,
so running `load_demo` again changes nothing.
"""

from dataclasses import dataclass, field

from wagtail.models import Locale, Page


@dataclass
class DemoContext:
    stdout: object
    style: object
    created: list = field(default_factory=list)
    shared: dict = field(default_factory=dict)

    @property
    def nl(self):
        return Locale.objects.get(language_code="nl")

    @property
    def en(self):
        return Locale.objects.get(language_code="en")

    def log(self, message):
        self.stdout.write(message)

    def page(self, factory, parent, slug, **fields):
        """Return the live page with this slug under parent, creating it with the factory."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = factory.build(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(page)
        self.log(f"  + {page._meta.verbose_name}: {page.title}")
        return page

    def translate(self, page, locale=None, **fields):
        """Give page a real translation (not an alias) with the given fields, once."""
        locale = locale or self.en
        translation = page.get_translation_or_none(locale)
        if translation is not None and not translation.specific.alias_of_id:
            return translation.specific
        if translation is None:
            translation = page.copy_for_translation(locale, copy_parents=True)
        translation = translation.specific
        # An alias made by tree synchronisation becomes a translation of its own.
        translation.alias_of = None
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        translation.save_revision().publish()
        return translation


def home_page():
    from home.models import HomePage

    return HomePage.objects.filter(locale__language_code="nl", depth=2).first()


def ensure_base_tree():
    """Locales, English tree synchronisation, the root page and a default site.

    Migrations create these, but a flushed database (transactional tests) has none of them.
    """
    from django.conf import settings
    from wagtail.models import Site
    from wagtail_localize.models import LocaleSynchronization

    dutch, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    english, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": dutch})
    from wagtail.models import Collection

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=dutch)
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", port=80, root_page=root, is_default_site=True)
    return root


def root_page():
    return Page.get_first_root_node()
