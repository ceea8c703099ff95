"""Admin: review of sign-ups and help requests, municipalities, privacy tools, dashboard panel."""

import json
from datetime import datetime, timedelta

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .coalition_links import coalition_list, normalise
from .models import HelpRequest, HelpRequestPage, Municipality, PartnerSignup, PartnerSignupPage
from .permissions import (
    can_manage_privacy,
    help_request_policy,
    municipalities_for,
    review_coalition_keys_for,
    signup_policy,
)
from .privacy import erase_person, export_person

register_permission_policy(HelpRequest, help_request_policy)
register_permission_policy(PartnerSignup, signup_policy)


class HelpRequestViewSet(ModelViewSet):
    model = HelpRequest
    name = "portal_helprequests"
    url_prefix = "hulpvragen"
    icon = "help"
    menu_label = gettext_lazy("Hulpvragen")
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.HelpRequestIndexView
    inspect_view_class = admin_views.HelpRequestInspectView
    edit_view_class = admin_views.HelpRequestEditView
    delete_view_class = admin_views.HelpRequestDeleteView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView
    form_fields = ["status", "assigned_organisation", "assigned_user"]
    list_display = ["reference", "status", "municipality", "wijk", "created_at", "assigned_organisation"]
    list_filter = ["status", "municipality", "created_at"]
    list_export = [
        "reference",
        "status",
        "municipality",
        "wijk",
        "created_at",
        "first_name",
        "phone",
        "email",
        "contact_time",
        "for_whom",
        "help_kinds",
        "message",
    ]
    export_filename = "hulpvragen"
    search_fields = ["reference"]
    search_backend_name = None
    inspect_view_fields = [
        "reference",
        "status",
        "municipality",
        "wijk",
        "first_name",
        "phone",
        "email",
        "help_kinds",
        "message",
        "for_whom",
        "contact_time",
        "assigned_organisation",
        "assigned_user",
        "created_at",
        "closed_at",
        "consent_given_at",
        "consent_version",
        "consent_text",
    ]

    def get_form_class(self, for_update=False):
        return admin_views.HelpRequestReviewForm

    def get_edit_handler(self):
        from wagtail.admin.panels import FieldPanel, ObjectList

        return ObjectList(
            [
                FieldPanel("status"),
                FieldPanel("assigned_organisation"),
                FieldPanel("assigned_user"),
                FieldPanel("note"),
            ]
        ).bind_to_model(HelpRequest)


class PartnerSignupViewSet(ModelViewSet):
    model = PartnerSignup
    name = "portal_signups"
    url_prefix = "aanmeldingen"
    icon = "group"
    menu_label = gettext_lazy("Aanmeldingen partners")
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.SignupIndexView
    delete_view_class = admin_views.SignupDeleteView
    inspect_view_class = admin_views.SignupInspectView
    edit_view_class = admin_views.SignupEditView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView
    list_display = ["reference", "organisation_name", "status", "created_at"]
    list_filter = ["status", "created_at"]
    list_export = [
        "reference",
        "status",
        "organisation_name",
        "kvk_number",
        "website",
        "contact_name",
        "contact_email",
        "created_at",
    ]
    export_filename = "aanmeldingen"
    search_fields = ["reference", "organisation_name", "kvk_number"]
    search_backend_name = None
    inspect_view_fields = [
        "reference",
        "status",
        "organisation_name",
        "kvk_number",
        "website",
        "address",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
        "coalitions",
        "logo",
        "organisation",
        "rejection_reason",
        "created_at",
        "decided_at",
        "consent_given_at",
        "consent_version",
    ]

    def get_form_class(self, for_update=False):
        return admin_views.SignupReviewForm

    def get_edit_handler(self):
        from wagtail.admin.panels import FieldPanel, ObjectList

        return ObjectList([FieldPanel("start_review"), FieldPanel("note")]).bind_to_model(PartnerSignup)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/goedkeuren/", admin_views.approve_view, name="approve"),
            path("<int:pk>/afwijzen/", admin_views.reject_view, name="reject"),
        ]


class PortalViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Aanmeldingen en hulpvragen")
    menu_icon = "mail"
    menu_order = 250
    items = (PartnerSignupViewSet, HelpRequestViewSet)


