"""What the worker does about unpaid fees: reminders before the last day to pay, and the lapse
after it (FOIA s9(2): three months beginning with the notice day).

These changes have no acting person, so they do not go through a person's permissions in the
case table; each one locks the case row, re-checks the state under the lock and changes it at
most once, so two workers (or a run repeated after a crash) never lapse or remind twice."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fees import letters
from fees.models import FeeNotice
from organisation.history import acting_user
from organisation.models import Role, User
from requests_app.models import Case, Correspondence, Outcome, Status
from workflow.engine import record_event
from workflow.notifications import absolute_url, notify


def fee_notice_lapse(*, notice_id: int, today: dt.date | None = None) -> bool:
    """Lapse the request if its fee is still unpaid after the last day to pay. True if this
    call lapsed it."""
    today = today or timezone.localdate()
    with transaction.atomic(), acting_user(None):
        notice = FeeNotice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None or notice.status != FeeNotice.Status.ISSUED or notice.pay_by >= today:
            return False
        case = Case.objects.select_for_update(of=("self",)).get(pk=notice.case_id)
        if case.status != Status.AWAITING_FEE:
            return False
        notice.status, notice.closed_on = FeeNotice.Status.LAPSED, today
        notice.save()
        case.status, case.outcome, case.closed_at = Status.LAPSED, Outcome.LAPSED, timezone.now()
        case.version += 1
        case.save()
        letters.write(case, Correspondence.Kind.FEE_LAPSED, "lapsed", notice=notice)
        record_event(
            case,
            None,
            "fee_lapsed",
            f"Lapsed: the fee of £{notice.amount} was not paid by "
            f"{notice.pay_by:%A %-d %B %Y}; the lapse letter was sent.",
        )
    return True


def close_notices_of_ended_requests(today: dt.date | None = None) -> int:
    """A request withdrawn or lapsed by hand while its fee was awaited takes its outstanding
    notice with it (cancelled or lapsed). Done here rather than in the case's own actions,
    which belong to requests_app and know nothing of fees."""
    today = today or timezone.localdate()
    ended = {Status.WITHDRAWN: FeeNotice.Status.CANCELLED, Status.LAPSED: FeeNotice.Status.LAPSED}
    changed = 0
    with transaction.atomic(), acting_user(None):
        notices = FeeNotice.objects.select_for_update(of=("self",)).filter(
            status=FeeNotice.Status.ISSUED, case__status__in=list(ended)
        )
        for notice in notices.select_related("case"):
            notice.status, notice.closed_on = ended[notice.case.status], today
            notice.save()
            changed += 1
    return changed


def lapse_due(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    close_notices_of_ended_requests(today)
    due = FeeNotice.objects.filter(status=FeeNotice.Status.ISSUED, pay_by__lt=today)
    return sum(
        fee_notice_lapse(notice_id=pk, today=today) for pk in due.values_list("pk", flat=True)
    )


def _ig_recipients(case: Case):
    if case.created_by_id and case.created_by.is_active:
        return [(case.created_by, "You logged this request.")]
    officers = User.objects.filter(role=Role.IG_OFFICER, is_active=True)
    return [(user, "You are an IG officer.") for user in officers]


def fee_notice_remind(*, notice_id: int, days_before: int, today: dt.date) -> bool:
    with transaction.atomic(), acting_user(None):
        notice = FeeNotice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None or notice.status != FeeNotice.Status.ISSUED:
            return False
        if days_before in notice.reminders_sent:
            return False
        notice.reminders_sent = [*notice.reminders_sent, days_before]
        notice.save()
        case = notice.case
        letters.write(case, Correspondence.Kind.FEE_REMINDER, "reminder", notice=notice)
        notify(
            recipients=_ig_recipients(case),
            kind="fee_reminder",
            subject=f"{case.reference}: fee of £{notice.amount} unpaid, due {notice.pay_by:%-d %b}",
            template="case",
            context={
                "case": case,
                "headline": f"The fee for {case.reference} has not been paid.",
                "facts": [
                    ("Fees notice", f"£{notice.amount}, {notice.issued_on:%-d %B %Y}"),
                    ("Last day to pay", f"{notice.pay_by:%A %-d %B %Y}"),
                ],
                "action": "The requester has been sent a reminder. The request lapses if the "
                "fee is not paid by the last day.",
                "case_url": absolute_url(reverse("requests:case", args=[case.pk])),
            },
            link_url=reverse("requests:case", args=[case.pk]),
            link_object=case,
        )
        record_event(
            case,
            None,
            "fee_reminder",
            f"Reminder sent: the fee of £{notice.amount} is due by {notice.pay_by:%-d %B %Y}.",
        )
    return True


def remind_due(today: dt.date | None = None, points: list[int] | None = None) -> int:
    """Remind once for each point (days before the last day to pay) that has been reached; a
    notice issued closer to its last day than a point is reminded only at the later points."""
    today = today or timezone.localdate()
    points = settings.FEES_REMINDER_DAYS_BEFORE_LAPSE if points is None else points
    sent = 0
    for notice in FeeNotice.objects.filter(status=FeeNotice.Status.ISSUED, pay_by__gte=today):
        reached = [
            d
            for d in points
            if (notice.pay_by - today).days <= d < (notice.pay_by - notice.issued_on).days
        ]
        # Only the nearest point reached: a late run does not send two reminders at once.
        if reached and min(reached) not in notice.reminders_sent:
            sent += fee_notice_remind(notice_id=notice.pk, days_before=min(reached), today=today)
    return sent
