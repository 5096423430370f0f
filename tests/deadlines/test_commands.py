"""`manage.py deadline` (as SPEC-statutory.md specifies it) and `manage.py deadline_bench`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]


def deadline(*args):
    from io import StringIO

    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["foi", "2025-12-15"], "2026-01-16"),
        (["foi", "2026-01-05", "--extended"], "2026-03-02"),
        (
            ["foi", "2026-02-02", "--fee-notice", "2026-02-09", "--fee-paid", "2026-02-20"],
            "2026-03-16",
        ),
        (["foi", "2026-01-05", "--clarified", "2026-01-21"], "2026-02-18"),
        (["eir", "2026-07-01"], "2026-07-30"),
        (["eir", "2026-07-01", "--extended"], "2026-08-28"),
        (
            ["eir", "2026-02-02", "--fee-notice", "2026-02-09", "--fee-paid", "2026-02-13"],
            "2026-03-09",
        ),
        (
            ["eir", "2026-07-01", "--fee-notice", "2026-07-06"],
            "no due date: clock stopped since 2026-07-06 awaiting the fee; the request lapses if "
            "it is unpaid by 2026-10-01",
        ),
        (["foi-review", "2026-04-01"], "2026-05-01"),
        (["foi-review", "2026-04-01", "--extended"], "2026-06-02"),
        (["eir-review", "2026-04-01"], "2026-06-02"),
        (["sar", "2026-04-03"], "2026-05-05"),
        (["sar", "2026-05-04", "--extended"], "2026-08-04"),
        (
            [
                "sar",
                "2026-03-02",
                "--clarification-asked",
                "2026-03-05",
                "--clarified",
                "2026-03-16",
            ],
            "2026-04-14",
        ),
        (["sar", "2026-03-02", "--id-received", "2026-03-10"], "2026-04-10"),
        (["sar", "2026-03-02", "--fee-paid", "2026-03-12"], "2026-04-13"),
        (["sar", "2026-10-30", "--nation", "scotland"], "2026-12-01"),
        (["breach", "2026-05-01T16:30"], "2026-05-04T16:30:00+01:00"),
        (["breach", "2026-03-27T10:00:00+00:00"], "2026-03-30T11:00:00+01:00"),
        (
            ["foi", "2026-02-02", "--fee-notice", "2026-02-09"],
            "no due date: clock stopped since 2026-02-09 awaiting the fee; the request lapses if "
            "it is unpaid by 2026-05-08",
        ),
    ],
)
def test_last_line_is_the_due_date(args, last_line):
    lines = deadline(*args)
    assert lines[-1] == last_line
    assert len(lines) == 1  # nothing else without --explain


def test_explain_prints_the_working_then_the_date():
    lines = deadline("foi", "2025-12-15", "--explain")
    assert lines[-1] == "2026-01-16"
    assert lines[0].startswith("Calendar: GOV.UK bank holidays to 2028")
    assert "Thu 2025-12-25  Christmas Day (all nations) — not a working day" in lines
    assert (
        "Fri 2026-01-02  2nd January (Scotland) — not a working day for FOI/EIR: a bank holiday "
        "in any part of the UK (s10(6))"
    ) in lines
    assert "Mon 2026-01-12 to Fri 2026-01-16  working days 16–20" in lines


def test_explain_says_when_the_database_cannot_be_read():
    assert any(
        line.startswith("The database could not be read")
        for line in deadline("eir", "2026-07-01", "--explain")
    )


def test_provisional_dates_say_so_above_the_date():
    lines = deadline("foi", "2030-06-03")
    assert len(lines) == 2
    assert lines[0].startswith("Provisional: GOV.UK has published bank holidays only up to 2028")
    assert lines[1] == "2030-07-01"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["fio", "2026-01-05"],
            "Unknown regime 'fio': choose from foi, eir, sar, foi-review, eir-review, breach, "
            "dp-complaint.",
        ),
        (["foi", "2026-13-05"], "RECEIVED: '2026-13-05' is not a date (expected YYYY-MM-DD)."),
        (["foi", "5/1/2026"], "RECEIVED: '5/1/2026' is not a date (expected YYYY-MM-DD)."),
        (
            ["foi", "2026-01-05", "--fee-notice", "tomorrow", "--fee-paid", "2026-01-09"],
            "--fee-notice: 'tomorrow' is not a date (expected YYYY-MM-DD).",
        ),
        (
            ["foi", "2026-02-02", "--fee-notice", "2026-02-09", "--fee-paid", "2026-02-06"],
            "The fee was received (2026-02-06) before the fees notice was given (2026-02-09).",
        ),
        (
            [
                "sar",
                "2026-03-02",
                "--clarification-asked",
                "2026-03-16",
                "--clarified",
                "2026-03-05",
            ],
            "The pause ends (2026-03-05) before it starts (2026-03-16).",
        ),
        (
            ["eir", "2026-01-05", "--id-received", "2026-01-06"],
            "--id-received does not apply to eir.",
        ),
        (["foi", "2026-01-05", "--nation", "scotland"], "--nation does not apply to foi."),
        (["eir-review", "2026-01-05", "--extended"], "--extended does not apply to eir-review."),
        (["foi", "2011-12-30"], "2011-12-30 is before 1 January 2012"),
        (["sar", "2026-01-05", "--nation", "wales"], "Unknown nation 'wales'"),
        (["breach", "2026-05-01"], "RECEIVED: '2026-05-01' is not a date and time"),
        (["breach", "2026-03-29T01:30"], "2026-03-29T01:30 did not happen in Europe/London"),
        (["breach", "2026-10-25T01:30"], "2026-10-25T01:30 happened twice in Europe/London"),
    ],
)
def test_bad_input_is_one_clear_error(args, message):
    with pytest.raises(CommandError) as error:
        deadline(*args)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_breach_with_explicit_offset_across_the_autumn_change():
    lines = deadline("breach", "2026-10-25T01:30+01:00", "--explain")
    assert lines[-1] == "2026-10-28T00:30:00+00:00"
    assert any("clocks went back" in line for line in lines)


def run_manage(*args):
    environment = {
        **os.environ,
        "DEBUG": "true",
        # A PostgreSQL server that is not there: the command must not need one.
        "DATABASE_URL": "postgres://x@127.0.0.1:1/x",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_works_without_a_database_server():
    result = run_manage("deadline", "foi", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "2026-12-21"
    explained = run_manage("deadline", "foi", "2026-11-20", "--explain")
    assert "The database could not be read" in explained.stdout
    assert "Mon 2026-11-30  St Andrew’s Day (Scotland)" in explained.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["deadline", "xyz", "2026-11-20"],
        ["deadline", "foi", "2026-11-31"],
        ["deadline", "foi", "2026-02-02", "--fee-notice", "2026-02-09", "--fee-paid", "2026-02-01"],
        [
            "deadline",
            "sar",
            "2026-03-02",
            "--clarification-asked",
            "2026-03-16",
            "--clarified",
            "2026-03-05",
        ],
    ],
)
def test_bad_input_exits_non_zero_with_one_line(args):
    result = run_manage(*args)
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("CommandError: ")


def test_benchmark_agrees_with_workalendar():
    from io import StringIO

    out = StringIO()
    call_command("deadline_bench", count=10_000, sample=1_000, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("FOI due dates (20th working day, UK-wide working days) for 10,000")
    assert "  results compared on 1,000 dates: 0 differ" in lines
    assert any(line.startswith("  ratio, ours / workalendar: ") for line in lines)
