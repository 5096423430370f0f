"""Real files with and without hidden data, built the way office programs write them."""

import io
import zipfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

# --- spreadsheets --------------------------------------------------------------------------


def xlsx(*, hidden=False, very_hidden=False, hidden_column=False, comment=False) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Claims"
    sheet.append(["Month", "Claims"])
    for month, claims in (("Jan", 12), ("Feb", 9), ("Mar", 14)):
        sheet.append([month, claims])
    if hidden:
        staff = book.create_sheet("Staff")
        for n in range(1, 107):
            staff.append([f"Officer {n}", f"officer{n}@example.org"])
        staff.sheet_state = "hidden"
    if very_hidden:
        secret = book.create_sheet("Lookup")
        secret.append(["Jo Bloggs", "12 High Street"])
        secret.sheet_state = "veryHidden"
    if hidden_column:
        sheet["C1"] = "Claimant"
        sheet["C2"] = "Jo Bloggs"
        sheet.column_dimensions["C"].hidden = True
    if comment:
        sheet["B2"].comment = Comment("Includes the claim from Mrs Smith at no. 4", "Officer")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PIVOT_RECORDS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    ' count="3">'
    '<r><s v="Jo Bloggs"/><n v="120"/></r><r><s v="Sam Patel"/><n v="80"/></r>'
    '<r><s v="Ann Lee"/><n v="60"/></r></pivotCacheRecords>'
)


def xlsx_with_pivot_cache() -> bytes:
    """A workbook whose pivot cache still holds the source rows (the source sheet deleted)."""
    source = io.BytesIO(xlsx())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType='
                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                    b'pivotCacheRecords+xml"/></Types>',
                )
            new.writestr(item, data)
        new.writestr("xl/pivotCache/pivotCacheRecords1.xml", PIVOT_RECORDS)
    return out.getvalue()


# --- word-processing documents -------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(*, tracked=False, comment=False) -> bytes:
    run = "<w:r><w:t>We received 312 claims in 2025.</w:t></w:r>"
    if tracked:
        run += (
            '<w:del w:id="1" w:author="Officer" w:date="2026-03-01T10:00:00Z"><w:r>'
            "<w:delText>The claimant Jo Bloggs was paid £4,000.</w:delText></w:r></w:del>"
            '<w:ins w:id="2" w:author="Officer" w:date="2026-03-01T10:01:00Z"><w:r>'
            "<w:t> Figures are rounded.</w:t></w:r></w:ins>"
        )
    if comment:
        run += '<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"<w:p>{run}</w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        if comment:
            archive.writestr(
                "word/comments.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{W_NS}">'
                '<w:comment w:id="0" w:author="Officer"><w:p><w:r><w:t>Check with legal: '
                "this is the Smith family.</w:t></w:r></w:p></w:comment></w:comments>",
            )
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------


def pdf(*, covered=False, javascript=False, attachment=False, encrypted=False) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = b"BT /F1 12 Tf 72 760 Td (We received 312 claims in 2025.) Tj ET\n"
    if covered:
        # The failed-redaction pattern: the name is drawn, then a black box on top of it.
        content += b"BT /F1 12 Tf 72 700 Td (Claimant: Jo Bloggs) Tj ET\n"
        content += b"0 g 66 694 200 20 re f\n"
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    if javascript:
        writer.add_open_action(JavaScript("app.alert('hello');"))
    if attachment:
        writer.add_attachment("claimants.csv", b"name,address\nJo Bloggs,12 High Street\n")
    if encrypted:
        writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- images --------------------------------------------------------------------------------


def jpeg(*, location=False) -> bytes:
    image = Image.new("RGB", (40, 30), "white")
    exif = Image.Exif()
    if location:
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = "N", (52.0, 38.0, 0.0)
        gps[3], gps[4] = "W", (1.0, 8.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()
