import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.demo_utils import ensure_base_tree
from tests.utils import make_site_home


@pytest.fixture
def locales(db):
    """Dutch (default) and English, as the home migration creates them."""
    ensure_base_tree()
    return Locale.objects.get(language_code="nl"), Locale.objects.get(language_code="en")


@pytest.fixture
def home_page(locales):
    """A published Dutch home page at the root of the default site."""
    return make_site_home(locale=locales[0])


@pytest.fixture
def demo(db):
    """The whole demo site, as `manage.py load_demo` builds it."""
    call_command("load_demo", verbosity=0)


def pytest_collection_modifyitems(items):
    """Browser tests last: they are the slowest, and quick failures should show first."""
    items.sort(key=lambda item: "tests/browser/" in str(item.path).replace("\\", "/"))
