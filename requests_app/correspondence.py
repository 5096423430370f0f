"""Letters and emails to requesters.

A letter is stored first, inside the caller's transaction (the case row is locked then), with
its email in the outbox (workflow.outbox) linked to it. A letter with a PDF is rendered only
after that transaction commits, so WeasyPrint never runs while the case is locked; its email is
held until the PDF exists, and the outbox sweep renders any PDF still missing. The outbox then
sends the email with the PDF attached by reference, so a Redis or mail outage delays a letter
but never loses it, sends it twice or blocks the case.

What a letter says comes from the council's templates (requests_app.letter_templates): the
officer previews it on the action page and may edit its body; the edited body is what is stored
and sent. Letters nobody previews (the receipt) are composed from the template as they are."""

import logging
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from requests_app import delivery, letter_templates
from requests_app import letter_terms_cy as cy
from requests_app.models import Case, Correspondence
from workflow import outbox
from workflow.engine import ActionRefused
from workflow.models import OutgoingEmail

logger = logging.getLogger(__name__)

LETTER_PDF = "requests.letter_pdf"  # the outbox preparer that renders a letter's PDF


def _context(case: Case, extra: str) -> dict:
    """The placeholders a letter template is rendered with (letter_templates.PLACEHOLDERS):
    plain values only, never a model instance."""
    return {
        **letter_templates.case_placeholders(case),
        "details": extra,
        # What goes with a response (requests_app.delivery), in plain values: names and dates.
        "delivery": delivery.placeholder(case),
    }


def compose(case: Case, kind: str, *, extra: str = "") -> tuple[str, str]:
    """(subject, body) of the letter as the template writes it: the body between the greeting
    and the sign-off, which is what the officer sees and may edit before it goes. In the
    requester's language of correspondence (a bilingual body: Welsh, the divider, English)."""
    language = letter_templates.language_of(case)
    return letter_templates.compose(kind, case, _context(case, extra), language)


def _sections(letter: Correspondence) -> list[dict]:
    """The letter's parts for the PDF, each with its language, so a screen reader or a
    translation tool reads the Welsh as Welsh (lang="cy")."""
    texts = letter_templates.split(letter.body, letter.language)
    return [
        {"lang": "cy" if part == "cy" else "en-GB", "text": texts[part]}
        for part in letter_templates.parts(letter.language)
    ]


def render_pdf(letter: Correspondence) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads system libraries at import

    try:
        sections = _sections(letter)
    except ValueError:  # a bilingual letter stored without its divider: print it whole
        sections = [{"lang": "cy", "text": letter.body}]
    day = timezone.localdate(letter.created_at)
    html = render_to_string(
        "requests_app/letters/letter.html",
        {
            "letter": letter,
            "case": letter.case,
            "council_name": settings.COUNCIL_NAME,
            "address_block": letter_templates.address_block(),
            "today": day,
            "sections": sections,
            "language": letter.language,
            "date_cy": cy.date(day),
            "cy": cy,
        },
    )
    return HTML(string=html).write_pdf()


def write(
    case: Case,
    kind: str,
    *,
    extra: str = "",
    with_pdf: bool = False,
    body: str = "",
    enclosures: str = "",
) -> Correspondence:
    """Store a letter and queue its email (if the requester gave an address). Call inside the
    transaction that changes the case; the PDF and the sending happen after it commits.
    `body`: the body as the officer previewed and edited it; empty for the template's.
    `enclosures`: the list of documents sent with it (requests_app.delivery.blocks, by
    language), added after the body like the sign-off, so an edited body can never drop or
    misstate it. The letter is in the requester's language of correspondence."""
    language = letter_templates.language_of(case)
    problem = letter_templates.wrapping_problem(body, language)
    if problem:
        raise ActionRefused(problem)
    subject, composed = compose(case, kind, extra=extra)
    body = letter_templates.letter_text(
        case.requester.name, body.strip() or composed, enclosures=enclosures, language=language
    )
    subject_max = Correspondence._meta.get_field("subject").max_length
    letter = Correspondence.objects.create(
        case=case,
        kind=kind,
        to=case.requester.email,
        # One line: the mail library refuses a header with a line break in it (a typed title
        # may carry one), and such a letter could never be sent. A bilingual subject carries
        # both languages and may run past the column: cut, never refused.
        subject=outbox.one_line(subject)[:subject_max],
        body=body,
        language=language,
    )
    if letter.to:
        outbox.email_queue(
            to=letter.to,
            subject=letter.subject,
            text=letter_templates.email_text(letter.body),
            about=letter,
            preparer=LETTER_PDF if with_pdf else "",
            # A reply reaches the IG mailbox, where its reference threads it onto the case.
            reply_to=settings.IG_MAILBOX_ADDRESS,
        )
    elif with_pdf:  # a letter for post: only the PDF to make
        transaction.on_commit(partial(_pdf_after_commit, letter.pk))
    return letter


def _pdf_after_commit(letter_id: int) -> None:
    try:
        pdf_ensure(letter_id=letter_id)
    except Exception:
        logger.exception("letter %s: could not render its PDF", letter_id)


def pdf_ensure(*, letter_id: int) -> Correspondence:
    """Render the letter's PDF if it has none. Rendering holds no lock; storing it locks only
    the letter, so two renderers (after commit and the sweep) keep one PDF."""
    letter = Correspondence.objects.select_related("case").get(pk=letter_id)
    if letter.pdf:
        return letter
    content = render_pdf(letter)
    with transaction.atomic():
        locked = Correspondence.objects.select_for_update().get(pk=letter_id)
        if locked.pdf:
            return locked
        locked.pdf.save(f"{letter.case.reference}-{letter.kind}.pdf", ContentFile(content))
    locked.case = letter.case
    return locked


def _prepare_letter_email(email: OutgoingEmail) -> None:
    letter = pdf_ensure(letter_id=email.about_id)
    email.attachment.name = letter.pdf.name
    email.attachment_filename = f"{letter.case.reference}.pdf"


outbox.register_preparer(LETTER_PDF, _prepare_letter_email)
