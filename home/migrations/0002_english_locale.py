"""English is the second language: create its Locale and keep its page tree in sync with Dutch.

The synchronisation makes wagtail-localize create an English alias for every new Dutch page,
so /en/ has the whole site from the start; editors then translate page by page.
"""

from django.db import migrations


def create_english(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    dutch, _ = Locale.objects.get_or_create(language_code="nl")
    english, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": dutch})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0054_initial_locale"),
        ("wagtail_localize", "0012_localesynchronization"),
    ]

    operations = [migrations.RunPython(create_english, migrations.RunPython.noop)]
