"""The dashboard page itself: its chart's text readable against what it is drawn on, its
contents list leading to a heading for each section, and its date entered as day, month and
year (GOV.UK date input) with a message naming the part that is wrong."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from reports import chart
from reports.periods import Period


def luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_known_pairs():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#ffffff", "#ffffff"), 1) == 1.0
    # White on GOV.UK orange: the pair the chart must not use for text.
    assert contrast("#ffffff", "#f47738") < 3


def test_axis_labels_and_values_above_bars_read_at_4_5_to_1_on_the_page():
    for colour in (chart.TEXT, chart.AXIS_TEXT):
        assert contrast(colour, chart.BACKGROUND) >= 4.5, colour


@pytest.mark.parametrize("value", [None, 0, 3, 8, 40, 75, 85, 100])
def test_each_bar_value_reads_at_4_5_to_1_on_what_it_is_drawn_on(value):
    week = Period.containing("week", dt.date(2026, 7, 6), dt.date(2026, 7, 15))
    (bar,) = chart.bars([(week, value)])
    inside = bar.height > chart.INSIDE_MIN_HEIGHT
    behind = bar.fill if inside else chart.BACKGROUND
    assert contrast(bar.text_fill, behind) >= 4.5, (value, bar.text_fill, behind)


def test_the_rendered_chart_uses_only_the_checked_colours_for_text(client, cast):
    client.force_login(cast.ig_manager)
    page = client.get(reverse("reports:dashboard")).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    fills = set(re.findall(r'<text[^>]*\bfill="(#[0-9a-fA-F]{6})"', svg))
    assert fills, "the chart has text"
    allowed = {chart.TEXT, chart.AXIS_TEXT, *chart.TEXT_ON.values()}
    assert fills <= allowed, fills - allowed


def test_the_contents_list_leads_to_a_heading_for_every_section(client, cast):
    client.force_login(cast.outsider)
    assert client.get(reverse("reports:dashboard")).status_code == 403
    client.force_login(cast.ig_manager)
    page = client.get(reverse("reports:dashboard")).content.decode()
    nav = page[page.index('<nav class="app-contents"') :]
    nav = nav[: nav.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert len(targets) >= 10, targets
    for target in targets:
        element = re.search(rf'<(\w+)[^>]*\bid="{re.escape(target)}"', page)
        assert element, f"#{target} is not on the page"
        # A heading, or a table whose caption is its heading.
        assert element.group(1) in ("h2", "h3", "table"), (target, element.group(1))


def test_the_date_is_entered_as_day_month_and_year(client, cast):
    client.force_login(cast.officer_a)
    assert client.get(reverse("reports:dashboard"), {"week_0": "6"}).status_code == 403
    client.force_login(cast.manager)
    url = reverse("reports:dashboard")
    page = client.get(url).content.decode()
    assert 'name="week_0"' in page and 'name="week_2"' in page and 'type="date"' not in page

    chosen = client.get(url, {"week_0": "8", "week_1": "7", "week_2": "2026", "period": "week"})
    assert chosen.context["period"].start == dt.date(2026, 7, 6)
    assert "There is a problem" not in chosen.content.decode()


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("8", "", "2026"), "Date must include a month"),
        (("", "7", "2026"), "Date must include a day"),
        (("31", "2", "2026"), "Date must be a real date"),
        (("8", "7", "26"), "Enter the year of date in full"),
    ],
)
def test_a_wrong_part_of_the_date_is_named_and_the_last_complete_week_shown(
    client, cast, parts, message
):
    client.force_login(cast.manager)
    day, month, year = parts
    response = client.get(
        reverse("reports:dashboard"), {"week_0": day, "week_1": month, "week_2": year}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert response.context["period"].complete


def test_an_older_link_with_one_iso_day_still_works(client, cast):
    client.force_login(cast.manager)
    response = client.get(reverse("reports:dashboard"), {"week": "2026-07-08"})
    assert response.context["period"].start == dt.date(2026, 7, 6)
    assert 'value="8"' in response.content.decode()
