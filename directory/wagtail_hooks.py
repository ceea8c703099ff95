from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Category, Language, Location, Neighbourhood, Organisation, Service, TargetGroup


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    menu_order = 100
    list_display = ["name", "kvk_number", "website"]
    search_fields = ["name", "description"]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "help"
    menu_label = _("Hulpaanbod")
    menu_order = 110
    list_display = ["name", "organisation", "status", "last_checked_on"]
    list_filter = ["status", "cost", "is_remote", "categories"]
    search_fields = ["name", "short_description"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locaties")
    menu_order = 120
    list_display = ["name", "address", "municipality", "neighbourhood"]
    list_filter = ["municipality", "wheelchair_accessible"]
    search_fields = ["name", "address"]


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "pick"
    menu_label = _("Wijken")
    menu_order = 130
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categorieën")
    menu_order = 140
    list_display = ["name", "slug"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Doelgroepen")
    menu_order = 150
    list_display = ["name", "slug"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "openquote"
    menu_label = _("Talen")
    menu_order = 160
    list_display = ["name", "code"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        OrganisationViewSet,
        ServiceViewSet,
        LocationViewSet,
        NeighbourhoodViewSet,
        CategoryViewSet,
        TargetGroupViewSet,
        LanguageViewSet,
    )
    menu_icon = "site"
    menu_label = _("Sociale kaart")
    menu_name = "directory"
    menu_order = 200


register_snippet(DirectoryViewSetGroup)


# Keeping listings true: editors review the changes organisations propose (directory/verification.py).
@hooks.register("register_admin_viewset")
def register_listing_checks():
    from .verification_admin import ListingCheckViewSet

    return ListingCheckViewSet("listing_checks")
