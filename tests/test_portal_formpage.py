"""Wagtail's generic form builder stays available as portal.FormPage, for ad-hoc forms."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from portal.factories import FormFieldFactory, FormPageFactory

pytestmark = pytest.mark.django_db


def test_ad_hoc_form_page_stores_a_submission(client, home_page):
    page = FormPageFactory.build(slug="aanmelden-koffieochtend", title="Aanmelden koffieochtend")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    FormFieldFactory(page=page, label="Naam", field_type="singleline", required=True, locale=page.locale)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Naam" in response.content.decode()
    response = client.post(page.url, {"naam": "Gert"})
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=page).count() == 1
    assert "Bedankt voor uw aanmelding" in response.content.decode()
