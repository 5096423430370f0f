"""Data-protection complaints (DPA 2018 s164A) in the reports: received, acknowledged in time,
outcomes, for a period.

The cohort is the published statistics' one: complaints *received* in the period, with where
each stands today. A complaint counts as acknowledged in time when the acknowledgement, or the
outcome (which then stands for it, SPEC-statutory decision 10), went out by its statutory date;
one received before 19 June 2026 has no such date and is counted apart. Every figure is a
count of one Q (MEASURES), and its drill-down list is the complaints that Q selects, so the
number clicked and the length of its list are one number. Complaints are seen by IG and the
DPO only: the pages show these figures to them alone.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse

from reports.cells import Cell, Row, Table, Tile, percent, rag
from reports.periods import Period
from requests_app.complaint_models import Complaint, ComplaintOutcome, ComplaintStatus

ANSWERED_OR_ACKNOWLEDGED = Q(acknowledged_at__isnull=False) | Q(outcome_sent_at__isnull=False)
# The first of the acknowledgement and the outcome, on or before the due date (London days).
IN_TIME = Q(acknowledged_at__date__lte=F("acknowledge_by")) | Q(
    outcome_sent_at__date__lte=F("acknowledge_by")
)


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    q: Q


MEASURES = {
    m.key: m
    for m in [
        Measure("dpc_received", "Complaints received", Q()),
        Measure(
            "dpc_ack_in_time",
            "Acknowledged in time (or the outcome sent within the 30 days)",
            Q(acknowledge_by__isnull=False) & IN_TIME,
        ),
        Measure(
            "dpc_ack_late",
            "Acknowledged late",
            Q(acknowledge_by__isnull=False) & ANSWERED_OR_ACKNOWLEDGED & ~IN_TIME,
        ),
        Measure(
            "dpc_ack_waiting",
            "Not yet acknowledged",
            Q(acknowledge_by__isnull=False, acknowledged_at__isnull=True)
            & Q(outcome_sent_at__isnull=True)
            & ~Q(status=ComplaintStatus.WITHDRAWN),
        ),
        Measure(
            "dpc_no_date",
            "Received before 19 June 2026 (no statutory acknowledgement date)",
            Q(acknowledge_by__isnull=True),
        ),
        *(
            Measure(f"dpc_outcome_{value}", f"Outcome: {label.lower()}", Q(outcome=value))
            for value, label in ComplaintOutcome.choices
            if value
        ),
        Measure(
            "dpc_open",
            "Still being dealt with",
            Q(
                status__in=[
                    ComplaintStatus.RECEIVED,
                    ComplaintStatus.ACKNOWLEDGED,
                    ComplaintStatus.INVESTIGATING,
                ]
            ),
        ),
        Measure("dpc_withdrawn", "Withdrawn", Q(status=ComplaintStatus.WITHDRAWN)),
    ]
}


def cohort(period: Period):
    """Complaints received in the period (London days, up to the day figures are worked out)."""
    return Complaint.objects.filter(received_at__gte=period.start_at, received_at__lt=period.until)


def complaints_for(key: str, period: Period):
    return cohort(period).filter(MEASURES[key].q)


def counts(period: Period) -> dict[str, int]:
    """Every measure for the period, in one query."""
    return cohort(period).aggregate(
        **{key: Count("pk", filter=measure.q) for key, measure in MEASURES.items()}
    )


def url(key: str, period: Period) -> str:
    return f"{reverse('reports:complaints', args=[key])}?{urlencode(period.params())}"


def _cell(key: str, value: int, period: Period, links: bool) -> Cell:
    return Cell(value=value, url=url(key, period) if links else "", key=key)


def tiles(period: Period, *, links: bool = True) -> list[Tile]:
    """The dashboard's complaint tiles: received, acknowledged in time (with its share of those
    acknowledged), not yet acknowledged."""
    found = counts(period)
    done = found["dpc_ack_in_time"] + found["dpc_ack_late"]
    share = percent(found["dpc_ack_in_time"], done)
    return [
        Tile(
            "dpc_received",
            "Complaints received",
            _cell("dpc_received", found["dpc_received"], period, links),
        ),
        Tile(
            "dpc_ack_in_time",
            "Acknowledged in time",
            Cell(value=share, percent=True, rag=rag(share), key="dpc_ack_in_time_pct"),
            help="Within 30 days, or the outcome sent by then (DPA 2018 s164A).",
            detail=[
                _cell("dpc_ack_in_time", found["dpc_ack_in_time"], period, links),
                Cell(value=done, key="dpc_acknowledged"),
            ],
        ),
        Tile(
            "dpc_ack_waiting",
            "Not yet acknowledged",
            _cell("dpc_ack_waiting", found["dpc_ack_waiting"], period, links),
        ),
        Tile(
            "dpc_open",
            "Still being dealt with",
            _cell("dpc_open", found["dpc_open"], period, links),
        ),
    ]


def table(period: Period, *, links: bool = True) -> Table:
    """The statistics table: one row per measure."""
    found = counts(period)
    return Table(
        key="complaints",
        caption="Data-protection complaints (DPA 2018 s164A), received in the period",
        row_heading="Complaints",
        columns=["Number"],
        rows=[
            Row(measure.label, [_cell(key, found[key], period, links)], total=key == "dpc_received")
            for key, measure in MEASURES.items()
        ],
    )
