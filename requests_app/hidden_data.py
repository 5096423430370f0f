"""The hidden-data check: what a released or published document carries that a reader does not
see on the page — hidden sheets, rows and columns, comments, tracked changes, author details,
JavaScript, attachments, text left under a black box, a photo's location.

Many council FOI breaches came from exactly this (hidden pivot-table data, hidden columns,
tracked changes), so every document marked for release or publication is inspected on upload
and again at release. Each finding is a sentence an officer can act on. A file that cannot be
inspected (encrypted, corrupt, an unknown format) is itself a finding: never a silent pass.

Parsing is done by maintained libraries — openpyxl for spreadsheets, lxml on the package parts
of word-processing and OpenDocument files, pypdf for PDFs, Pillow for images; this module only
decides what counts as hidden.
"""

import io
import logging
import zipfile
from dataclasses import asdict, dataclass

from lxml import etree
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

logger = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODF_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
ODF_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
# Parts bigger than this are not parsed (a decompression bomb must not exhaust the worker).
MAX_PART_BYTES = 50 * 1024 * 1024
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def inspect(name: str, data: bytes) -> list[Finding]:
    """Everything hidden in the file `name` with contents `data`; [] when it is clean."""
    extension = name.lower().rpartition(".")[2] if "." in name else ""
    inspector = INSPECTORS.get(extension)
    if inspector is None:
        return [
            Finding(
                "uninspectable",
                f"Files of type '.{extension or '?'}' cannot be checked for hidden data: "
                "check it by hand before release.",
            )
        ]
    try:
        return inspector(data)
    except Exception as error:  # corrupt or encrypted: a finding, never a pass
        logger.info("could not inspect %s: %r", name, error)
        return [
            Finding(
                "uninspectable",
                "The file could not be opened to check it for hidden data (it may be "
                "encrypted or damaged): check it by hand or upload a clean copy.",
            )
        ]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _zip_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ValueError(f"{name} is too large to inspect")
    return archive.read(name)


def _xml(data: bytes):
    return etree.fromstring(data, SAFE_XML)


# --- spreadsheets --------------------------------------------------------------------------


def _xlsx(data: bytes) -> list[Finding]:
    findings = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        records = [n for n in names if n.startswith("xl/pivotCache/pivotCacheRecords")]
        for part in records:
            count = len(_xml(_zip_part(archive, part)).findall("{*}r"))
            findings.append(
                Finding(
                    "pivot_cache",
                    f"A pivot table keeps a copy of its source data inside the file "
                    f"({_plural(count, 'record')}), even where the source sheet is removed.",
                )
            )
    workbook = load_workbook(io.BytesIO(data), keep_links=True)
    for sheet in workbook.worksheets:
        filled = sum(1 for row in sheet.iter_rows() for cell in row if cell.value is not None)
        if sheet.sheet_state == "veryHidden":
            findings.append(
                Finding(
                    "very_hidden_sheet",
                    f"Sheet '{sheet.title}' is very hidden (it cannot be unhidden from the "
                    f"menus) and holds {_plural(filled, 'filled cell')}.",
                )
            )
        elif sheet.sheet_state == "hidden":
            findings.append(
                Finding(
                    "hidden_sheet",
                    f"Sheet '{sheet.title}' is hidden and holds {_plural(filled, 'filled cell')}.",
                )
            )
        hidden_columns = sorted(k for k, d in sheet.column_dimensions.items() if d.hidden)
        if hidden_columns:
            findings.append(
                Finding(
                    "hidden_columns",
                    f"Sheet '{sheet.title}' has hidden columns: {', '.join(hidden_columns)}.",
                )
            )
        hidden_rows = sorted(i for i, d in sheet.row_dimensions.items() if d.hidden)
        if hidden_rows:
            findings.append(
                Finding(
                    "hidden_rows",
                    f"Sheet '{sheet.title}' has {_plural(len(hidden_rows), 'hidden row')} "
                    f"(first: row {hidden_rows[0]}).",
                )
            )
        comments = sum(1 for row in sheet.iter_rows() for cell in row if cell.comment)
        if comments:
            findings.append(
                Finding(
                    "comments",
                    f"Sheet '{sheet.title}' has {_plural(comments, 'comment')} or notes.",
                )
            )
        if sheet.auto_filter.ref and sheet.auto_filter.filterColumn:
            findings.append(
                Finding(
                    "filter",
                    f"Sheet '{sheet.title}' has a filter that may hide rows "
                    f"({sheet.auto_filter.ref}).",
                )
            )
    names = [n for n in workbook.defined_names if not n.startswith("_xlnm")]
    if names:
        findings.append(Finding("defined_names", f"Defined names: {', '.join(sorted(names))}."))
    if workbook._external_links:
        findings.append(
            Finding(
                "external_links",
                f"The workbook links to {_plural(len(workbook._external_links), 'other file')}.",
            )
        )
    return findings


