"""When a record falls due for disposal, and under which rule: the one place that says so.

The disposal run (`due_records`) and the record pages (`record_retention`) both come here, and
both take their dates from deadlines.retention, so a list and a record page never disagree.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils import timezone

from deadlines.retention import disposal_due, latest_trigger
from retention.kinds import Kind, as_day, kind_of
from retention.models import DisposalItem, LegalHold, RetentionRule, Trigger

# Items whose record has been dealt with: it is never put in a run again.
FINISHED_ITEM_STATES = [DisposalItem.State.DONE, DisposalItem.State.FILES]


@dataclass(frozen=True)
class Retention:
    rule: RetentionRule
    trigger_on: dt.date | None  # None: the trigger has not happened (the record is not finished)
    due_on: dt.date | None
    held: bool
    disposed: bool
    explanation: tuple[str, ...] = ()


def rules_for(record_type: str) -> dict[str, RetentionRule]:
    return {rule.outcome: rule for rule in RetentionRule.objects.filter(record_type=record_type)}


def rule_for(rules: dict[str, RetentionRule], outcome: str | None) -> RetentionRule | None:
    """The rule for the outcome when there is one, otherwise the rule for every outcome."""
    return rules.get(outcome or "") if outcome and outcome in rules else rules.get("")


def active_hold_exists(content_type: ContentType) -> Exists:
    return Exists(
        LegalHold.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), released_at__isnull=True
        )
    )


def already_disposed(content_type: ContentType) -> Exists:
    return Exists(
        DisposalItem.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), state__in=FINISHED_ITEM_STATES
        )
    )


def _before(trigger: str, last_day: dt.date) -> dict:
    """The filter "trigger on or before `last_day`" on the stored column: agreement ends are
    dates, the rest are instants compared with the start of the next day in London."""
    if trigger == Trigger.AGREEMENT_END:
        return {"retention_trigger__lte": last_day}
    start_of_next = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
    return {"retention_trigger__lt": timezone.make_aware(start_of_next)}


def due_records(kind: Kind, rule: RetentionRule, rules: dict, today: dt.date) -> QuerySet:
    """Records of `kind` governed by `rule` whose disposal date is on or before `today`, not
    under an active hold and not already disposed of, with their trigger."""
    content_type = ContentType.objects.get_for_model(kind.model)
    queryset = kind.annotated(rule.trigger).filter(
        **_before(rule.trigger, latest_trigger(today, rule.months))
    )
    if kind.outcome_field:
        if rule.outcome:
            queryset = queryset.filter(**{kind.outcome_field: rule.outcome})
        else:
            queryset = queryset.exclude(**{f"{kind.outcome_field}__in": [o for o in rules if o]})
    elif rule.outcome:
        return queryset.none()
    return (
        queryset.filter(~active_hold_exists(content_type), ~already_disposed(content_type))
        .order_by("pk")
        .values_list("pk", "retention_trigger")
    )


def record_retention(record: Model) -> Retention | None:
    """The rule that governs a record and its disposal date; None when no rule covers it."""
    kind = kind_of(record)
    if kind is None:
        return None
    outcome = getattr(record, kind.outcome_field) if kind.outcome_field else None
    rule = rule_for(rules_for(kind.key), outcome)
    if rule is None:
        return None
    content_type = ContentType.objects.get_for_model(kind.model)
    held = LegalHold.objects.filter(
        content_type=content_type, object_id=record.pk, released_at__isnull=True
    ).exists()
    disposed = DisposalItem.objects.filter(
        content_type=content_type, object_id=record.pk, state__in=FINISHED_ITEM_STATES
    ).exists()
    trigger = (
        kind.annotated(rule.trigger)
        .filter(pk=record.pk)
        .values_list("retention_trigger", flat=True)
        .first()
    )
    day = as_day(trigger)
    if day is None:
        return Retention(rule, None, None, held, disposed)
    when = disposal_due(day, rule.months, trigger_label=rule.get_trigger_display())
    return Retention(rule, day, when.due, held, disposed, tuple(when.explanation))
