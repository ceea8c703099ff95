"""Admin listing of listing checks: editors read proposed changes and mark them as handled."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .verification import ListingCheck


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
