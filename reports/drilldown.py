"""The count at the top of a drill-down list: the very figure the page it came from shows.

With the summaries on, the list's total is read from the dashboard or the statistics built
for the same period and scope (the cell with the same measure and breakdown), so the number
clicked and the number at the top of its list are one number; the list itself is the cases
the measure's Q selects, and tests check that both agree for every link on every page. A
figure no page shows (a hand-made link) is counted from the cases."""

from reports import dashboard, statistics
from reports.cells import Cell
from reports.periods import Period


def _cells(data) -> list[Cell]:
    cells = []
    for tile in getattr(data, "headline", []) + getattr(data, "now", []):
        cells += [tile.cell, *tile.detail]
    for table in data.tables.values():
        for row in table.rows:
            cells += row.cells
    return cells


def figure(*, key: str, period: Period, directorate_id: int | None, dim: str) -> int | None:
    """The figure for measure `key` broken down by `dim` ("" for none), or None when no page
    shows it (the caller then counts the cases)."""
    if not dashboard.from_summaries():
        return None
    # Only case figures are looked up here: the other records' tables are not built.
    if key.startswith("st_"):
        if period.kind not in ("quarter", "year"):
            return None
        data = statistics.build(
            period=period,
            directorate_id=directorate_id,
            today=period.today,
            with_other_records=False,
        )
    else:
        data = dashboard.build(
            period=period,
            directorate_id=directorate_id,
            today=period.today,
            with_other_records=False,
        )
    for cell in _cells(data):
        if cell.key == key and cell.dim == dim and not cell.other_period and cell.url:
            return cell.value
    return None
