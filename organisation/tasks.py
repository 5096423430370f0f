import logging
import socket

from celery import shared_task
from celery.signals import task_failure, task_success
from django.utils import timezone

from organisation.models import Heartbeat

logger = logging.getLogger(__name__)


@shared_task(name="organisation.tasks.heartbeat")
def heartbeat() -> str:
    """Proves a worker is consuming the queue; /healthz reads the time it last ran."""
    return socket.gethostname()


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
