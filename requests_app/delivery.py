"""Released documents reach the requester with the response.

Documents marked "released" (current versions only) go with the response letter:

- by email: attached, in the order they were uploaded, while their total size stays within
  RELEASE_ATTACH_MAX_MB; the others through one private download link for the requester,
  valid for RELEASE_LINK_DAYS days (requests_app.delivery_views serves it, and records every
  download on the case timeline);
- by post (no email address): the PDFs are printed with the letter as one bundle IG downloads
  from the case page; other formats are listed in the letter as enclosed separately.

What is sent is worked out once per response (`for_letter`), before the letter is written, so
the letter's wording (the `delivery` variable of the letter templates) and what actually goes
are the same thing. `record` then stores it in the transaction that writes the letter: the
enclosures, the link and the email's attachments commit together or not at all."""

import io
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from requests_app import letter_terms_cy as cy
from requests_app.delivery_models import Enclosure, ReleaseLink
from requests_app.models import Case, Correspondence, Document
from workflow import outbox

MB = 1024 * 1024
PDF = "application/pdf"
# Wording that tells the requester documents come with the letter.
# (The Welsh of a Welsh letter: "ynghlwm", "amgaeëdig", "wedi'u hamgáu", "atodiad".)
ENCLOSURE_WORDING = re.compile(
    r"\b(attach(ed|ment|ments)?|enclos(ed|es|ure|ures)|please find\b[^.]{0,40}\bcopy"
    r"|ynghlwm|amgaeëdig|amgaeedig|h?amgáu|h?amgau|atodiad(au)?|atodedig)\b",
    re.IGNORECASE,
)


@dataclass
class Delivery:
    """What a response carries. `attached`: attached to the email, or printed in the postal
    bundle; `linked`: by the download link (`link_url`, valid until `link_expires`);
    `separately`: by post, not PDFs, enclosed separately."""

    attached: list[Document] = field(default_factory=list)
    linked: list[Document] = field(default_factory=list)
    link_url: str | None = None
    link_expires: datetime | None = None
    by_post: bool = False
    separately: list[Document] = field(default_factory=list)
    token: str = ""

    @property
    def documents(self) -> list[Document]:
        return [*self.attached, *self.linked, *self.separately]


def released_documents(case: Case) -> list[Document]:
    """The current versions of the documents marked "released", oldest upload first. Reads
    `case.documents.all()`, so a prefetched list costs no query."""
    documents = [
        d
        for d in case.documents.all()
        if d.kind == Document.Kind.RELEASED and d.replaced_by_id is None
    ]
    return sorted(documents, key=lambda d: (d.uploaded_at, d.pk))


def is_pdf(document: Document) -> bool:
    return document.content_type == PDF or document.original_name.lower().endswith(".pdf")


def mentions_enclosures(text: str) -> bool:
    return bool(ENCLOSURE_WORDING.search(text or ""))


def plan(case: Case) -> Delivery:
    """What would go with a response written now. Writes nothing: the link's token is drawn
    here and stored only by `record`."""
    documents = released_documents(case)
    if not case.requester.email:
        return Delivery(
            attached=[d for d in documents if is_pdf(d)],
            separately=[d for d in documents if not is_pdf(d)],
            by_post=True,
        )
    limit, total = settings.RELEASE_ATTACH_MAX_MB * MB, 0
    delivery = Delivery()
    for document in documents:
        if total + document.size <= limit:
            delivery.attached.append(document)
            total += document.size
        else:
            delivery.linked.append(document)
    if delivery.linked:
        delivery.token = secrets.token_urlsafe(32)
        delivery.link_url = settings.SITE_URL + reverse(
            "public:release_link", args=[delivery.token]
        )
        delivery.link_expires = timezone.now() + timedelta(days=settings.RELEASE_LINK_DAYS)
    return delivery


def for_letter(case: Case) -> Delivery:
    """The delivery of the response being written for this case instance: worked out once, so
    the letter's wording and `record` see the same documents and the same link."""
    if getattr(case, "_delivery", None) is None:
        case._delivery = plan(case)
    return case._delivery


@dataclass(frozen=True)
class DeliveryPlaceholder:
    """The `delivery` placeholder of the letter templates: names and a date, never a model
    (requests_app.letter_templates renders council-edited templates with plain values only)."""

    attached: list[str]
    linked: list[str]
    separately: list[str]
    link_expires: date | None
    by_post: bool


def placeholder(case: Case) -> DeliveryPlaceholder:
    sending = for_letter(case)
    return DeliveryPlaceholder(
        attached=[d.original_name for d in sending.attached],
        linked=[d.original_name for d in sending.linked],
        separately=[d.original_name for d in sending.separately],
        link_expires=timezone.localdate(sending.link_expires) if sending.link_expires else None,
        by_post=sending.by_post,
    )