def _ods(data: bytes) -> list[Finding]:
    findings = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = _xml(_zip_part(archive, "content.xml"))
    hidden_styles = {
        style.get(f"{{{ODF_STYLE}}}name")
        for style in content.iter(f"{{{ODF_STYLE}}}style")
        for props in style.iter(f"{{{ODF_STYLE}}}table-properties")
        if props.get(f"{{{ODF_TABLE}}}display") == "false"
    }
    for table in content.iter(f"{{{ODF_TABLE}}}table"):
        title = table.get(f"{{{ODF_TABLE}}}name")
        if table.get(f"{{{ODF_TABLE}}}style-name") in hidden_styles:
            findings.append(Finding("hidden_sheet", f"Sheet '{title}' is hidden."))
        for kind in ("column", "row"):
            hidden = [
                e
                for e in table.iter(f"{{{ODF_TABLE}}}table-{kind}")
                if e.get(f"{{{ODF_TABLE}}}visibility") in ("collapse", "filter")
            ]
            if hidden:
                findings.append(Finding(f"hidden_{kind}s", f"Sheet '{title}' has hidden {kind}s."))
    findings += _odf_annotations(content)
    return findings


def _csv(data: bytes) -> list[Finding]:
    return []  # plain text: nothing can be hidden in it


# --- word-processing documents -------------------------------------------------------------


def _docx(data: bytes) -> list[Finding]:
    findings = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = _xml(_zip_part(archive, "word/document.xml"))
        insertions = len(document.findall(f".//{W}ins"))
        deletions = len(document.findall(f".//{W}del"))
        if insertions or deletions:
            findings.append(
                Finding(
                    "tracked_changes",
                    f"The document has tracked changes ({_plural(insertions, 'insertion')}, "
                    f"{_plural(deletions, 'deletion')}): deleted text is still in the file.",
                )
            )
        if document.findall(f".//{W}vanish"):
            findings.append(Finding("hidden_text", "The document has text formatted as hidden."))
        comments_part = _zip_part(archive, "word/comments.xml")
        if comments_part:
            count = len(_xml(comments_part).findall(f"{W}comment"))
            if count:
                findings.append(
                    Finding("comments", f"The document has {_plural(count, 'comment')}.")
                )
        core = _zip_part(archive, "docProps/core.xml")
        if core:
            findings += _people(
                _xml(core), [(f"{DC}creator", "author"), (f"{CP}lastModifiedBy", "last editor")]
            )
    return findings


def _odt(data: bytes) -> list[Finding]:
    findings = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = _xml(_zip_part(archive, "content.xml"))
        meta = _zip_part(archive, "meta.xml")
    if content.findall(f".//{{{ODF_TEXT}}}changed-region"):
        findings.append(
            Finding(
                "tracked_changes",
                "The document has tracked changes: deleted text is still in the file.",
            )
        )
    if content.findall(f".//{{{ODF_TEXT}}}hidden-text") or content.findall(
        f".//{{{ODF_TEXT}}}hidden-paragraph"
    ):
        findings.append(Finding("hidden_text", "The document has hidden text."))
    findings += _odf_annotations(content)
    if meta:
        findings += _people(
            _xml(meta),
            [(f"{{{ODF_META}}}initial-creator", "author"), (f"{DC}creator", "last editor")],
        )
    return findings


def _odf_annotations(content) -> list[Finding]:
    count = len(content.findall(f".//{{{ODF_OFFICE}}}annotation"))
    return [Finding("comments", f"The file has {_plural(count, 'comment')}.")] if count else []


def _people(root, fields) -> list[Finding]:
    found = []
    for tag, label in fields:
        element = root.find(f".//{tag}")
        if element is not None and (element.text or "").strip():
            found.append(f"{label} '{element.text.strip()}'")
    if not found:
        return []
    return [Finding("properties", f"The file's properties name its {' and '.join(found)}.")]


