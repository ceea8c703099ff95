"""manage.py check_listings: ask organisations to confirm stale services; hide long-stale ones.

Run it daily (cron, or the platform's scheduler). See directory/verification.py.
"""

from django.core.management.base import BaseCommand

from directory import verification


class Command(BaseCommand):
    help = (
        "Mail a confirmation link for services not checked for DIRECTORY_VERIFY_AFTER_MONTHS months, "
        "and unpublish those not checked for DIRECTORY_HIDE_AFTER_MONTHS months."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count; send and change nothing.")

    def handle(self, dry_run=False, **options):
        services = list(verification.stale_services())
        total = len(services)
        verbosity = options.get("verbosity", 1)
        self.stdout.write(
            f"{total} services not checked for {verification.verify_after_months()} months"
            + (" (dry run)" if dry_run else "")
        )
        counts = {"sent": 0, "open": 0, "no_address": 0, "failed": 0, "hidden": 0}
        every = max(1, total // 20)
        for number, service in enumerate(services, start=1):
            if not dry_run:
                counts[verification.request_check(service)] += 1
                if service.live and verification.hide_if_long_stale(service):
                    counts["hidden"] += 1
            if verbosity and (number % every == 0 or number == total):
                self.stdout.write(f"{number}/{total} services")
        self.stdout.write(
            "mails sent: {sent}, link still open: {open}, no address: {no_address}, "
            "mail failed: {failed}, hidden: {hidden}".format(**counts)
        )
