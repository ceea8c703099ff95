"""Who may see what in the portal's admin.

Help requests: only members of the help-request group of the request's municipality.
Partner sign-ups: only members of the sign-up reviewer group ("Aanmeldingen <coalition>") of a
coalition the sign-up names; a sign-up that names several coalitions is seen by the reviewers of
each. Page edit rights, model permissions or other admin rights give no access to either.
Superusers see everything.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

from .models import HelpRequest, Municipality, PartnerSignup, SignupReviewGroup

HELP_REQUEST_ACTIONS = {"view", "change", "delete", "export"}
SIGNUP_ACTIONS = {"view", "change", "delete", "export"}


def _is_signed_in(user):
    return bool(user and user.is_active and user.is_authenticated)


def municipalities_for(user):
    """(pk, name) of the municipalities whose help requests the user's groups handle.

    Group membership only, also for superusers (who see everything anyway). Cached on the user
    object, i.e. for one request.
    """
    if not _is_signed_in(user):
        return []
    cached = getattr(user, "_portal_municipalities", None)
    if cached is None:
        cached = list(
            Municipality.objects.filter(help_group__in=user.groups.all())
            .order_by("name")
            .values_list("pk", "name")
        )
        user._portal_municipalities = cached
    return cached


def municipality_ids_for(user):
    return {pk for pk, _name in municipalities_for(user)}


def review_coalition_keys_for(user):
    """The translation keys of the coalitions whose sign-ups this user reviews (not for superusers)."""
    if not _is_signed_in(user):
        return set()
    cached = getattr(user, "_portal_review_keys", None)
    if cached is None:
        cached = set(
            SignupReviewGroup.objects.filter(group__in=user.groups.all()).values_list(
                "coalition_key", flat=True
            )
        )
        user._portal_review_keys = cached
    return cached


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """A policy where rights come from group membership per area, not from model permissions.

    Subclasses say which actions exist, whether a user has any area (``has_scope``), which rows
    are in the user's areas (``scoped_queryset``) and whether one row is (``in_scope``).
    """

    actions = set()

    def has_scope(self, user):
        raise NotImplementedError

    def scoped_queryset(self, user):
        raise NotImplementedError

    def in_scope(self, user, instance):
        raise NotImplementedError

    def user_has_permission(self, user, action):
        if action not in self.actions or not _is_signed_in(user):
            return False
        return user.is_superuser or self.has_scope(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or self.in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        if user.is_superuser:
            return self.model.objects.all()
        return self.scoped_queryset(user)

    def instances_user_has_any_permission_for(self, user, actions):
        return (
            self.instances_user_has_permission_for(user, "view")
            if self.user_has_any_permission(user, actions)
            else self.model.objects.none()
        )

    def users_with_any_permission(self, actions):
        if not set(actions) & self.actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | self.scope_group_filter())
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class HelpRequestPermissionPolicy(ScopedPermissionPolicy):
    actions = HELP_REQUEST_ACTIONS

    def __init__(self):
        super().__init__(HelpRequest)

    def has_scope(self, user):
        return bool(municipality_ids_for(user))

    def scoped_queryset(self, user):
        return HelpRequest.objects.filter(municipality_id__in=municipality_ids_for(user))

    def in_scope(self, user, instance):
        return instance.municipality_id in municipality_ids_for(user)

    def scope_group_filter(self):
        return Q(groups__portal_municipality__isnull=False)


class PartnerSignupPermissionPolicy(ScopedPermissionPolicy):
    actions = SIGNUP_ACTIONS

    def __init__(self):
        super().__init__(PartnerSignup)

    def has_scope(self, user):
        return bool(review_coalition_keys_for(user))

    def scoped_queryset(self, user):
        # A subquery rather than a join, so a sign-up naming two of the user's coalitions is one row.
        links = PartnerSignup.coalitions.through.objects.filter(
            page__translation_key__in=review_coalition_keys_for(user)
        )
        return PartnerSignup.objects.filter(pk__in=links.values("partnersignup_id"))

    def in_scope(self, user, instance):
        keys = review_coalition_keys_for(user)
        return bool(keys) and instance.coalitions.filter(translation_key__in=keys).exists()

    def scope_group_filter(self):
        return Q(groups__portal_signup_reviewers__isnull=False)


help_request_policy = HelpRequestPermissionPolicy()
signup_policy = PartnerSignupPermissionPolicy()


def can_manage_privacy(user):
    return bool(
        user and user.is_active and (user.is_superuser or user.has_perm("portal.privacy_helprequest"))
    )


# --- Creating the reviewer groups -----------------------------------------------------------


@transaction.atomic
def ensure_review_group(page):
    """Create (or find) the "Aanmeldingen <coalition>" group of a coalition page. Idempotent.

    Called for every coalition whose editor group the coalitions app makes sure of (a new coalition
    page, ``manage.py create_coalition_groups``), through its ``coalition_group_ensured`` signal.
    """
    link = (
        SignupReviewGroup.objects.select_related("group").filter(coalition_key=page.translation_key).first()
    )
    if link is None:
        name = f"Aanmeldingen {page.title}"[:150]
        group = Group.objects.filter(name=name).first()
        if group is not None and SignupReviewGroup.objects.filter(group=group).exists():
            # Another coalition with the same title has this name already.
            name = f"{name[:140]} ({page.translation_key.hex[:8]})"
            group = None
        if group is None:
            group, _created = Group.objects.get_or_create(name=name)
        link = SignupReviewGroup.objects.create(coalition_key=page.translation_key, group=group)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access is not None:
        link.group.permissions.add(admin_access)
    return link.group
