"""The trend chart's geometry: an inline SVG bar per week, coloured by its rating."""

from dataclasses import dataclass

from reports.cells import amber_below, rag, red_below
from reports.periods import Period


@dataclass
class TrendBar:
    cx: float
    x: float
    value_y: float
    y: float
    width: float
    height: float
    value: float | None
    label: str
    rag: str
    fill: str
    text_fill: str  # the value's colour: on the bar when it is inside it, else on the page


# Colours (GOV.UK palette). Each text colour is chosen against what it is drawn on, at 4.5:1 or
# more (WCAG 1.4.3): tests/reports/test_dashboard_page.py computes every pair.
BACKGROUND = "#ffffff"
TEXT = "#0b0c0c"
AXIS_TEXT = "#505a5f"
GRIDLINE = "#dddddd"
FILLS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c"}
NO_FIGURE = "#b1b4b6"
# White on red and green; black on amber (white on GOV.UK orange is only 2.8:1).
TEXT_ON = {"red": "#ffffff", "amber": TEXT, "green": "#ffffff"}
# A value is written inside the top of its bar when the bar is tall enough to hold it.
INSIDE_MIN_HEIGHT = 20


CHART_WIDTH, CHART_HEIGHT = 720, 240
CHART_LEFT, CHART_BOTTOM, CHART_TOP = 40, 40, 16


def bars(values: list[tuple[Period, float | None]]) -> list[TrendBar]:
    plot_width = CHART_WIDTH - CHART_LEFT - 8
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    slot = plot_width / max(len(values), 1)
    bars = []
    for index, (week, value) in enumerate(values):
        height = 0 if value is None else plot_height * value / 100
        inside = height > INSIDE_MIN_HEIGHT
        rating = rag(value)
        bars.append(
            TrendBar(
                cx=round(CHART_LEFT + index * slot + slot / 2, 1),
                x=round(CHART_LEFT + index * slot + slot * 0.15, 1),
                # Inside the top of the bar, or above a short or empty one (on the page).
                value_y=round(CHART_TOP + plot_height - height + (14 if inside else -4), 1),
                y=round(CHART_TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                value=value,
                label=f"{week.start.day} {week.start:%b}",
                rag=rating,
                fill=FILLS.get(rating, NO_FIGURE),
                text_fill=TEXT_ON[rating] if inside and rating in TEXT_ON else TEXT,
            )
        )
    return bars


def chart_geometry() -> dict:
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP

    def y(value):
        return round(CHART_TOP + plot_height * (1 - value / 100), 1)

    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - 8,
        "baseline": CHART_TOP + plot_height,
        "label_y": CHART_TOP + plot_height + 18,
        "axis_x": CHART_LEFT - 6,
        "gridlines": [{"value": v, "y": y(v), "text_y": y(v) + 4} for v in (0, 25, 50, 75, 100)],
        "red_y": y(red_below()),
        "amber_y": y(amber_below()),
        "text": TEXT,
        "axis_text": AXIS_TEXT,
        "gridline": GRIDLINE,
        "red": FILLS["red"],
        "amber": FILLS["amber"],
    }
