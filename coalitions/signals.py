"""Give every new coalition page (and each new translation of one) its editor group."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import CoalitionPage
from .permissions import ensure_coalition_group


@receiver(post_save, sender=CoalitionPage)
def create_coalition_group(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    # add_child() saves the page with its tree position, so it has a primary key here. A new
    # translation reuses the group of its source and gets the same rights.
    ensure_coalition_group(instance)
