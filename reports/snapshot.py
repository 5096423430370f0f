"""The weekly snapshot: a PDF of the dashboard for one week and a plain-text summary.

The weekly manager email (organisation.notifications, issue 5) calls:

    weekly_pdf(directorate_id=None, week_start=date(2026, 7, 6)) -> bytes     # the PDF
    weekly_summary_text(directorate_id=None, week_start=date(2026, 7, 6)) -> str

`directorate_id=None` is the whole council; a directorate's id gives that directorate's figures
(the same scoping as its managers see). `week_start` is any day of the week wanted (it is moved
back to its Monday). The snapshot holds counts only, never case details, so it may go to any
dashboard role, including data-protection counts.
"""

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from organisation.models import Directorate
from reports import dashboard
from reports.dashboard import Dashboard
from reports.periods import Period


def _week(week_start: dt.date, today: dt.date | None = None) -> Period:
    return Period.containing("week", week_start, today or timezone.localdate())


def _build(*, period: Period, directorate_id: int | None) -> Dashboard:
    data = dashboard.build(period=period, directorate_id=directorate_id, links=False)
    if directorate_id is not None and not data.directorate_name:
        data.directorate_name = (
            Directorate.objects.filter(pk=directorate_id).values_list("name", flat=True).first()
            or ""
        )
    return data


def render_html(data: Dashboard) -> str:
    return render_to_string(
        "reports/snapshot.html",
        {
            "d": data,
            "chart": dashboard.chart_geometry(),
            "council_name": settings.COUNCIL_NAME,
            "generated": timezone.localtime(),
        },
    )


def pdf_for(*, period: Period, directorate_id: int | None) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads system libraries at import

    data = _build(period=period, directorate_id=directorate_id)
    return HTML(string=render_html(data)).write_pdf()


def weekly_pdf(*, directorate_id: int | None, week_start: dt.date) -> bytes:
    """The PDF snapshot of the dashboard for the week containing `week_start`."""
    return pdf_for(period=_week(week_start), directorate_id=directorate_id)


def summary_rows(data: Dashboard) -> list[list]:
    """The headline figures as (figure, value) rows: for the text summary and the CSV."""
    rows = [["Figure", "Value"]]
    for tile in data.headline:
        rows.append([tile.label, tile.cell.csv_value])
        if tile.detail:
            rows.append([f"{tile.label}: numerator", tile.detail[0].value])
            rows.append([f"{tile.label}: denominator", tile.detail[1].value])
    for tile in data.now:
        rows.append([f"{tile.label} (today)", tile.cell.value])
    return rows


def _pct(cell) -> str:
    if cell.value is None:
        return "no requests to rate"
    return f"{cell.value:.1f}% ({cell.rag.upper()})" if cell.rag else f"{cell.value:.1f}%"


def weekly_summary_text(*, directorate_id: int | None, week_start: dt.date) -> str:
    """A plain-text summary of the week for an email body (no case details)."""
    data = _build(period=_week(week_start), directorate_id=directorate_id)
    return summary_text(data)


def summary_text(data: Dashboard) -> str:
    tiles = {tile.key: tile for tile in data.headline + data.now}
    performance, answered = tiles["performance"], tiles["answered_pct"]
    lines = [
        f"Information requests – {data.scope_label}",
        f"{data.period.label}, {data.period.as_at_label}.",
        "",
        f"Received: {tiles['received'].cell.text}",
        f"Closed: {tiles['closed'].cell.text}",
        f"Answered within the statutory limit: {_pct(answered.cell)} – "
        f"{answered.detail[0].text} of {answered.detail[1].text} answered",
        f"Performance: {_pct(performance.cell)} – {performance.detail[0].text} of "
        f"{performance.detail[1].text} requests in time (answered or still open)",
        "",
        f"Today ({data.today:%d %B %Y}):",
        f"  Open: {tiles['open_now'].cell.text}",
        f"  Overdue: {tiles['overdue_now'].cell.text}",
        f"  Due in the next {settings.DUE_SOON_WORKING_DAYS} working days "
        f"(to {data.due_soon_until:%d %B}): {tiles['due_soon'].cell.text}",
        f"  Clock stopped, waiting for the requester: {tiles['clock_stopped'].cell.text}",
        "",
        "By regime (answered in time / late; open in time / late):",
    ]
    for row in data.tables["regime"].rows:
        cells = {cell.key: cell for cell in row.cells}
        lines.append(
            f"  {row.label}: {cells['answered_in_time'].text} / {cells['answered_late'].text}; "
            f"{cells['open_in_time'].text} / {cells['open_late'].text}"
        )
    lines += [
        "",
        f"Red below {data.red_below:g}%, amber below {data.amber_below:g}%.",
    ]
    return "\n".join(lines) + "\n"
