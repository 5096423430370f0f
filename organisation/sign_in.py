"""Sign-in records for the IG manager and the SIRO, unlocking, and the throttled password reset.

Lockout itself is django-axes (settings: SIGN_IN_FAILURE_LIMIT, SIGN_IN_LOCKOUT_MINUTES): it
records every failed sign-in (AccessFailureLog), every successful one (AccessLog) and the
running count per account and address that locks (AccessAttempt).
"""

import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils import timezone
from django_ratelimit.decorators import ratelimit

from organisation.access import role_required
from organisation.models import Role
from organisation.netaddr import ratelimit_key

logger = logging.getLogger(__name__)
RECORDS_SHOWN = 100


def active_lockouts():
    """Accounts and addresses locked now: enough failures within the cool-off time."""
    since = timezone.now() - timezone.timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES)
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def sign_in_unlock(*, username: str = "", ip_address: str = "", by) -> int:
    """Lift the lock on an account or an address (the administrator's unlock). Logged."""
    count = axes_reset(username=username or None, ip=ip_address or None)
    logger.warning(
        "sign-in lock lifted by %s: username=%r address=%r (%d records)",
        by.get_username(),
        username,
        ip_address,
        count,
    )
    return count


@role_required(Role.IG_MANAGER, Role.SIRO)
def sign_in_records(request):
    username = request.GET.get("username", "").strip()[:150]
    lockouts = active_lockouts()
    failures = AccessFailureLog.objects.order_by("-attempt_time")
    successes = AccessLog.objects.order_by("-attempt_time")
    if username:
        lockouts = lockouts.filter(username__iexact=username)
        failures = failures.filter(username__iexact=username)
        successes = successes.filter(username__iexact=username)
    return render(
        request,
        "organisation/sign_in_records.html",
        {
            "username": username,
            "lockouts": list(lockouts[:RECORDS_SHOWN]),
            "failures": list(failures[:RECORDS_SHOWN]),
            "successes": list(successes[:RECORDS_SHOWN]),
            "shown": RECORDS_SHOWN,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": settings.SIGN_IN_LOCKOUT_MINUTES,
        },
    )


def _reset_rate(group, request) -> str:
    return f"{settings.PASSWORD_RESET_MAX_PER_HOUR}/h"


def _reset_email_key(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


@ratelimit(key=ratelimit_key, rate=_reset_rate, method="POST", block=False, group="reset-ip")
@ratelimit(key=_reset_email_key, rate=_reset_rate, method="POST", block=False, group="reset-mail")
def password_reset(request):
    """Django's password reset, limited per address and per email address. Past the limit
    the page says the same as always (so it reveals nothing) but no email is sent."""
    if request.method == "POST" and getattr(request, "limited", False):
        logger.warning("password reset: refused by the rate limit")
        return redirect("password_reset_done")
    # The reset email is rendered without context processors, so it is given the council name.
    return auth_views.PasswordResetView.as_view(
        extra_email_context={"COUNCIL_NAME": settings.COUNCIL_NAME}
    )(request)
