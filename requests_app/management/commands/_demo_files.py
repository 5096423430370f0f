"""Real files for the demo council's released documents, built in code (openpyxl for
spreadsheets, the Word package parts for documents, pypdf for PDFs), some clean and some with
the hidden data the release check catches, so the check can be seen at work in the demo."""

import io
import zipfile

from django.core.files.base import ContentFile
from openpyxl import Workbook
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _upload(data: bytes, name: str, content_type: str) -> ContentFile:
    upload = ContentFile(data, name=name)
    upload.checked_content_type = content_type  # what the upload check would have set
    return upload


def spreadsheet(
    name: str, rows: list[tuple], *, hidden_staff_sheet: bool = False, heading=("Ward", "Count")
) -> ContentFile:
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(list(heading))
    for row in rows:
        sheet.append(list(row))
    if hidden_staff_sheet:
        # The classic breach: the working sheet the figures came from, hidden, not deleted.
        staff = book.create_sheet("Caseworkers")
        staff.append(["Caseworker", "Email", "Cases"])
        for n in range(1, 19):
            staff.append([f"Caseworker {n}", f"caseworker{n}@council.example", n * 3])
        staff.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return _upload(out.getvalue(), name, XLSX)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def word_document(name: str, paragraphs: list[str], *, tracked_deletion: str = "") -> ContentFile:
    """A minimal Word document; `tracked_deletion` leaves a deleted sentence in its revision
    history (tracked changes not accepted), which the check finds."""
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    if tracked_deletion:
        body += (
            '<w:p><w:del w:id="1" w:author="Officer" w:date="2026-01-12T10:00:00Z"><w:r>'
            f"<w:delText>{tracked_deletion}</w:delText></w:r></w:del></w:p>"
        )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"{body}</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return _upload(out.getvalue(), name, DOCX)


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(lines_per_page: list[list[str]]) -> bytes:
    """A PDF with one page per list of lines, in Helvetica."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for lines in lines_per_page:
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        content = b"".join(
            f"BT /F1 12 Tf 72 {760 - 18 * n} Td ({_pdf_text(line)}) Tj ET\n".encode("latin-1")
            for n, line in enumerate(lines)
        )
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_document(name: str, lines_per_page: list[list[str]]) -> ContentFile:
    return _upload(pdf_bytes(lines_per_page), name, PDF)


# --- released documents for the demo's answers ------------------------------------------------

STAFF_NOTE = "The complainant at 14 Mill Lane was paid compensation of 4,000 pounds."


def add_released(seeder, plan, case):
    """Released documents for an answer that says they are attached, in turn: a clean
    spreadsheet, a clean PDF, a clean Word document, a spreadsheet with a hidden sheet (left
    blocked on a case not yet sent; replaced by a clean version on one that was sent) and a
    Word document with tracked changes (accepted by the IG manager with a reason)."""
    from django.utils.text import slugify

    from requests_app import documents

    seeder.released = getattr(seeder, "released", 0) + 1
    variant, slug = seeder.released % 5, slugify(plan.title)[:60] or "information"
    officer, manager = seeder.users["ig.officer"], seeder.users["ig.manager"]
    wards = [(ward, seeder.rng.randint(0, 90)) for ward in ("Abbey", "Castle", "Riverside")]
    sent = plan.stop in ("responded", "closed")

    def add(upload, replaces=None):
        return documents.case_document_add(
            case_id=case.pk,
            user=officer,
            kind="released",
            upload=upload,
            publish=False,
            replaces_id=replaces,
        )

    if variant == 0:
        return add(spreadsheet(f"{slug}.xlsx", wards))
    if variant == 1:
        lines = [[plan.title[:80], ""] + [f"{ward}: {n}" for ward, n in wards]]
        return add(pdf_document(f"{slug}.pdf", [*lines, ["Notes", "Figures are rounded."]]))
    if variant == 2:
        return add(word_document(f"{slug}.docx", [plan.title, "The figures are in the table."]))
    if variant == 3:
        case = add(spreadsheet(f"{slug}.xlsx", wards, hidden_staff_sheet=True))
        if not sent:
            return case  # the finding is on the case page and the response is blocked
        first = case.documents.get(replaced_by__isnull=True, original_name=f"{slug}.xlsx")
        return add(spreadsheet(f"{slug}-clean.xlsx", wards), replaces=first.pk)
    case = add(
        word_document(
            f"{slug}.docx", [plan.title, "Summary attached."], tracked_deletion=STAFF_NOTE
        )
    )
    if not sent:
        return case
    document = case.documents.get(replaced_by__isnull=True, original_name=f"{slug}.docx")
    from requests_app.documents import document_accept_hidden_data

    return document_accept_hidden_data(
        case_id=case.pk,
        user=manager,
        document_id=document.pk,
        reason="Checked: the deleted sentence was removed again before release and the "
        "printed copy shows none of it; the requester asked for the Word file.",
    )
