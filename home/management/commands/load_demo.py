"""Build the demo site from factories. Running it again changes nothing.

Each project app may have a `demo.py` with `build(ctx)`; they run in INSTALLED_APPS order
(lowest layer first), then home's `finish(ctx)` wires menus and entry points.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo_utils import DemoContext, ensure_base_tree

PROJECT_APPS = ["home", "directory", "coalitions", "campaigns", "portal", "search"]


class Command(BaseCommand):
    help = "Bouwt de demo-inhoud (Nederlands en Engels) en een beheerder. Twee keer draaien verandert niets."

    def handle(self, *args, **options):
        ctx = DemoContext(stdout=self.stdout, style=self.style)
        with transaction.atomic():
            ensure_base_tree()
            for app_config in apps.get_app_configs():
                if app_config.name not in PROJECT_APPS:
                    continue
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).build(ctx)
            import_module("home.demo").finish(ctx)
            self._alias_untranslated_pages(ctx)
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {len(ctx.created)} pages created."))
        if settings.DEBUG or options.get("verbosity", 1) > 1:
            from home.demo import ADMIN_PASSWORD, ADMIN_USERNAME

            self.stdout.write(f"Admin login: {ADMIN_USERNAME} / {ADMIN_PASSWORD}")

    def _alias_untranslated_pages(self, ctx):
        # Pages without an English translation get an alias, so /en/ shows the whole site.
        from wagtail_localize.synctree import synchronize_tree

        synchronize_tree(ctx.nl, ctx.en)
