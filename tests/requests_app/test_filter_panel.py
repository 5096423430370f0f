"""The staff lists' filter panel (MOJ Frontend filter pattern): the filters chosen are shown
as tags, each a link to the same list without that one filter; it works without JavaScript
(a plain GET form with an "Apply filters" button)."""

import html
import re

from django.urls import reverse

from requests_app.models import Status
from tests.requests_app.builders import case_in


def tags(page: str) -> dict[str, str]:
    """Each selected filter's text and where its link goes."""
    found = re.findall(
        r'<a class="moj-filter__tag" href="([^"]*)"><span class="govuk-visually-hidden">'
        r"Remove this filter</span> ([^<]*)</a>",
        page,
    )
    return {html.unescape(text).strip(): html.unescape(href) for href, text in found}


def test_chosen_filters_are_tags_that_each_remove_one(client, cast, org):
    case_in(Status.RECEIVED, cast, org)
    url = reverse("requests:queue")
    client.force_login(cast.officer_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.ig_officer)

    plain = client.get(url, {"tab": "open"}).content.decode()
    assert "Apply filters" in plain and 'class="moj-filter-layout"' in plain
    assert "Selected filters" not in plain

    query = {
        "tab": "open",
        "regime": "foi",
        "area": str(org.area_a.pk),
        "due_from_day": "3",
        "due_from_month": "2",
        "due_from_year": "2026",
        "page": "1",
    }
    page = client.get(url, query).content.decode()
    assert "Selected filters" in page
    chosen = tags(page)
    assert set(chosen) == {"Freedom of Information", "Planning", "3 Feb 2026"}
    # Each tag drops its own filter (all three boxes of a date) and the page; keeps the rest.
    assert chosen["Freedom of Information"] == (
        f"?tab=open&area={org.area_a.pk}&due_from_day=3&due_from_month=2&due_from_year=2026"
    )
    assert chosen["3 Feb 2026"] == f"?tab=open&regime=foi&area={org.area_a.pk}"
    assert 'href="?tab=open">Clear filters</a>' in page


def test_an_unknown_filter_value_is_not_shown_as_chosen(client, cast, org):
    client.force_login(cast.ig_officer)
    page = client.get(reverse("requests:queue"), {"regime": "nonsense", "area": "999"})
    assert page.status_code == 200
    assert tags(page.content.decode()) == {}


def test_the_registers_show_their_chosen_filters_as_tags(client, cast, org):
    client.force_login(cast.officer_a)
    assert client.get(reverse("requests:complaints")).status_code == 403
    client.force_login(cast.ig_manager)
    pages = {
        reverse("requests:complaints"): ({"status": "all"}, {"All": "?"}),
        reverse("fees:register"): ({"regime": "foi"}, {"Freedom of Information": "?"}),
        reverse("breaches:register"): (
            {"view": "all", "q": "wrong parent", "cyber": "yes"},
            {"“wrong parent”": "?view=all&cyber=yes", "Cyber": "?view=all&q=wrong+parent"},
        ),
        reverse("sharing:agreements"): (
            {"area": str(org.area_b.pk), "special": "yes"},
            {
                "Housing": "?special=yes",
                "Special-category or criminal-offence data": (f"?area={org.area_b.pk}"),
            },
        ),
    }
    for url, (query, expected) in pages.items():
        response = client.get(url, query)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Apply filters" in page and 'class="moj-filter-layout"' in page, url
        assert tags(page) == expected, url
