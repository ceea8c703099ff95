"""manage.py import_hsds FILE_OR_DIR: create or update the directory from Open Referral HSDS 3.0 JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from directory.api.importer import Importer, read_records


class Command(BaseCommand):
    help = (
        "Import organisations, services, locations and schedules from HSDS 3.0 JSON: one document, "
        "a list, a paginated list response, or a directory of .json files. Matched by HSDS id."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .json file or a directory with .json files.")
        parser.add_argument(
            "--locale", default="", help="Language of the records (default: the site's default)."
        )
        parser.add_argument(
            "--fail-on-error", action="store_true", help="Exit with an error when a record was skipped."
        )

    def handle(self, path, locale="", fail_on_error=False, **options):
        try:
            target_locale = Locale.objects.get(language_code=locale) if locale else Locale.get_default()
        except Locale.DoesNotExist as error:
            raise CommandError(f"Unknown locale: {locale}") from error
        if not Path(path).exists():
            raise CommandError(f"Not found: {path}")
        try:
            records = list(read_records(path))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if not records:
            raise CommandError(f"No records found in {path}")

        importer = Importer(target_locale)
        total = len(records)
        every = max(1, total // 20)
        verbosity = options.get("verbosity", 1)
        for number, (where, record) in enumerate(records, start=1):
            importer.import_record(where, record)
            if verbosity and (number % every == 0 or number == total):
                self.stdout.write(f"{number}/{total} records")

        report = importer.report
        if verbosity:
            for line in report.summary_lines():
                self.stdout.write(line)
        for where, record_id, messages in report.errors:
            self.stderr.write(f"Overgeslagen {where} {record_id}".rstrip())
            for message in messages:
                self.stderr.write(f"  - {message[:300]}")
        if report.errors and fail_on_error:
            raise CommandError(f"{len(report.errors)} of {total} records skipped")
