"""Summaries the reports read instead of counting a million cases on every page.

`ReportCount` holds counts of cases by day and by everything a figure is broken down by
(reports.summaries says which rows a case contributes); `CaseFacts` remembers, per case, the
facts its rows were last counted from, so a change to a case is applied as a difference
(its old rows taken away, its new rows added) without recounting anything else.

Rows have a `span`: DAY rows are counted by day; MONTH rows are the same counts added up by
calendar month (`day`, and an exemption's `day2`, is the first of the month) for the kinds a
report sums over a period (ROLLED_UP), so a year is read from about twelve rows per breakdown
instead of about 365 (reports.summary_counts splits a period into whole months and the days
left at each end). Month rows live in this table, with `span` in the unique key, rather than
in a model of their own: one upsert statement adds a case's day and month rows together in
one transaction (they cannot drift apart), `differences()` and the rebuild check both, and a
report reads both in the same single query.
"""

import datetime as dt

from django.db import models

# Stands for "no date" in a key column: NULLs are never equal in a unique constraint, and a
# clock that is stopped is "due" later than any day asked about, which is what the figures
# need (a stopped clock is in time).
NO_DATE = dt.date(9999, 12, 31)

DAY, MONTH = "d", "m"
# The kinds summed over a period's days (reports.summary_counts), which also have MONTH rows.
# Not rolled up: `open` and `now` (read whatever the day, or by their exact statutory date:
# few rows, one per open case) and `open_in_time` / `open_late` (read on single days).
ROLLED_UP = frozenset({"received", "answered", "closed", "missed", "exemption"})

# The unique key, in the order of its index: a kind's month rows (or day rows) over a run of
# days are one range of it, whatever the scope.
KEY_FIELDS = (
    "kind",
    "span",
    "day",
    "day2",
    "scope",
    "regime",
    "review",
    "outcome",
    "review_outcome",
    "flag",
    "state",
    "ref",
)


class ReportCount(models.Model):
    kind = models.CharField(max_length=16)
    day = models.DateField()
    day2 = models.DateField(default=NO_DATE)
    # "all", "d<directorate id>", "a<service area id>" or "u" (no active assignment).
    scope = models.CharField(max_length=16)
    regime = models.CharField(max_length=20)
    review = models.BooleanField()
    outcome = models.CharField(max_length=20, default="", blank=True)
    review_outcome = models.CharField(max_length=20, default="", blank=True)
    flag = models.CharField(max_length=8, default="", blank=True)  # "in_time", "late"
    state = models.CharField(max_length=10, default="", blank=True)  # "open", "withdrawn"
    ref = models.BigIntegerField(default=0)  # an exemption, or the area that missed its date
    span = models.CharField(max_length=1, default=DAY)  # DAY or MONTH (see above)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=KEY_FIELDS, name="report_count_key")]
        # For the reads of one scope or a few (a directorate's page, the statistics).
        indexes = [
            models.Index(fields=["kind", "scope", "span", "day"], name="report_count_span_day")
        ]

    def __str__(self):
        return f"{self.kind} {self.span} {self.day} {self.scope} {self.regime}: {self.n}"


class CaseFacts(models.Model):
    case_id = models.BigIntegerField(primary_key=True)
    facts = models.JSONField(null=True, blank=True)

    def __str__(self):
        return f"facts of case {self.case_id}"
