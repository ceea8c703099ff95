from django.core.management.base import BaseCommand

from portal.privacy import enforce_retention


class Command(BaseCommand):
    help = "Delete help requests, rejected sign-ups, sent mails and form tokens past their retention (daily)."

    def handle(self, *args, **options):
        counts = enforce_retention()
        self.stdout.write(", ".join(f"{kind}: {count} deleted" for kind, count in counts.items()))
