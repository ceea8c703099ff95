"""Directory records as HSDS 3.0 documents.

Our fields map onto HSDS where HSDS has a place for them. What HSDS has no field for (the short
description, the slug, how to get the help, "everywhere by phone or online", wheelchair access,
the wijk, categories and target groups) travels as HSDS `attributes` with a taxonomy term of one
of the Erbij taxonomies below: the extension point HSDS itself offers. The import reads them back,
so an export followed by an import keeps every field. `PROFILE` documents this for consumers.

Ids of rows that have no table of their own here (phones, contacts, addresses, attributes) are
UUID 5 values derived from their parent's id, so they are stable too.
"""

import uuid

from django.utils import timezone

# All derived ids live in this namespace (a fixed random UUID; never change it).
ERBIJ_NAMESPACE = uuid.UUID("5b0f6a3e-2f59-4d8e-9a55-3c1f8f0de8a1")

TAXONOMY_CATEGORY = "erbij-categorie"
TAXONOMY_TARGET_GROUP = "erbij-doelgroep"
TAXONOMY_ACCESS = "erbij-toegang"
TAXONOMY_FIELD = "erbij-veld"
TAXONOMY_NEIGHBOURHOOD = "erbij-wijk"

# Codes in the erbij-veld taxonomy: an attribute's `value` carries the field's value.
FIELD_SHORT_DESCRIPTION = "short_description"
FIELD_SLUG = "slug"
FIELD_REMOTE = "remote"
FIELD_WHEELCHAIR = "wheelchair_accessible"

FIELD_DESCRIPTIONS = {
    FIELD_SHORT_DESCRIPTION: "Korte beschrijving in eenvoudige taal; value is de tekst.",
    FIELD_SLUG: "Het laatste deel van het adres van de pagina van het hulpaanbod; value is de slug.",
    FIELD_REMOTE: "Telefonisch of online te krijgen, overal; value is 'true'.",
    FIELD_WHEELCHAIR: "De locatie is toegankelijk met rolstoel of rollator; value is 'true'.",
}

TAXONOMY_DESCRIPTIONS = {
    TAXONOMY_CATEGORY: "Soort hulp, bijvoorbeeld samen eten of huisbezoek. code is de slug.",
    TAXONOMY_TARGET_GROUP: "Voor wie, bijvoorbeeld ouderen of mantelzorgers. code is de slug.",
    TAXONOMY_ACCESS: "Hoe krijgt u deze hulp: walk_in, phone, referral of sign_up.",
    TAXONOMY_FIELD: "Velden van Erbij zonder plaats in HSDS; value is de waarde.",
    TAXONOMY_NEIGHBOURHOOD: "De wijk van een locatie. code is de slug, description de gemeente, "
    "value de breedte- en lengtegraad van het midden ('51.8,4.6').",
}

HSDS_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"


def derived_id(parent_id, kind):
    return str(uuid.uuid5(ERBIJ_NAMESPACE, f"{parent_id}:{kind}"))


def fixed_term_id(taxonomy, code):
    return str(uuid.uuid5(ERBIJ_NAMESPACE, f"{taxonomy}:{code}"))


def compact(document):
    """Leave out unknown values: HSDS types are strict (a string field may not be null)."""
    return {key: value for key, value in document.items() if value is not None and value != ""}


def iso_datetime(value):
    return timezone.localtime(value).isoformat() if value else None


def hhmm(value):
    return value.strftime("%H:%M") if value else None


# --- Attributes ------------------------------------------------------------------------------


def term_document(*, term_id, code, name, description, taxonomy, language=None):
    return compact(
        {
            "id": str(term_id),
            "code": code,
            "name": name,
            "taxonomy": taxonomy,
            "language": language,
        }
    ) | {"description": description or ""}  # required by HSDS, may be empty


def attribute(link_id, link_entity, term, value=None):
    return compact(
        {
            "id": derived_id(link_id, f"attribute:{term['taxonomy']}:{term.get('code', term['id'])}"),
            "link_id": str(link_id),
            "link_type": link_entity,
            "link_entity": link_entity,
            "taxonomy_term_id": term["id"],
            "value": value,
            "taxonomy_term": term,
        }
    )


