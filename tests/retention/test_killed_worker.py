"""A real worker process killed with SIGKILL in the middle of a disposal run: a fresh run
afterwards disposes of every record, each exactly once."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from requests_app.models import Case, Requester
from retention import disposal, services
from retention.models import DisposalItem, DisposalRun
from tests.retention.helpers import at, default_schedule, make_case

# The worker: disposes of the run, but stops for good inside the second record's transaction
# (after anonymising it, before the commit) and says so by creating a file.
WORKER = textwrap.dedent(
    """
    import os, sys, time
    import django
    django.setup()
    from requests_app.models import Case
    from retention import disposal, disposers
    real, seen = disposers.ANONYMISERS[Case], []
    def slow(case):
        seen.append(case.pk)
        files = real(case)
        if len(seen) == 2:
            open(sys.argv[2], "w").close()
            time.sleep(120)
        return files
    disposers.ANONYMISERS[Case] = slow
    disposal.run_dispose(run_id=int(sys.argv[1]))
    """
)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_with_sigkill_mid_run(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    default_schedule()
    cases = [make_case(closed_at=at(2023, 3, day)) for day in (1, 2, 3)]
    run = services.run_prepare(today=at(2026, 7, 1).date())
    DisposalRun.objects.filter(pk=run.pk).update(state=DisposalRun.State.APPROVED)
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "MEDIA_ROOT": str(tmp_path),
    }
    marker = tmp_path / "stopped"
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(run.pk), str(marker)],
        cwd=Path(__file__).resolve().parents[2],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if worker.poll() is not None:
            pytest.fail("worker exited early:\n" + worker.stdout.read())
        assert time.monotonic() < deadline, "the worker never reached the second record"
        time.sleep(0.1)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)

    states = dict(run.items.values_list("object_id", "state"))
    assert states == {
        cases[0].pk: DisposalItem.State.DONE,
        cases[1].pk: DisposalItem.State.PENDING,  # its transaction died with the worker
        cases[2].pk: DisposalItem.State.PENDING,
    }
    assert Case.objects.get(pk=cases[1].pk).request_text.startswith("Secret")

    assert disposal.run_dispose(run_id=run.pk) == 2
    assert set(run.items.values_list("state", flat=True)) == {DisposalItem.State.DONE}
    assert Requester.objects.filter(name="Anonymised").count() == 3
    for case in cases:
        assert Case.objects.get(pk=case.pk).requester.name == "Anonymised"
    run.refresh_from_db()
    assert run.state == DisposalRun.State.DONE
