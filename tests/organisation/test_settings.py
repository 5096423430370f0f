"""Settings come from the environment; a bad value stops start-up with a clear sentence."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "SECRET_KEY": "a" * 20 + "production-like-secret-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "ig.council.example",
    "DATABASE_URL": "postgres://ig@127.0.0.1:1/ig",
}


def run_manage(*args, **extra_env):
    # The suite's own relaxations must not leak into a production-like start-up.
    suite_only = (
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    environment = {k: v for k, v in os.environ.items() if k not in suite_only}
    environment.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("parser", "value", "message"),
    [
        (lambda e: env.env_int("N", 2, minimum=1, environ=e), "two", "whole number"),
        (lambda e: env.env_int("N", 2, minimum=1, environ=e), "0", "at least 1"),
        (lambda e: env.env_bool("N", environ=e), "maybe", "true or false"),
        (lambda e: env.env_decimal("N", "450", environ=e), "lots", "amount"),
        (lambda e: env.env_decimal("N", "450", environ=e), "-1", "at least 0"),
        (
            lambda e: env.env_choice("N", "england-and-wales", env.NATIONS, environ=e),
            "wales",
            "one of",
        ),
    ],
)
def test_bad_values_raise_a_clear_error(parser, value, message):
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        parser({"N": value})
    assert "N" in str(error.value)


def test_good_values_parse():
    environ = {"I": " 3 ", "B": "yes", "D": "600", "L": "a, b,,c", "C": "Scotland"}
    assert env.env_int("I", 1, environ=environ) == 3
    assert env.env_bool("B", environ=environ) is True
    assert env.env_bool("missing", True, environ=environ) is True
    assert env.env_decimal("D", "450", environ=environ) == Decimal("600")
    assert env.env_list("L", environ=environ) == ["a", "b", "c"]
    assert env.env_choice("C", "england-and-wales", env.NATIONS, environ=environ) == "scotland"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("COUNCIL_NATION", "wales", "COUNCIL_NATION must be one of"),
        ("ACKNOWLEDGEMENT_WORKING_DAYS", "soon", "ACKNOWLEDGEMENT_WORKING_DAYS must be a whole"),
        ("APPROPRIATE_LIMIT", "500", "APPROPRIATE_LIMIT must be 450"),
        ("SECRET_KEY", "", "SECRET_KEY must be set"),
        ("SECRET_KEY", "short", "at least 50 characters"),
    ],
)
def test_start_up_fails_clearly_on_a_bad_setting(variable, value, message):
    result = run_manage("check", **{**PROD_ENV, variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PROD_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_settings_follow_the_environment(settings):
    # The suite runs with DEBUG off, on the real time zone, with the council's defaults.
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.COUNCIL_NATION in env.NATIONS
    assert settings.APPROPRIATE_LIMIT in (Decimal("450"), Decimal("600"))
