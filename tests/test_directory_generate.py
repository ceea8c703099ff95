import io

import pytest
from django.core.management import call_command

from directory.models import Service


@pytest.mark.django_db
def test_generate_directory_makes_searchable_services(client, home_page):
    from directory.factories import DirectoryPageFactory

    page = DirectoryPageFactory.build()
    home_page.add_child(instance=page)
    page.save_revision().publish()
    out = io.StringIO()
    call_command("generate_directory", services=120, stdout=out)
    assert "indexed 120/120" in out.getvalue()
    services = Service.objects.filter(name__startswith="Synthetisch")
    assert services.count() == 120
    assert all(s.categories.exists() for s in services[:10])
    response = client.get(page.url, {"q": "maaltijd"})
    assert response.status_code == 200
    assert response.context["paginator"].count == services.filter(categories__slug="samen-eten").count() > 0
    call_command("generate_directory", services=0, clear=True, stdout=out)
    assert not Service.objects.filter(name__startswith="Synthetisch").exists()
