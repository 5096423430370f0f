"""A manager's week: the dashboard, their directorate, the overdue cases behind a number, CSV."""

import csv
import io

from playwright.sync_api import expect

from requests_app import services
from tests.requests_app.builders import logged


def overdue_case(cast, area, title, days_ago):
    """An FOI request received `days_ago` days ago and still with `area`: past its date."""
    case = logged(cast, days_ago=days_ago, title=title)
    services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=[area.pk])
    return case


def test_manager_filters_a_directorate_drills_into_overdue_and_exports(page, sign_in, cast, org):
    planning = overdue_case(cast, org.area_a, "Street lighting contract", 45)
    housing = overdue_case(cast, org.area_b, "Temporary accommodation costs", 50)
    logged(cast, days_ago=1, title="Recent request")  # in time, not overdue

    sign_in("manager")
    expect(page.get_by_role("heading", name="Compliance dashboard")).to_be_visible()
    expect(page.locator("#scope")).to_have_text("Whole council")
    expect(page.locator("#tile-overdue_now .app-count")).to_have_attribute("data-count", "2")

    page.get_by_label("Directorate").select_option(label="Place")
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator("#scope")).to_have_text("Place")
    overdue = page.locator("#tile-overdue_now .app-count")
    expect(overdue).to_have_attribute("data-count", "1")

    overdue.click()
    expect(page.get_by_role("heading", name="Overdue now")).to_be_visible()
    expect(page.locator("#total")).to_have_attribute("data-total", "1")
    table = page.locator("#cases")
    expect(table).to_contain_text(planning.reference)
    expect(table).to_contain_text("Street lighting contract")
    expect(table).not_to_contain_text(housing.reference)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list as CSV").click()
    with open(download.value.path(), encoding="utf-8") as exported:
        rows = list(csv.reader(io.StringIO(exported.read())))
    assert rows[1][:3] == ["Reference", "Regime", "Title"]
    assert [row[0] for row in rows[2:]] == [planning.reference]

    page.get_by_role("link", name="Back to the dashboard").click()
    expect(page.locator("#scope")).to_have_text("Place")
