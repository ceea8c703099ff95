"""Read HSDS 3.0 JSON into the directory: organisations, services, locations and schedules.

Accepts one service or organization document, a list of them, a paginated list response
(`{"contents": [...]}`), or a service_at_location document. Records are matched by their HSDS id
(in the chosen locale), so running the same import twice changes nothing the second time.

Every record is validated against the HSDS schema first; an invalid record is skipped and
reported, and so is one our models reject. Each record is saved in its own transaction.
Only keys present in a record are applied: a list item without `phones` keeps the phone number.
The Erbij attributes (see serializers.py) bring back the fields HSDS has no place for.
"""

import datetime
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from ..models import (
    RESERVED_SLUGS,
    Category,
    Language,
    Location,
    LocationSchedule,
    Neighbourhood,
    Organisation,
    Service,
    ServiceLocation,
    ServiceSchedule,
    TargetGroup,
)
from . import serializers, validation

BYDAY = {
    code: number for number, code in {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}.items()
}


class RecordError(Exception):
    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Report:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (where, record id, [messages])

    def count(self, bucket, kind):
        target = getattr(self, bucket)
        target[kind] = target.get(kind, 0) + 1

    def summary_lines(self):
        lines = []
        for label, bucket in (("nieuw", self.created), ("bijgewerkt", self.updated)):
            if bucket:
                lines.append(f"{label}: " + ", ".join(f"{n} {kind}" for kind, n in sorted(bucket.items())))
        lines.append(f"overgeslagen: {len(self.errors)}")
        return lines


# --- Reading files ---------------------------------------------------------------------------


