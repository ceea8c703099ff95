"""Blocks of the coalition pages: goals (doelstellingen) and action lines (actielijnen)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class GoalBlock(blocks.StructBlock):
    """One goal or action line: a short title and an optional explanation."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    text = blocks.TextBlock(label=_("Toelichting"), required=False, max_length=1000)

    class Meta:
        icon = "tick"
        template = "coalitions/blocks/goal.html"
        label = _("Punt")


class GoalsBlock(blocks.StreamBlock):
    goal = GoalBlock()

    class Meta:
        icon = "list-ol"
        template = "coalitions/blocks/goals.html"
        label = _("Lijst")
