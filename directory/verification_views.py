"""The pages behind the link in the check mail: confirm with one click, or propose changes."""

from django import forms
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .verification import ListingCheck


class ProposalForm(forms.Form):
    changes = forms.CharField(
        label=_("Wat moet er anders?"),
        help_text=_(
            "Bijvoorbeeld: nieuwe openingstijden, een ander telefoonnummer, of dat het aanbod stopt."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def listing_check(request, token):
    if request.method == "GET":
        check = ListingCheck.from_token(token)
        return _page(request, check, ProposalForm())

    with transaction.atomic():
        # Locked, so two clicks at once cannot both use the same link.
        check = ListingCheck.from_token(token, for_update=True)
        if check is None or check.used_at is not None:
            return _page(request, check, ProposalForm())
        action = request.POST.get("action")
        if action == "confirm":
            check.confirm()
            return TemplateResponse(
                request, "directory/verification/done.html", {"check": check, "confirmed": True}
            )
        if action == "propose":
            form = ProposalForm(request.POST)
            if form.is_valid():
                check.propose(form.cleaned_data["changes"])
                return TemplateResponse(
                    request, "directory/verification/done.html", {"check": check, "confirmed": False}
                )
            return _page(request, check, form, status=400)
    raise Http404


def _page(request, check, form, status=200):
    if check is None:
        return TemplateResponse(request, "directory/verification/invalid.html", {}, status=404)
    if check.used_at is not None:
        return TemplateResponse(request, "directory/verification/used.html", {"check": check}, status=410)
    service = check.service
    context = {"check": check, "service": service, "form": form, "locations": service.locations}
    return TemplateResponse(request, "directory/verification/check.html", context, status=status)
