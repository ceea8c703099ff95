import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory


@pytest.fixture
def locales(db):
    """Dutch (default) and English, as the home migration creates them."""
    return Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")


@pytest.fixture
def home_page(locales):
    """A published Dutch home page at the root of the default site, and its English alias."""
    root = Page.get_first_root_node()
    home = HomePageFactory.build(title="Erbij", slug="erbij-test", locale=locales[0])
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    if old_root.pk != home.pk and old_root.depth > 1 and old_root.specific_class is Page:
        old_root.delete()
    return home


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.save()
    return site
