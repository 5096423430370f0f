"""Publishing an answer on the public disclosure log: an explicit step by IG after release.

The public version is written for the public — a title, a summary of the request, the answer
without greeting or sign-off — never the letter sent to the requester. It is refused while it
names the requester (name, email address or address), and appears no earlier than the
publication delay after the response."""

import re

from django.conf import settings
from django.utils import timezone

from deadlines import rules
from requests_app.models import Case, Requester
from workflow.engine import ActionRefused, apply

GREETING = re.compile(r"^\s*(dear|hello|hi)\b.*$", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\s*(yours (sincerely|faithfully|truly)|kind regards|best wishes|regards|many thanks)\b",
    re.IGNORECASE,
)


def answer_without_letter_wrapping(text: str) -> str:
    """The body of a response: the greeting line and everything from the sign-off dropped."""
    lines = text.splitlines()
    if lines and GREETING.match(lines[0]):
        lines = lines[1:]
    for index, line in enumerate(lines):
        if SIGN_OFF.match(line):
            lines = lines[:index]
            break
    return "\n".join(lines).strip()


def requester_details_in(text: str, requester: Requester) -> list[str]:
    """Which of the requester's details appear in `text` (as whole words, any case)."""
    found = []
    lowered = text.lower()
    if requester.email and requester.email.lower() in lowered:
        found.append("email address")
    words = [w for w in re.split(r"[\s,.'-]+", requester.name or "") if len(w) >= 3]
    if any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in words):
        found.append("name")
    address_lines = [line.strip() for line in (requester.address or "").splitlines()]
    if any(len(line) >= 5 and line.lower() in lowered for line in address_lines):
        found.append("address")
    return found


def initial_public_version(case: Case) -> dict:
    return {
        "public_title": case.public_title or case.title,
        "public_summary": case.public_summary or case.request_text,
        "public_answer": case.public_answer or answer_without_letter_wrapping(case.response_text),
    }


def case_publish(
    *,
    case_id: int,
    user,
    public_title: str,
    public_summary: str,
    public_answer: str,
    expected_version: int | None = None,
) -> Case:
    if not public_title.strip() or not public_answer.strip():
        raise ActionRefused("Write the public title and the public answer.")

    def change(case):
        text = "\n".join([public_title, public_summary, public_answer])
        details = requester_details_in(text, case.requester)
        if details:
            raise ActionRefused(
                f"The public version contains the requester's {' and '.join(details)}: "
                "remove it before publishing."
            )
        case.public_title, case.public_summary = public_title, public_summary
        case.public_answer = public_answer
        case.published_at, case.unpublished_at, case.unpublish_reason = timezone.now(), None, ""
        responded = timezone.localdate(case.responded_at)
        delay = settings.PUBLICATION_DELAY_WORKING_DAYS
        case.publish_from = rules.add_working_days(responded, delay) if delay else responded
        when = f"from {case.publish_from:%d %B %Y}" if delay else "now"
        return f"Published on the disclosure log ({when}) as “{public_title}”."

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="publish",
        change=change,
        expected_version=expected_version,
    )


def case_unpublish(*, case_id: int, user, reason: str, expected_version: int | None = None) -> Case:
    if not (reason or "").strip():
        raise ActionRefused("Say why the answer is being taken off the disclosure log.")

    def change(case):
        case.unpublished_at, case.unpublish_reason = timezone.now(), reason
        return f"Taken off the disclosure log: {reason}"

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="unpublish",
        change=change,
        expected_version=expected_version,
    )
