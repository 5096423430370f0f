"""Summaries the reports read instead of counting a million cases on every page.

`ReportCount` holds counts of cases by day and by everything a figure is broken down by
(reports.summaries says which rows a case contributes); `CaseFacts` remembers, per case, the
facts its rows were last counted from, so a change to a case is applied as a difference
(its old rows taken away, its new rows added) without recounting anything else.
"""

import datetime as dt

from django.db import models

# Stands for "no date" in a key column: NULLs are never equal in a unique constraint, and a
# clock that is stopped is "due" later than any day asked about, which is what the figures
# need (a stopped clock is in time).
NO_DATE = dt.date(9999, 12, 31)

KEY_FIELDS = (
    "kind",
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
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=KEY_FIELDS, name="report_count_key")]
        indexes = [models.Index(fields=["kind", "scope", "day"], name="report_count_scope_day")]

    def __str__(self):
        return f"{self.kind} {self.day} {self.scope} {self.regime}: {self.n}"


class CaseFacts(models.Model):
    case_id = models.BigIntegerField(primary_key=True)
    facts = models.JSONField(null=True, blank=True)

    def __str__(self):
        return f"facts of case {self.case_id}"
