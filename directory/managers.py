"""Query helpers for services: what residents may see, and the directory filters."""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from modelsearch.queryset import SearchableQuerySetMixin

# Open "in the evening" means still open after this time.
EVENING_STARTS = datetime.time(18, 0)
WEEKEND_DAYS = (6, 7)


class ServiceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self, locale=None):
        """Live, active services (in one language when locale is given)."""
        qs = self.filter(live=True, status="active")
        if locale is not None:
            qs = qs.filter(locale=locale)
        return qs

    def open_on(self, weekdays=None, after=None):
        """Services open on one of these ISO weekdays (and/or after a time).

        A service's own schedule counts; a service without one is open when one of its
        locations is.
        """
        from .models import LocationSchedule, ServiceSchedule

        service_filter = Q()
        location_filter = Q()
        if weekdays is not None:
            service_filter &= Q(weekday__in=weekdays)
            location_filter &= Q(weekday__in=weekdays)
        if after is not None:
            service_filter &= Q(closes_at__gt=after)
            location_filter &= Q(closes_at__gt=after)
        own_schedule = ServiceSchedule.objects.filter(service=OuterRef("pk"))
        own_match = own_schedule.filter(service_filter)
        location_match = LocationSchedule.objects.filter(
            location_filter, location__service_locations__service=OuterRef("pk")
        )
        return self.filter(Exists(own_match) | (~Exists(own_schedule) & Exists(location_match)))

    def open_in_evening(self):
        return self.open_on(after=EVENING_STARTS)

    def open_in_weekend(self):
        return self.open_on(weekdays=WEEKEND_DAYS)
