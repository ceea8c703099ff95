"""Per-coalition editing rights and the moderation workflow.

Each coalition gets a Wagtail group. Its members may add and edit pages in the coalition's subtree
(the coalition page, and the events and news placed under it) in every language, but not publish:
publishing goes through the "Moderators approval" workflow on the root page, so a moderator does it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

# Page rights of a coalition group: never "publish_page", so every change needs a moderator.
COALITION_PAGE_PERMISSIONS = ["add_page", "change_page"]
# Global rights: open the admin, pick organisations, images and documents in choosers.
COALITION_GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("directory", "view_organisation"),
]
MODERATORS_GROUP = "Moderators"
WORKFLOW_NAME = "Moderators approval"

# Sent (with `page` and `group`) whenever a coalition's editor group has been made sure of: on a new
# coalition page and by `create_coalition_groups`. Higher apps that keep per-coalition groups of their
# own (portal's sign-up reviewers) listen here, since this app may not import them.
coalition_group_ensured = Signal()


def group_name(page):
    return _("Redactie %(coalition)s") % {"coalition": page.title}


@transaction.atomic
def ensure_coalition_group(page):
    """Create (or repair) the editor group of a coalition page. Returns the group. Idempotent."""
    from .models import CoalitionEditorGroup

    link = CoalitionEditorGroup.objects.select_related("group").filter(coalition_key=page.translation_key)
    link = link.first()
    if link is None:
        name = group_name(page)
        group, _created = Group.objects.get_or_create(name=name[:150])
        link = CoalitionEditorGroup.objects.create(coalition_key=page.translation_key, group=group)
    group = link.group
    for app_label, codename in COALITION_GLOBAL_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=COALITION_PAGE_PERMISSIONS
    )
    # The coalition page in every language it exists in.
    for translation in Page.objects.filter(translation_key=page.translation_key):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=translation, permission=permission)
    coalition_group_ensured.send(sender=type(page), page=page, group=group)
    return group


MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def ensure_moderators_group():
    """The Moderators group Wagtail's first migration makes, with its rights on the whole tree."""
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    moderators.permissions.add(*access_admin)
    root = Page.get_first_root_node()
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=MODERATOR_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=moderators, page=root, permission=permission)
    return moderators


def ensure_moderation_workflow():
    """Make sure the root page has an active workflow with a moderators' approval task."""
    ensure_moderators_group()
    root = Page.get_first_root_node()
    workflow_page = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if workflow_page is not None and workflow_page.workflow.active:
        return workflow_page.workflow
    moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
