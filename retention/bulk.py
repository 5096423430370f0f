"""Bulk types: rows nothing counts and no one holds (sign-in records, in-app notifications,
sent emails in the outbox), disposed of as a batch per run rather than one item per row.

A batch is one DisposalItem per model: "the rows recorded before `cutoff`" (the start of the
day after the last trigger day that is due), with how many there were and their first and last
day when the run was prepared. The IG manager removes or keeps the batch like any item.

Carrying a batch out (`batch_dispose`) goes in chunks, each in its own transaction holding the
item's row lock: the chunk's rows are deleted (or, for emails, emptied) and counted on the item
in the same transaction, so a worker killed at any point leaves every row disposed of once and
the count true; the next call carries on from where it stopped. Two workers take turns on the
lock, and each chunk is chosen after the lock is taken, so no row is taken twice. Files freed
by a chunk are listed on the item and deleted by the next chunk, after the commit that removed
their references (deleting a missing file is not an error, so a retry is safe). The cutoff is
in the past when the run is prepared, so no row can join the batch afterwards; rows can leave
it (a lockout reset deletes sign-in attempts, a failed sign-in moves its attempt's time to
now), so the log records the number actually disposed of beside the number prepared.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, FileField, Max, Min, Model, QuerySet
from django.utils import timezone

from deadlines.retention import disposal_due, latest_trigger
from organisation.models import Notification
from retention.kinds import as_day
from retention.models import Action, DisposalItem, DisposalRun, RecordType, RetentionRule, Trigger
from workflow.models import OutgoingAttachment, OutgoingEmail

CHUNK = 500
REMOVED = "Removed under the retention schedule."


@dataclass(frozen=True)
class Part:
    model: type[Model]
    time_field: str
    eligible: Callable[[], QuerySet]

    def due(self, cutoff: dt.datetime) -> QuerySet:
        return self.eligible().filter(**{f"{self.time_field}__lt": cutoff})


@dataclass(frozen=True)
class BulkKind:
    key: str
    parts: tuple[Part, ...]
    trigger: str
    actions: frozenset[str]
    bulk = True
    outcome_field = None
    outcomes = ()

    @property
    def label(self) -> str:
        return RecordType(self.key).label

    @property
    def triggers(self) -> dict:
        return {self.trigger: None}


def _all(model):
    return lambda: model.objects.all()


def _sent_emails() -> QuerySet:
    # Only emails that went: one waiting, being sent, uncertain or failed is never touched. An
    # emptied email has no address, which is how a batch never takes it twice.
    return OutgoingEmail.objects.filter(state=OutgoingEmail.State.SENT).exclude(to="")


BULK_KINDS: dict[str, BulkKind] = {
    k.key: k
    for k in [
        BulkKind(
            RecordType.SIGN_IN,
            (
                Part(AccessAttempt, "attempt_time", _all(AccessAttempt)),
                Part(AccessLog, "attempt_time", _all(AccessLog)),
                Part(AccessFailureLog, "attempt_time", _all(AccessFailureLog)),
            ),
            Trigger.RECORDED,
            frozenset({Action.DELETE}),
        ),
        BulkKind(
            RecordType.NOTIFICATION,
            (Part(Notification, "created_at", _all(Notification)),),
            Trigger.RECORDED,
            frozenset({Action.DELETE}),
        ),
        BulkKind(
            RecordType.OUTBOX_EMAIL,
            (Part(OutgoingEmail, "sent_at", _sent_emails),),
            Trigger.SENT,
            frozenset({Action.ANONYMISE, Action.DELETE}),
        ),
    ]
}


def _part_of(item: DisposalItem) -> Part:
    model = item.content_type.model_class()
    return next(p for p in BULK_KINDS[item.record_type].parts if p.model is model)


def cutoff_for(today: dt.date, months: int) -> dt.datetime:
    """The start (London time) of the day after the last trigger day that is due."""
    last_day = latest_trigger(today, months)
    return timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()))


def batches(run: DisposalRun, today: dt.date) -> list[DisposalItem]:
    """One unsaved item per model with rows due, for `run_prepare`."""
    items = []
    for kind in BULK_KINDS.values():
        rule = RetentionRule.objects.filter(record_type=kind.key, outcome="").first()
        if rule is None or rule.trigger != kind.trigger:
            continue
        cutoff = cutoff_for(today, rule.months)
        for part in kind.parts:
            found = part.due(cutoff).aggregate(
                n=Count("pk"), first=Min(part.time_field), last=Max(part.time_field)
            )
            if not found["n"]:
                continue
            first, last = as_day(found["first"]), as_day(found["last"])
            items.append(
                DisposalItem(
                    run=run,
                    record_type=kind.key,
                    content_type=ContentType.objects.get_for_model(part.model),
                    object_id=0,
                    reference=f"{part.model._meta.verbose_name_plural}"[:50],
                    rule=rule,
                    rule_label=rule.label,
                    action=rule.action,
                    trigger_on=first,
                    trigger_until=last,
                    due_on=disposal_due(last, rule.months).due,
                    cutoff=cutoff,
                    batch_count=found["n"],
                )
            )
    return items


# --- Carrying a batch out --------------------------------------------------------------------


def _referenced(names: set[str]) -> set[str]:
    """The stored names some row still refers to (a letter's PDF an email carried is the
    letter's, kept with its case): only the others are deleted."""
    found: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField) and names - found:
                found |= set(
                    model._base_manager.filter(**{f"{field.name}__in": names - found}).values_list(
                        field.name, flat=True
                    )
                )
    return found


