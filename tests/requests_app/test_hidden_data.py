"""The hidden-data check on real files: each hidden thing is found and named in words; clean
files give nothing; a file that cannot be opened is a finding, never a pass."""

import pytest

from requests_app.hidden_data import inspect
from tests.requests_app import hidden_files as make


def codes(name, data):
    return sorted(f.code for f in inspect(name, data))


def messages(name, data):
    return " | ".join(f.message for f in inspect(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("claims.xlsx", make.xlsx()),
        ("claims.docx", make.docx()),
        ("claims.pdf", make.pdf()),
        ("site.jpg", make.jpeg()),
        ("claims.csv", b"month,claims\nJan,12\n"),
    ],
)
def test_clean_files_have_no_findings(name, data):
    assert inspect(name, data) == []


def test_a_hidden_sheet_is_named_with_what_it_holds():
    assert codes("claims.xlsx", make.xlsx(hidden=True)) == ["hidden_sheet"]
    assert messages("claims.xlsx", make.xlsx(hidden=True)) == (
        "Sheet 'Staff' is hidden and holds 212 filled cells."
    )


def test_a_very_hidden_sheet():
    assert codes("claims.xlsx", make.xlsx(very_hidden=True)) == ["very_hidden_sheet"]
    assert "'Lookup' is very hidden" in messages("claims.xlsx", make.xlsx(very_hidden=True))


def test_a_hidden_column():
    assert codes("claims.xlsx", make.xlsx(hidden_column=True)) == ["hidden_columns"]
    assert "hidden columns: C" in messages("claims.xlsx", make.xlsx(hidden_column=True))


def test_a_comment_in_a_spreadsheet():
    assert codes("claims.xlsx", make.xlsx(comment=True)) == ["comments"]


def test_a_pivot_cache_still_holding_its_source_rows():
    assert codes("claims.xlsx", make.xlsx_with_pivot_cache()) == ["pivot_cache"]
    assert "(3 records)" in messages("claims.xlsx", make.xlsx_with_pivot_cache())


def test_tracked_changes_and_a_comment_in_a_word_document():
    data = make.docx(tracked=True, comment=True)
    assert codes("letter.docx", data) == ["comments", "tracked_changes"]
    assert "1 insertion, 1 deletion" in messages("letter.docx", data)


def test_text_under_a_black_box_in_a_pdf():
    data = make.pdf(covered=True)
    assert codes("redacted.pdf", data) == ["covered_text"]
    assert "Claimant: Jo Bloggs" in messages("redacted.pdf", data)


def test_javascript_and_an_attachment_in_a_pdf():
    assert codes("form.pdf", make.pdf(javascript=True)) == ["javascript"]
    data = make.pdf(attachment=True)
    assert codes("bundle.pdf", data) == ["attachments"]
    assert "claimants.csv" in messages("bundle.pdf", data)


def test_an_encrypted_pdf_cannot_be_inspected_and_says_so():
    assert codes("locked.pdf", make.pdf(encrypted=True)) == ["uninspectable"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip"),
        ("broken.docx", b"not a zip at all"),
        ("broken.pdf", b"%PDF-1.4 truncated"),
        ("archive.zip", b"PK\x03\x04"),
    ],
)
def test_a_file_that_cannot_be_opened_is_a_finding(name, data):
    assert codes(name, data) == ["uninspectable"]


def test_a_photo_with_its_location():
    assert codes("pothole.jpg", make.jpeg(location=True)) == ["location"]
