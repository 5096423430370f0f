"""The fees actions, added to the case table (never by editing requests_app's table): what
each needs, who may do it and where the case goes."""

from fees import checks, forms, services
from requests_app.checks import IG, IG_MANAGER, classified
from requests_app.models import Status
from requests_app.statuses import BEFORE_DECISION
from requests_app.transitions import CASES
from workflow.transitions import Transition

# A fee is asked for before the work is done: while the request is with IG or the areas.
BEFORE_WORK = frozenset({Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS})
AWAITING_FEE = frozenset({Status.AWAITING_FEE})

CASES.add(
    Transition(
        "estimate_fees",
        "Estimate the cost",
        BEFORE_DECISION,
        None,
        IG,
        checks=(checks.chargeable_regime,),
        secondary=True,
        form=forms.EstimateForm,
        service=services.fee_estimate_record,
    ),
    Transition(
        "aggregate_requests",
        "Aggregate related requests",
        BEFORE_WORK,
        None,
        IG,
        checks=(classified, checks.foi_only, checks.not_aggregated, checks.aggregation_possible),
        secondary=True,
        form=forms.AggregateForm,
        service=services.fee_aggregate,
    ),
    Transition(
        "refuse_cost_limit",
        "Refuse: over the cost limit (s12)",
        BEFORE_DECISION,
        Status.DRAFT_READY,
        IG_MANAGER,
        checks=(checks.foi_only, checks.over_limit_estimate),
        secondary=True,
        form=forms.CostLimitRefusalForm,
        service=services.fee_cost_limit_refuse,
    ),
    Transition(
        "issue_fee_notice",
        "Issue a fees notice",
        BEFORE_WORK,
        Status.AWAITING_FEE,
        IG,
        checks=(checks.chargeable_regime, checks.notice_due),
        form=forms.IssueNoticeForm,
        service=services.fee_notice_issue,
        slow=True,
    ),
    Transition(
        "record_fee_payment",
        "Record the fee received",
        AWAITING_FEE,
        checks.resume_status,
        IG,
        checks=(checks.has_outstanding_notice,),
        form=forms.PaymentForm,
        service=services.fee_payment_record,
    ),
    Transition(
        "waive_fee",
        "Waive the fee",
        AWAITING_FEE,
        checks.resume_status,
        IG_MANAGER,
        checks=(checks.has_outstanding_notice,),
        secondary=True,
        form=forms.ReasonForm,
        service=services.fee_waive,
    ),
    Transition(
        "cancel_fee_notice",
        "Cancel the fees notice",
        AWAITING_FEE,
        checks.resume_status,
        IG,
        checks=(checks.has_outstanding_notice,),
        secondary=True,
        form=forms.ReasonForm,
        service=services.fee_notice_cancel,
    ),
)
