from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CoalitionEditorGroup


class CoalitionEditorGroupViewSet(ModelViewSet):
    """Read-only overview for administrators: which group edits which coalition."""

    model = CoalitionEditorGroup
    icon = "group"
    menu_label = _("Redactiegroepen coalities")
    add_to_settings_menu = True
    list_display = ["group", "coalition_key"]
    form_fields = ["coalition_key", "group"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_viewset():
    return CoalitionEditorGroupViewSet("coalition_editor_groups")
