"""Admin views for reviewing sign-ups and help requests (used by the viewsets in wagtail_hooks)."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets import Button
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from directory.models import Organisation

from .approval import ApprovalError, approve, reject, set_in_review
from .coalition_links import coalition_list, coalitions_for_help_request
from .models import (
    HelpRequest,
    HelpRequestAccessLog,
    HelpRequestEvent,
    PartnerSignup,
    PartnerSignupEvent,
)
from .permissions import review_coalition_keys_for, signup_policy


def forbidden(request, message=None):
    """A real 403 page (Wagtail's own denial is a redirect to the dashboard)."""
    return TemplateResponse(
        request,
        "portal/admin/forbidden.html",
        {"page_title": _("Geen toegang"), "message": message or _("U heeft geen toegang tot deze gegevens.")},
        status=403,
    )


class Forbidden403Mixin:
    """Turn every refusal into a 403 response; also refuse users with no right at all."""

    def setup(self, request, *args, **kwargs):
        self._forbidden = False
        try:
            super().setup(request, *args, **kwargs)
        except PermissionDenied:
            self._forbidden = True

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model)
        if self._forbidden or not policy.user_has_any_permission(request.user, ["view", "change", "delete"]):
            return forbidden(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)


class ScopedObjectMixin(Forbidden403Mixin):
    """Load the object and refuse (403) unless the user's groups give ``instance_action`` on it."""

    instance_action = "view"

    def get_object(self, queryset=None):
        obj = get_object_or_404(self.model, pk=unquote(str(self.kwargs["pk"])))
        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_permission_for_instance(self.request.user, self.instance_action, obj):
            raise PermissionDenied
        return obj


