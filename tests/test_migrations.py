from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_migrations_are_missing():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit as exit_:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}" if exit_.code else "")
