"""The standard cast: every view test proves the right person gets in and the wrong is refused."""

from types import SimpleNamespace

import pytest

from organisation.models import Role
from tests.factories import DirectorateFactory, ServiceAreaFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; the cast of eleven users would cost seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    # The suite's cache is a real Redis database; each test starts with it empty.
    from django.core.cache import cache

    cache.clear()


def _migration_data_back(sender, **kwargs):
    """Put back the data the migrations load. Django sends post_migrate after the flush that
    ends a transactional test (live server, real worker), once per app: answered for one.
    Serially, pytest-django runs those tests last; in the two-process run (tests/parallel.py)
    any test may follow one. Each loader leaves rows already there as they are."""
    if sender.label != "requests_app":
        return
    import importlib

    from django.apps import apps

    from requests_app import exemption_library, letter_defaults, letter_defaults_cy
    from requests_app.models import Exemption, LetterTemplate

    exemption_library.load(Exemption)
    # Not the letter migrations' own loaders: the English one looks rows up without a language
    # (it ran before Welsh rows existed), which finds two once both are there.
    for language, defaults in (("en", letter_defaults), ("cy", letter_defaults_cy)):
        for (kind, regime), (subject, body) in defaults.DEFAULTS.items():
            LetterTemplate.objects.get_or_create(
                kind=kind,
                regime=regime,
                language=language,
                defaults={"subject": subject, "body": body},
            )
    for schedule in ("0002_default_schedule", "0004_default_schedule_bulk_types"):
        importlib.import_module(f"retention.migrations.{schedule}").seed(apps, None)


@pytest.fixture(scope="session", autouse=True)
def migration_data_after_flush():
    from django.db.models.signals import post_migrate

    post_migrate.connect(_migration_data_back, dispatch_uid="tests.migration_data_back")
    yield
    post_migrate.disconnect(dispatch_uid="tests.migration_data_back")


@pytest.fixture
def org(db):
    """Two directorates; area A and C in the first, area B in the second."""
    place = DirectorateFactory(name="Place")
    people = DirectorateFactory(name="People")
    return SimpleNamespace(
        place=place,
        people=people,
        area_a=ServiceAreaFactory(name="Planning", directorate=place),
        area_c=ServiceAreaFactory(name="Environmental Health", directorate=place),
        area_b=ServiceAreaFactory(name="Housing", directorate=people),
    )


@pytest.fixture
def cast(org):
    """One user per role, with scope, named for what they are."""
    return SimpleNamespace(
        ig_officer=UserFactory(username="ig_officer", role=Role.IG_OFFICER),
        ig_manager=UserFactory(username="ig_manager", role=Role.IG_MANAGER),
        officer_a=UserFactory(username="officer_a", role=Role.SERVICE_OFFICER, areas=[org.area_a]),
        officer_b=UserFactory(username="officer_b", role=Role.SERVICE_OFFICER, areas=[org.area_b]),
        director=UserFactory(username="director", role=Role.DIRECTOR, directorate=org.place),
        director_other=UserFactory(
            username="director_other", role=Role.DIRECTOR, directorate=org.people
        ),
        siro=UserFactory(username="siro", role=Role.SIRO),
        manager=UserFactory(username="manager", role=Role.MANAGER),
        manager_place=UserFactory(
            username="manager_place", role=Role.MANAGER, directorate=org.place
        ),
        administrator=UserFactory(
            username="administrator", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
        ),
        outsider=UserFactory(username="outsider", role=Role.STAFF),
    )


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """A real Celery worker process on the suite's Redis, using the test database.

    Data must be committed for the worker to see it, hence `transactional_db`.
    """
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    if not os.environ.get("REDIS_URL"):
        pytest.fail("REDIS_URL is not set: run the suite with `make test`, which starts Redis.")
    from config.celery import app

    # Messages left in the queue by earlier tests (tasks queued with no worker) are not ours:
    # a worker working through them first can miss a test's time limit.
    app.control.purge()
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=Path(__file__).resolve().parents[1],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    output = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        output.append(line)
        if " ready." in line:
            break
        if process.poll() is not None:
            pytest.fail("Celery worker exited:\n" + "".join(output))
    else:
        process.kill()
        pytest.fail("Celery worker did not start:\n" + "".join(output))
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(autouse=True)
def second_factor_off_unless_marked(request, settings):
    """Two-factor sign-in is on by default (STAFF_2FA_REQUIRED), but view tests sign in with
    `client.force_login` and are about other things: the suite turns it off, except in tests
    marked `two_factor` (tests/organisation/test_two_factor.py), which prove it holds."""
    settings.STAFF_2FA_REQUIRED = request.node.get_closest_marker("two_factor") is not None


@pytest.fixture
def require_2fa(settings):
    """Two-factor sign-in on, as in production (same as the `two_factor` marker)."""
    settings.STAFF_2FA_REQUIRED = True
