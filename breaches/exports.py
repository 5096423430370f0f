"""The breach register as CSV. The rows come from selectors.breach_rows, which starts from
access.breaches_visible_to, so an export never holds a breach its reader may not see. Titles
and descriptions are left out: the register is for counting and follow-up, and a CSV file is
easily forwarded."""

import csv
import io

from django.utils import timezone

from organisation.csv_export import safe_cell

HEADER = [
    "reference",
    "status",
    "service area",
    "reported at",
    "aware at",
    "ICO due",
    "cause",
    "cyber",
    "risk",
    "people affected",
    "records affected",
    "ICO decision",
    "ICO reference",
    "reported to ICO at",
    "hours to report",
    "people told",
    "signed off at",
]


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def register_csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for breach in rows.iterator(chunk_size=500):
        hours = ""
        if breach.aware_at and breach.ico_reported_at:
            hours = round((breach.ico_reported_at - breach.aware_at).total_seconds() / 3600, 1)
        writer.writerow(
            safe_cell(value)
            for value in (
                breach.reference,
                breach.get_status_display(),
                breach.service_area or "",
                _when(breach.reported_at),
                _when(breach.aware_at),
                _when(breach.ico_due),
                breach.get_cause_display(),
                {True: "yes", False: "no", None: ""}[breach.is_cyber],
                breach.get_risk_level_display() if breach.risk_level else "",
                breach.people_affected,
                breach.records_affected,
                breach.get_ico_decision_display() if breach.ico_decision else "",
                breach.ico_reference,
                _when(breach.ico_reported_at),
                hours,
                breach.get_individuals_decision_display() if breach.individuals_decision else "",
                _when(breach.signed_off_at),
            )
        )
    return out.getvalue()