class ScopedIndexMixin(Forbidden403Mixin):
    """A listing (and its export) of only the rows in the user's groups' coalitions or municipalities."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        visible = policy_registry.get_by_type(self.model).instances_user_has_permission_for(
            self.request.user, "view"
        )
        return queryset.filter(pk__in=visible.values("pk"))

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            if not policy_registry.get_by_type(self.model).user_has_permission(self.request.user, "export"):
                raise PermissionDenied
            self.exported(context["object_list"])
        return super().render_to_response(context, **response_kwargs)

    def exported(self, object_list):
        pass


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    instance_action = "change"


class ScopedUsageView(ScopedObjectMixin, UsageView):
    instance_action = "view"


# --- Help requests -------------------------------------------------------------------------

ALLOWED_TRANSITIONS = {
    HelpRequest.Status.NEW: {HelpRequest.Status.ASSIGNED, HelpRequest.Status.CLOSED},
    HelpRequest.Status.ASSIGNED: {HelpRequest.Status.CONTACTED, HelpRequest.Status.CLOSED},
    HelpRequest.Status.CONTACTED: {HelpRequest.Status.ASSIGNED, HelpRequest.Status.CLOSED},
    HelpRequest.Status.CLOSED: {HelpRequest.Status.ASSIGNED},
}


class HelpRequestIndexView(ScopedIndexMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("municipality", "wijk")

    def exported(self, object_list):
        references = [item.reference for item in object_list]
        HelpRequestAccessLog.record(self.request.user, HelpRequestAccessLog.Action.EXPORT, references)


class HelpRequestInspectView(ScopedObjectMixin, InspectView):
    instance_action = "view"
    template_name = "portal/admin/helprequest_inspect.html"

    def get(self, request, *args, **kwargs):
        HelpRequestAccessLog.record(request.user, HelpRequestAccessLog.Action.VIEW, [self.object.reference])
        return super().get(request, *args, **kwargs)

    def get_help_kinds_display_value(self):
        return ", ".join(self.object.help_kind_labels())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("user")
        context["status_labels"] = dict(HelpRequest.Status.choices)
        context["coalitions"] = [
            row["title"] for row in coalition_list(coalitions_for_help_request(self.object))
        ]
        return context


class HelpRequestReviewForm(WagtailAdminModelForm):
    note = forms.CharField(
        label=gettext_lazy("Notitie"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Komt in de geschiedenis van deze hulpvraag. Alleen uw groep ziet hem."),
    )

    class Meta:
        model = HelpRequest
        fields = ["status", "assigned_organisation", "assigned_user"]

    def clean(self):
        data = super().clean()
        old = self.initial.get("status")
        new = data.get("status")
        if new and old and new != old and new not in ALLOWED_TRANSITIONS.get(old, set()):
            self.add_error("status", _("Deze stap kan niet vanuit de huidige status."))
        if new == HelpRequest.Status.ASSIGNED and not (
            data.get("assigned_organisation") or data.get("assigned_user")
        ):
            self.add_error(
                "assigned_organisation",
                _("Kies een organisatie of een persoon om de hulpvraag aan toe te wijzen."),
            )
        return data


class HelpRequestEditView(ScopedObjectMixin, EditView):
    instance_action = "change"

    def save_instance(self):
        old = HelpRequest.objects.get(pk=self.object.pk).status
        with transaction.atomic():
            instance = self.form.save(commit=False)
            if instance.status == HelpRequest.Status.CLOSED and old != HelpRequest.Status.CLOSED:
                instance.closed_at = timezone.now()
            elif instance.status != HelpRequest.Status.CLOSED:
                instance.closed_at = None
            instance.save()
            note = self.form.cleaned_data.get("note", "")
            if note or old != instance.status:
                HelpRequestEvent.objects.create(
                    help_request=instance,
                    user=self.request.user,
                    from_status=old,
                    to_status=instance.status,
                    note=note,
                )
            HelpRequestAccessLog.record(
                self.request.user, HelpRequestAccessLog.Action.EDIT, [instance.reference]
            )
        return instance


class HelpRequestDeleteView(ScopedObjectMixin, DeleteView):
    instance_action = "delete"

    def delete_action(self):
        reference = self.object.reference
        with transaction.atomic():
            super().delete_action()
            HelpRequestAccessLog.record(self.request.user, HelpRequestAccessLog.Action.DELETE, [reference])


# --- Partner sign-ups ----------------------------------------------------------------------


class SignupIndexView(ScopedIndexMixin, IndexView):
    pass


class SignupDeleteView(ScopedObjectMixin, DeleteView):
    instance_action = "delete"


class SignupInspectView(ScopedObjectMixin, InspectView):
    instance_action = "view"
    template_name = "portal/admin/partnersignup_inspect.html"

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.is_open and self.user_has_permission("change"):
            buttons += [
                Button(
                    _("Goedkeuren"),
                    url=reverse("portal_signups:approve", args=[self.object.pk]),
                    icon_name="check",
                    priority=1,
                ),
                Button(
                    _("Afwijzen"),
                    url=reverse("portal_signups:reject", args=[self.object.pk]),
                    icon_name="cross",
                    priority=2,
                ),
            ]
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["services"] = self.object.services.all()
        context["events"] = self.object.events.select_related("user")
        context["status_labels"] = dict(PartnerSignup.Status.choices)
        context["can_change"] = self.user_has_permission("change")
        context["to_publish"] = drafts_to_publish(self.object, self.request.user)
        return context


def drafts_to_publish(signup, user):
    """What approving this sign-up made that is not public yet, with edit links where the user may.

    The organisation's draft services, and the chosen coalition pages with unpublished changes
    (where the approval added the organisation as partner in a draft revision).
    """
    if signup.status != PartnerSignup.Status.APPROVED or signup.organisation_id is None:
        return []
    finder = AdminURLFinder(user)
    items = []
    for service in signup.organisation.services.filter(live=False).order_by("name"):
        items.append(
            {"label": _("Aanbod: %(name)s") % {"name": service.name}, "url": finder.get_edit_url(service)}
        )
    for page in signup.coalitions.filter(has_unpublished_changes=True).order_by("title"):
        items.append(
            {
                "label": _("Coalitiepagina: %(title)s") % {"title": page.title},
                "url": finder.get_edit_url(page),
            }
        )
    return items


class SignupReviewForm(WagtailAdminModelForm):
    note = forms.CharField(
        label=gettext_lazy("Notitie"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    start_review = forms.BooleanField(
        label=gettext_lazy("Ik neem deze aanmelding in behandeling"), required=False
    )

    class Meta:
        model = PartnerSignup
        fields = []


class SignupEditView(ScopedObjectMixin, EditView):
    instance_action = "change"

    def save_instance(self):
        signup = self.object
        if self.form.cleaned_data.get("start_review") and signup.status == PartnerSignup.Status.NEW:
            set_in_review(signup, self.request.user)
        note = self.form.cleaned_data.get("note")
        if note:
            PartnerSignupEvent.objects.create(
                signup=signup,
                user=self.request.user,
                from_status=signup.status,
                to_status=signup.status,
                note=note,
            )
        return signup


class ApproveForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Bestaande organisatie (mag leeg blijven)"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=gettext_lazy(
            "Staat de organisatie al in de wegwijzer? Kies haar dan. Anders maken we haar aan."
        ),
    )
    coalitions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Partner worden van"),
        queryset=Page.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _signup_for_change(request, pk):
    signup = get_object_or_404(PartnerSignup, pk=pk)
    if not signup_policy.user_has_permission_for_instance(request.user, "change", signup):
        return None
    return signup


def approval_coalition_choices(signup, user):
    """The coalition pages a reviewer may make the organisation a partner of, as drafts.

    The coalitions the applicant chose, plus (to correct a choice) the live coalitions the reviewer
    reviews; a superuser may pick any live coalition. Always the page in the default language:
    other languages follow it (an alias copies its source, a translation is synced from it).
    """
    from .forms import coalition_page_queryset

    default = Locale.get_default()
    chosen_keys = list(signup.coalitions.values_list("translation_key", flat=True))
    offered = coalition_page_queryset(default)
    if not user.is_superuser:
        offered = offered.filter(translation_key__in=review_coalition_keys_for(user))
    chosen = Page.objects.filter(locale=default, translation_key__in=chosen_keys)
    return Page.objects.filter(Q(pk__in=offered.values("pk")) | Q(pk__in=chosen.values("pk"))).order_by(
        "title"
    )


def approve_view(request, pk):
    signup = _signup_for_change(request, pk)
    if signup is None:
        return forbidden(request)
    inspect_url = reverse("portal_signups:inspect", args=[pk])
    form = ApproveForm(
        request.POST if request.method == "POST" else None,
        initial={
            "coalitions": list(
                Page.objects.filter(
                    locale=Locale.get_default(),
                    translation_key__in=signup.coalitions.values("translation_key"),
                ).values_list("pk", flat=True)
            ),
            "organisation": Organisation.objects.filter(kvk_number=signup.kvk_number).first(),
        },
    )
    form.fields["coalitions"].queryset = approval_coalition_choices(signup, request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation, services, partnered = approve(
                signup,
                request.user,
                organisation=form.cleaned_data["organisation"],
                coalition_pages=form.cleaned_data["coalitions"],
            )
        except ApprovalError as error:
            messages.error(request, str(error))
            return redirect(inspect_url)
        messages.success(
            request,
            _(
                "Aanmelding goedgekeurd. Organisatie: %(organisation)s; %(services)s aanbod als concept; "
                "partner op %(pages)s coalitiepagina's (concept, nog publiceren)."
            )
            % {"organisation": organisation.name, "services": len(services), "pages": len(partnered)},
        )
        return redirect(inspect_url)
    return TemplateResponse(
        request,
        "portal/admin/signup_decision.html",
        {
            "signup": signup,
            "form": form,
            "action": "approve",
            "inspect_url": inspect_url,
            "page_title": _("Aanmelding %(reference)s goedkeuren") % {"reference": signup.reference},
        },
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden van afwijzing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("De aanvrager krijgt deze reden in een mail."),
        error_messages={"required": gettext_lazy("Schrijf de reden van de afwijzing op.")},
    )


def reject_view(request, pk):
    signup = _signup_for_change(request, pk)
    if signup is None:
        return forbidden(request)
    inspect_url = reverse("portal_signups:inspect", args=[pk])
    form = RejectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reject(signup, request.user, form.cleaned_data["reason"])
        except ApprovalError as error:
            messages.error(request, str(error))
            return redirect(inspect_url)
        messages.success(request, _("Aanmelding afgewezen. De aanvrager krijgt een mail met de reden."))
        return redirect(inspect_url)
    return TemplateResponse(
        request,
        "portal/admin/signup_decision.html",
        {
            "signup": signup,
            "form": form,
            "action": "reject",
            "inspect_url": inspect_url,
            "page_title": _("Aanmelding %(reference)s afwijzen") % {"reference": signup.reference},
        },
    )
