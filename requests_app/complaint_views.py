"""Pages for data-protection complaints: IG's list and case page, logging one from email,
letter or phone, the action page, and the public "complain about how we handled your personal
data" form."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from organisation import access
from organisation.access import IG_ROLES, role_required
from organisation.netaddr import ratelimit_key
from requests_app import complaints
from requests_app.complaint_models import ComplaintStatus
from requests_app.complaint_workflow import (
    OPEN,
    complaints_visible_to,
    get_complaint_for_user,
)
from requests_app.models import Channel
from workflow.engine import ActionRefused, available_actions
from workflow.forms import DateInput
from workflow.views import action_page

PAGE_SIZE = 25
SORTS = {
    "acknowledge_by": (F("acknowledge_by").asc(nulls_last=True), "id"),
    "-received_at": ("-received_at", "-id"),
    "received_at": ("received_at", "id"),
}
TEXT = forms.Textarea(attrs={"rows": 6})


class ComplaintForm(forms.Form):
    # Labels and messages are translated: the public form is shown in Welsh as well.
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email address"), required=False)
    address = forms.CharField(
        label=_("Postal address (if you want letters by post)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    what_happened = forms.CharField(
        label=_("What happened to your personal data, and what would put it right"),
        widget=TEXT,
        max_length=20000,
    )
    related_reference = forms.CharField(
        label=_("Reference of a request or letter it is about (if you have one)"),
        required=False,
        max_length=50,
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not (data.get("address") or "").strip():
            self.add_error(
                "email", gettext("Give an email address or a postal address for our reply.")
            )
        return data


class StaffComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(
        label="How it arrived", choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    # Day, month and year boxes (GOV.UK date input), not the browser's locale-dependent picker.
    received_on = DateInput(label="Date received")

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        if day.year < 2000:
            raise forms.ValidationError("Enter a date from 2000 onwards.")
        return day


@role_required(IG_ROLES)
def complaint_list(request):
    queryset = complaints_visible_to(request.user)
    status = request.GET.get("status", "open")
    if status == "open":
        queryset = queryset.filter(status__in=OPEN)
    elif status in ComplaintStatus.values:
        queryset = queryset.filter(status=status)
    else:
        status = "all"
    sort = request.GET.get("sort", "acknowledge_by")
    if sort not in SORTS:
        sort = "acknowledge_by"
    page = Paginator(queryset.order_by(*SORTS[sort]), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "requests_app/complaints/list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": ComplaintStatus.choices,
            # "Open" is the list's default, so only a different choice is a filter in use.
            "status_options": [("all", "All"), *ComplaintStatus.choices],
            "sort": sort,
            "today": timezone.localdate(),
        },
    )


@role_required(IG_ROLES)
def complaint_new(request):
    form = StaffComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        received = timezone.make_aware(dt.datetime.combine(data["received_on"], dt.time(9, 0)))
        try:
            complaint = complaints.complaint_log(
                user=request.user,
                name=data["name"],
                email=data["email"],
                address=data["address"],
                channel=data["channel"],
                received_at=min(received, timezone.now()),
                what_happened=data["what_happened"],
                related_reference=data["related_reference"],
            )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Complaint logged as {complaint.reference}.")
            return redirect("requests:complaint", pk=complaint.pk)
    return render(request, "requests_app/complaints/new.html", {"form": form})


@login_required
def complaint_detail(request, pk):
    complaint = get_complaint_for_user(request.user, pk)
    actions = available_actions(request.user, complaint)
    try:
        working = complaints.acknowledgement_due(complaint.received_at).explanation
    except ValueError as error:
        working = [str(error)]
    return render(
        request,
        "requests_app/complaints/detail.html",
        {
            "complaint": complaint,
            "primary_actions": [a for a in actions if not a.secondary],
            "secondary_actions": [a for a in actions if a.secondary],
            "events": complaint.events.select_related("actor")[:100],
            "working": working,
            "can_open_case": complaint.related_case_id
            and access.can(request.user, "view", complaint.related_case),
            "can_open_breach": complaint.related_breach_id
            and access.can(request.user, "view", complaint.related_breach),
        },
    )


@login_required
def complaint_action(request, pk, action):
    return action_page(request, get_complaint_for_user(request.user, pk), action)


def _over_hourly_limit(request) -> bool:
    """The public form's limit (PUBLIC_FORM_MAX_PER_HOUR per address), counted atomically in
    the shared cache by django-ratelimit; a cache outage lets the complaint through."""
    try:
        usage = get_usage(
            request,
            group="public-complaint-form",
            key=ratelimit_key,
            rate=f"{settings.PUBLIC_FORM_MAX_PER_HOUR}/h",
            method=get_usage.ALL,
            increment=True,
        )
    except Exception:  # noqa: BLE001 - any cache backend failure
        return False
    return bool(usage and usage["should_limit"])


def public_complaint(request):
    """No sign-in: anyone may complain about how the council handled their personal data."""
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _over_hourly_limit(request):
        form.add_error(
            None,
            gettext(
                "We have received several complaints from your connection in the last hour. "
                "Please try again later, or email the Information Governance team."
            ),
        )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # Stored records are English whatever language the form was read in.
            with translation.override(settings.LANGUAGE_CODE):
                complaints.complaint_log(
                    user=None,
                    name=data["name"],
                    email=data["email"],
                    address=data["address"],
                    channel=Channel.WEB,
                    received_at=timezone.now(),
                    what_happened=data["what_happened"],
                    related_reference=data["related_reference"],
                )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            return redirect("public:complaint_done")
    return render(request, "requests_app/public/complaint_form.html", {"form": form})


def public_complaint_done(request):
    return render(request, "requests_app/public/complaint_done.html")
