"""The residents' side of the directory: search with filters, suggestions, and one page per service."""

from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse

from .models import Service


def directory_context(page, request):
    return {}


def autocomplete_view(page, request):
    return JsonResponse({"suggestions": []})


def service_view(page, request, slug):
    service = Service.objects.public(locale=page.locale).filter(slug=slug).first()
    if service is None:
        raise Http404
    return TemplateResponse(request, "directory/service_page.html", {"page": page, "service": service})
