"""The dashboard's figures for the council's other records: fees notices, personal-data breaches
and information-sharing agreements.

Each figure is the length of the list its link opens: the count is taken through the register's
own filter function with the very parameters the link carries, so a number and its list cannot
drift apart (tests follow every link). The figures are council-wide: fees, breaches and
agreements are not cases of one directorate, so a directorate's dashboard leaves them out rather
than show the council's numbers under its name. A link is kept only for a user the register
admits; the others see the number alone (see `links_for`).
"""

from django.db.models import Count, Q
from django.http import QueryDict
from django.urls import reverse

from breaches.access import is_breach_team
from breaches.models import Breach
from breaches.selectors import filter_breaches
from fees import register
from fees.models import FeeNotice
from organisation import access
from reports.cells import Cell, Row, Table
from reports.periods import Period
from sharing.models import Agreement
from sharing.selectors import review_tabs


def _params(**values: str) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(values)
    return query


def _table(key, caption, heading, column, url_name, rows, model, select) -> Table:
    """`rows`: (figure key, label, the register's parameters). `select(params)` is the
    register's own filter; the counts are taken in one query, each over what it selects."""
    counts = model.objects.aggregate(
        **{
            figure: Count("pk", filter=Q(pk__in=select(params).values("pk")))
            for figure, _, params in rows
        }
    )
    path = reverse(url_name)
    return Table(
        key,
        caption,
        heading,
        [column],
        [
            Row(label, [Cell(value=counts[figure], url=f"{path}?{params.urlencode()}", key=figure)])
            for figure, label, params in rows
        ],
    )


def fees_table(period: Period) -> Table:
    start, end = period.start.isoformat(), period.as_at.isoformat()
    rows = [
        ("fees_issued", "Fees notices issued", _params(issued_from=start, issued_to=end)),
        ("fees_paid", "Fees paid", _params(status="paid", paid_from=start, paid_to=end)),
        (
            "fees_lapsed",
            "Requests lapsed: fee unpaid",
            _params(status="lapsed", closed_from=start, closed_to=end),
        ),
    ]
    return _table(
        "fees",
        "Fees notices (whole council)",
        "Fees",
        "Notices",
        "fees:register",
        rows,
        FeeNotice,
        lambda params: register.filtered(params)[0],
    )


def breaches_table(period: Period) -> Table:
    start, end = period.start.isoformat(), period.as_at.isoformat()
    rows = [
        (
            "breaches_reported",
            "Breaches reported by staff",
            _params(view="all", reported_from=start, reported_to=end),
        ),
        (
            "breaches_ico_in_time",
            "Reported to the ICO within 72 hours",
            _params(view="all", ico="in_time", ico_from=start, ico_to=end),
        ),
        (
            "breaches_ico_late",
            "Reported to the ICO after 72 hours",
            _params(view="all", ico="late", ico_from=start, ico_to=end),
        ),
    ]
    return _table(
        "breaches",
        "Personal-data breaches (whole council)",
        "Breaches",
        "Breaches",
        "breaches:register",
        rows,
        Breach,
        lambda params: filter_breaches(Breach.objects.all(), params)[0],
    )


def agreements_table(period: Period) -> Table:
    """Reviews are a "now" figure: as at today, whatever the period."""
    tabs = review_tabs(period.today)
    rows = [
        (f"agreements_{tab}", tabs[tab][0], _params(tab=tab))
        for tab in ("overdue", "due_soon", "approval")
    ]
    return _table(
        "agreements",
        "Information-sharing agreements, today (whole council)",
        "Agreements",
        "Agreements",
        "sharing:agreements",
        rows,
        Agreement,
        lambda params: Agreement.objects.filter(tabs[params["tab"]][1]),
    )


def tables(period: Period, directorate_id: int | None, *, links: bool = True) -> list[Table]:
    """The three tables for a whole-council report; none for a directorate's. `links=False`
    for the CSV and PDF copies, as reports.cells.Linker does."""
    if directorate_id is not None:
        return []
    result = [fees_table(period), breaches_table(period), agreements_table(period)]
    if not links:
        _unlink(result)
    return result


def _unlink(tables_: list[Table]) -> None:
    for table in tables_:
        for row in table.rows:
            for cell in row.cells:
                cell.url = ""


def links_for(user, other: list[Table]) -> None:
    """Drop the links of the registers this user may not open (the numbers stay: they name no
    one). Every dashboard role may open the agreements register."""
    allowed = {"fees": access.has_role(user, *access.IG_ROLES), "breaches": is_breach_team(user)}
    _unlink([table for table in other if not allowed.get(table.key, True)])
