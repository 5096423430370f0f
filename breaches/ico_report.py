"""The report to the ICO as a PDF: the Art 33(3) content, taken from the breach record.

(a) the nature of the breach, with the categories and approximate numbers of people and records;
(b) the name and contact details of the DPO; (c) the likely consequences; (d) the measures
taken or proposed, including mitigation. Then what the ICO's form also asks (cause, cyber or
not, initial or follow-up, when the council became aware, whether the people were told) and,
when late, the reasons for the delay (Art 33(1)). Rendered when asked for, never while a breach
row is locked.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from breaches.models import Breach
from deadlines import breach_clock
from organisation.models import Role, User


def dpo_contact(breach: Breach) -> User | None:
    """The DPO who decided to report it, else the first active IG manager."""
    decider = breach.ico_decided_by
    if decider and decider.role == Role.IG_MANAGER and decider.is_active:
        return decider
    return User.objects.filter(role=Role.IG_MANAGER, is_active=True).order_by("pk").first()


def context(breach: Breach) -> dict:
    timing = None
    if breach.aware_at and breach.ico_reported_at:
        timing = breach_clock.report_timing(breach.aware_at, breach.ico_reported_at)
    return {
        "breach": breach,
        "dpo": dpo_contact(breach),
        "team_email": settings.DEFAULT_FROM_EMAIL,
        "council_name": settings.COUNCIL_NAME,
        "timing": timing,
        "updates": list(breach.ico_updates.all()),
        "today": timezone.localdate(),
    }


def letter_text(breach: Breach) -> str:
    """The starting text of the letter to the people affected (Art 34(2): in plain language,
    the nature of the breach, the DPO's contact details, the likely consequences and the
    measures taken), for the DPO to edit before it is sent."""
    return render_to_string(
        "breaches/letters/individuals.txt",
        {**context(breach), "categories": "; ".join(breach.data_category_labels()) or "[...]"},
    ).strip()


def render_letter_pdf(breach: Breach) -> bytes:
    from weasyprint import HTML

    html = render_to_string("breaches/letters/letter.html", context(breach))
    return HTML(string=html).write_pdf()


def render_html(breach: Breach) -> str:
    return render_to_string("breaches/ico_report.html", context(breach))


def render_pdf(breach: Breach) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads system libraries at import

    return HTML(string=render_html(breach)).write_pdf()
