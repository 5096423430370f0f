"""The functions the weekly manager email calls (issue 5)."""

from reports import snapshot
from tests.reports.dataset import WEEK


def test_weekly_summary_text_has_the_week_in_words(council):
    text = snapshot.weekly_summary_text(directorate_id=None, week_start=WEEK)
    assert "Information requests – Whole council" in text
    assert "Week commencing Monday 6 July 2026" in text
    assert "Received: 3" in text
    assert "Closed: 7" in text
    assert "Answered within the statutory limit: 83.3% (RED) – 5 of 6 answered" in text
    assert "Performance: 83.3% (RED) – 10 of 12 requests in time" in text
    assert "  Overdue: 1" in text
    assert "  Freedom of Information: 4 / 1; 5 / 1" in text
    # Counts only: no case's title or requester.
    assert "Pothole" not in text and "Jo Bloggs" not in text


def test_weekly_summary_for_a_directorate(council, org):
    text = snapshot.weekly_summary_text(directorate_id=org.place.pk, week_start=WEEK.replace(day=9))
    assert "Information requests – Place" in text
    assert "Performance: 83.3% (RED) – 5 of 6 requests in time" in text


def test_weekly_pdf_is_a_pdf(council, org):
    pdf = snapshot.weekly_pdf(directorate_id=org.people.pk, week_start=WEEK)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 5000
