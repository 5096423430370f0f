"""The dashboard's figures for the council's other records: fees notices, personal-data breaches
and information-sharing agreements.

Each figure is the length of the list its link opens: the count is taken through the register's
own filter function with the very parameters the link carries, so a number and its list cannot
drift apart (tests follow every link). The figures are council-wide: fees, breaches and
agreements are not cases of one directorate, so a directorate's dashboard leaves them out rather
than show the council's numbers under its name. A link is kept only for a user the register
admits; the others see the number alone (see `links_for`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse

from breaches.access import is_breach_team
from breaches.models import Breach
from breaches.selectors import filter_breaches
from fees import register
from organisation import access
from reports.cells import Cell, Row, Table
from reports.periods import Period
from sharing.models import Agreement
from sharing.selectors import review_tabs


def _params(**values: str) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(values)
    return query


@dataclass
class _Spec:
    """One table before it is counted. `rows`: (figure key, label, the register's parameters);
    `select(params)` is the register's own filter."""

    key: str
    caption: str
    heading: str
    column: str
    url_name: str
    rows: list[tuple[str, str, QueryDict]]
    select: Callable[[QueryDict], QuerySet]


def _count_all(specs: list[_Spec]) -> dict[str, int]:
    """Every figure of every table in one query: each the length of its register's own
    selection. Written as SQL over the registers' compiled queries because building the same
    counts as ORM aggregates cost several times the queries themselves (the tables are small)."""
    figures, parts, params = [], [], []
    for spec in specs:
        for figure, _, query in spec.rows:
            sql, values = spec.select(query).order_by().values("pk").query.sql_with_params()
            figures.append(figure)
            parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS selected)")  # noqa: S608 (ORM SQL)
            params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(figures, cursor.fetchone(), strict=True))


def _table(spec: _Spec, counts: dict[str, int]) -> Table:
    path = reverse(spec.url_name)
    return Table(
        spec.key,
        spec.caption,
        spec.heading,
        [spec.column],
        [
            Row(label, [Cell(value=counts[figure], url=f"{path}?{query.urlencode()}", key=figure)])
            for figure, label, query in spec.rows
        ],
    )


def _fees_spec(period: Period) -> _Spec:
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
    return _Spec(
        "fees",
        "Fees notices (whole council)",
        "Fees",
        "Notices",
        "fees:register",
        rows,
        lambda params: register.filtered(params)[0],
    )


def _breaches_spec(period: Period) -> _Spec:
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
    return _Spec(
        "breaches",
        "Personal-data breaches (whole council)",
        "Breaches",
        "Breaches",
        "breaches:register",
        rows,
        lambda params: filter_breaches(Breach.objects.all(), params)[0],
    )


def _agreements_spec(period: Period) -> _Spec:
    """Reviews are a "now" figure: as at today, whatever the period."""
    tabs = review_tabs(period.today)
    rows = [
        (f"agreements_{tab}", tabs[tab][0], _params(tab=tab))
        for tab in ("overdue", "due_soon", "approval")
    ]
    return _Spec(
        "agreements",
        "Information-sharing agreements, today (whole council)",
        "Agreements",
        "Agreements",
        "sharing:agreements",
        rows,
        lambda params: Agreement.objects.filter(tabs[params["tab"]][1]),
    )


def tables(period: Period, directorate_id: int | None, *, links: bool = True) -> list[Table]:
    """The three tables for a whole-council report; none for a directorate's. `links=False`
    for the CSV and PDF copies, as reports.cells.Linker does."""
    if directorate_id is not None:
        return []
    specs = [_fees_spec(period), _breaches_spec(period), _agreements_spec(period)]
    counts = _count_all(specs)
    result = [_table(spec, counts) for spec in specs]
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
