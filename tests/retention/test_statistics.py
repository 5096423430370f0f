"""Disposal leaves every figure the same: the dashboard, the quarterly and annual statistics,
their CSVs and the report summaries, read both from the summaries and from the cases.

The council is tests/reports/dataset.py (a fortnight of July 2026). Its answered FOI cases C1,
C2 (with an ICO complaint), C4 (s43 cited) and SAR C9 are closed on Wednesday 15 July 2026; on
Wednesday 1 August 2029 the FOI cases are past closure + 3 years and the SAR past closure +
1 year, and a run anonymises all four, with C11 (withdrawn on 7 July 2026) and the cases
answered that fortnight and never closed.
"""

import datetime as dt
import html
import re

import pytest
import time_machine
from django.urls import reverse

from reports import summaries
from requests_app import services as case_services
from requests_app.models import Case
from retention import disposal, services

# The reports tests' council, settings and clock, shared rather than copied.
from tests.reports.conftest import council, council_settings, now, source  # noqa: F401
from tests.reports.dataset import LONDON

LATER = dt.datetime(2029, 8, 1, 9, 0, tzinfo=LONDON)
LINK = re.compile(r'href="([^"]+)" data-measure="([^"]+)" data-count="(\d+)"')
PAGES = [
    reverse("reports:dashboard") + "?week=2026-07-06",
    reverse("reports:dashboard") + "?week=2026-07-06&directorate=",
    reverse("reports:quarterly") + "?start=2026-07-01",
    reverse("reports:annual") + "?start=2026-04-01",
]
CSVS = [
    reverse("reports:dashboard_csv", args=["regime"]) + "?week=2026-07-06",
    reverse("reports:statistics_csv", args=["quarter", "requests"]) + "?start=2026-07-01",
]


def figures(client) -> dict:
    result = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        result[url] = sorted(
            (html.unescape(href), measure, int(count))
            for href, measure, count in LINK.findall(response.text)
        )
    for url in CSVS:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content if hasattr(response, "content") else b""
        if not body:
            body = b"".join(response.streaming_content)
        result[url] = body.decode()
    return result


@pytest.mark.django_db
@pytest.mark.usefixtures("source")  # every figure read from the summaries, then from the cases
def test_dashboard_and_statistics_are_unchanged_by_disposal(
    client, cast, request, django_capture_on_commit_callbacks
):
    cases = request.getfixturevalue("council")
    closed = [cases.C1, cases.C2, cases.C4, cases.C9]
    with django_capture_on_commit_callbacks(execute=True):
        for case in closed:
            case_services.case_close(case_id=case.pk, user=cast.ig_officer)
    with time_machine.travel(LATER, tick=False):
        client.force_login(cast.ig_manager)  # a session from 2026 has long expired
        before = figures(client)
        assert sum(len(v) for v in before.values() if isinstance(v, list)) > 20
        run = services.run_prepare(today=LATER.date())
        # With C11, withdrawn on 7 July 2026 (withdrawing closes a case), and every case
        # answered in July 2026 and left "responded" (it counts from its answer).
        responded = list(Case.objects.filter(status="responded"))
        assert responded
        disposed = [*closed, cases.C11, *responded]
        records = run.items.filter(cutoff__isnull=True)  # not the batches of bulk types
        assert sorted(records.values_list("object_id", flat=True)) == sorted(c.pk for c in disposed)
        with django_capture_on_commit_callbacks(execute=False):
            services.run_approve(user=cast.ig_manager, run_id=run.pk)
        with django_capture_on_commit_callbacks(execute=True):
            assert disposal.run_dispose(run_id=run.pk) == run.items.count()
        after = figures(client)

    assert after == before
    assert summaries.differences() == []
    for case in Case.objects.filter(pk__in=[c.pk for c in disposed]).select_related("requester"):
        assert case.requester.name == "Anonymised"
        if case.pk in {c.pk for c in [*closed, cases.C11]}:
            assert case.exemptions.exists() == (case.pk == cases.C4.pk)
