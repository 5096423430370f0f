"""The one table of what can happen to a breach: state × action → next state, who, what it needs,
the form the action page shows and the service it calls. The services consult it through
`workflow.engine.apply`; the breach page shows exactly the actions it allows."""

from django.urls import reverse

from breaches import access, forms, services
from breaches.checks import (
    ANY_STAFF,
    DPO,
    SIRO,
    ready_to_close,
    reported_to_ico,
    risk_assessed,
    to_report_not_reported,
)
from breaches.models import Breach, Event, Status
from workflow.forms import ConfirmForm
from workflow.transitions import Transition, Workflow, register

REPORTED = frozenset({Status.REPORTED})
ASSESSING = frozenset({Status.ASSESSING})
DECIDED = frozenset({Status.DECIDED})
WORKING = frozenset({Status.ASSESSING, Status.DECIDED})
AWAITING = frozenset({Status.AWAITING_SIGN_OFF})

BREACHES = register(
    Workflow(
        model=Breach,
        noun="breach",
        event_model=Event,
        event_field="breach",
        record_arg="breach_id",
        detail_url=lambda breach: reverse("breaches:detail", args=[breach.pk]),
        label=lambda breach: f"{breach.reference}: {breach.title}",
        in_scope=access.in_scope,
    )
)

BREACHES.add(
    # The reporter may correct their report until the DPO has triaged it; read-only after.
    Transition(
        "edit_report",
        "Correct the report",
        REPORTED,
        None,
        ANY_STAFF,
        scope="reporter",
        secondary=True,
        form=forms.EditReportForm,
        service=services.breach_edit_report,
    ),
    Transition(
        "triage",
        "Triage",
        REPORTED,
        Status.ASSESSING,
        DPO,
        form=forms.TriageForm,
        service=services.breach_triage,
    ),
    Transition(
        "update_details",
        "Update the details",
        WORKING,
        None,
        DPO,
        secondary=True,
        form=forms.DetailsForm,
        service=services.breach_update_details,
    ),
    Transition(
        "change_awareness",
        "Change the moment of awareness",
        WORKING,
        None,
        DPO,
        secondary=True,
        form=forms.ChangeAwarenessForm,
        service=services.breach_change_awareness,
    ),
    Transition(
        "assess_risk",
        "Assess the risk",
        WORKING,
        None,
        DPO,
        form=forms.RiskForm,
        service=services.breach_assess_risk,
    ),
    Transition(
        "decide_ico",
        "Decide on reporting to the ICO",
        WORKING,
        Status.DECIDED,
        DPO,
        checks=(risk_assessed,),
        form=forms.IcoDecisionForm,
        service=services.breach_decide_ico,
    ),
    Transition(
        "record_ico_report",
        "Record the report to the ICO",
        DECIDED,
        None,
        DPO,
        checks=(to_report_not_reported,),
        form=forms.IcoReportForm,
        service=services.breach_record_ico_report,
    ),
    Transition(
        "record_ico_update",
        "Record a follow-up to the ICO",
        DECIDED | AWAITING,
        None,
        DPO,
        checks=(reported_to_ico,),
        secondary=True,
        form=forms.IcoUpdateForm,
        service=services.breach_record_ico_update,
    ),
    Transition(
        "decide_individuals",
        "Decide on telling the people affected",
        WORKING,
        None,
        DPO,
        checks=(risk_assessed,),
        form=forms.IndividualsForm,
        service=services.breach_decide_individuals,
    ),
    Transition(
        "add_action",
        "Add an action",
        WORKING,
        None,
        DPO,
        secondary=True,
        form=forms.AddActionForm,
        service=services.breach_add_action,
    ),
    Transition(
        "record_lessons",
        "Record lessons learned",
        WORKING,
        None,
        DPO,
        secondary=True,
        form=forms.LessonsForm,
        service=services.breach_record_lessons,
    ),
    Transition(
        "submit_for_sign_off",
        "Send for SIRO sign-off",
        DECIDED,
        Status.AWAITING_SIGN_OFF,
        DPO,
        checks=(ready_to_close,),
        form=ConfirmForm,
        service=services.breach_submit_for_sign_off,
        confirm="The SIRO reviews the decisions on record and signs the breach off or returns it.",
    ),
    Transition(
        "return_to_dpo",
        "Return to the DPO",
        AWAITING,
        Status.DECIDED,
        SIRO,
        secondary=True,
        form=forms.ReturnForm,
        service=services.breach_return_to_dpo,
    ),
    # Checked again at sign-off: the DPO may have changed the record since sending it.
    Transition(
        "sign_off",
        "Sign off and close",
        AWAITING,
        Status.CLOSED,
        SIRO,
        checks=(ready_to_close,),
        form=forms.SignOffForm,
        service=services.breach_sign_off,
    ),
)

TRANSITIONS = BREACHES.transitions
