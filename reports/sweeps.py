"""The weekly compliance email to managers, sent through the escalation mechanism with the
dashboard's own figures and PDF, so the email and the dashboard cannot disagree."""

from datetime import date, timedelta

from django.urls import reverse

from organisation import access
from organisation.models import Role, User
from reports import snapshot
from requests_app.sweeps import day_label, staff_query, weekly_due
from workflow import notifications
from workflow.escalations import Sweep, register, week_start

WEEKLY_PDF = "reports.weekly_pdf"


def weekly_pdf_attachment(notification) -> list[notifications.Attachment]:
    week = date.fromisoformat(notification.data["week_start"])
    pdf = snapshot.weekly_pdf(
        directorate_id=notification.data.get("directorate_id"), week_start=week
    )
    return [(f"compliance-week-of-{week.isoformat()}.pdf", pdf, "application/pdf")]


notifications.register_attachment(WEEKLY_PDF, weekly_pdf_attachment)


def compliance_rule(user: User, today: date):
    # The email reports on the week that ended: Monday to Sunday before this one.
    week = week_start(today) - timedelta(days=7)
    directorate_id = access.directorate_scope(user)
    scope = user.directorate.name if directorate_id else "the council"
    return weekly_due(
        user,
        today,
        kind="compliance_summary",
        reason=f"Weekly compliance email for {scope}, week of {day_label(week)}.",
        subject=f"Weekly compliance: {scope}, week of {day_label(week)}",
        template="compliance",
        context={
            "scope": scope,
            "week": week,
            "summary": snapshot.weekly_summary_text(directorate_id=directorate_id, week_start=week),
            "dashboard_url": notifications.absolute_url(reverse("reports:dashboard")),
        },
        recipients=lambda: [
            (user, f"You are a manager for {scope}: the compliance figures are sent weekly.")
        ],
        link_url=reverse("reports:dashboard"),
        data={
            "attachment": WEEKLY_PDF,
            "directorate_id": directorate_id,
            "week_start": week.isoformat(),
        },
    )


MANAGER_COMPLIANCE = register(
    Sweep("reports.manager_compliance_emails", staff_query(Role.MANAGER), compliance_rule)
)
