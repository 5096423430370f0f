"""seed_volume, dashboard_bench and load_bench, small enough to run with the suite so they cannot
rot."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from deadlines import rules
from reports import volume
from requests_app.models import Assignment, Case, Regime, Status


def test_seed_volume_makes_realistic_cases(org):
    out = StringIO()
    call_command("seed_volume", cases=300, stdout=out)
    assert "Created 300 volume cases" in out.getvalue()
    cases = Case.objects.filter(reference__startswith="VOL-")
    assert cases.count() == 300
    assert cases.filter(review_of__isnull=False).exists()
    assert cases.filter(status__in=Status.finished()).count() > 150
    assert cases.filter(responded_at__isnull=False, regime=Regime.SAR).exists()
    assert Assignment.objects.filter(case__in=cases).exists()
    today = timezone.localdate()
    assert cases.filter(received_at__lt=timezone.now() - dt.timedelta(days=365)).exists()
    assert not cases.filter(received_at__gt=timezone.now()).exists()
    assert not cases.filter(responded_at__gt=timezone.now()).exists()
    # Dates come from deadlines/: a plain FOI request's is the 20th (40th) working day.
    plain = cases.filter(
        regime=Regime.FOI,
        review_of__isnull=True,
        fee_notice_on__isnull=True,
        clarified_on__isnull=True,
        statutory_due__isnull=False,
    )
    for case in plain[:50]:
        received = timezone.localdate(case.received_at)
        assert case.statutory_due == rules.foi_due_date(received, extended=case.extended)
    # Answered cases are consistent with their status.
    assert not cases.filter(status=Status.RESPONDED, responded_at__isnull=True).exists()
    assert (
        not cases.filter(status__in=Status.finished(), closed_at__isnull=True)
        .exclude(status=Status.RESPONDED)
        .exists()
    )
    assert today  # the run used today's calendar


def test_seed_volume_clear_removes_only_volume_cases(cast, org):
    from tests.requests_app.builders import logged

    mine = logged(cast)
    volume.seed(40, seed=3)
    call_command("seed_volume", cases=10, clear=True, stdout=StringIO())
    assert Case.objects.filter(reference__startswith="VOL-").count() == 10
    assert Case.objects.filter(pk=mine.pk).exists()


def test_dashboard_bench_prints_median_and_p95(org):
    call_command("seed_volume", cases=50, stdout=StringIO())
    out = StringIO()
    call_command("dashboard_bench", renders=3, warmup=1, stdout=out)
    text = out.getvalue()
    assert "50 cases" in text
    assert "queries per render:" in text
    assert "median:" in text and "p95:" in text
    # It cleans up the user it rendered as.
    from organisation.models import User

    assert not User.objects.filter(username="dashboard.bench").exists()


@pytest.mark.django_db(transaction=True)
def test_load_bench_signs_clients_in_through_gunicorn_and_counts_every_answer(org, tmp_path):
    """A real gunicorn on the test database: two clients sign in with their password and a
    code, then open pages for two seconds. Every answer is counted; none may fail."""
    call_command("seed_volume", cases=40, stdout=StringIO())
    report = tmp_path / "load.json"
    out = StringIO()
    call_command(
        "load_bench", clients=2, seconds=2, workers=1, threads=2, json_path=str(report), stdout=out
    )
    figures = json.loads(report.read_text())
    assert figures["errors"] == 0
    assert figures["requests"] > 0
    assert figures["median_ms"] > 0 and figures["p95_ms"] >= figures["median_ms"]
    assert (figures["clients"], figures["cases"]) == (2, 40)
    assert "2 clients signed in" in out.getvalue()
    # Each page is counted under its name, and the names add up to the whole.
    pages = figures["pages"]
    assert set(pages) <= {"queue", "finished", "search", "case", "inbox"} | {
        f"dashboard_{kind}" for kind in ("week", "month", "quarter")
    }
    assert sum(page["requests"] for page in pages.values()) == figures["requests"]


@pytest.mark.django_db(transaction=True)
def test_load_bench_clients_pause_between_pages_when_told(org, tmp_path):
    """With --pause-ms 500 each client waits at least 250 ms after every page, so in two
    seconds two clients open at most nine pages each (without the pause: dozens)."""
    call_command("seed_volume", cases=40, stdout=StringIO())
    report = tmp_path / "load.json"
    call_command(
        "load_bench",
        clients=2,
        seconds=2,
        workers=1,
        threads=2,
        pause_ms=500,
        json_path=str(report),
        stdout=StringIO(),
    )
    figures = json.loads(report.read_text())
    assert figures["errors"] == 0 and figures["pause_ms"] == 500
    assert 2 <= figures["requests"] <= 18
