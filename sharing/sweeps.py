"""Reminders before an agreement's review falls due, and the escalation when it passes (see
workflow.escalations for the mechanism that makes each happen exactly once).

- review reminder (level 1), per agreement in force whose review date is within
  SHARING_REVIEW_REMINDER_DAYS calendar days (or has passed): the owner and IG; window: the
  review date (a renewal sets a new date, so the next review is reminded of again).
- review overdue (level 2), per agreement whose review date has passed: the owner, the IG
  managers and the SIRO; window: the review date.

Both select by state and the stored review date, so a sweep that missed runs catches up.
"""

from datetime import date

from django.conf import settings
from django.urls import reverse

from deadlines import agreement_reviews
from organisation.models import Role, User
from sharing.models import Agreement, Status
from workflow import notifications
from workflow.escalations import Due, Sweep, day_key, register

LEVEL_REMINDER, LEVEL_OVERDUE = 1, 2


def day_label(day: date | None) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}" if day else "not set"


def _staff(*roles: str):
    return User.objects.filter(is_active=True, role__in=roles).order_by("pk")


def _recipients(agreement: Agreement, roles: tuple[str, ...]):
    def recipients():
        found = []
        if agreement.owner is not None:
            found.append((agreement.owner, "You own this agreement."))
        for user in _staff(*roles):
            why = {
                Role.SIRO: "You are the SIRO: overdue agreement reviews come to you.",
                Role.IG_MANAGER: "You are an IG manager: agreement reviews come to IG.",
                Role.IG_OFFICER: "You are an IG officer: agreement reviews come to IG.",
            }[user.role]
            found.append((user, why))
        return found

    return recipients


def _due(agreement: Agreement, today: date, *, overdue: bool) -> Due:
    when = day_label(agreement.review_due)
    days = agreement_reviews.days_until(today, agreement.review_due)
    url = reverse("sharing:agreement", args=[agreement.pk])
    if overdue:
        headline = f"The review of this agreement was due on {when} and has not been recorded."
        subject = f"Overdue review: {agreement.reference} {agreement.title}"
    else:
        headline = f"This agreement is due for review on {when} (in {days} days)."
        subject = f"Review due {when}: {agreement.reference} {agreement.title}"
    partners = ", ".join(p.name for p in agreement.partners.all())
    return Due(
        target=agreement,
        kind="agreement_review_overdue" if overdue else "agreement_review_reminder",
        level=LEVEL_OVERDUE if overdue else LEVEL_REMINDER,
        window_key=day_key(agreement.review_due),
        reason=headline,
        subject=subject,
        template="agreement",
        context={
            "headline": headline,
            "action": "Review whether the sharing is still needed and lawful, then record the "
            "review (renew it) or terminate the agreement.",
            "agreement": agreement,
            "agreement_url": notifications.absolute_url(url),
            "facts": [
                ("Agreement", f"{agreement.reference}: {agreement.title}"),
                ("Partners", partners or "none recorded"),
                ("Status", agreement.get_status_display()),
                ("Review due", when),
                ("End date", day_label(agreement.end_date)),
            ],
        },
        recipients=_recipients(
            agreement,
            (Role.IG_MANAGER, Role.SIRO) if overdue else (Role.IG_OFFICER, Role.IG_MANAGER),
        ),
        link_url=url,
        link_object=agreement,
    )


def _in_force():
    return (
        Agreement.objects.filter(status__in=Status.in_force(), review_due__isnull=False)
        .select_related("owner")
        .prefetch_related("partners")
        .order_by("review_due", "pk")
    )


def reminder_query(today: date):
    horizon = agreement_reviews.reminder_horizon(today, settings.SHARING_REVIEW_REMINDER_DAYS)
    return _in_force().filter(review_due__lte=horizon)


def reminder_rule(agreement: Agreement, today: date) -> Due:
    return _due(agreement, today, overdue=False)


def overdue_query(today: date):
    return _in_force().filter(review_due__lt=today)


def overdue_rule(agreement: Agreement, today: date) -> Due:
    return _due(agreement, today, overdue=True)


REVIEW_REMINDERS = register(Sweep("sharing.review_reminders", reminder_query, reminder_rule))
REVIEW_OVERDUE = register(Sweep("sharing.review_overdue", overdue_query, overdue_rule))
