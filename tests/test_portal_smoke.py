import pytest

from portal.models import HelpRequest, OutboxMessage
from tests.portal_fixtures import _clear_cache, dordrecht, help_data, help_page  # noqa: F401


@pytest.mark.django_db
def test_help_request_smoke(client, help_page, dordrecht):  # noqa: F811
    response = client.get(help_page.url)
    assert response.status_code == 200, response.content
    response = client.post(help_page.url, help_data(dordrecht))
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.get(response["Location"])
    assert HelpRequest.objects.count() == 1
    assert HelpRequest.objects.get().reference in response.content.decode()
    assert OutboxMessage.objects.count() == 1