def field_attribute(link_id, link_entity, code, value):
    term = term_document(
        term_id=fixed_term_id(TAXONOMY_FIELD, code),
        code=code,
        name=code,
        description=FIELD_DESCRIPTIONS.get(code, ""),
        taxonomy=TAXONOMY_FIELD,
    )
    return attribute(link_id, link_entity, term, value)


def taxonomy_term_attribute(link_id, term, taxonomy, language):
    document = term_document(
        term_id=term.hsds_id,
        code=term.slug,
        name=term.name,
        description=term.description,
        taxonomy=taxonomy,
        language=language,
    )
    return attribute(link_id, "service", document)


def access_attribute(service):
    document = term_document(
        term_id=fixed_term_id(TAXONOMY_ACCESS, service.access_method),
        code=service.access_method,
        name=str(service.get_access_method_display()),
        description="",
        taxonomy=TAXONOMY_ACCESS,
    )
    return attribute(service.hsds_id, "service", document)


# --- Schedules -------------------------------------------------------------------------------


def schedule_document(schedule, *, service_id=None, location_id=None):
    return compact(
        {
            "id": str(schedule.hsds_id),
            "service_id": str(service_id) if service_id else None,
            "location_id": str(location_id) if location_id else None,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": schedule.hsds_byday,
            "opens_at": hhmm(schedule.opens_at),
            "closes_at": hhmm(schedule.closes_at),
            "notes": schedule.note,
            "timezone": None,
        }
    )


# --- Organisations ---------------------------------------------------------------------------


def organization_document(organisation, *, services=None, request=None):
    """One-to-one fields, phones and the KvK number; `services` adds a short service list."""
    document = compact(
        {
            "id": str(organisation.hsds_id),
            "name": organisation.name,
            "email": organisation.email,
            "website": organisation.website,
            "logo": _logo_url(organisation, request),
        }
    )
    # Required by HSDS, may be empty.
    document["description"] = organisation.description or ""
    document["phones"] = (
        [{"id": derived_id(organisation.hsds_id, "phone"), "number": organisation.phone}]
        if organisation.phone
        else []
    )
    document["organization_identifiers"] = (
        [
            {
                "id": derived_id(organisation.hsds_id, "kvk"),
                "organization_id": str(organisation.hsds_id),
                "identifier_scheme": "NL-KVK",
                "identifier_type": "KvK-nummer",
                "identifier": organisation.kvk_number,
            }
        ]
        if organisation.kvk_number
        else []
    )
    if services is not None:
        document["services"] = [
            compact(
                {
                    "id": str(service.hsds_id),
                    "organization_id": str(organisation.hsds_id),
                    "name": service.name,
                    "status": service.status,
                    "description": service.description,
                }
            )
            for service in services
        ]
    return document


def _logo_url(organisation, request):
    if not organisation.logo_id:
        return None
    try:
        url = organisation.logo.file.url
    except (ValueError, OSError):
        return None
    return request.build_absolute_uri(url) if request is not None else url


# --- Locations -------------------------------------------------------------------------------


