"""The fees letters: the notice (text body and PDF), reminders, the lapse letter and the s12
refusal text. Stored as the case's correspondence and sent by its outbox."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

from fees import charges
from requests_app.models import Case, Correspondence
from workflow import outbox


def subject(case: Case, what: str) -> str:
    # One line: a mail header cannot carry a line break, and a typed title may contain one.
    return " ".join(f"{case.reference}: {what} – {case.title}".split())[:300]


def _context(case: Case, **extra) -> dict:
    return {
        "case": case,
        "requester": case.requester,
        "council_name": settings.COUNCIL_NAME,
        "council_address": settings.COUNCIL_ADDRESS,
        "how_to_pay": settings.FEES_HOW_TO_PAY,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        **extra,
    }


def notice_context(case: Case, result: charges.Result, issued_on: dt.date, pay_by: dt.date):
    return _context(
        case,
        lines=[(line.label, line.amount) for line in result.lines],
        vat=result.vat,
        group_total=result.group_total,
        share=result.share,
        amount=result.charge,
        notes=result.notes,
        issued_on=issued_on,
        pay_by=pay_by,
        foi=case.regime == "foi",
        sar=case.regime not in ("foi", "eir"),
    )


def notice_body(case: Case, result: charges.Result, issued_on: dt.date, pay_by: dt.date) -> str:
    return render_to_string(
        "fees/letters/notice.txt", notice_context(case, result, issued_on, pay_by)
    ).strip()


def notice_html(case: Case, result: charges.Result, issued_on: dt.date, pay_by: dt.date) -> str:
    return render_to_string(
        "fees/letters/notice.html", notice_context(case, result, issued_on, pay_by)
    )


def stored_result(notice) -> charges.Result:
    """The notice's figures as they were issued (not recomputed from today's settings)."""
    lines = tuple(charges.Line(label, Decimal(amount)) for label, amount in notice.lines)
    estimate = notice.estimate
    return charges.Result(
        staff_hours=sum(estimate.hours.values(), Decimal("0")),
        staff_cost=estimate.staff_cost,
        over_limit=estimate.over_limit,
        refuse=False,
        lines=lines,
        subtotal=sum((line.amount for line in lines), Decimal("0")),
        vat=notice.vat,
        group_total=estimate.group_total,
        share=notice.amount,
        charge=notice.amount,
        notes=tuple(notice.notes),
    )


def notice_pdf(notice) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads system libraries at import

    html = notice_html(notice.case, stored_result(notice), notice.issued_on, notice.pay_by)
    return HTML(string=html).write_pdf()


def attach_pdf(letter: Correspondence, pdf: bytes, name: str) -> None:
    letter.pdf.save(name, ContentFile(pdf), save=False)


def email_letter(letter: Correspondence) -> None:
    """Queue the letter's email (with its PDF, if it has one) in the one outbox, inside the
    caller's transaction: the email exists exactly when the letter does."""
    if not letter.to:
        return
    email = outbox.email_build(to=letter.to, subject=letter.subject, text=letter.body, about=letter)
    if letter.pdf:
        email.attachment.name = letter.pdf.name
        email.attachment_filename = f"{letter.case.reference}-{letter.kind}.pdf"
    outbox.emails_queue(emails=[email])


def write(case: Case, kind: str, template: str, **extra) -> Correspondence:
    """A plain letter (reminder, lapse) written now and sent through the outbox after the
    commit."""
    body = render_to_string(f"fees/letters/{template}.txt", _context(case, **extra)).strip()
    letter = Correspondence.objects.create(
        case=case,
        kind=kind,
        to=case.requester.email,
        subject=subject(case, Correspondence.Kind(kind).label),
        body=body,
    )
    email_letter(letter)
    return letter


def cost_limit_reasons(estimate, result: charges.Result) -> str:
    lines = [
        f"{label}: {hours} hours"
        for label, hours in zip(
            (
                "Determining whether the information is held",
                "Locating it",
                "Retrieving it",
                "Extracting it",
            ),
            estimate.hours.values(),
            strict=True,
        )
    ]
    covered = (
        f" (covering {estimate.requests} aggregated requests)" if estimate.requests > 1 else ""
    )
    return (
        f"Estimate{covered}: {'; '.join(lines)}. {result.staff_hours} hours at "
        f"£{estimate.hourly_rate} an hour = £{result.staff_cost}, more than the appropriate "
        f"limit of £{estimate.appropriate_limit} (FOIA s12; Fees Regulations regs 3 and 4)."
    )


def cost_limit_response(case: Case, estimate, result: charges.Result, advice: str) -> str:
    return render_to_string(
        "fees/letters/cost_limit.txt",
        _context(
            case,
            estimate=estimate,
            result=result,
            reasons=cost_limit_reasons(estimate, result),
            advice=advice,
            today=timezone.localdate(),
        ),
    ).strip()
