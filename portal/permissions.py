"""Who may see help requests: only members of the help-request group of the request's municipality.

Page edit rights or other admin rights give no access. Superusers see everything.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

from .models import HelpRequest, Municipality

HELP_REQUEST_ACTIONS = {"view", "change", "delete", "export"}


def municipality_ids_for(user):
    if not (user and user.is_active and user.is_authenticated):
        return set()
    cached = getattr(user, "_portal_municipality_ids", None)
    if cached is None:
        cached = set(
            Municipality.objects.filter(help_group__in=user.groups.all()).values_list("pk", flat=True)
        )
        user._portal_municipality_ids = cached
    return cached


class HelpRequestPermissionPolicy(ModelPermissionPolicy):
    def __init__(self):
        super().__init__(HelpRequest)

    def user_has_permission(self, user, action):
        if action not in HELP_REQUEST_ACTIONS or not (user and user.is_active and user.is_authenticated):
            return False
        return user.is_superuser or bool(municipality_ids_for(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or instance.municipality_id in municipality_ids_for(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return HelpRequest.objects.none()
        if user.is_superuser:
            return HelpRequest.objects.all()
        return HelpRequest.objects.filter(municipality_id__in=municipality_ids_for(user))

    def instances_user_has_any_permission_for(self, user, actions):
        return (
            self.instances_user_has_permission_for(user, "view")
            if self.user_has_any_permission(user, actions)
            else HelpRequest.objects.none()
        )

    def users_with_any_permission(self, actions):
        if not set(actions) & HELP_REQUEST_ACTIONS:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__portal_municipality__isnull=False))
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


help_request_policy = HelpRequestPermissionPolicy()


def can_manage_privacy(user):
    return bool(
        user and user.is_active and (user.is_superuser or user.has_perm("portal.privacy_helprequest"))
    )
