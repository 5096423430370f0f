"""The fees register for IG: every notice with its state, filters, monthly totals and CSV."""

import csv
import io
import re
from collections import defaultdict
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse, QueryDict

from fees.models import FeeNotice
from organisation.csv_export import safe_cell
from organisation.query_params import iso_day
from requests_app.models import Regime

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PAGE_SIZE = 50


# Date ranges, for the dashboard's fees figures: each figure links to the register filtered by
# the period, and counts the very notices that list shows (reports.other_records).
DATE_RANGES = {
    "issued_from": "issued_on",
    "issued_to": "issued_on",
    "paid_from": "paid_on",
    "paid_to": "paid_on",
    "closed_from": "closed_on",
    "closed_to": "closed_on",
}


def filtered(params: QueryDict):
    """The notices the filters select, and the filters as understood (bad values ignored)."""
    notices = FeeNotice.objects.select_related("case__requester")
    chosen = {"status": "", "regime": "", "month": ""}
    status = params.get("status", "")
    if status in FeeNotice.Status.values:
        notices, chosen["status"] = notices.filter(status=status), status
    regime = params.get("regime", "")
    if regime in (Regime.FOI, Regime.EIR, Regime.SAR):
        notices, chosen["regime"] = notices.filter(case__regime=regime), regime
    for name, field in DATE_RANGES.items():
        day = iso_day(params.get(name, ""))
        if day is not None:
            lookup = "gte" if name.endswith("_from") else "lte"
            notices, chosen[name] = notices.filter(**{f"{field}__{lookup}": day}), day.isoformat()
    chosen["dates"] = ", ".join(
        f"{name.replace('_', ' ')} {chosen[name]}" for name in DATE_RANGES if name in chosen
    )
    month = params.get("month", "")
    if MONTH.match(month):
        year, number = (int(part) for part in month.split("-"))
        notices = notices.filter(issued_on__year=year, issued_on__month=number)
        chosen["month"] = month
    return notices.order_by("-issued_on", "-id"), chosen


def monthly_totals(notices) -> list[dict]:
    """Per month of issue: notices issued and their amount, and how many were paid, are
    outstanding, lapsed, waived or cancelled, with the amount paid."""
    rows = (
        notices.order_by()
        .annotate(month=TruncMonth("issued_on"))
        .values("month", "status")
        .annotate(count=Count("id"), amount=Sum("amount"))
    )
    # Keyed by state ("issued": the notices still outstanding) plus the month's totals.
    months: dict = defaultdict(
        lambda: {
            "count": 0,
            "amount": Decimal("0"),
            "paid_amount": Decimal("0"),
            **dict.fromkeys(FeeNotice.Status.values, 0),
        }
    )
    for row in rows:
        month = months[row["month"]]
        month["count"] += row["count"]
        month["amount"] += row["amount"]
        month[row["status"]] += row["count"]
        if row["status"] == FeeNotice.Status.PAID:
            month["paid_amount"] += row["amount"]
    return [{"month": key, **value} for key, value in sorted(months.items(), reverse=True)]


def page(params: QueryDict):
    notices, chosen = filtered(params)
    paginator = Paginator(notices, PAGE_SIZE)
    page_obj = paginator.get_page(params.get("page"))
    base_query = "".join(f"{k}={v}&" for k, v in chosen.items() if v and k != "dates")
    return page_obj, chosen, monthly_totals(notices), base_query


def csv_export(params: QueryDict) -> HttpResponse:
    notices, _ = filtered(params)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "Reference",
            "Regime",
            "Requester",
            "Issued",
            "Amount",
            "Pay by",
            "Status",
            "Payment method",
            "Payment received",
            "Counts as paid",
            "Closed",
            "Reason",
        ]
    )
    for n in notices.iterator(chunk_size=500):
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    n.case.reference,
                    n.case.get_regime_display(),
                    n.case.requester.name,
                    n.issued_on,
                    n.amount,
                    n.pay_by,
                    n.get_status_display(),
                    n.get_payment_method_display(),
                    n.payment_received_on,
                    n.paid_on,
                    n.closed_on,
                    n.closed_reason,
                )
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fees-register.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
