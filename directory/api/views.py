"""The read-only Open Referral HSDS 3.0 API and the CSV export.

Only live records, in one language (the default, or `?locale=en`). Lists are paginated with
`page` and `per_page` (at most MAX_PER_PAGE) and take a fixed number of queries per page.
Bad input is answered with a JSON error (400 or 404), never a server error.
"""

import csv
import functools
import math
import re
import uuid

from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..models import Organisation, Service, ServiceLocation
from . import serializers

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_SEARCH_WORDS = 8
MAX_SEARCH_LENGTH = 200


class BadRequest(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def cors(view):
    """Anyone may read the API from a browser: GET with CORS, OPTIONS preflight, nothing else."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": "Method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                response = view(request, *args, **kwargs)
            except BadRequest as error:
                response = JsonResponse({"error": error.message}, status=error.status)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
        response["Access-Control-Max-Age"] = "86400"
        # Keep LocaleMiddleware from redirecting an API 404 to a language-prefixed URL.
        request.urlconf = "directory.api.standalone_urls"
        return response

    wrapper.csrf_exempt = True
    return wrapper


def json_response(document):
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})


# --- Parameters ------------------------------------------------------------------------------


def get_locale(request):
    code = request.GET.get("locale", "").strip()
    if not code:
        return Locale.get_default()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise BadRequest(f"Unknown locale: {code[:20]}")
    return locale


def positive_int(request, name, default):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    # Digits only (no sign, no decimals); Python ints do not overflow, callers cap the value.
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise BadRequest(f"{name} must be a whole number from 1")
    return int(raw)


def parse_uuid(value):
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def paginate(request, queryset, to_document):
    """The HSDS Page envelope around one page of documents (two queries plus prefetches)."""
    per_page = min(positive_int(request, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    page = positive_int(request, "page", 1)
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    if page > total_pages:
        raise BadRequest(f"Page {page} does not exist; there are {total_pages}", status=404)
    start = (page - 1) * per_page
    contents = [to_document(item) for item in queryset[start : start + per_page]]
    return json_response(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page == total_pages,
            "empty": total == 0,
            "contents": contents,
        }
    )


# --- Querysets -------------------------------------------------------------------------------


def live_services(locale):
    return Service.objects.filter(live=True, locale=locale).select_related("organisation", "locale")


def full_services(locale):
    """Live services with everything the nested document needs, in a fixed number of queries."""
    live_links = ServiceLocation.objects.filter(location__live=True).select_related(
        "location", "location__neighbourhood"
    )
    return live_services(locale).prefetch_related(
        "categories",
        "target_groups",
        "languages",
        "schedules__location",
        Prefetch("service_locations", queryset=live_links),
        "service_locations__location__schedules",
    )


def search_filter(text, prefix=""):
    """Every word must occur in the name, descriptions or organisation name."""
    condition = Q()
    words = text[:MAX_SEARCH_LENGTH].split()[:MAX_SEARCH_WORDS]
    for word in words:
        condition &= (
            Q(**{f"{prefix}name__icontains": word})
            | Q(**{f"{prefix}short_description__icontains": word})
            | Q(**{f"{prefix}description__icontains": word})
            | Q(**{f"{prefix}organisation__name__icontains": word})
        )
    return condition


def filter_services(request, queryset, prefix="", per_location=False):
    """The HSDS list filters: search/text, taxonomy_term(_id), municipality, organization_id, status.

    `per_location`: the queryset holds service_at_location rows, filtered on their own location.
    """
    text = request.GET.get("text", "") or request.GET.get("search", "")
    if text.strip():
        queryset = queryset.filter(search_filter(text, prefix))
    # Uncorrelated `IN (subquery)` filters: PostgreSQL hashes them once, where OR-ed EXISTS
    # subqueries ran once per row (seconds with 10,000 services).
    service_pk = f"{prefix}pk__in"
    term = (request.GET.get("taxonomy_term", "") or request.GET.get("taxonomy_term_id", "")).strip()
    if term:
        term_id = parse_uuid(term)
        in_categories = Service.categories.through.objects.filter(
            **({"category__hsds_id": term_id} if term_id else {"category__slug": term[:100]})
        ).values("service_id")
        in_groups = Service.target_groups.through.objects.filter(
            **({"targetgroup__hsds_id": term_id} if term_id else {"targetgroup__slug": term[:100]})
        ).values("service_id")
        queryset = queryset.filter(Q(**{service_pk: in_categories}) | Q(**{service_pk: in_groups}))
    municipality = request.GET.get("municipality", "").strip()
    if municipality and per_location:
        queryset = queryset.filter(location__municipality__iexact=municipality[:100])
    elif municipality:
        offered_there = ServiceLocation.objects.filter(
            location__live=True, location__municipality__iexact=municipality[:100]
        ).values("service_id")
        queryset = queryset.filter(Q(**{service_pk: offered_there}) | Q(**{f"{prefix}is_remote": True}))
    organization = request.GET.get("organization_id", "").strip()
    if organization:
        queryset = queryset.filter(**{f"{prefix}organisation__hsds_id": parse_uuid(organization)})
    status = request.GET.get("status", "").strip()
    if status:
        queryset = queryset.filter(**{f"{prefix}status": status[:30]})
    return queryset


# --- Endpoints -------------------------------------------------------------------------------


@cors
def index(request):
    return json_response(
        {
            "version": serializers.HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("hsds:profile")),
            "openapi_url": serializers.OPENAPI_URL,
            "name": "Erbij",
            "endpoints": {
                name: request.build_absolute_uri(reverse(f"hsds:{name}"))
                for name in ("services", "organizations", "service_at_locations", "services_csv")
            },
        }
    )


@cors
def profile(request):
    return json_response(serializers.PROFILE)


@cors
def services(request):
    locale = get_locale(request)
    queryset = filter_services(request, live_services(locale)).order_by("name", "pk")
    return paginate(request, queryset, lambda service: serializers.service_list_document(service, request))


@cors
def service_detail(request, hsds_id):
    locale = get_locale(request)
    service = full_services(locale).filter(hsds_id=_existing_id(hsds_id)).first()
    if service is None:
        raise BadRequest("Service not found", status=404)
    return json_response(serializers.service_document(service, request))


@cors
def organizations(request):
    locale = get_locale(request)
    queryset = Organisation.objects.filter(live=True, locale=locale)
    text = request.GET.get("text", "") or request.GET.get("search", "")
    for word in text[:MAX_SEARCH_LENGTH].split()[:MAX_SEARCH_WORDS]:
        queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
    queryset = queryset.select_related("logo").order_by("name", "pk")
    return paginate(request, queryset, lambda org: serializers.organization_document(org, request=request))


@cors
def organization_detail(request, hsds_id):
    locale = get_locale(request)
    organisation = (
        Organisation.objects.filter(live=True, locale=locale, hsds_id=_existing_id(hsds_id))
        .select_related("logo")
        .first()
    )
    if organisation is None:
        raise BadRequest("Organization not found", status=404)
    services = organisation.services.filter(live=True, locale=locale).order_by("name")
    return json_response(serializers.organization_document(organisation, services=services, request=request))


@cors
def service_at_locations(request):
    locale = get_locale(request)
    queryset = (
        ServiceLocation.objects.filter(service__live=True, service__locale=locale, location__live=True)
        .select_related("service", "service__organisation", "location", "location__neighbourhood")
        .prefetch_related("location__schedules")
    )
    queryset = filter_services(request, queryset, prefix="service__", per_location=True).order_by(
        "service__name", "pk"
    )
    return paginate(request, queryset, lambda link: serializers.service_at_location_document(link, request))


@cors
def service_at_location_detail(request, hsds_id):
    locale = get_locale(request)
    link = (
        ServiceLocation.objects.filter(
            hsds_id=_existing_id(hsds_id), service__live=True, service__locale=locale, location__live=True
        )
        .select_related("service", "service__organisation", "location", "location__neighbourhood")
        .prefetch_related("location__schedules")
        .first()
    )
    if link is None:
        raise BadRequest("Service at location not found", status=404)
    return json_response(serializers.service_at_location_document(link, request))


def _existing_id(value):
    parsed = parse_uuid(value)
    if parsed is None:
        raise BadRequest("Not found: ids are UUIDs", status=404)
    return parsed


# --- CSV -------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "organization_id",
    "organization_name",
    "name",
    "short_description",
    "description",
    "status",
    "categories",
    "target_groups",
    "languages",
    "cost",
    "fees_description",
    "access_method",
    "application_process",
    "phone",
    "email",
    "url",
    "remote",
    "municipalities",
    "addresses",
    "assured_date",
    "last_modified",
]


class _Echo:
    def write(self, value):
        return value


def csv_rows(locale, request=None):
    yield CSV_COLUMNS
    queryset = (
        filter_services(request, full_services(locale)) if request is not None else full_services(locale)
    )
    for service in queryset.order_by("name", "pk").iterator(chunk_size=500):
        links = [link for link in service.service_locations.all() if link.location.live]
        yield [
            str(service.hsds_id),
            str(service.organisation.hsds_id),
            service.organisation.name,
            service.name,
            service.short_description,
            service.description,
            service.status,
            "|".join(term.slug for term in service.categories.all()),
            "|".join(term.slug for term in service.target_groups.all()),
            "|".join(language.code for language in service.languages.all()),
            service.cost,
            service.fees_description,
            service.access_method,
            service.application_process,
            service.phone,
            service.email,
            service.website,
            "true" if service.is_remote else "false",
            "|".join(sorted({link.location.municipality for link in links})),
            "|".join(link.location.full_address for link in links),
            service.last_checked_on.isoformat() if service.last_checked_on else "",
            serializers.iso_datetime(service.last_published_at) or "",
        ]


@cors
def services_csv(request):
    """All live services of one language as CSV (same filters as /services, no pagination)."""
    locale = get_locale(request)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(_safe_row(row)) for row in csv_rows(locale, request)),
        content_type="text/csv; charset=utf-8",
    )
    filename = _("hulpaanbod")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{locale.language_code}.csv"'
    return response


PHONE_LIKE = re.compile(r"^[+-][\d\s()-]*$")


def _safe_row(row):
    """Spreadsheets run cells that start with = + - @ as formulas: prefix those with a quote.

    A phone number such as +31 78 123 4567 is left alone.
    """
    return [
        f"'{cell}"
        if isinstance(cell, str)
        and cell[:1] in ("=", "+", "-", "@", "\t", "\r")
        and not PHONE_LIKE.match(cell)
        else cell
        for cell in row
    ]
