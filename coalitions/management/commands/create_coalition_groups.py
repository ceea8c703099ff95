from django.core.management.base import BaseCommand

from coalitions.models import CoalitionPage
from coalitions.permissions import ensure_coalition_group, ensure_moderation_workflow


class Command(BaseCommand):
    help = "Maakt voor elke coalitie een redactiegroep en zet de moderatie-workflow aan. Herhaalbaar."

    def handle(self, *args, **options):
        ensure_moderation_workflow()
        seen = set()
        for page in CoalitionPage.objects.order_by("pk"):
            if page.translation_key in seen:
                continue
            seen.add(page.translation_key)
            group = ensure_coalition_group(page)
            self.stdout.write(f"{page.title}: {group.name}")
