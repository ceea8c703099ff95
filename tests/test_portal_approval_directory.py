"""Approval against the real directory Service model and the coalition page's partner inline.

Both come from other apps (directory, coalitions). Where a model is not installed yet, the test
checks that approval does nothing for it instead of failing; with both apps merged it checks the
full behaviour: draft services, and the partner added in a draft revision of the coalition page.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from portal.approval import approve
from portal.factories import PartnerSignupFactory, PartnerSignupServiceFactory

pytestmark = pytest.mark.django_db


def installed(label, name):
    try:
        return apps.get_model(label, name)
    except LookupError:
        return None


def test_approval_creates_draft_services_and_draft_partnership(home_page):
    user = get_user_model().objects.create_superuser("goedkeurder", "g@erbij.example", "pw")
    signup = PartnerSignupFactory(organisation_name="Stichting Samen Koken")
    PartnerSignupServiceFactory(signup=signup, name="Samen koken", description="Elke vrijdag samen koken.")
    PartnerSignupServiceFactory(signup=signup, name="Samen koken", description="Ook op zondag.")
    coalition_model = installed("coalitions", "CoalitionPage")
    coalition = None
    if coalition_model is not None:
        from coalitions.factories import CoalitionPageFactory

        coalition = CoalitionPageFactory.build(title="Coalitie Dordrecht", slug="coalitie-dordrecht")
        home_page.add_child(instance=coalition)
        coalition.save_revision().publish()
        signup.coalitions.set([coalition])

    organisation, services, partnered = approve(signup, user)

    service_model = installed("directory", "Service")
    if service_model is None:
        assert services == []
    else:
        assert [service.name for service in services] == ["Samen koken", "Samen koken"]
        assert len({service.slug for service in services}) == 2
        assert all(service.organisation == organisation and not service.live for service in services)
        assert service_model.objects.filter(organisation=organisation).count() == 2

    if coalition_model is None:
        assert partnered == []
    else:
        assert len(partnered) == 1
        live = coalition_model.objects.get(pk=coalition.pk)
        assert live.partners.count() == 0  # not published yet: an editor publishes the draft
        assert live.has_unpublished_changes
        draft = live.get_latest_revision_as_object()
        assert [partner.organisation_id for partner in draft.partners.all()] == [organisation.pk]
        live.get_latest_revision().publish()
        assert coalition_model.objects.get(pk=coalition.pk).partners.get().organisation == organisation
        # Approving another sign-up of the same organisation does not add it twice.
        again = PartnerSignupFactory()
        again.coalitions.set([coalition])
        _org, _services, partnered_again = approve(again, user, organisation=organisation)
        assert partnered_again == []
