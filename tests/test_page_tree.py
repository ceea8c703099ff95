"""Every page type can be created where it is allowed and nowhere else, and has a factory."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.factories import ContentPageFactory
from home.management.commands.load_demo import PROJECT_APPS
from home.models import ContentPage, HomePage
from tests.utils import make_site_home

# The allowed parents of every page type of the project. A new page type must be added here:
# the test below fails for a page type that is missing.
EXPECTED_PARENTS = {
    "home.HomePage": {"wagtailcore.Page"},
    "home.ContentPage": {"home.HomePage", "home.ContentPage"},
}


def project_page_models():
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def factory_models():
    """The models that have a factory in some app's factories module."""
    covered = set()
    for app_label in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{apps.get_app_config(app_label).name}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            model = getattr(getattr(value, "_meta", None), "model", None)
            if isinstance(model, type):
                covered.add(model)
    return covered


def test_every_page_type_declares_its_allowed_parents_in_this_test():
    assert {label(model) for model in project_page_models()} == set(EXPECTED_PARENTS)


def test_every_page_type_has_a_factory():
    missing = [label(model) for model in project_page_models() if model not in factory_models()]
    assert missing == [], f"Page types without a factory: {missing}"


@pytest.mark.parametrize("model", project_page_models(), ids=label)
def test_page_type_can_be_created_under_exactly_its_allowed_parents(db, model):
    expected = {apps.get_model(name) for name in EXPECTED_PARENTS[label(model)]}
    for parent in [Page, *project_page_models()]:
        assert model.can_create_at(parent()) is (parent in expected) or model.max_count, (model, parent)
    assert set(model.allowed_parent_page_models()) == expected


class TestCreateInTheAdmin(WagtailPageTestCase):
    """Creation through the real admin form, where allowed, refused elsewhere."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_home()

    def setUp(self):
        self.login()

    def test_content_page_can_be_created_under_home_page_and_content_page(self):
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(ContentPage, HomePage)
        self.assertCanNotCreateAt(Page, ContentPage)
        self.assertCanCreate(
            self.home,
            ContentPage,
            nested_form_data(
                {
                    "title": "Samen eten in de wijk",
                    "slug": "samen-eten",
                    "intro": "Elke dinsdag koken we samen.",
                    "body": streamfield([("paragraph", rich_text("<p>Welkom aan tafel.</p>"))]),
                }
            ),
        )

    def test_a_content_page_made_by_its_factory_renders(self):
        page = ContentPageFactory(parent=self.home, title="Over ons", slug="over-ons-test")
        self.assertPageIsRenderable(page)
