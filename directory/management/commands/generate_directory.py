"""Make a large synthetic directory for benchmarks: `manage.py generate_directory --services 10000`.

Uses bulk_create and indexes in batches, so 10,000 services take well under two minutes.
Generated records are named "Synthetisch …" and can be removed with --clear.
"""

import datetime
import random
import time
import uuid

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from directory import demo, facetindex
from directory.models import (
    Category,
    Language,
    Location,
    Neighbourhood,
    Organisation,
    Service,
    ServiceLocation,
    ServiceSchedule,
    TargetGroup,
)

PREFIX = "Synthetisch"
ACTIVITIES = [
    ("Samen eten", "Een warme maaltijd met buurtgenoten.", "samen-eten"),
    ("Koffieochtend", "Koffie en een praatje in de wijk.", "ontmoeting"),
    ("Huisbezoek", "Een vrijwilliger komt bij u langs.", "huisbezoek"),
    ("Maatje", "Samen wandelen, praten of iets ondernemen.", "maatje"),
    ("Telefooncirkel", "Elke dag een belletje om te horen hoe het gaat.", "luisterlijn"),
    ("Digitaal spreekuur", "Hulp bij telefoon, tablet en DigiD.", "digitale-hulp"),
    ("Mantelzorgcafé", "Even tijd voor uzelf, met andere mantelzorgers.", "mantelzorg"),
    ("Wandelgroep", "Elke week samen een uur wandelen.", "activiteiten"),
    ("Taalcafé", "Nederlands oefenen met vrijwilligers.", "ontmoeting"),
    ("Creatieve middag", "Schilderen, breien en kletsen.", "activiteiten"),
]
BATCH = 1000


