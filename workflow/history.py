"""A record's field history (django-simple-history) as people read it: field labels instead of
column names, choice labels instead of codes, names instead of ids, dates written out."""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: dt.datetime
    who: str
    created: bool
    changes: list[Change]
    reason: str


def person(user) -> str:
    if user is None:
        return "System or public form"
    return user.get_full_name() or user.get_username()


def _text(field: models.Field, value, related: dict) -> str:
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        target = related.get((field.related_model, value))
        if target is None:
            return "(deleted)"
        model = field.related_model
        return person(target) if hasattr(model, "get_full_name") else str(target)
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return f"{timezone.localtime(value):%-d %B %Y %H:%M}"
    if isinstance(field, models.DateField):
        return f"{value:%-d %B %Y}"
    return str(value)


def readable_history(record, limit: int = 200) -> list[Entry]:
    """The latest `limit` versions of `record`, newest first, each with what changed. Costs
    two queries for the versions plus one per kind of related object named in them."""
    model = type(record)
    versions = list(
        record.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    deltas = []
    for i, version in enumerate(versions[:limit]):
        previous = versions[i + 1] if i + 1 < len(versions) else None
        changes = version.diff_against(previous).changes if previous is not None else []
        deltas.append((version, changes))
    # Every related id named in any change, fetched once per related model.
    wanted: dict[type, set] = {}
    for _, changes in deltas:
        for change in changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, models.ForeignKey):
                ids = wanted.setdefault(field.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
    related = {
        (related_model, pk): obj
        for related_model, ids in wanted.items()
        for pk, obj in related_model._default_manager.in_bulk(ids).items()
    }
    entries = []
    for version, changes in deltas:
        readable = []
        for change in changes:
            field = model._meta.get_field(change.field)
            readable.append(
                Change(
                    capfirst(str(field.verbose_name)),
                    _text(field, change.old, related),
                    _text(field, change.new, related),
                )
            )
        entries.append(
            Entry(
                when=version.history_date,
                who=person(version.history_user),
                created=version.history_type == "+",
                changes=readable,
                reason=version.history_change_reason or "",
            )
        )
    return entries
