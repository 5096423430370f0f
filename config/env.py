"""Reading settings from environment variables.

Every parser raises ImproperlyConfigured naming the variable and what it expected, so a
mistyped value stops the application at start-up with a sentence an IT team can act on,
instead of a traceback later in the day.
"""

import os
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ImproperlyConfigured

NATIONS = ("england-and-wales", "scotland", "northern-ireland")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", environ=None) -> str:
    environ = os.environ if environ is None else environ
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool = False, environ=None) -> bool:
    environ = os.environ if environ is None else environ
    if name not in environ:
        return default
    value = environ[name].strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {environ[name]!r}.")


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None, environ=None
) -> int:
    environ = os.environ if environ is None else environ
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {value}.")
    return value


def env_decimal(name: str, default: str, *, minimum: str = "0", environ=None) -> Decimal:
    environ = os.environ if environ is None else environ
    raw = environ.get(name, "").strip() or default
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ImproperlyConfigured(
            f"{name} must be an amount such as 450.00, not {raw!r}."
        ) from None
    if not value.is_finite() or value < Decimal(minimum):
        raise ImproperlyConfigured(f"{name} must be an amount of at least {minimum}, not {raw!r}.")
    return value


def env_list(name: str, default: str = "", environ=None) -> list[str]:
    return [item.strip() for item in env_str(name, default, environ).split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...], environ=None) -> str:
    value = env_str(name, default, environ).lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; not {value!r}.")
    return value


# The value .env.example ships with: a copy of it that reaches production is not a secret.
SECRET_KEY_PLACEHOLDER = "change-me-to-a-long-random-string-of-at-least-fifty-characters"  # noqa: S105
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 10


def secret_key_problem(value: str) -> str | None:
    """Why a production SECRET_KEY is unsafe, as a sentence naming it, or None if it is fine.

    Sessions, password-reset links and the public form's tokens are signed with it: anyone who
    knows or guesses it can sign themselves in as anyone."""
    if value == SECRET_KEY_PLACEHOLDER or value.startswith(("change-me", "django-insecure-")):
        return (
            "SECRET_KEY is still the placeholder from .env.example: set it to a long random "
            "string, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if len(value) < SECRET_KEY_MIN_LENGTH:
        return f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} characters long in production."
    if len(set(value)) < SECRET_KEY_MIN_DISTINCT:
        return (
            f"SECRET_KEY uses fewer than {SECRET_KEY_MIN_DISTINCT} different characters: "
            "set it to a long random string."
        )
    return None
