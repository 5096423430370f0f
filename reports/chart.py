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


CHART_WIDTH, CHART_HEIGHT = 720, 240
CHART_LEFT, CHART_BOTTOM, CHART_TOP = 40, 40, 16


def bars(values: list[tuple[Period, float | None]]) -> list[TrendBar]:
    plot_width = CHART_WIDTH - CHART_LEFT - 8
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    slot = plot_width / max(len(values), 1)
    bars = []
    for index, (week, value) in enumerate(values):
        height = 0 if value is None else plot_height * value / 100
        bars.append(
            TrendBar(
                cx=round(CHART_LEFT + index * slot + slot / 2, 1),
                x=round(CHART_LEFT + index * slot + slot * 0.15, 1),
                # Inside the top of the bar (white on the bar's colour), above an empty one.
                value_y=round(CHART_TOP + plot_height - height + (14 if height > 20 else -4), 1),
                y=round(CHART_TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                value=value,
                label=f"{week.start.day} {week.start:%b}",
                rag=rag(value),
                fill={"red": "#d4351c", "amber": "#f47738", "green": "#00703c"}.get(
                    rag(value), "#b1b4b6"
                ),
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
    }
