"""Validate documents against the vendored HSDS 3.0 schemas (see schemas/README.md)."""

import functools
import gzip
import json
from pathlib import Path

from jsonschema import FormatChecker
from jsonschema.validators import validator_for

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

# The names the tests and the import use: one object of each kind, and one item of a list.
SCHEMA_FILES = {
    "service": "compiled_service.json.gz",
    "organization": "compiled_organization.json.gz",
    "service_at_location": "compiled_service_at_location.json.gz",
    "service_list": "compiled_service_list.json.gz",
    "service_at_location_list": "compiled_service_at_location_list.json.gz",
}

# The paginated envelope of every list response (components/schemas/Page of the HSDS openapi.json).
PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
}


@functools.cache
def schema(name):
    with gzip.open(SCHEMA_DIR / SCHEMA_FILES[name], "rt", encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def validator(name):
    document_schema = schema(name)
    cls = validator_for(document_schema)
    return cls(document_schema, format_checker=FormatChecker())


def errors(name, document):
    """A list of readable messages, empty when the document is valid."""
    messages = []
    for error in sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        messages.append(f"{where}: {error.message}")
    return messages


def page_errors(document, item_schema):
    """Errors of a paginated list response: the Page envelope and every item of `contents`."""
    messages = []
    if not isinstance(document, dict):
        return ["(root): not an object"]
    for field, kind in PAGE_FIELDS.items():
        value = document.get(field)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            messages.append(f"{field}: missing or not {kind.__name__}")
    contents = document.get("contents")
    if not isinstance(contents, list):
        return [*messages, "contents: missing or not a list"]
    for number, item in enumerate(contents):
        messages.extend(f"contents/{number}/{message}" for message in errors(item_schema, item))
    return messages
