"""The fees notice is a real PDF, made after the commit, and says what the requester needs."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from pypdf import PdfReader

from fees import services as fees
from fees.models import FeeNotice
from tests.fees.helpers import estimate, logged, on


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_notice_pdf_has_the_reference_breakdown_total_and_pay_by_date(
    cast, org, settings, django_capture_on_commit_callbacks
):
    settings.COUNCIL_NAME = "Demo District Council"
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 9)):
        estimate(cast, case, sheets=120, postage=Decimal("2.35"))  # £12.00 + £2.35 = £14.35
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
            letter = FeeNotice.objects.get(case=case).letter
            assert not letter.pdf and letter.to == ""  # nothing rendered under the lock
        assert callbacks
    notice = FeeNotice.objects.select_related("letter").get(case=case)
    letter = notice.letter
    assert letter.to == "jo@example.org"
    with letter.pdf.open("rb") as pdf:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)
    text = " ".join(text.split())
    for expected in (
        case.reference,
        "Demo District Council",
        "Fees notice",
        "Photocopying and printing: 120 sheets at 10p £12.00",
        "Postage and other transmission, at cost £2.35",
        "Total to pay £14.35",
        "Pay by Friday 8 May 2026",
    ):
        assert expected in text, expected
    # The letter is queued for sending once it has its PDF (the worker sends it).
    assert fees.fee_notice_render(notice_id=notice.pk) is False  # already made: not twice
    assert len(mail.outbox) <= 1


def test_a_pdf_that_fails_after_the_commit_is_made_by_the_sweep(
    cast, org, monkeypatch, django_capture_on_commit_callbacks
):
    from fees import letters

    case = logged(cast, dt.date(2026, 2, 2))
    real = letters.notice_pdf

    def broken(notice):
        raise OSError("no fonts today")

    monkeypatch.setattr(letters, "notice_pdf", broken)
    with on(dt.date(2026, 2, 9)):
        estimate(cast, case)
        with django_capture_on_commit_callbacks(execute=True):
            fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    letter = FeeNotice.objects.get(case=case).letter
    assert not letter.pdf and letter.to == ""  # never sent without its PDF
    monkeypatch.setattr(letters, "notice_pdf", real)
    assert fees.render_pending() == 1
    assert fees.render_pending() == 0
    letter.refresh_from_db()
    assert letter.pdf and letter.to == "jo@example.org"
