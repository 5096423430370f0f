"""Reading a query string's values the same way on every register."""

import datetime as dt
import re

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_day(value: str) -> dt.date | None:
    """A YYYY-MM-DD day, or None for anything else (2026-02-30, a week date, text): a filter
    with a day that is not one is ignored, never an error."""
    if not ISO_DAY.match(value or ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
