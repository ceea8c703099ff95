from wagtail.models import Page, Site

from home.demo_utils import ensure_base_tree
from home.factories import HomePageFactory


def make_site_home(**fields):
    """A published Dutch home page as the root of the default site (Wagtail's welcome page goes)."""
    root = ensure_base_tree()
    fields.setdefault("title", "Erbij")
    fields.setdefault("slug", "erbij-test")
    home = HomePageFactory.build(**fields)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk and old_root.depth > 1 and old_root.specific_class is Page:
        old_root.delete()
    return home
