import logging
import socket

from celery import shared_task
from celery.signals import task_failure, task_success
from django.utils import timezone

from organisation import notifications
from organisation.models import Heartbeat

logger = logging.getLogger(__name__)


@shared_task(name="organisation.tasks.heartbeat")
def heartbeat() -> str:
    """Proves a worker is consuming the queue; /healthz reads the time it last ran."""
    return socket.gethostname()


@shared_task(name="organisation.tasks.send_notification")
def send_notification(notification_id: int) -> bool:
    """Queued after the transaction that wrote the notification commits. Safe to run twice."""
    return notifications.send(notification_id)


@shared_task(name="organisation.tasks.send_pending_notifications")
def send_pending_notifications() -> int:
    """The outbox sweep: sends what the broker never delivered or the mail server refused."""
    return notifications.send_pending()


@task_success.connect
def record_last_run(sender=None, **kwargs):
    # Every task that completes records when it last ran, so /healthz can show periodic tasks
    # (escalation sweeps, bank-holiday sync) without each one writing its own bookkeeping.
    Heartbeat.objects.update_or_create(
        name=sender.name,
        defaults={"last_run": timezone.now(), "worker": socket.gethostname()},
    )


@task_failure.connect
def log_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **extra):
    logger.error(
        "task %s (%s) failed for args=%r kwargs=%r: %r",
        getattr(sender, "name", sender),
        task_id,
        args,
        kwargs,
        exception,
    )
