"""Every coalition gets its sign-up reviewer group when the coalitions app makes its editor group."""

from django.dispatch import receiver

from coalitions.permissions import coalition_group_ensured

from .permissions import ensure_review_group


@receiver(coalition_group_ensured)
def create_review_group(sender, page, **kwargs):
    ensure_review_group(page)
