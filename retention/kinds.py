"""The record types the schedule covers: which records of each are finished (and so can fall
due), the stored date each trigger reads, and how a record is named and linked.

Every date here is a stored column (or the indexed time of a timeline event), so a disposal
run is a handful of queries whatever the size of the council's history. The bulk types (rows
disposed of in batches) are retention.bulk.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, F, Max, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from breaches.models import Breach
from breaches.models import Status as BreachStatus
from requests_app.models import (
    Case,
    Complaint,
    ComplaintOutcome,
    ComplaintStatus,
    Regime,
    Status,
)
from retention.models import Action, RecordType, Trigger
from sharing.models import Agreement, Dpia, DpiaStatus
from sharing.models import Status as AgreementStatus

# Records statistics, dashboards or registers count: anonymised (or reviewed), never deleted.
COUNTED_ACTIONS = frozenset({Action.ANONYMISE, Action.REVIEW})


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[Model]
    eligible: Callable[[], QuerySet]
    # Trigger → the expression of the stored date it reads (a date or a datetime).
    triggers: dict[str, object]
    detail_url: Callable[[Model], str]
    outcome_field: str | None = None
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    actions: frozenset[str] = COUNTED_ACTIONS
    bulk = False

    @property
    def label(self) -> str:
        return RecordType(self.key).label

    def annotated(self, trigger: str) -> QuerySet:
        return self.eligible().annotate(retention_trigger=self.triggers[trigger])


def _finished_cases() -> QuerySet:
    # closed_at is set by closing, withdrawing and lapsing and cleared on reopening. A case
    # answered and never closed (left "responded") is finished too: it counts from its answer,
    # or it would never fall due.
    return Case.objects.filter(status__in=Status.finished()).filter(
        Q(closed_at__isnull=False) | Q(status=Status.RESPONDED, responded_at__isnull=False)
    )


OTHER_REGIMES = [r for r in Regime.values if r not in (Regime.FOI, Regime.EIR, Regime.SAR)]
CASE_TRIGGERS = {
    Trigger.CLOSURE: Coalesce("closed_at", "responded_at"),
    Trigger.LAST_ACTION: Max("events__at"),
}
CASE_OUTCOMES = [(v, label) for v, label in Case._meta.get_field("outcome").choices if v]


def _case_url(case) -> str:
    return reverse("requests:case", args=[case.pk])


DPIA_FINISHED = (DpiaStatus.COMPLETED, DpiaStatus.NOT_REQUIRED)


def _finished_dpias() -> QuerySet:
    """Completed DPIAs (or screened as not needed) supporting no live agreement: while the
    processing goes on, its DPIA is in use. Under "agreement end", a DPIA linked to no
    agreement has no trigger and is never due."""
    live = Agreement.objects.filter(dpias=OuterRef("pk")).exclude(
        status__in=AgreementStatus.ended()
    )
    return Dpia.objects.filter(status__in=DPIA_FINISHED).filter(~Exists(live))


KINDS: dict[str, Kind] = {
    k.key: k
    for k in [
        Kind(
            RecordType.FOI_EIR,
            Case,
            lambda: _finished_cases().filter(
                regime__in=[Regime.FOI, Regime.EIR], review_of__isnull=True
            ),
            CASE_TRIGGERS,
            _case_url,
            "outcome",
            CASE_OUTCOMES,
        ),
        Kind(
            RecordType.SAR,
            Case,
            lambda: _finished_cases().filter(regime=Regime.SAR, review_of__isnull=True),
            CASE_TRIGGERS,
            _case_url,
            "outcome",
            CASE_OUTCOMES,
        ),
        Kind(
            RecordType.OTHER_RIGHTS,
            Case,
            lambda: _finished_cases().filter(regime__in=OTHER_REGIMES, review_of__isnull=True),
            CASE_TRIGGERS,
            _case_url,
            "outcome",
            CASE_OUTCOMES,
        ),
        Kind(
            RecordType.INTERNAL_REVIEW,
            Case,
            lambda: _finished_cases().filter(review_of__isnull=False),
            CASE_TRIGGERS,
            _case_url,
            "outcome",
            CASE_OUTCOMES,
        ),
        Kind(
            RecordType.DP_COMPLAINT,
            Complaint,
            # Closed, withdrawn, or answered (outcome sent) and never closed: closed_at is set
            # by each of these (the outcome first, then closing).
            lambda: Complaint.objects.filter(
                status__in=[
                    ComplaintStatus.CLOSED,
                    ComplaintStatus.WITHDRAWN,
                    ComplaintStatus.OUTCOME_SENT,
                ],
                closed_at__isnull=False,
            ),
            {Trigger.CLOSURE: F("closed_at"), Trigger.LAST_ACTION: Max("events__at")},
            lambda c: reverse("requests:complaint", args=[c.pk]),
            "outcome",
            [(v, label) for v, label in ComplaintOutcome.choices if v],
        ),
        Kind(
            RecordType.BREACH,
            Breach,
            lambda: Breach.objects.filter(status=BreachStatus.CLOSED),
            {Trigger.CLOSURE: F("signed_off_at"), Trigger.LAST_ACTION: Max("events__at")},
            lambda b: reverse("breaches:detail", args=[b.pk]),
        ),
        Kind(
            RecordType.SHARING_AGREEMENT,
            Agreement,
            lambda: Agreement.objects.filter(status__in=AgreementStatus.ended()),
            {Trigger.AGREEMENT_END: F("end_date"), Trigger.LAST_ACTION: Max("events__at")},
            lambda a: reverse("sharing:agreement", args=[a.pk]),
        ),
        Kind(
            RecordType.DPIA,
            Dpia,
            _finished_dpias,
            # A DPIA stores no completion time: the DPO's assessment (or the screening that
            # found no full DPIA needed) is its last action, so its last timeline event.
            {
                Trigger.CLOSURE: Max("events__at"),
                Trigger.LAST_ACTION: Max("events__at"),
                Trigger.AGREEMENT_END: Max("agreements__end_date"),
            },
            lambda d: reverse("sharing:dpia", args=[d.pk]),
            "status",
            [(v, label) for v, label in DpiaStatus.choices if v in DPIA_FINISHED],
            # No statistic or register counts DPIAs: IG may delete them.
            actions=frozenset(Action.values),
        ),
    ]
}


def kinds_for_model(model: type[Model]) -> list[Kind]:
    return [k for k in KINDS.values() if k.model is model]


def kind_of(record: Model) -> Kind | None:
    """The one kind a record belongs to (a case's regime and review link decide which)."""
    if isinstance(record, Case):
        if record.review_of_id:
            return KINDS[RecordType.INTERNAL_REVIEW]
        if record.regime in (Regime.FOI, Regime.EIR):
            return KINDS[RecordType.FOI_EIR]
        if record.regime == Regime.SAR:
            return KINDS[RecordType.SAR]
        return KINDS[RecordType.OTHER_RIGHTS]
    candidates = kinds_for_model(type(record))
    return candidates[0] if candidates else None


def as_day(value) -> dt.date | None:
    """A trigger as a day on the council's clock."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date()
    return value
