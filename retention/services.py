"""Every write of the retention app: the schedule, legal holds, preparing and approving runs.
Carrying a run out is retention.disposal."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from deadlines.retention import disposal_due
from organisation.history import acting_user
from retention.bulk import batches
from retention.disposal import queue_run
from retention.due import due_records, rules_for
from retention.kinds import KINDS, as_day, kind_of
from retention.models import DisposalItem, DisposalRun, LegalHold, RetentionRule

State = DisposalItem.State
RunState = DisposalRun.State


class RetentionRefused(Exception):
    """A change the state of the run, the item or the hold does not allow; nothing changed."""


def reference_of(record: Model) -> str:
    return getattr(record, "reference", "") or f"#{record.pk}"


# --- The schedule ----------------------------------------------------------------------------


def rule_save(*, user, rule: RetentionRule | None = None, **fields) -> RetentionRule:
    rule = rule or RetentionRule()
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.updated_by, rule.updated_at = user, timezone.now()
    with transaction.atomic(), acting_user(user):
        rule.save()
    return rule


def rule_delete(*, user, rule_id: int) -> None:
    with transaction.atomic(), acting_user(user):
        RetentionRule.objects.filter(pk=rule_id).delete()


# --- Legal holds ----------------------------------------------------------------------------


def hold_place(*, user, record: Model, reason: str, review_on: dt.date) -> LegalHold:
    with transaction.atomic(), acting_user(user):
        return LegalHold.objects.create(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            reference=reference_of(record),
            reason=reason,
            review_on=review_on,
            placed_by=user,
        )


def hold_release(*, user, hold_id: int, reason: str) -> LegalHold:
    with transaction.atomic(), acting_user(user):
        hold = LegalHold.objects.select_for_update().get(pk=hold_id)
        if not hold.is_active:
            raise RetentionRefused("This hold has already been released.")
        hold.released_by, hold.released_at, hold.release_reason = user, timezone.now(), reason
        hold.save()
    return hold


def hold_review(*, user, hold_id: int, review_on: dt.date) -> LegalHold:
    with transaction.atomic(), acting_user(user):
        hold = LegalHold.objects.select_for_update().get(pk=hold_id)
        if not hold.is_active:
            raise RetentionRefused("This hold has been released; there is nothing to review.")
        hold.review_on = review_on
        hold.save()
    return hold


# --- Runs ------------------------------------------------------------------------------------


def run_prepare(*, today: dt.date) -> DisposalRun | None:
    """This month's batch: every record due on or before `today`. None when a run is already
    waiting for approval or being carried out (the open run is finished first), or when
    nothing is due."""
    if DisposalRun.objects.filter(state__in=[RunState.PREPARED, RunState.APPROVED]).exists():
        return None
    try:
        with transaction.atomic():
            run = DisposalRun.objects.create(as_of=today)
            items = []
            for kind in KINDS.values():
                content_type = ContentType.objects.get_for_model(kind.model)
                rules = rules_for(kind.key)
                for rule in rules.values():
                    if rule.trigger not in kind.triggers:
                        continue
                    for pk, trigger in due_records(kind, rule, rules, today):
                        day = as_day(trigger)
                        items.append(
                            DisposalItem(
                                run=run,
                                record_type=kind.key,
                                content_type=content_type,
                                object_id=pk,
                                reference="",
                                rule=rule,
                                rule_label=rule.label,
                                action=rule.action,
                                trigger_on=day,
                                due_on=disposal_due(day, rule.months).due,
                            )
                        )
            _fill_references(items)
            items += batches(run, today)
            if not items:
                run.delete()
                return None
            DisposalItem.objects.bulk_create(items, batch_size=1000)
    except IntegrityError:
        # Another worker prepared one at the same moment (one open run at a time).
        return None
    return run


def _fill_references(items: list[DisposalItem]) -> None:
    by_model: dict[type, list[DisposalItem]] = {}
    for item in items:
        by_model.setdefault(KINDS[item.record_type].model, []).append(item)
    for model, group in by_model.items():
        references = dict(
            model.objects.filter(pk__in=[i.object_id for i in group]).values_list("pk", "reference")
        )
        for item in group:
            item.reference = references.get(item.object_id, f"#{item.object_id}")


def item_remove(*, user, item_id: int, reason: str) -> DisposalItem:
    """Take a record out of a run waiting for approval: it is kept this time and offered again
    in next month's run unless a hold or a rule change stops it."""
    with transaction.atomic(), acting_user(user):
        item = DisposalItem.objects.select_related("run").get(pk=item_id)
        run = DisposalRun.objects.select_for_update().get(pk=item.run_id)
        if run.state != RunState.PREPARED:
            raise RetentionRefused(
                "This run has already been approved; its records can no longer be removed."
            )
        if item.state != State.PENDING:
            raise RetentionRefused("This record has already been removed from the run.")
        item.state, item.removed_by = State.REMOVED, user
        item.removed_at, item.removal_reason = timezone.now(), reason
        item.save()
    return item


def run_approve(*, user, run_id: int) -> DisposalRun:
    """The IG manager's approval; the worker disposes of the run after the commit."""
    with transaction.atomic(), acting_user(user):
        run = DisposalRun.objects.select_for_update().get(pk=run_id)
        if run.state != RunState.PREPARED:
            raise RetentionRefused(
                f"This run cannot be approved: it is {run.get_state_display().lower()}."
            )
        if not run.items.filter(state=State.PENDING).exists():
            raise RetentionRefused("Every record has been removed from this run.")
        run.state, run.approved_by, run.approved_at = RunState.APPROVED, user, timezone.now()
        run.save()
        transaction.on_commit(lambda: queue_run(run.pk))
    return run


def record_kind_label(record: Model) -> str:
    kind = kind_of(record)
    return kind.label if kind else ""