# --- PDF -------------------------------------------------------------------------------------


def _pdf(data: bytes) -> list[Finding]:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return [
            Finding(
                "uninspectable",
                "The PDF is encrypted, so it cannot be checked for hidden data: release an "
                "unencrypted copy.",
            )
        ]
    findings = []
    metadata = reader.metadata or {}
    people = [
        f"{label} '{metadata[key]}'"
        for key, label in (("/Author", "author"), ("/Creator", "creating program"))
        if str(metadata.get(key, "")).strip()
    ]
    if people:
        findings.append(
            Finding("properties", f"The PDF's properties name its {' and '.join(people)}.")
        )
    if _pdf_has_javascript(reader):
        findings.append(Finding("javascript", "The PDF contains JavaScript."))
    if reader.attachments:
        names = ", ".join(sorted(reader.attachments))
        findings.append(Finding("attachments", f"The PDF has files attached inside it: {names}."))
    fields = reader.get_fields() or {}
    if fields:
        findings.append(
            Finding("form_fields", f"The PDF has {_plural(len(fields), 'form field')}.")
        )
    annotations = 0
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            subtype = annotation.get_object().get("/Subtype")
            if subtype not in ("/Link", "/Widget"):
                annotations += 1
        covered = _text_under_boxes(page)
        if covered:
            sample = covered[0][:40]
            findings.append(
                Finding(
                    "covered_text",
                    f"Page {number}: text lies under a filled box ('{sample}'): the "
                    "redaction only covers it, the text is still in the file.",
                )
            )
    if annotations:
        findings.append(
            Finding(
                "annotations",
                f"The PDF has {_plural(annotations, 'annotation')} (notes or comments).",
            )
        )
    return findings


def _pdf_has_javascript(reader) -> bool:
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    action = root.get("/OpenAction")
    if action is not None and _is_js(action.get_object()):
        return True
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and _is_js(action.get_object()):
                return True
    return False


def _is_js(action) -> bool:
    return hasattr(action, "get") and (action.get("/S") == "/JavaScript" or "/JS" in action)


def _text_under_boxes(page) -> list[str]:
    """Text drawn at a point that a dark filled rectangle on the same page covers."""
    boxes, texts, pending, state = [], [], [], {"dark": True}

    def before(operator, operands, cm, tm):
        if operator in (b"g", b"rg", b"k"):
            values = [float(v) for v in operands]
            # Black-ish fill: grey 0, RGB all low, or CMYK with high black.
            dark = values[-1] > 0.8 if operator == b"k" else all(v < 0.2 for v in values)
            state["dark"] = dark
        elif operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            pending.append(_transform(cm, x, y, w, h))
        elif operator in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            if state["dark"]:
                boxes.extend(pending)
            pending.clear()
        elif operator in (b"n", b"S", b"s"):
            pending.clear()

    def text(value, cm, tm, font, size):
        if value.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            texts.append((x, y, value.strip()))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return [
        value
        for x, y, value in texts
        if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)
    ]


def _transform(cm, x, y, w, h):
    points = [(x, y), (x + w, y + h)]
    mapped = [
        (px * cm[0] + py * cm[2] + cm[4], px * cm[1] + py * cm[3] + cm[5]) for px, py in points
    ]
    (ax, ay), (bx, by) = mapped
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


# --- images --------------------------------------------------------------------------------


def _image(data: bytes) -> list[Finding]:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        gps = exif.get_ifd(0x8825) if exif else {}
    findings = []
    if gps:
        findings.append(
            Finding("location", "The image carries the GPS location where it was taken.")
        )
    camera = {exif.get(0x010F), exif.get(0x0110), exif.get(0x013B)} - {None, ""} if exif else set()
    if camera:
        findings.append(
            Finding(
                "properties", f"The image's details name {', '.join(sorted(map(str, camera)))}."
            )
        )
    return findings


def _plain(data: bytes) -> list[Finding]:
    return []


INSPECTORS = {
    "xlsx": _xlsx,
    "xlsm": _xlsx,
    "ods": _ods,
    "csv": _csv,
    "docx": _docx,
    "odt": _odt,
    "pdf": _pdf,
    "png": _image,
    "jpg": _image,
    "jpeg": _image,
    "txt": _plain,
}
