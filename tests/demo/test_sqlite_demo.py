"""The demo's SQLite file is shared by the web server, the worker and beat: several processes
writing at once wait for each other instead of failing with "database is locked"."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4
ROUNDS = 60

# Each process reads the counter and writes it back inside one transaction, many times: the
# pattern of a service that locks a row and updates it. With SQLite's default (deferred)
# transactions two such writers deadlock on the lock upgrade and one fails at once.
WRITER = """
import django
django.setup()
from django.db import connection, transaction
for _ in range(ROUNDS):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT n FROM soak_counter WHERE id = 1")
            (n,) = cursor.fetchone()
            cursor.execute("UPDATE soak_counter SET n = %s WHERE id = 1", [n + 1])
""".replace("ROUNDS", str(ROUNDS))
SETUP = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE soak_counter (id integer primary key, n integer)")
    cursor.execute("INSERT INTO soak_counter VALUES (1, 0)")
"""
READ = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
    cursor.execute("SELECT n FROM soak_counter WHERE id = 1")
    print(mode, cursor.fetchone()[0])
"""


def demo_environment(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "VAR_DIR": str(var_dir),
        "PYTHONPATH": str(ROOT),
    }


def run(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_demo_processes_writing_at_once_never_see_database_is_locked(tmp_path):
    env = demo_environment(tmp_path)
    assert run(SETUP, env).returncode == 0
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * PROCESSES, "\n".join(errors)
    assert not any("database is locked" in e for e in errors)
    # Every increment was kept, and the file is in write-ahead-log mode.
    assert run(READ, env).stdout.split() == ["wal", str(PROCESSES * ROUNDS)]


def test_broker_folders_are_under_var(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(sorted(settings.CELERY_BROKER_TRANSPORT_OPTIONS.items()))"
    )
    out = run(code, demo_environment(tmp_path)).stdout
    assert "control_folder" in out
    assert str(tmp_path / "broker" / "control") in out
    assert str(ROOT / "control") + "'" not in out
