"""Existing SQLite search indexes hold words; search/sqlite.py now stores and queries stems.

Rewrites the title and body of every index entry as stems (what update_index would store: the
entry holds the indexed text as it was), so search keeps working straight after `migrate`.
PostgreSQL stems at query time already: nothing to do there. Reversing leaves the stems in place:
run `manage.py update_index` after going back.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Avg, F
from django.db.models.functions import Length

BATCH = 500


def stem_index_entries(apps, schema_editor):
    from modelsearch.backends.database.sqlite.utils import fts5_available

    from home.dutch import index_text

    if schema_editor.connection.vendor != "sqlite" or not fts5_available():
        return
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).values()
    if not any(conf.get("BACKEND") == "search.database" for conf in backends):
        return
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    entries = IndexEntry.objects.using(schema_editor.connection.alias)
    batch = []
    for entry in entries.only("pk", "title", "body").iterator(chunk_size=BATCH):
        entry.title = index_text(entry.title)
        entry.body = index_text(entry.body)
        batch.append(entry)
        if len(batch) == BATCH:
            entries.bulk_update(batch, ["title", "body"])
            batch = []
    if batch:
        entries.bulk_update(batch, ["title", "body"])
    # Stems are shorter than words: renew the title length norm as update_index would.
    titled = entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
    average = titled.aggregate(Avg("title_length"))["title_length__avg"]
    if average:
        titled.update(title_norm=average / F("title_length"))


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(stem_index_entries, migrations.RunPython.noop, elidable=True),
    ]