def read_records(path):
    """(where, record) for every record in a file or in the .json files of a directory."""
    path = Path(path)
    files = sorted(p for p in path.rglob("*.json") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        try:
            with file.open(encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            yield str(file), error
            continue
        for number, record in enumerate(unwrap(document)):
            yield f"{file.name}#{number + 1}", record


def unwrap(document):
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, list):
        return document
    return [document]


def kind_of(record):
    if not isinstance(record, dict):
        return None
    if "status" in record:
        return "service"
    if isinstance(record.get("location"), dict) or ("location_id" in record and "service_id" in record):
        return "service_at_location"
    if "name" in record:
        return "organization"
    return None


# --- The importer ----------------------------------------------------------------------------


class Importer:
    def __init__(self, locale, report=None):
        self.locale = locale
        self.report = report or Report()

    def import_record(self, where, record):
        """Validate and save one record; problems go to the report, never raise."""
        if isinstance(record, Exception):
            self.report.errors.append((where, "", [f"cannot read: {record}"]))
            return False
        kind = kind_of(record)
        record_id = record.get("id", "") if isinstance(record, dict) else ""
        if kind is None:
            self.report.errors.append(
                (where, record_id, ["not an HSDS service, organization or service_at_location"])
            )
            return False
        problems = validation.errors(kind, record)
        if problems:
            self.report.errors.append((where, record_id, problems[:10]))
            return False
        try:
            with transaction.atomic():
                if kind == "service":
                    self.service(record)
                elif kind == "organization":
                    self.organisation(record)
                else:
                    self.service_at_location(record)
        except RecordError as error:
            self.report.errors.append((where, record_id, error.messages))
            return False
        except ValidationError as error:
            self.report.errors.append((where, record_id, _validation_messages(error)))
            return False
        return True

    # -- saving ---------------------------------------------------------------------------------

    def _find(self, model, hsds_id):
        """The record with this id in our locale, or a new one (a translation if another locale has it)."""
        instance = model.objects.filter(hsds_id=hsds_id, locale=self.locale).first()
        if instance is not None:
            return instance, False
        instance = model(hsds_id=hsds_id, locale=self.locale)
        other = model.objects.filter(hsds_id=hsds_id).exclude(locale=self.locale).first()
        if other is not None:
            instance.translation_key = other.translation_key
        return instance, True

    def _publish(self, instance, created, kind, before):
        """Save, then publish a revision: the record is live with its history in the admin."""
        if not created and before == _snapshot(instance):
            self.report.count("unchanged", kind)
            return instance
        instance.full_clean(validate_unique=False, validate_constraints=False)
        instance.save()
        instance.save_revision(clean=False).publish(log_action=True, skip_permission_checks=True)
        self.report.count("created" if created else "updated", kind)
        return instance

    def organisation(self, record, with_services=True):
        instance, created = self._find(Organisation, record["id"])
        before = _snapshot(instance)
        _apply(
            instance,
            record,
            {"name": "name", "description": "description", "email": "email", "website": "website"},
        )
        if "phones" in record:
            instance.phone = record["phones"][0]["number"][:30] if record["phones"] else ""
        if "organization_identifiers" in record:
            kvk = [
                item["identifier"].replace(" ", "")
                for item in record["organization_identifiers"]
                if item.get("identifier_scheme") == "NL-KVK"
                or "kvk" in item.get("identifier_type", "").lower()
            ]
            instance.kvk_number = kvk[0] if kvk else ""
        instance = self._publish(instance, created, "organisations", before)
        for service in record.get("services", []) if with_services else []:
            if isinstance(service, dict) and "status" in service and "id" in service:
                self.service(service, organisation=instance)
        return instance

    def service(self, record, organisation=None):
        instance, created = self._find(Service, record["id"])
        before = _snapshot(instance)

        if isinstance(record.get("organization"), dict) and "description" in record["organization"]:
            organisation = self.organisation(record["organization"], with_services=False)
        elif organisation is None and record.get("organization_id"):
            organisation = Organisation.objects.filter(
                hsds_id=record["organization_id"], locale=self.locale
            ).first()
        if organisation is not None:
            instance.organisation = organisation
        elif created:
            raise RecordError(["organization: missing; give `organization` or a known `organization_id`"])

        _apply(
            instance,
            record,
            {
                "name": "name",
                "description": "description",
                "url": "website",
                "email": "email",
                "status": "status",
                "application_process": "application_process",
                "fees_description": "fees_description",
            },
        )
        if "assured_date" in record:
            instance.last_checked_on = _parse_date(record["assured_date"])
        if "phones" in record:
            instance.phone = record["phones"][0]["number"][:30] if record["phones"] else ""
        if "contacts" in record:
            contact = record["contacts"][0] if record["contacts"] else {}
            instance.contact_name = contact.get("name", "")[:150]
            instance.contact_role = contact.get("title", "")[:150]
        if "cost_options" in record:
            instance.cost = _cost(record["cost_options"], instance.fees_description)
        elif "fees_description" in record:
            instance.cost = Service.Cost.CONTRIBUTION if instance.fees_description else Service.Cost.FREE

        attributes = record.get("attributes")
        fields = _field_values(attributes or [])
        if attributes is not None:
            instance.is_remote = fields.get(serializers.FIELD_REMOTE) == "true"
            access = [
                a["taxonomy_term"].get("code")
                for a in attributes
                if _taxonomy(a) == serializers.TAXONOMY_ACCESS
            ]
            if access and access[0] in Service.AccessMethod.values:
                instance.access_method = access[0]
            instance.categories = self._terms(Category, attributes, serializers.TAXONOMY_CATEGORY)
            instance.target_groups = self._terms(TargetGroup, attributes, serializers.TAXONOMY_TARGET_GROUP)
        if serializers.FIELD_SHORT_DESCRIPTION in fields:
            instance.short_description = fields[serializers.FIELD_SHORT_DESCRIPTION][:300]
        elif not instance.short_description:
            instance.short_description = (instance.description or instance.name)[:300]
        if serializers.FIELD_SLUG in fields:
            instance.slug = slugify(fields[serializers.FIELD_SLUG])[:200]
        if not instance.slug:
            instance.slug = self._free_slug(instance)

        if "languages" in record:
            instance.languages = [self._language(item) for item in record["languages"] if item.get("code")]
        if "service_at_locations" in record:
            links = []
            for item in record["service_at_locations"]:
                if not isinstance(item.get("location"), dict):
                    location = Location.objects.filter(
                        hsds_id=item.get("location_id"), locale=self.locale
                    ).first()
                    if location is None:
                        raise RecordError(
                            [f"service_at_locations: unknown location {item.get('location_id')}"]
                        )
                else:
                    location = self.location(item["location"])
                links.append(self._link(instance, item["id"], location))
            instance.service_locations = links
        if "schedules" in record:
            instance.schedules = self._schedules(
                ServiceSchedule,
                instance.schedules.all() if instance.pk else [],
                record["schedules"],
                with_location=True,
            )
        return self._publish(instance, created, "services", before)

    def location(self, record):
        instance, created = self._find(Location, record["id"])
        before = _snapshot(instance)
        _apply(instance, record, {"name": "name", "description": "description"})
        if "latitude" in record or "longitude" in record:
            instance.latitude = record.get("latitude")
            instance.longitude = record.get("longitude")
        if record.get("addresses"):
            address = record["addresses"][0]
            instance.address = (address.get("address_1", "") + " " + address.get("address_2", "")).strip()[
                :200
            ]
            instance.postal_code = address.get("postal_code", "")[:10]
            instance.city = address.get("city", "")[:100]
            instance.municipality = (address.get("region") or address.get("city") or "")[:100]
        if "accessibility" in record:
            instance.accessibility_notes = "\n".join(
                item["description"] for item in record["accessibility"] if item.get("description")
            )
        if "attributes" in record:
            fields = _field_values(record["attributes"])
            instance.wheelchair_accessible = fields.get(serializers.FIELD_WHEELCHAIR) == "true"
            wijken = [a for a in record["attributes"] if _taxonomy(a) == serializers.TAXONOMY_NEIGHBOURHOOD]
            instance.neighbourhood = self._neighbourhood(wijken[0], instance) if wijken else None
        if "schedules" in record:
            instance.schedules = self._schedules(
                LocationSchedule, instance.schedules.all() if instance.pk else [], record["schedules"]
            )
        return self._publish(instance, created, "locations", before)

    def service_at_location(self, record):
        service = record.get("service")
        if isinstance(service, dict) and "status" in service:
            if isinstance(record.get("location"), dict):
                service = dict(service)
                existing = Service.objects.filter(hsds_id=service["id"], locale=self.locale).first()
                known = (
                    {str(link.hsds_id): link for link in existing.service_locations.all()} if existing else {}
                )
                known_links = [
                    {"id": hsds_id, "location_id": str(link.location.hsds_id)}
                    for hsds_id, link in known.items()
                    if hsds_id != record["id"]
                ]
                service["service_at_locations"] = [
                    *known_links,
                    {"id": record["id"], "location": record["location"]},
                ]
            return self.service(service)
        raise RecordError(["service_at_location: needs the nested `service` (with status) to import"])

    # -- helpers --------------------------------------------------------------------------------

    def _link(self, service, hsds_id, location):
        existing = (
            ServiceLocation.objects.filter(hsds_id=hsds_id, service__pk=service.pk).first()
            if service.pk
            else None
        )
        link = existing or ServiceLocation(hsds_id=hsds_id)
        link.location = location
        return link

    def _schedules(self, model, existing, documents, with_location=False):
        existing = {str(item.hsds_id): item for item in existing}
        result = []
        for document in documents:
            days = [day.strip().upper() for day in document.get("byday", "").split(",") if day.strip()]
            opens, closes = _parse_time(document.get("opens_at")), _parse_time(document.get("closes_at"))
            if not days or opens is None or closes is None:
                raise RecordError([f"schedules/{document['id']}: needs byday, opens_at and closes_at"])
            for number, day in enumerate(days):
                if day[-2:] not in BYDAY:
                    raise RecordError([f"schedules/{document['id']}: unknown day {day[:10]}"])
                hsds_id = document["id"] if number == 0 else serializers.derived_id(document["id"], day)
                item = existing.get(str(hsds_id)) or model(hsds_id=hsds_id)
                item.weekday = BYDAY[day[-2:]]
                item.opens_at, item.closes_at = opens, closes
                item.note = (document.get("notes") or document.get("description") or "")[:200]
                if with_location:
                    location_id = document.get("location_id")
                    item.location = (
                        Location.objects.filter(hsds_id=location_id, locale=self.locale).first()
                        if location_id
                        else None
                    )
                item.full_clean(exclude=["location", "service"])
                result.append(item)
        return result

    def _terms(self, model, attributes, taxonomy):
        terms = []
        for item in attributes:
            if _taxonomy(item) != taxonomy:
                continue
            document = item["taxonomy_term"]
            term = model.objects.filter(hsds_id=document["id"], locale=self.locale).first()
            slug = slugify(document.get("code") or document["name"])[:100]
            if term is None:
                term = model.objects.filter(slug=slug, locale=self.locale).first()
            if term is None:
                term = model.objects.create(
                    hsds_id=document["id"],
                    slug=slug,
                    name=document["name"][:100],
                    description=document.get("description", ""),
                    locale=self.locale,
                )
                self.report.count("created", model._meta.verbose_name_plural)
            terms.append(term)
        return terms

    def _language(self, document):
        code = document["code"].strip().lower()[:10]
        language = Language.objects.filter(code=code, locale=self.locale).first()
        if language is None:
            language = Language.objects.create(
                code=code, name=(document.get("name") or code)[:100], locale=self.locale
            )
            self.report.count("created", "talen")
        return language

    def _neighbourhood(self, item, location):
        document = item["taxonomy_term"]
        wijk = Neighbourhood.objects.filter(hsds_id=document["id"]).first()
        wijk = wijk or Neighbourhood.objects.filter(slug=document.get("code") or "").first()
        if wijk is not None:
            return wijk
        try:
            latitude, longitude = (float(part) for part in item.get("value", "").split(","))
        except ValueError:
            latitude, longitude = location.latitude, location.longitude
        if latitude is None or longitude is None:
            return None
        wijk = Neighbourhood(
            hsds_id=document["id"],
            name=document["name"][:100],
            slug=slugify(document.get("code") or document["name"])[:120],
            municipality=(document.get("description") or location.municipality)[:100],
            latitude=latitude,
            longitude=longitude,
        )
        wijk.full_clean()
        wijk.save()
        self.report.count("created", "wijken")
        return wijk

    def _free_slug(self, service):
        base = slugify(service.name)[:190] or "hulpaanbod"
        slug, number = base, 1
        taken = Service.objects.filter(locale=self.locale).exclude(pk=service.pk)
        while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


def _apply(instance, record, mapping):
    for key, attribute in mapping.items():
        if key in record:
            model_field = instance._meta.get_field(attribute)
            value = record[key] or ""
            instance.__dict__[attribute] = (
                value[: model_field.max_length] if model_field.max_length else value
            )


def _taxonomy(attribute):
    term = attribute.get("taxonomy_term")
    return term.get("taxonomy") if isinstance(term, dict) else None


def _field_values(attributes):
    return {
        a["taxonomy_term"].get("code"): a.get("value", "")
        for a in attributes
        if _taxonomy(a) == serializers.TAXONOMY_FIELD
    }


def _cost(options, fees_description):
    for option in options:
        if option.get("option") == "free" or option.get("amount") == 0:
            return Service.Cost.FREE
    return Service.Cost.CONTRIBUTION if options or fees_description else Service.Cost.FREE


def _parse_date(value):
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except ValueError as error:
        raise RecordError([f"assured_date: not a date: {value[:30]}"]) from error


def _parse_time(value):
    if not value:
        return None
    try:
        return datetime.time.fromisoformat(value[:8])
    except ValueError:
        return None


def _snapshot(instance):
    """The plain field values, to tell whether an import changed anything (children: see caller)."""
    if instance.pk is None:
        return None
    values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    for name in ("schedules", "service_locations", "categories", "target_groups", "languages"):
        try:
            related = getattr(instance, name).all()
        except AttributeError:
            continue
        values[name] = sorted(_child_key(item) for item in related)
    return values


def _child_key(item):
    if hasattr(item, "weekday"):
        return (
            str(item.hsds_id),
            item.weekday,
            str(item.opens_at),
            str(item.closes_at),
            item.note,
            item.location_id or 0,
        )
    if hasattr(item, "location_id"):
        return (str(item.hsds_id), item.location_id)
    return (item.pk,)


def _validation_messages(error):
    if hasattr(error, "message_dict"):
        return [
            f"{name}: {' '.join(str(m) for m in messages)}" for name, messages in error.message_dict.items()
        ]
    return [str(message) for message in error.messages]


def is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