class Command(BaseCommand):
    help = "Maakt een grote synthetische sociale kaart voor benchmarks (met --clear weer weg)."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--clear", action="store_true", help="Remove earlier synthetic records first.")
        parser.add_argument("--no-index", action="store_true", help="Skip updating the search index.")

    def handle(self, *args, services, seed, clear, no_index, **options):
        started = time.perf_counter()
        rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        if clear:
            self._clear()
        if services <= 0:
            return
        locale = Locale.get_default()
        with transaction.atomic():
            terms = self._taxonomy(locale)
            neighbourhoods = self._neighbourhoods()
            organisations = self._organisations(locale, max(1, services // 50))
            locations = self._locations(locale, neighbourhoods, max(1, services // 10), rng)
            created = self._services(locale, services, organisations, locations, terms, rng)
            # bulk_create sends no signals: tell the search facets the directory changed.
            facetindex.directory_changed()
        self.stdout.write(f"Created {len(created)} services in {time.perf_counter() - started:.1f}s")
        if not no_index:
            self._index(created)
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f}s"))

    def _clear(self):
        ids = list(Service.objects.filter(name__startswith=PREFIX).values_list("pk", flat=True))
        for backend in get_search_backends(with_auto_update=True):
            for service in Service.objects.filter(pk__in=ids).iterator():
                backend.delete(service)
        Service.objects.filter(pk__in=ids).delete()
        Location.objects.filter(name__startswith=PREFIX).delete()
        Organisation.objects.filter(name__startswith=PREFIX).delete()
        self.stdout.write(f"Removed {len(ids)} synthetic services")

    def _taxonomy(self, locale):
        for order, (slug, name, _en, description) in enumerate(demo.CATEGORIES):
            Category.objects.get_or_create(
                slug=slug,
                locale=locale,
                defaults={"name": name, "description": description, "sort_order": order},
            )
        for order, (slug, name, _en) in enumerate(demo.TARGET_GROUPS):
            TargetGroup.objects.get_or_create(
                slug=slug, locale=locale, defaults={"name": name, "sort_order": order}
            )
        for order, (code, name, _en) in enumerate(demo.LANGUAGES):
            Language.objects.get_or_create(
                code=code, locale=locale, defaults={"name": name, "sort_order": order}
            )
        return {
            "categories": {c.slug: c for c in Category.objects.filter(locale=locale)},
            "groups": list(TargetGroup.objects.filter(locale=locale)),
            "languages": list(Language.objects.filter(locale=locale)),
        }

    def _neighbourhoods(self):
        for slug, (name, municipality, lat, lon) in demo.NEIGHBOURHOODS.items():
            Neighbourhood.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "municipality": municipality, "latitude": lat, "longitude": lon},
            )
        return list(Neighbourhood.objects.all())

    def _organisations(self, locale, count):
        run = uuid.uuid4().hex[:6]
        objs = [
            Organisation(
                name=f"{PREFIX} organisatie {run}-{n}", description="Synthetische organisatie.", locale=locale
            )
            for n in range(count)
        ]
        created = Organisation.objects.bulk_create(objs, batch_size=BATCH)
        self.stdout.write(f"  {len(created)} organisations")
        return created

    def _locations(self, locale, neighbourhoods, count, rng):
        objs = []
        for n in range(count):
            wijk = rng.choice(neighbourhoods)
            objs.append(
                Location(
                    name=f"{PREFIX} locatie {n} {wijk.name}",
                    address=f"Teststraat {n + 1}",
                    postal_code="0000 AA",
                    city=wijk.municipality,
                    municipality=wijk.municipality,
                    neighbourhood=wijk,
                    latitude=round(wijk.latitude + rng.uniform(-0.01, 0.01), 6),
                    longitude=round(wijk.longitude + rng.uniform(-0.015, 0.015), 6),
                    wheelchair_accessible=rng.random() < 0.6,
                    locale=locale,
                )
            )
        created = Location.objects.bulk_create(objs, batch_size=BATCH)
        self.stdout.write(f"  {len(created)} locations")
        return created

    def _services(self, locale, count, organisations, locations, terms, rng):
        run = uuid.uuid4().hex[:6]
        today = datetime.date.today()
        objs = []
        for n in range(count):
            title, text, category = rng.choice(ACTIVITIES)
            location = rng.choice(locations)
            objs.append(
                Service(
                    organisation=rng.choice(organisations),
                    name=f"{PREFIX} {title} {location.neighbourhood.name} {n}",
                    slug=f"synthetisch-{run}-{n}",
                    short_description=text,
                    description=f"{text} In {location.municipality}, wijk {location.neighbourhood.name}.",
                    cost=Service.Cost.FREE if rng.random() < 0.6 else Service.Cost.CONTRIBUTION,
                    fees_description="" if rng.random() < 0.6 else "€ 3",
                    access_method=rng.choice(Service.AccessMethod.values),
                    phone=f"078 000 {n % 100:02d} {n % 97:02d}",
                    email=f"synthetisch{n}@example.org",
                    status=Service.Status.ACTIVE,
                    last_checked_on=today - datetime.timedelta(days=rng.randint(0, 400)),
                    is_remote=rng.random() < 0.03,
                    locale=locale,
                )
            )
            objs[-1]._category = category
            objs[-1]._location = location
        created = []
        for start in range(0, len(objs), BATCH):
            created += Service.objects.bulk_create(objs[start : start + BATCH])
            self.stdout.write(f"  services {min(start + BATCH, len(objs))}/{len(objs)}")

        categories = terms["categories"]
        category_rows, group_rows, language_rows, place_rows, schedule_rows = [], [], [], [], []
        CategoryLink = Service.categories.through
        GroupLink = Service.target_groups.through
        LanguageLink = Service.languages.through
        for service, obj in zip(created, objs, strict=True):
            category_rows.append(
                CategoryLink(service_id=service.pk, category_id=categories[obj._category].pk)
            )
            for group in rng.sample(terms["groups"], k=rng.randint(1, 2)):
                group_rows.append(GroupLink(service_id=service.pk, targetgroup_id=group.pk))
            for language in rng.sample(terms["languages"], k=rng.randint(1, 2)):
                language_rows.append(LanguageLink(service_id=service.pk, language_id=language.pk))
            if not service.is_remote:
                place_rows.append(ServiceLocation(service_id=service.pk, location_id=obj._location.pk))
            weekday = rng.randint(1, 7)
            opens = rng.choice([9, 10, 13, 14, 17, 19])
            schedule_rows.append(
                ServiceSchedule(
                    service_id=service.pk,
                    weekday=weekday,
                    opens_at=datetime.time(opens),
                    closes_at=datetime.time(opens + 2),
                )
            )
        for model, rows, label in (
            (CategoryLink, category_rows, "categories"),
            (GroupLink, group_rows, "target groups"),
            (LanguageLink, language_rows, "languages"),
            (ServiceLocation, place_rows, "service locations"),
            (ServiceSchedule, schedule_rows, "schedules"),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH)
            self.stdout.write(f"  {len(rows)} {label}")
        return created

    def _index(self, created):
        ids = [service.pk for service in created]
        backends = list(get_search_backends(with_auto_update=True))
        for start in range(0, len(ids), BATCH):
            batch = list(
                Service.objects.filter(pk__in=ids[start : start + BATCH])
                .select_related("organisation")
                .prefetch_related("categories", "target_groups")
            )
            for backend in backends:
                backend.add_bulk(Service, batch)
            self.stdout.write(f"  indexed {min(start + BATCH, len(ids))}/{len(ids)}")
