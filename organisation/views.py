import hmac
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache

from config.celery import app as celery_app
from organisation.access import home_url_name
from organisation.models import Heartbeat, Role
from organisation.two_factor import second_factor_satisfied

# The beat schedule sends a heartbeat every minute; three missed beats means no worker.
WORKER_STALE_AFTER = timedelta(minutes=3)
HEARTBEAT_TASK = "organisation.tasks.heartbeat"


@login_required
def home(request):
    return redirect(home_url_name(request.user))


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def _periodic_tasks(beats) -> dict:
    """Last run of every task in the beat schedule (None: not run yet), and of any other task
    a worker has completed."""
    last_runs = {b.name: b.last_run.isoformat() for b in beats}
    scheduled = {entry["task"]: None for entry in celery_app.conf.beat_schedule.values()}
    return {**scheduled, **last_runs}


def _may_see_health_detail(request) -> bool:
    """The detail (which parts work, when each task last ran) is for monitoring: with the
    HEALTHZ_TOKEN as a bearer token, or for a signed-in administrator past the second factor."""
    token = settings.HEALTHZ_TOKEN
    header = request.headers.get("Authorization", "")
    if (
        token
        and header.startswith("Bearer ")
        and hmac.compare_digest(header.removeprefix("Bearer ").strip().encode(), token.encode())
    ):
        return True
    user = request.user
    return (
        user.is_authenticated
        and (user.role == Role.ADMINISTRATOR or user.is_superuser)
        and second_factor_satisfied(request)
    )


@never_cache
def healthz(request):
    """Health for load balancers (ok / not ok to anyone) and monitoring (detail with a token or
    for an administrator). Names no hosts or secrets."""
    database = _database_ok()
    if not _may_see_health_detail(request):
        # Only the database is a hard failure: without it the web app cannot serve anyone.
        return JsonResponse(
            {"status": "ok" if database else "unavailable"}, status=200 if database else 503
        )
    beats = list(Heartbeat.objects.order_by("name")) if database else []
    now = timezone.now()
    worker_beat = next((b for b in beats if b.name == HEARTBEAT_TASK), None)
    worker = bool(worker_beat and now - worker_beat.last_run < WORKER_STALE_AFTER)
    broker = _broker_ok()
    body = {
        "status": "ok" if database and broker and worker else "degraded",
        "database": "ok" if database else "unavailable",
        "broker": "ok" if broker else "unavailable",
        "worker": "ok" if worker else "no recent heartbeat",
        "worker_last_seen": worker_beat.last_run.isoformat() if worker_beat else None,
        "periodic_tasks": _periodic_tasks(beats),
    }
    # Without a database the web app cannot serve anyone: that is the only hard failure.
    return JsonResponse(body, status=200 if database else 503)
