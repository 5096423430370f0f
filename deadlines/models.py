from django.db import models

from deadlines.calendar import (
    ENGLAND_AND_WALES,
    NORTHERN_IRELAND,
    SCOTLAND,
    SOURCE_ADMIN,
    SOURCE_GOVUK,
    SOURCE_HOLIDAYS,
    SOURCE_RULES,
)


class Nation(models.TextChoices):
    ENGLAND_AND_WALES = ENGLAND_AND_WALES, "England and Wales"
    SCOTLAND = SCOTLAND, "Scotland"
    NORTHERN_IRELAND = NORTHERN_IRELAND, "Northern Ireland"


class Source(models.TextChoices):
    GOVUK = SOURCE_GOVUK, "GOV.UK"
    # Rule-based holidays are computed, not stored; the choice names them in explanations.
    RULES = SOURCE_RULES, "Rules (provisional)"
    ADMIN = SOURCE_ADMIN, "Added by an administrator"
    # Computed from the installed package, never stored as a BankHoliday row.
    HOLIDAYS = SOURCE_HOLIDAYS, "holidays package"


class BankHoliday(models.Model):
    """A bank holiday in one nation: GOV.UK's list as last synced, plus administrators' additions.

    The working-day calendar layers these over the copy bundled with govuk-bank-holidays, so an
    empty table still gives correct deadlines.
    """

    date = models.DateField()
    nation = models.CharField(max_length=20, choices=Nation.choices)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ADMIN)
    source_detail = models.CharField(
        "where it comes from",
        max_length=500,
        blank=True,
        help_text="For a holiday you add: the proclamation or announcement, with its link.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "nation"]
        constraints = [
            models.UniqueConstraint(fields=["date", "nation"], name="bank_holiday_once_per_nation"),
            models.CheckConstraint(
                condition=models.Q(nation__in=Nation.values), name="bank_holiday_known_nation"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=[Source.GOVUK, Source.ADMIN]),
                name="bank_holiday_stored_source",
            ),
        ]

    def __str__(self):
        return f"{self.date.isoformat()} {self.title} ({self.get_nation_display()})"


class BankHolidayChange(models.Model):
    """What changed in the holiday list, when and why: the record behind every moved deadline."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        REMOVED = "removed", "Removed"

    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    date = models.DateField()
    nation = models.CharField(max_length=20, choices=Nation.choices)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source.choices)
    reason = models.CharField(
        max_length=500, help_text="The sync from GOV.UK, or who changed it in the admin."
    )

    class Meta:
        ordering = ["-changed_at", "date"]

    def __str__(self):
        return f"{self.get_action_display()} {self.date.isoformat()} {self.title} ({self.nation})"


class HolidayDisagreement(models.Model):
    """A weekday that one holiday source lists for a nation and the other does not.

    Stored by every sync, so the administrator sees it with both sources named. Until it is
    rejected the day is a holiday (a day either source lists is one); a rejected day is not.
    When the sources come to agree, the row is deleted: there is nothing left to decide.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", "Not yet reviewed (counted as a holiday)"
        ACCEPTED = "accepted", "Accepted: a holiday"
        REJECTED = "rejected", "Rejected: not a holiday"

    date = models.DateField()
    nation = models.CharField(max_length=20, choices=Nation.choices)
    title = models.CharField(max_length=200, help_text="As the source that lists it names it.")
    listed_by = models.CharField(max_length=10, choices=Source.choices)
    not_listed_by = models.CharField(max_length=10, choices=Source.choices)
    sources_detail = models.CharField(
        "sources compared", max_length=500, help_text="The versions compared when it was found."
    )
    decision = models.CharField(
        max_length=10, choices=Decision.choices, default=Decision.PENDING, db_index=True
    )
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "nation"]
        constraints = [
            models.UniqueConstraint(fields=["date", "nation"], name="disagreement_once_per_nation"),
            models.CheckConstraint(
                condition=models.Q(listed_by__in=[SOURCE_GOVUK, SOURCE_HOLIDAYS])
                & models.Q(not_listed_by__in=[SOURCE_GOVUK, SOURCE_HOLIDAYS])
                & ~models.Q(listed_by=models.F("not_listed_by")),
                name="disagreement_between_the_two_sources",
            ),
        ]

    def __str__(self):
        return (
            f"{self.date.isoformat()} {self.title} ({self.get_nation_display()}): listed by "
            f"{self.get_listed_by_display()}, not by {self.get_not_listed_by_display()}"
        )