def block(sending: Delivery, language: str = "en") -> str:
    """The list of what goes with the letter, and the link: added by the letter's frame below
    the body (requests_app.correspondence.write), so the officer's edits cannot change it and
    the link in the letter is the one stored. In English or Welsh ("cy")."""
    if language == "cy":
        expires = timezone.localdate(sending.link_expires) if sending.link_expires else None
        return render_to_string(
            "requests_app/letters/_delivery_cy.txt",
            {
                "delivery": sending,
                "cy": cy,
                "link_rest": cy.LINK_REST.format(date=cy.date(expires)),
            },
        ).strip()
    with translation.override("en-gb"):
        return render_to_string("requests_app/letters/_delivery.txt", {"delivery": sending}).strip()


def blocks(sending: Delivery) -> dict[str, str]:
    """The block in each language a letter's part may be written in."""
    return {"en": block(sending), "cy": block(sending, "cy")}


def refusal(case: Case, text: str) -> str | None:
    """Why a response whose text is `text` may not go with what is released, or None."""
    if mentions_enclosures(text) and not released_documents(case):
        return (
            "The response says that documents are attached or enclosed, but no document is "
            "marked “released”: upload them as released information, or change the wording."
        )
    return None


def _unique_names(documents: list[Document]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for document in documents:
        name = document.original_name
        count = seen.get(name.lower(), 0)
        seen[name.lower()] = count + 1
        if count:
            stem, dot, ext = name.rpartition(".")
            name = f"{stem} ({count + 1}).{ext}" if dot else f"{name} ({count + 1})"
        names.append(name)
    return names


def record(case: Case, letter: Correspondence) -> Delivery:
    """Store what goes with `letter` (the response just written for `case`), inside the
    transaction that wrote it: its enclosures, the download link and the email's attachments."""
    delivery = for_letter(case)
    Method = Enclosure.Method
    rows = [
        *(
            Enclosure(letter=letter, document=d, method=Method.BUNDLE)
            if delivery.by_post
            else Enclosure(letter=letter, document=d, method=Method.ATTACHED)
            for d in delivery.attached
        ),
        *(Enclosure(letter=letter, document=d, method=Method.LINKED) for d in delivery.linked),
        *(
            Enclosure(letter=letter, document=d, method=Method.SEPARATELY)
            for d in delivery.separately
        ),
    ]
    Enclosure.objects.bulk_create(rows)
    if delivery.linked:
        ReleaseLink.objects.create(
            case=case, letter=letter, token=delivery.token, expires_at=delivery.link_expires
        )
    email = outbox.delivery_of(letter) if letter.to else None
    if email is not None and delivery.attached:
        names = _unique_names(delivery.attached)
        outbox.email_add_files(
            email=email,
            files=[
                (d.file.name, name, d.content_type or "application/octet-stream")
                for d, name in zip(delivery.attached, names, strict=True)
            ],
        )
    return delivery


def summary(delivery: Delivery) -> str:
    """For the timeline: what went with the response."""
    parts = []
    if delivery.attached:
        how = "printed with the letter" if delivery.by_post else "attached"
        parts.append(f"{len(delivery.attached)} {how}")
    if delivery.linked:
        parts.append(
            f"{len(delivery.linked)} by download link until "
            f"{timezone.localtime(delivery.link_expires):%d %B %Y}"
        )
    if delivery.separately:
        parts.append(f"{len(delivery.separately)} to enclose separately")
    if not parts:
        return ""
    count = len(delivery.documents)
    return f" Released document{'' if count == 1 else 's'}: {', '.join(parts)}."


# --- the printable bundle for post -----------------------------------------------------------


class BundleError(Exception):
    """A document that cannot be printed into the bundle."""


def bundle_pdf(letter: Correspondence, letter_pdf: bytes) -> bytes:
    """The letter followed by every PDF printed with it, as one PDF (merged with pypdf)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(letter_pdf)))
    enclosed = letter.enclosures.filter(method=Enclosure.Method.BUNDLE).select_related("document")
    for enclosure in enclosed:
        document = enclosure.document
        try:
            with document.file.open("rb") as stored:
                reader = PdfReader(io.BytesIO(stored.read()))
                if reader.is_encrypted:
                    raise BundleError("it is encrypted")
                writer.append(reader)
        except (PyPdfError, OSError, ValueError, BundleError) as error:
            raise BundleError(
                f"{document.original_name} cannot be printed into the bundle ({error}): "
                "print it and enclose it separately."
            ) from error
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
