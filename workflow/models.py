"""What every record type that changes state shares: a version for optimistic concurrency and a
typed timeline. Concrete models live in their own apps (a case, a breach, an agreement)."""

from django.conf import settings
from django.db import models


class VersionedRecord(models.Model):
    """A record changed only through `workflow.engine.apply()`, which adds one to `version` on
    every change. Forms carry the version they were opened at, so a form opened before someone
    else's change is refused instead of silently overwriting it."""

    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class TimelineEvent(models.Model):
    """One line of a record's human timeline: who did what, when. Concrete subclasses add the
    foreign key to their record and give `kind` its choices (the actions of their table plus
    the few events that are not actions, such as "logged")."""

    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    message = models.TextField()

    class Meta:
        abstract = True
        ordering = ["-at", "-id"]

    def __str__(self):
        return self.message
