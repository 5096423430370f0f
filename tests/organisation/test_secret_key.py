"""A SECRET_KEY that is the .env.example placeholder, or low in variety, stops start-up."""

from pathlib import Path

import pytest

from config.env import SECRET_KEY_PLACEHOLDER, secret_key_problem
from tests.organisation.test_settings import PROD_ENV, run_manage

ROOT = Path(__file__).resolve().parents[2]


def test_the_placeholder_is_the_one_env_example_ships():
    lines = (ROOT / ".env.example").read_text().splitlines()
    assert f"SECRET_KEY={SECRET_KEY_PLACEHOLDER}" in lines


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (SECRET_KEY_PLACEHOLDER, "SECRET_KEY is still the placeholder from .env.example"),
        ("a" * 80, "SECRET_KEY uses fewer than 10 different characters"),
        ("abababababcdcdcdcdcd" * 4, "SECRET_KEY uses fewer than 10 different characters"),
        ("django-insecure-" + "k3j4h5g6f7d8s9a0" * 4, "placeholder"),
    ],
)
def test_start_up_with_a_guessable_key_fails_with_a_sentence_naming_it(value, message):
    result = run_manage("check", **{**PROD_ENV, "SECRET_KEY": value})
    assert result.returncode != 0
    assert message in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_a_random_key_is_accepted():
    assert secret_key_problem("9f8Gk2-pQz_7xW4vN0bLr3TsYc6HmA1dEuJ5oKi8VnR2tXw4ZyB") is None


def test_debug_mode_does_not_insist(tmp_path):
    result = run_manage("check", **{**PROD_ENV, "SECRET_KEY": "a" * 80, "DEBUG": "true"})
    assert result.returncode == 0, result.stderr
