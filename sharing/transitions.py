"""The two tables of what can happen to an agreement and to a DPIA: state × action → next
state, who, what it needs, the form and the service.

The signatory rule lives in the scope "signatory" (sharing.access.may_sign): a single-service
agreement is signed by the Service Director of its lead area's directorate, a cross-service one
by the SIRO / Director of Legal. The table decides both what the service accepts and which
buttons are shown, so the wrong signatory is never offered "Sign".

Two moves are the calendar's, not a person's, and so have no row here: a review falling due and
an end date passing (sharing.services.agreements_advance, run by the worker every day).
"""

from django.urls import reverse

from sharing import access, forms, services
from sharing.checks import (
    IG,
    IG_MANAGER,
    SIGNATORIES,
    dpias_finished,
    has_lead_area,
    has_partner,
    has_risks,
    lawful_basis_complete,
)
from sharing.models import Agreement, AgreementEvent, Dpia, DpiaEvent, DpiaStatus, Status
from workflow.forms import ConfirmForm
from workflow.transitions import Transition, Workflow, register

S = Status
IN_FORCE = Status.in_force()

AGREEMENTS = register(
    Workflow(
        model=Agreement,
        noun="agreement",
        event_model=AgreementEvent,
        event_field="agreement",
        record_arg="agreement_id",
        detail_url=lambda a: reverse("sharing:agreement", args=[a.pk]),
        label=lambda a: f"{a.reference}: {a.title}",
        in_scope=access.agreement_in_scope,
    )
)

AGREEMENTS.add(
    Transition(
        "submit",
        "Send to the IG manager",
        frozenset({S.DRAFT}),
        S.DPO_REVIEW,
        IG,
        checks=(has_lead_area, has_partner, lawful_basis_complete),
        form=forms.NoteForm,
        service=services.agreement_submit,
    ),
    Transition(
        "edit",
        "Change details",
        frozenset({S.DRAFT}),
        None,
        IG,
        secondary=True,
        form=forms.AgreementEditForm,
        service=services.agreement_edit,
    ),
    Transition(
        "add_partner",
        "Add a partner",
        frozenset({S.DRAFT, S.DPO_REVIEW}),
        None,
        IG,
        secondary=True,
        form=forms.PartnerForm,
        service=services.agreement_add_partner,
    ),
    Transition(
        "agree",
        "Agree (IG manager)",
        frozenset({S.DPO_REVIEW}),
        S.AWAITING_SIGNATURE,
        IG_MANAGER,
        checks=(has_lead_area, has_partner, lawful_basis_complete, dpias_finished),
        form=forms.NoteForm,
        service=services.agreement_agree,
    ),
    Transition(
        "return_to_draft",
        "Return to draft",
        frozenset({S.DPO_REVIEW}),
        S.DRAFT,
        IG_MANAGER,
        secondary=True,
        form=forms.ReasonForm,
        service=services.agreement_return_to_draft,
    ),
    Transition(
        "sign",
        "Sign the agreement",
        frozenset({S.AWAITING_SIGNATURE}),
        S.ACTIVE,
        SIGNATORIES,
        scope="signatory",
        checks=(lawful_basis_complete,),
        form=forms.SignForm,
        service=services.agreement_sign,
        files=True,
    ),
    Transition(
        "decline",
        "Do not sign: return to draft",
        frozenset({S.AWAITING_SIGNATURE}),
        S.DRAFT,
        SIGNATORIES,
        scope="signatory",
        secondary=True,
        form=forms.ReasonForm,
        service=services.agreement_decline,
    ),
    Transition(
        "renew",
        "Record the review and renew",
        IN_FORCE,
        S.ACTIVE,
        IG_MANAGER,
        form=forms.RenewForm,
        service=services.agreement_renew,
    ),
    Transition(
        "terminate",
        "Terminate",
        IN_FORCE | {S.AWAITING_SIGNATURE},
        S.TERMINATED,
        IG_MANAGER,
        secondary=True,
        form=forms.ReasonForm,
        service=services.agreement_terminate,
    ),
)

D = DpiaStatus

DPIAS = register(
    Workflow(
        model=Dpia,
        noun="DPIA",
        event_model=DpiaEvent,
        event_field="dpia",
        record_arg="dpia_id",
        detail_url=lambda d: reverse("sharing:dpia", args=[d.pk]),
        label=lambda d: f"{d.reference}: {d.title}",
        in_scope=access.dpia_in_scope,
    )
)

DPIAS.add(
    Transition(
        "screen",
        "Record the screening",
        frozenset({D.SCREENING, D.NOT_REQUIRED}),
        services.dpia_next_after_screening,
        IG,
        form=forms.ScreeningForm,
        service=services.dpia_screen,
    ),
    Transition(
        "add_risk",
        "Add a risk",
        frozenset({D.ASSESSMENT}),
        None,
        IG,
        form=forms.RiskForm,
        service=services.dpia_add_risk,
    ),
    Transition(
        "submit",
        "Send to the DPO",
        frozenset({D.ASSESSMENT}),
        D.DPO_REVIEW,
        IG,
        checks=(has_risks,),
        form=ConfirmForm,
        service=services.dpia_submit,
        confirm="The DPO will assess the risks and mitigations and decide whether the ICO "
        "must be consulted first.",
    ),
    Transition(
        "assess",
        "Record the DPO's assessment",
        frozenset({D.DPO_REVIEW}),
        services.dpia_next_after_assessment,
        IG_MANAGER,
        form=forms.AssessForm,
        service=services.dpia_assess,
    ),
    Transition(
        "return",
        "Return for more work",
        frozenset({D.DPO_REVIEW}),
        D.ASSESSMENT,
        IG_MANAGER,
        secondary=True,
        form=forms.ReasonForm,
        service=services.dpia_return,
    ),
    Transition(
        "record_ico_outcome",
        "Record the ICO's advice",
        frozenset({D.PRIOR_CONSULTATION}),
        D.COMPLETED,
        IG_MANAGER,
        form=forms.IcoOutcomeForm,
        service=services.dpia_record_ico_outcome,
    ),
    Transition(
        "link_agreement",
        "Link an agreement",
        frozenset(D.values),
        None,
        IG,
        secondary=True,
        form=forms.LinkAgreementForm,
        service=services.dpia_link_agreement,
    ),
)
