import json

import pytest
from django.core.exceptions import ValidationError

from coalitions.factories import (
    CoalitionContactFactory,
    CoalitionEditorGroupFactory,
    CoalitionPageFactory,
    CoalitionPartnerFactory,
    CoalitionSignatoryFactory,
    PartnerOrganisationFactory,
)
from coalitions.models import CoalitionPage, CoalitionPartner
from tests.content_helpers import add, add_event, add_news, at, tree_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_coalition_without_municipality_is_invalid(tree):
    page = CoalitionPageFactory.build(locale=tree["home"].locale, municipality="  ")
    with pytest.raises(ValidationError) as error:
        tree["coalitions"].add_child(instance=page)
    assert "municipality" in error.value.message_dict


def test_partner_inlines_keep_order_and_reverse_relation(tree):
    dordrecht = tree["dordrecht"]
    first, second = PartnerOrganisationFactory(name="Humanitas"), PartnerOrganisationFactory(name="Sensoor")
    dordrecht.partners.add(CoalitionPartner(organisation=second, role="Partner", sort_order=0))
    dordrecht.partners.add(CoalitionPartner(organisation=first, role="Kartrekker", sort_order=1))
    dordrecht.save_revision().publish()
    page = CoalitionPage.objects.get(pk=dordrecht.pk)
    assert [p.organisation.name for p in page.get_partners()] == ["Sensoor", "Humanitas"]
    # The directory reads "coalitions this organisation is a partner of" without importing us.
    assert [p.page_id for p in first.coalition_partnerships.all()] == [dordrecht.pk]


def test_factories_for_inline_models(tree):
    assert CoalitionPartnerFactory(page=tree["dordrecht"]).locale_id == tree["dordrecht"].locale_id
    assert CoalitionContactFactory(page=tree["dordrecht"]).name.startswith("Voorbeeldpersoon")
    assert CoalitionSignatoryFactory(page=tree["dordrecht"]).signed_on.year == 2020
    assert CoalitionEditorGroupFactory().group.name.startswith("Redactie")


def test_index_groups_by_province_and_searches_by_name(client, tree):
    add(
        tree["coalitions"],
        CoalitionPageFactory,
        title="Coalitie Zwolle",
        municipality="Zwolle",
        province="overijssel",
    )
    response = client.get(tree["coalitions"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Overijssel") < html.index("Zuid-Holland")
    response = client.get(tree["coalitions"].url, {"q": "rotter"})
    assert [c.title for c in response.context["coalitions"]] == ["Coalitie Erbij Rotterdam"]
    response = client.get(tree["coalitions"].url, {"q": "x" * 5000})
    assert response.status_code in (200, 400)


def test_coalition_page_shows_partners_events_news_and_json_ld(client, tree):
    dordrecht = tree["dordrecht"]
    dordrecht.partners.add(CoalitionPartner(organisation=tree["organisation"], role="Kartrekker"))
    dordrecht.save_revision().publish()
    add_event(dordrecht, title="Kerst-Inn")
    add_event(dordrecht, days=-10, title="Voorbije koffie")
    add_event(tree["campaign"], title="Festival", coalition=dordrecht)
    add_event(tree["rotterdam"], title="Rotterdamse ontmoeting")
    add_news(dordrecht, title="Nieuws uit Dordrecht")
    response = client.get(dordrecht.url)
    html = response.content.decode()
    assert "Kerst-Inn" in html and "Festival" in html
    assert "Voorbije koffie" not in html and "Rotterdamse ontmoeting" not in html
    assert "Nieuws uit Dordrecht" in html
    assert "Humanitas Drechtsteden" in html and "Kartrekker" in html
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Organization"
    assert data["member"][0]["name"] == "Humanitas Drechtsteden"
    assert 'property="og:title"' in html


def test_json_ld_cannot_break_out_of_script(client, tree):
    add(tree["coalitions"], CoalitionPageFactory, title="</script><b>x", slug="evil", municipality="X")
    html = client.get(tree["coalitions"].url + "evil/").content.decode()
    assert "</script><b>" not in html
    assert "\\u003C/script\\u003E" in html
