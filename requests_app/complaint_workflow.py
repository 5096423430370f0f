"""The complaint's transitions table, its access policy and its action forms.

Complaints are seen and handled by Information Governance only (the DPO is the IG manager):
they are about how the council handled someone's personal data."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse

from organisation import access
from requests_app import complaints
from requests_app.checks import IG
from requests_app.complaint_models import (
    Complaint,
    ComplaintEvent,
    ComplaintOutcome,
    ComplaintStatus,
)
from workflow.engine import permitted
from workflow.forms import ActionForm, ConfirmForm
from workflow.transitions import Transition, Workflow, register

OPEN = frozenset(
    {ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.INVESTIGATING}
)
TEXT = forms.Textarea(attrs={"rows": 6})


def not_acknowledged(complaint, user) -> str | None:
    return "The complaint has already been acknowledged." if complaint.acknowledged_at else None


class UpdateForm(ActionForm):
    update = forms.CharField(label="Update for the complainant", widget=TEXT, max_length=20000)


class NoteForm(ActionForm):
    text = forms.CharField(label="Investigation note (internal)", widget=TEXT, max_length=20000)


class OutcomeForm(ActionForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[c for c in ComplaintOutcome.choices if c[0]],
        widget=forms.RadioSelect,
    )
    outcome_text = forms.CharField(
        label="What we found and what we will do",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50000,
    )


class WithdrawForm(ActionForm):
    reason = forms.CharField(label="Note (optional)", required=False, widget=TEXT, max_length=5000)


COMPLAINTS = register(
    Workflow(
        model=Complaint,
        noun="complaint",
        event_model=ComplaintEvent,
        event_field="complaint",
        record_arg="complaint_id",
        detail_url=lambda c: reverse("requests:complaint", args=[c.pk]),
        label=lambda c: f"{c.reference}: complaint from {c.name}",
        in_scope=lambda user, complaint, scope: access.is_ig(user),
    )
)
COMPLAINTS.add(
    Transition(
        "acknowledge",
        "Acknowledge",
        frozenset({ComplaintStatus.RECEIVED}),
        ComplaintStatus.ACKNOWLEDGED,
        IG,
        checks=(not_acknowledged,),
        form=ConfirmForm,
        service=complaints.complaint_acknowledge,
        confirm="Send the acknowledgement to the complainant.",
    ),
    Transition(
        "send_update",
        "Send a progress update",
        frozenset({ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.INVESTIGATING}),
        ComplaintStatus.INVESTIGATING,
        IG,
        form=UpdateForm,
        service=complaints.complaint_send_update,
    ),
    Transition(
        "add_note",
        "Add an investigation note",
        OPEN | {ComplaintStatus.OUTCOME_SENT},
        None,
        IG,
        secondary=True,
        form=NoteForm,
        service=complaints.complaint_add_note,
        changes_record=False,
    ),
    Transition(
        "send_outcome",
        "Send the outcome",
        OPEN,
        ComplaintStatus.OUTCOME_SENT,
        IG,
        form=OutcomeForm,
        service=complaints.complaint_send_outcome,
        slow=True,
    ),
    Transition(
        "close",
        "Close the complaint",
        frozenset({ComplaintStatus.OUTCOME_SENT}),
        ComplaintStatus.CLOSED,
        IG,
        form=ConfirmForm,
        service=complaints.complaint_close,
    ),
    Transition(
        "link",
        "Link to a case or breach",
        OPEN | {ComplaintStatus.OUTCOME_SENT, ComplaintStatus.CLOSED, ComplaintStatus.WITHDRAWN},
        None,
        IG,
        secondary=True,
        # Its own page (search, then pick): requests_app.complaint_links.complaint_link_page.
        form=None,
        service=complaints.complaint_link,
    ),
    Transition(
        "withdraw",
        "Record withdrawal",
        OPEN,
        ComplaintStatus.WITHDRAWN,
        IG,
        secondary=True,
        form=WithdrawForm,
        service=complaints.complaint_withdraw,
    ),
)


def complaints_visible_to(user):
    return Complaint.objects.all() if access.is_ig(user) else Complaint.objects.none()


def complaint_policy(user, action: str, complaint) -> bool:
    if action == "view":
        return access.is_ig(user)
    return permitted(user, complaint, action)


access.register_policy(Complaint, complaint_policy)


def get_complaint_for_user(user, pk: int) -> Complaint:
    return get_object_or_404(
        complaints_visible_to(user).select_related("related_case", "related_breach"), pk=pk
    )