@hooks.register("register_admin_viewset")
def register_portal_viewsets():
    return PortalViewSetGroup()


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = gettext_lazy("Gemeenten en wijken")
    list_display = ["name", "help_group"]
    search_fields = ["name"]


register_snippet(MunicipalityViewSet)


# --- Privacy (AVG) -------------------------------------------------------------------------


class PersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mailadres"), required=False, max_length=254)
    phone = forms.CharField(label=gettext_lazy("Telefoonnummer"), required=False, max_length=30)
    confirm = forms.BooleanField(
        label=gettext_lazy("Ja, wis alles over deze persoon. Dit kan niet ongedaan worden gemaakt."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Vul een e-mailadres of telefoonnummer in."))
        return data


@require_admin_access
def privacy_view(request):
    if not can_manage_privacy(request.user):
        return admin_views.forbidden(request)
    form = PersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email, phone = form.cleaned_data["email"], form.cleaned_data["phone"]
        if "export" in request.POST:
            data = export_person(email, phone)
            from .models import HelpRequestAccessLog

            HelpRequestAccessLog.record(
                request.user,
                HelpRequestAccessLog.Action.EXPORT,
                [item["reference"] for item in data["help_requests"]],
            )
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="gegevens-persoon.json"'
            return response
        if "erase" in request.POST:
            if not form.cleaned_data.get("confirm"):
                form.add_error("confirm", _("Zet het vinkje om te bevestigen dat u alles wilt wissen."))
            else:
                counts = erase_person(request.user, email, phone)
                messages.success(
                    request,
                    _("Gewist: %(help_requests)s hulpvragen, %(signups)s aanmeldingen, %(mails)s mails.")
                    % counts,
                )
                return redirect("portal_privacy")
    return TemplateResponse(
        request,
        "portal/admin/privacy.html",
        {"form": form, "page_title": _("Privacy: gegevens van een persoon")},
    )


@hooks.register("register_admin_urls")
def register_privacy_url():
    return [path("privacy-persoon/", privacy_view, name="portal_privacy")]


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_privacy(request.user)


@hooks.register("register_settings_menu_item")
def register_privacy_menu_item():
    return PrivacyMenuItem(
        gettext_lazy("Privacy: gegevens van een persoon"),
        reverse("portal_privacy"),
        icon_name="lock",
        order=900,
    )


# --- Form pages with open submissions cannot be deleted ------------------------------------


def open_submission_count(page):
    specific = page.specific_class
    if specific is HelpRequestPage:
        return HelpRequest.objects.filter(page_id=page.pk, status__in=HelpRequest.OPEN_STATUSES).count()
    if specific is PartnerSignupPage:
        return PartnerSignup.objects.filter(page_id=page.pk, status__in=PartnerSignup.OPEN_STATUSES).count()
    return 0


@hooks.register("before_delete_page")
def protect_form_pages_with_open_submissions(request, page):
    pages = [page] + list(page.get_descendants())
    count = sum(open_submission_count(item) for item in pages)
    if count:
        messages.error(
            request,
            _("Deze pagina kan niet weg: er zijn nog %(count)s open inzendingen. Handel ze eerst af.")
            % {"count": count},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


# --- Dashboard panel -----------------------------------------------------------------------


class PortalPanel(Component):
    """Open sign-ups and help requests per coalition, for the coalitions the user may review.

    A user sees a coalition's open sign-ups if they review its sign-ups, and its open help requests
    if they are in the help-request group of its municipality; superusers see everything. The
    number of queries does not grow with the number of coalitions.
    """

    name = "portal_open_submissions"
    template_name = "portal/admin/dashboard_panel.html"
    order = 150

    def __init__(self, request):
        self.request = request
        self._context = None

    def get_context_data(self, parent_context=None):
        if self._context is None:
            self._context = panel_context(self.request.user)
        return self._context


def panel_context(user):
    rows = coalition_rows(user)
    if rows is None:
        return {"show": False}
    weeks = weekly_counts(
        signup_policy.instances_user_has_permission_for(user, "view"),
        help_request_policy.instances_user_has_permission_for(user, "view"),
    )
    max_count = max([1] + [max(week["signups"], week["help"]) for week in weeks])
    for index, week in enumerate(weeks):
        week["x"] = index * 40 + 4
        week["signup_height"] = round(week["signups"] / max_count * 100)
        week["help_height"] = round(week["help"] / max_count * 100)
        week["signup_y"] = 110 - week["signup_height"]
        week["help_y"] = 110 - week["help_height"]
    return {"show": True, "rows": rows, "weeks": weeks, "max_count": max_count}


def coalition_rows(user):
    """Rows (name, signups, help) of the panel, or None if the user may review nothing.

    ``signups`` or ``help`` is None where the user may not see that kind for the coalition.
    """
    if not (user and user.is_active and user.is_authenticated):
        return None
    superuser = user.is_superuser
    review_keys = set() if superuser else review_coalition_keys_for(user)
    if superuser:
        municipalities = list(Municipality.objects.order_by("name").values_list("pk", "name"))
    else:
        municipalities = municipalities_for(user)
    if not (superuser or review_keys or municipalities):
        return None

    links = PartnerSignup.coalitions.through.objects.filter(
        partnersignup__status__in=PartnerSignup.OPEN_STATUSES
    )
    if not superuser:
        links = links.filter(page__translation_key__in=review_keys)
    signup_counts = dict(
        links.values("page__translation_key")
        .annotate(count=Count("partnersignup_id", distinct=True))
        .order_by()
        .values_list("page__translation_key", "count")
    )
    help_counts = dict(
        HelpRequest.objects.filter(
            status__in=HelpRequest.OPEN_STATUSES, municipality_id__in=[pk for pk, _name in municipalities]
        )
        .values("municipality_id")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("municipality_id", "count")
    )
    help_by_name, names = {}, {}
    for pk, name in municipalities:
        key = normalise(name)
        help_by_name[key] = help_by_name.get(key, 0) + help_counts.get(pk, 0)
        names[key] = name

    rows, matched = [], set()
    for coalition in coalition_list():
        municipality = normalise(coalition["municipality"])
        may_signups = superuser or coalition["translation_key"] in review_keys
        # A superuser sees 0 for a coalition whose municipality takes no help requests (yet).
        may_help = superuser or municipality in help_by_name
        if not (may_signups or may_help):
            continue
        if may_help:
            matched.add(municipality)
        rows.append(
            {
                "name": coalition["title"],
                "signups": signup_counts.get(coalition["translation_key"], 0) if may_signups else None,
                "help": help_by_name.get(municipality, 0) if may_help else None,
            }
        )
    # Open help requests that belong to no coalition still need somebody.
    for key in sorted(set(help_by_name) - matched):
        if help_by_name[key]:
            rows.append(
                {
                    "name": _("%(municipality)s (geen coalitie)") % {"municipality": names[key]},
                    "signups": None,
                    "help": help_by_name[key],
                }
            )
    if superuser:
        without = PartnerSignup.objects.filter(
            status__in=PartnerSignup.OPEN_STATUSES, coalitions__isnull=True
        ).count()
        if without:
            rows.append({"name": _("Geen coalitie gekozen"), "signups": without, "help": None})
    return rows


def weekly_counts(signups, help_requests, weeks=12):
    """New sign-ups and help requests per week (Monday first), oldest first: two queries."""
    today = timezone.localdate()
    start_of_week = today - timedelta(days=today.weekday())
    first = start_of_week - timedelta(weeks=weeks - 1)

    def per_week(queryset):
        rows = (
            queryset.filter(created_at__date__gte=first)
            .annotate(week=TruncWeek("created_at"))
            .values("week")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {_as_local_date(row["week"]): row["count"] for row in rows}

    signup_weeks, help_weeks = per_week(signups), per_week(help_requests)
    result = []
    for offset in range(weeks - 1, -1, -1):
        start = start_of_week - timedelta(weeks=offset)
        result.append(
            {
                "start": start,
                "label": start.strftime("%d-%m"),
                "signups": signup_weeks.get(start, 0),
                "help": help_weeks.get(start, 0),
            }
        )
    return result


def _as_local_date(value):
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


@hooks.register("construct_homepage_panels")
def add_portal_panel(request, panels):
    panel = PortalPanel(request)
    if panel.get_context_data()["show"]:
        panels.append(panel)