def location_document(location):
    document = compact(
        {
            "id": str(location.hsds_id),
            "location_type": "physical",
            "name": location.name,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    )
    document["addresses"] = [
        {
            "id": derived_id(location.hsds_id, "address"),
            "location_id": str(location.hsds_id),
            "address_1": location.address,
            "city": location.city,
            "region": location.municipality,
            # Required by HSDS; we do not record the province.
            "state_province": "",
            "postal_code": location.postal_code,
            "country": "NL",
            "address_type": "physical",
        }
    ]
    document["accessibility"] = (
        [
            {
                "id": derived_id(location.hsds_id, "accessibility"),
                "location_id": str(location.hsds_id),
                "description": location.accessibility_notes,
            }
        ]
        if location.accessibility_notes
        else []
    )
    document["schedules"] = [
        schedule_document(schedule, location_id=location.hsds_id) for schedule in location.schedules.all()
    ]
    attributes = []
    if location.wheelchair_accessible:
        attributes.append(field_attribute(location.hsds_id, "location", FIELD_WHEELCHAIR, "true"))
    if location.neighbourhood_id:
        wijk = location.neighbourhood
        term = term_document(
            term_id=wijk.hsds_id,
            code=wijk.slug,
            name=wijk.name,
            description=wijk.municipality,
            taxonomy=TAXONOMY_NEIGHBOURHOOD,
        )
        attributes.append(attribute(location.hsds_id, "location", term, f"{wijk.latitude},{wijk.longitude}"))
    document["attributes"] = attributes
    return document


# --- Services --------------------------------------------------------------------------------


def service_list_document(service, request=None):
    """The one-to-one fields of a service and its organisation (HSDS service_list)."""
    return compact(
        {
            "id": str(service.hsds_id),
            "organization_id": str(service.organisation.hsds_id),
            "name": service.name,
            "description": service.description,
            "url": service.website,
            "email": service.email,
            "status": service.status,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "assured_date": service.last_checked_on.isoformat() if service.last_checked_on else None,
            "last_modified": iso_datetime(service.last_published_at),
        }
    ) | {"organization": organization_document(service.organisation, request=request)}


def service_document(service, request=None, locations=None):
    """A fully nested service (HSDS service). Expects the prefetches of `views.full_services`."""
    document = service_list_document(service, request=request)
    hsds_id = service.hsds_id
    document["phones"] = (
        [{"id": derived_id(hsds_id, "phone"), "service_id": str(hsds_id), "number": service.phone}]
        if service.phone
        else []
    )
    document["contacts"] = (
        [
            compact(
                {
                    "id": derived_id(hsds_id, "contact"),
                    "service_id": str(hsds_id),
                    "name": service.contact_name,
                    "title": service.contact_role,
                    "email": service.email,
                }
            )
        ]
        if service.contact_name or service.contact_role
        else []
    )
    document["schedules"] = [
        schedule_document(
            schedule,
            service_id=hsds_id,
            location_id=schedule.location.hsds_id if schedule.location_id else None,
        )
        for schedule in service.schedules.all()
    ]
    links = service.service_locations.all() if locations is None else locations
    document["service_at_locations"] = [
        {
            "id": str(link.hsds_id),
            "service_id": str(hsds_id),
            "location_id": str(link.location.hsds_id),
            "location": location_document(link.location),
        }
        for link in links
        if link.location.live
    ]
    document["languages"] = [
        compact(
            {
                "id": derived_id(hsds_id, f"language:{language.code}"),
                "service_id": str(hsds_id),
                "name": language.name,
                "code": language.code,
            }
        )
        for language in service.languages.all()
    ]
    document["cost_options"] = [cost_option(service)]
    language = service.locale.language_code
    attributes = [
        *(
            taxonomy_term_attribute(hsds_id, term, TAXONOMY_CATEGORY, language)
            for term in service.categories.all()
        ),
        *(
            taxonomy_term_attribute(hsds_id, term, TAXONOMY_TARGET_GROUP, language)
            for term in service.target_groups.all()
        ),
        access_attribute(service),
        field_attribute(hsds_id, "service", FIELD_SHORT_DESCRIPTION, service.short_description),
        field_attribute(hsds_id, "service", FIELD_SLUG, service.slug),
    ]
    if service.is_remote:
        attributes.append(field_attribute(hsds_id, "service", FIELD_REMOTE, "true"))
    document["attributes"] = attributes
    return document


def cost_option(service):
    if service.cost == service.Cost.FREE:
        return compact(
            {
                "id": derived_id(service.hsds_id, "cost"),
                "service_id": str(service.hsds_id),
                "option": "free",
                "currency": "EUR",
                "amount": 0,
                "amount_description": service.fees_description,
            }
        )
    return compact(
        {
            "id": derived_id(service.hsds_id, "cost"),
            "service_id": str(service.hsds_id),
            "option": "contribution",
            "currency": "EUR",
            "amount_description": service.fees_description,
        }
    )


def service_at_location_document(link, request=None):
    """A service at one location, with both nested (HSDS service_at_location_list item)."""
    return {
        "id": str(link.hsds_id),
        "service_id": str(link.service.hsds_id),
        "location_id": str(link.location.hsds_id),
        "location": location_document(link.location),
        "service": service_list_document(link.service, request=request),
    }


PROFILE = {
    "name": "Erbij",
    "version": HSDS_VERSION,
    "description": (
        "HSDS 3.0 zonder wijzigingen aan het schema. Wat HSDS niet kent, staat in `attributes` "
        "met een term uit een van de taxonomieën hieronder."
    ),
    "taxonomies": TAXONOMY_DESCRIPTIONS,
    "fields": FIELD_DESCRIPTIONS,
    "identifiers": "Alle ids zijn UUID's en blijven gelijk; in elke taal hetzelfde.",
}
