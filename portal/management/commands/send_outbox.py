import time

from django.core.management.base import BaseCommand

from portal.outbox import send_due
from portal.privacy import enforce_retention


class Command(BaseCommand):
    help = "Send the mails in the outbox that are due, with retries and backoff (the worker)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running; check every --interval s.")
        parser.add_argument("--interval", type=float, default=10.0)
        parser.add_argument("--limit", type=int, default=50)
        parser.add_argument(
            "--with-retention",
            action="store_true",
            help="In loop mode, also run enforce_retention once a day (at start and every 24 hours).",
        )

    def handle(self, *args, loop=False, interval=10.0, limit=50, with_retention=False, **options):
        last_retention = None
        while True:
            if (
                loop
                and with_retention
                and (last_retention is None or time.monotonic() - last_retention > 86400)
            ):
                counts = enforce_retention()
                last_retention = time.monotonic()
                self.stdout.write("retention: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            sent, failed = send_due(limit=limit)
            if sent or failed or options["verbosity"] > 1:
                self.stdout.write(f"outbox: {sent} sent, {failed} failed")
            if not loop:
                return
            time.sleep(interval)
