"""Admin listing of listing checks: editors read proposed changes and mark them as handled."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .verification import ListingCheck


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Checks are made by check_listings only; editors read, mark as handled, or delete."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ListingCheck, NoAddPermissionPolicy(ListingCheck), exact_class=True)


class ListingCheckViewSet(ModelViewSet):
    model = ListingCheck
    icon = "tasks"
    menu_label = _("Controles")
    menu_order = 210
    add_to_admin_menu = True
    add_to_settings_menu = False
    exclude_form_fields = []
    form_fields = ["reviewed"]
    list_filter = ["outcome", "reviewed"]
    ordering = ["reviewed", "-used_at", "-created_at"]
    list_display = [
        Column("service", label=_("Hulpaanbod")),
        Column("get_outcome_display", label=_("Antwoord")),
        DateColumn("used_at", label=_("Beantwoord op")),
        BooleanColumn("reviewed", label=_("Afgehandeld")),
    ]
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "service",
        "created_at",
        "sent_at",
        "used_at",
        "outcome",
        "proposed_changes",
        "reviewed",
    ]

    def get_queryset(self, request):
        return ListingCheck.objects.select_related("service")
