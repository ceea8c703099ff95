import time

from django.core.management.base import BaseCommand

from portal.outbox import send_due


class Command(BaseCommand):
    help = "Send the mails in the outbox that are due, with retries and backoff (the worker)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running; check every --interval s.")
        parser.add_argument("--interval", type=float, default=10.0)
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args, loop=False, interval=10.0, limit=50, **options):
        while True:
            sent, failed = send_due(limit=limit)
            if sent or failed or options["verbosity"] > 1:
                self.stdout.write(f"outbox: {sent} sent, {failed} failed")
            if not loop:
                return
            time.sleep(interval)
