"""`calendar_changed`: the holiday list changed, so stored due dates may be wrong.

Sent after the change is committed, with `changes`: a list of HolidayChange (possibly empty when
only the provisional years moved, e.g. GOV.UK published a new year matching the rules). Apps that
store due dates connect a receiver that recomputes their open cases and, where a date moved,
records `describe_move(old, new, changes, start=...)` on the case. Receivers run in the process
that made the change (the Celery worker for the daily sync, the web process for the admin).
"""

from dataclasses import dataclass
from datetime import date

from django.dispatch import Signal

from deadlines.calendar import NATION_NAMES, Holiday
from deadlines.explain import day_label, nations_label

calendar_changed = Signal()

ADDED = "added"
REMOVED = "removed"


@dataclass(frozen=True)
class HolidayChange:
    action: str  # ADDED or REMOVED
    holiday: Holiday

    def describe(self) -> str:
        h = self.holiday
        return f"{h.title} on {day_label(h.date)} ({NATION_NAMES[h.nation]}) was {self.action}"


def describe_move(
    old: date | None, new: date | None, changes: list[HolidayChange], *, start: date
) -> str:
    """'Deadline moved from A to B because <holiday> was added', naming the changes that fall
    in the case's period (from `start` to the later of the two dates)."""
    moved = f"Deadline moved from {_label(old)} to {_label(new)}"
    end = max(d for d in (old, new, start) if d is not None)
    groups: dict[tuple, list[Holiday]] = {}
    for change in changes:
        h = change.holiday
        if start <= h.date <= end:
            groups.setdefault((h.date, h.title, change.action), []).append(h)
    if not groups:
        return f"{moved} because the bank-holiday list changed."
    reasons = [
        f"{title} on {day_label(day)} ({nations_label(tuple(items))}) was {action}"
        for (day, title, action), items in groups.items()
    ]
    return f"{moved} because {'; '.join(reasons)}."


def _label(day: date | None) -> str:
    return day_label(day) if day else "none (clock stopped)"
