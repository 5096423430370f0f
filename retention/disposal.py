"""Carrying out an approved disposal run: each record exactly once, resumable after a crash.

Per item, in one transaction: the item is claimed with a conditional UPDATE (... WHERE state =
'pending' AND the run is approved), the record is locked and anonymised, and the item is marked
done, or "files" when stored files remain to delete. A worker that dies inside the transaction
leaves nothing behind (the claim is rolled back with the changes, so the item is pending again);
two workers cannot both claim one item (the second UPDATE waits for the first and then matches
no row). Files are deleted after the commit; an item left in "files" by a crash is finished by
the next run of `run_dispose` (deleting a file that is already gone is not an error). The run
is done when no item is pending or in "files". Call it outside a transaction (the worker
does), so that each item commits on its own.
"""

import logging

from celery import shared_task
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from retention.bulk import batch_dispose
from retention.disposers import dispose
from retention.models import DisposalItem, DisposalRun, LegalHold

logger = logging.getLogger(__name__)
State = DisposalItem.State


def item_dispose(*, item_id: int) -> bool:
    """Dispose of one item's record if it is still pending; True when this call did it. A
    batch of a bulk type goes chunk by chunk (retention.bulk)."""
    if DisposalItem.objects.filter(pk=item_id, cutoff__isnull=False).exists():
        return batch_dispose(item_id=item_id)
    with transaction.atomic():
        claimed = DisposalItem.objects.filter(
            pk=item_id, state=State.PENDING, run__state=DisposalRun.State.APPROVED
        ).update(state=State.DISPOSING)
        if not claimed:
            return False
        item = DisposalItem.objects.select_related("content_type").get(pk=item_id)
        model = item.content_type.model_class()
        record = model.objects.select_for_update().filter(pk=item.object_id).first()
        now = timezone.now()
        if record is None:
            item.state = State.GONE
        elif LegalHold.objects.filter(
            content_type=item.content_type, object_id=item.object_id, released_at__isnull=True
        ).exists():
            # Placed after the run was approved: a hold always wins.
            item.state = State.HELD
        else:
            item.files = dispose(record, item.action)
            item.state = State.FILES if item.files else State.DONE
            item.disposed_at = now
        item.save(update_fields=["state", "files", "disposed_at"])
    if item.state == State.FILES:
        item_delete_files(item_id=item.pk)
    return True


def item_delete_files(*, item_id: int) -> None:
    item = DisposalItem.objects.get(pk=item_id)
    for name in item.files:
        # Deleting a missing file is not an error in Django's storages, so a retry is safe.
        default_storage.delete(name)
    DisposalItem.objects.filter(pk=item_id, state=State.FILES).update(state=State.DONE, files=[])


def run_dispose(*, run_id: int, limit: int | None = None) -> int:
    """Dispose of an approved run's pending items (at most `limit`, for tests and for a
    worker sharing the machine); returns how many this call disposed of."""
    for item_id in DisposalItem.objects.filter(run_id=run_id, state=State.FILES).values_list(
        "pk", flat=True
    ):
        item_delete_files(item_id=item_id)
    pending = DisposalItem.objects.filter(
        run_id=run_id, state=State.PENDING, run__state=DisposalRun.State.APPROVED
    ).order_by("pk")
    done = 0
    for item_id in pending.values_list("pk", flat=True):
        if limit is not None and done >= limit:
            return done
        if item_dispose(item_id=item_id):
            done += 1
    if not DisposalItem.objects.filter(
        run_id=run_id, state__in=[State.PENDING, State.FILES, State.DISPOSING]
    ).exists():
        DisposalRun.objects.filter(pk=run_id, state=DisposalRun.State.APPROVED).update(
            state=DisposalRun.State.DONE, finished_at=timezone.now()
        )
    logger.info("Disposal run %s: %s records disposed of", run_id, done)
    return done


@shared_task(name="retention.tasks.dispose_run")
def dispose_run(run_id: int) -> int:
    return run_dispose(run_id=run_id)


def queue_run(run_id: int) -> None:
    """Hand an approved run to the worker. A broker outage only delays it: the daily
    `resume_disposal` task carries out every approved run that is not finished."""
    try:
        dispose_run.delay(run_id)
    except Exception:  # noqa: BLE001 - any broker failure; the daily sweep resumes the run
        logger.exception("Could not queue disposal run %s; the daily sweep will resume it", run_id)


def resume_approved() -> int:
    done = 0
    for run_id in DisposalRun.objects.filter(state=DisposalRun.State.APPROVED).values_list(
        "pk", flat=True
    ):
        done += run_dispose(run_id=run_id)
    return done
