"""What the report pages show: cells, rows, tables and tiles, the red/amber/green rating, and
the drill-down link every count carries (the measure, the period, the scope and a breakdown)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from reports.periods import Period


def red_below() -> float:
    return float(settings.PERFORMANCE_RED_BELOW)


def amber_below() -> float:
    return float(settings.PERFORMANCE_AMBER_BELOW)


def trend_weeks() -> int:
    return settings.REPORTS_TREND_WEEKS


def rag(percent: float | None) -> str:
    """ "red", "amber" or "green" against the thresholds; "" when there is nothing to rate."""
    if percent is None:
        return ""
    if percent < red_below():
        return "red"
    if percent < amber_below():
        return "amber"
    return "green"


def percent(part: int, whole: int) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


# --- what the template and the CSV export read --------------------------------------------


@dataclass
class Cell:
    value: int | float | str | None
    url: str = ""
    percent: bool = False
    rag: str = ""
    key: str = ""  # the measure counted, for tests and CSV headings
    dim: str = ""  # the breakdown of its drill-down ("area:12"), "" for none
    other_period: bool = False  # counted for another period than the page's (the trend)

    @property
    def tag_colour(self) -> str:
        return {"red": "red", "amber": "orange", "green": "green"}.get(self.rag, "")

    @property
    def text(self) -> str:
        if self.value is None:
            return "–"
        if self.percent:
            return f"{self.value:.1f}%"
        return f"{self.value:,}" if isinstance(self.value, int) else str(self.value)

    @property
    def csv_value(self):
        if self.value is None:
            return ""
        return self.value


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: bool = False
    note: str = ""


@dataclass
class Table:
    key: str
    caption: str
    row_heading: str
    columns: list[str]
    rows: list[Row]
    empty: str = "Nothing to show for this period."
    groups: list[tuple[str, int]] = field(default_factory=list)  # headings over columns

    @property
    def full_columns(self) -> list[str]:
        """Column headings with their group's, for a CSV header."""
        if not self.groups:
            return list(self.columns)
        names, index = [], 0
        for group, span in self.groups:
            for column in self.columns[index : index + span]:
                names.append(f"{group}: {column}" if group else column)
            index += span
        return names

    def csv_rows(self) -> list[list]:
        rows = [[self.row_heading, *self.full_columns]]
        rows += [[row.label, *(cell.csv_value for cell in row.cells)] for row in self.rows]
        return rows


@dataclass
class Tile:
    key: str
    label: str
    cell: Cell
    help: str = ""
    detail: list[Cell] = field(default_factory=list)  # e.g. "9 of 11" for a percentage


class Linker:
    """Drill-down URLs: the measure, the period, the scope and a dimension."""

    def __init__(self, period: Period, directorate_id: int | None, enabled: bool = True):
        self.period = period
        self.directorate_id = directorate_id
        self.enabled = enabled
        self._paths: dict[str, str] = {}
        self._queries: dict[Period, str] = {}

    def url(self, key: str, dim: str = "", period: Period | None = None) -> str:
        if not self.enabled:
            return ""
        path = self._paths.get(key)
        if path is None:
            path = self._paths[key] = reverse("reports:cases", args=[key])
        period = period or self.period
        query = self._queries.get(period)
        if query is None:
            params = dict(period.params())
            if self.directorate_id is not None:
                params["directorate"] = str(self.directorate_id)
            query = self._queries[period] = urlencode(params)
        if dim:
            query += "&" + urlencode({"dim": dim})
        return f"{path}?{query}"

    def cell(self, key: str, value: int, dim: str = "", period: Period | None = None) -> Cell:
        return Cell(
            value=value,
            url=self.url(key, dim, period),
            key=key,
            dim=dim,
            other_period=period is not None and period != self.period,
        )