def _emails_dispose(ids: list[int], action: str) -> tuple[int, list[str]]:
    emails = OutgoingEmail.objects.filter(pk__in=ids)
    names = set(emails.exclude(attachment="").values_list("attachment", flat=True))
    OutgoingAttachment.objects.filter(email__in=ids).delete()
    if action == Action.DELETE:
        count = emails.delete()[1].get(OutgoingEmail._meta.label, 0)
    else:
        # The row stays (a letter shows that its email went, and when); nothing personal does.
        count = emails.update(
            to="",
            reply_to="",
            subject=REMOVED,
            body_text="",
            body_html="",
            attachment="",
            attachment_filename="",
            attachment_provider="",
            data={},
        )
    return count, sorted(names - _referenced(names))


def _rows_dispose(part: Part, ids: list[int], action: str) -> tuple[int, list[str]]:
    if part.model is OutgoingEmail:
        return _emails_dispose(ids, action)
    deleted = part.model.objects.filter(pk__in=ids).delete()[1]
    return deleted.get(part.model._meta.label, 0), []


def batch_dispose(*, item_id: int, chunk: int | None = None, limit: int | None = None) -> bool:
    """Carry out a pending batch of an approved run, chunk by chunk (at most `limit` chunks,
    for tests); True when this call disposed of anything or finished it."""
    chunk = chunk or CHUNK
    did = False
    chunks = 0
    while limit is None or chunks < limit:
        with transaction.atomic():
            item = (
                DisposalItem.objects.select_for_update(of=("self",))
                .select_related("content_type")
                .filter(
                    pk=item_id,
                    state=DisposalItem.State.PENDING,
                    run__state=DisposalRun.State.APPROVED,
                )
                .first()
            )
            if item is None:
                return did
            # The previous chunk's files: their references went in a committed transaction.
            for name in item.files:
                default_storage.delete(name)
            item.files = []
            part = _part_of(item)
            ids = list(part.due(item.cutoff).order_by("pk").values_list("pk", flat=True)[:chunk])
            if not ids:
                item.state, item.disposed_at = DisposalItem.State.DONE, timezone.now()
                item.save(update_fields=["state", "files", "disposed_at"])
                return True
            count, item.files = _rows_dispose(part, ids, item.action)
            item.disposed_count += count
            item.save(update_fields=["files", "disposed_count"])
        did = True
        chunks += 1
    return did
