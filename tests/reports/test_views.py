"""The report pages through HTTP: who may see them, and that every number is its list."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse

from requests_app.models import Case
from tests.reports.dataset import WEEK

WEEK_QUERY = f"?week={WEEK.isoformat()}"
ALLOWED = ["ig_officer", "ig_manager", "manager", "manager_place", "director", "siro"]
REFUSED = ["officer_a", "officer_b", "outsider", "administrator"]


def report_urls():
    return [
        reverse("reports:dashboard"),
        reverse("reports:dashboard_csv", args=["regime"]),
        reverse("reports:dashboard_pdf"),
        reverse("reports:cases", args=["open_now"]),
        reverse("reports:cases_csv", args=["open_now"]),
        reverse("reports:quarterly"),
        reverse("reports:annual"),
        reverse("reports:statistics_csv", args=["quarter", "requests"]),
    ]


# --- who may see what ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("index", range(8))
def test_anonymous_is_sent_to_sign_in(client, index):
    url = report_urls()[index]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("who", REFUSED)
@pytest.mark.parametrize("index", range(8))
def test_other_roles_are_refused(client, cast, who, index):
    client.force_login(getattr(cast, who))
    assert client.get(report_urls()[index]).status_code == 403


@pytest.mark.parametrize("who", ALLOWED)
def test_dashboard_roles_get_every_page(client, cast, who):
    client.force_login(getattr(cast, who))
    for url in report_urls():
        if url.endswith(".pdf"):
            continue  # rendered once below: WeasyPrint takes a second
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_director_without_a_directorate_is_refused(client, cast):
    cast.director.directorate = None
    cast.director.save()
    client.force_login(cast.director)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_unknown_figures_and_breakdowns_are_not_found(client, cast):
    client.force_login(cast.ig_manager)
    assert client.get(reverse("reports:cases", args=["nonsense"])).status_code == 404
    url = reverse("reports:cases", args=["open_now"])
    for dim in ("area:999999", "nonsense:1", "regime:xyz", "area:abc"):
        assert client.get(url, {"dim": dim}).status_code == 404, dim
    assert client.get(reverse("reports:dashboard_csv", args=["nonsense"])).status_code == 404
    assert client.get(reverse("reports:dashboard"), {"directorate": "999999"}).status_code == 404
    # A malformed period falls back to the last complete week rather than failing.
    assert client.get(reverse("reports:dashboard"), {"week": "31-02-2026"}).status_code == 200


# --- every number is exactly its list -------------------------------------------------------

LINK = re.compile(r'href="([^"]+)" data-measure="([^"]+)" data-count="(\d+)"')


def numbers(client, url):
    """Every case-list link on the page with its number (the fees, breach and agreement
    figures open their own registers: tests/reports/test_other_records.py follows those)."""
    response = client.get(url)
    assert response.status_code == 200, url
    cases = reverse("reports:cases", args=["open_now"]).rsplit("/", 2)[0]
    return {
        (html.unescape(href), int(count))
        for href, _, count in LINK.findall(response.text)
        if href.startswith(cases)
    }


def assert_list_matches(client, href, count):
    page = client.get(href)
    assert page.status_code == 200, href
    total = re.search(r'data-total="(\d+)"', page.text)
    assert total and int(total.group(1)) == count, (href, count, total and total.group(1))
    assert page.text.count("data-reference=") == min(count, 50), href
    path, _, query = href.partition("?")
    exported = client.get(path.rstrip("/") + ".csv?" + query)
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert len(rows) - 2 == count, (href, count, len(rows) - 2)  # title and heading rows


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("ig_manager", "dashboard"),
        ("ig_manager", "quarterly"),
        ("ig_manager", "annual"),
        ("manager_place", "dashboard"),
        ("manager", "dashboard-people"),
    ],
)
def test_every_number_opens_exactly_the_cases_it_counts(client, cast, org, council, who, page):
    client.force_login(getattr(cast, who))
    url = {
        "dashboard": reverse("reports:dashboard") + WEEK_QUERY,
        "dashboard-people": reverse("reports:dashboard")
        + WEEK_QUERY
        + f"&directorate={org.people.pk}",
        "quarterly": reverse("reports:quarterly") + "?start=2026-04-01",
        "annual": reverse("reports:annual") + "?start=2026-04-01",
    }[page]
    found = numbers(client, url)
    assert len(found) > 20
    assert any(count > 0 for _, count in found)
    for href, count in sorted(found):
        assert_list_matches(client, href, count)


def test_the_headline_numbers_link_to_their_lists(client, cast, council):
    client.force_login(cast.manager)
    page = client.get(reverse("reports:dashboard") + WEEK_QUERY).text
    tile = page[page.index('id="tile-overdue_now"') :]
    href = html.unescape(LINK.search(tile).group(1))
    listing = client.get(href).text
    assert council.C6.reference in listing
    assert 'data-total="1"' in listing


# --- data-protection cases: counted, never shown to those who may not open them ------------


def test_a_manager_sees_a_sar_counted_but_cannot_open_it(client, cast, council):
    sar = council.C9
    client.force_login(cast.manager)
    query = WEEK_QUERY + "&dim=regime:sar"
    listing = client.get(reverse("reports:cases", args=["answered_in_time"]) + query).text
    assert 'data-total="1"' in listing
    assert sar.reference in listing
    assert reverse("requests:case", args=[sar.pk]) not in listing
    assert "My housing file" not in listing
    assert "visible to Information Governance only" in listing
    exported = client.get(reverse("reports:cases_csv", args=["answered_in_time"]) + query)
    text = b"".join(exported.streaming_content).decode()
    assert sar.reference in text and "My housing file" not in text
    # And the case page itself is not there for them.
    assert client.get(reverse("requests:case", args=[sar.pk])).status_code == 404


def test_a_manager_sees_no_details_of_a_request_not_yet_classified(client, cast, council):
    client.force_login(cast.manager)
    listing = client.get(reverse("reports:cases", args=["unclassified"])).text
    assert 'data-total="1"' in listing and council.C16.reference in listing
    assert reverse("requests:case", args=[council.C16.pk]) not in listing


def test_ig_sees_the_sar_in_full(client, cast, council):
    client.force_login(cast.ig_manager)
    url = reverse("reports:cases", args=["answered_in_time"]) + WEEK_QUERY + "&dim=regime:sar"
    listing = client.get(url).text
    assert reverse("requests:case", args=[council.C9.pk]) in listing
    assert "My housing file" in listing


# --- directorate scope -----------------------------------------------------------------------


def test_a_directorate_manager_sees_only_their_directorate(client, cast, org, council):
    client.force_login(cast.manager_place)
    # Asking for People changes nothing: the role fixes the scope.
    page = client.get(
        reverse("reports:dashboard") + WEEK_QUERY + f"&directorate={org.people.pk}"
    ).text
    assert '<span class="govuk-caption-l" id="scope">Place</span>' in page
    assert 'id="filter-directorate"' not in page
    late = client.get(
        reverse("reports:cases", args=["answered_late"])
        + WEEK_QUERY
        + f"&directorate={org.people.pk}"
    ).text
    assert council.C2.reference not in late  # Housing (People)
    assert 'data-total="0"' in late
    in_time = client.get(reverse("reports:cases", args=["answered_in_time"]) + WEEK_QUERY).text
    assert 'data-total="4"' in in_time  # C1, C3, C4, C5
    for case in (council.C2, council.C9, council.C7):
        assert case.reference not in in_time


def test_a_director_sees_only_their_directorate(client, cast, council):
    client.force_login(cast.director_other)  # People
    listing = client.get(reverse("reports:cases", args=["answered_late"]) + WEEK_QUERY).text
    assert council.C2.reference in listing
    in_time = client.get(reverse("reports:cases", args=["answered_in_time"]) + WEEK_QUERY).text
    assert 'data-total="1"' in in_time and council.C9.reference in in_time


def test_council_wide_roles_can_filter_a_directorate(client, cast, org, council):
    client.force_login(cast.siro)
    page = client.get(
        reverse("reports:dashboard") + WEEK_QUERY + f"&directorate={org.people.pk}"
    ).text
    assert '<span class="govuk-caption-l" id="scope">People</span>' in page
    assert f'<option value="{org.people.pk}" selected>People</option>' in page


# --- exports ------------------------------------------------------------------------------


def test_table_csv_has_the_dashboard_figures(client, cast, council):
    client.force_login(cast.manager)
    response = client.get(reverse("reports:dashboard_csv", args=["regime"]) + WEEK_QUERY)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    heading = rows[4]
    assert heading[:3] == ["Regime", "Received", "Answered in the period: In time"]
    total = dict(zip(heading, rows[-1], strict=True))
    assert total["Regime"] == "All requests"
    assert total["Received"] == "3"
    assert total["Performance"] == "83.3"


def test_csv_cells_cannot_become_formulas(client, cast, council, now):
    council.council.log(now, title='=HYPERLINK("http://evil")')
    client.force_login(cast.ig_manager)
    response = client.get(reverse("reports:cases_csv", args=["open_now"]))
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_pdf_snapshot_of_the_week(client, cast, council):
    client.force_login(cast.manager_place)
    response = client.get(reverse("reports:dashboard_pdf") + WEEK_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_breaches_and_agreements_are_reported_not_promised(client, cast):
    client.force_login(cast.manager)
    page = client.get(reverse("reports:dashboard")).text
    assert "Fees, breaches and sharing agreements" in page
    assert "not yet recorded in this system" not in page


def test_case_count_is_unchanged_by_the_reports(client, cast, council):
    before = Case.objects.count()
    client.force_login(cast.ig_manager)
    client.get(reverse("reports:dashboard"))
    assert Case.objects.count() == before
