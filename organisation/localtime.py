"""Turning a date and a time typed by a person into an instant, in the service's time zone.

At the spring clock change an hour of wall-clock time never happens (01:30 on the last Sunday
of March in London) and in autumn an hour happens twice (01:30 on the last Sunday of October).
Django's make_aware would silently pick one reading; a statutory clock must not guess, so the
person is asked to say which time they mean instead.
"""

import datetime as dt

from django import forms
from django.utils import timezone


def local_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """The aware instant for `day` at `time` on the local clock; ValidationError if that time
    did not happen or happened twice."""
    zone = timezone.get_current_timezone()
    wall = dt.datetime.combine(day, time.replace(tzinfo=None))
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        # The two readings differ only around a change of the clocks. If the time survives a
        # round trip through UTC it happened twice; otherwise it never happened.
        if first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == wall:
            raise forms.ValidationError(
                f"{time:%H:%M} happened twice on {day:%d %B %Y}, when the clocks went back. "
                "Enter a time before 01:00 or from 02:00, or the nearest time you can be sure of.",
                code="ambiguous_time",
            )
        raise forms.ValidationError(
            f"{time:%H:%M} did not happen on {day:%d %B %Y}: the clocks went forward an hour. "
            "Enter the time shown on a clock after the change.",
            code="nonexistent_time",
        )
    return first
