"""Every row a service writes names the person who acted, not only the case itself."""

from requests_app.models import Correspondence, Status, TimeEntry
from tests.requests_app.builders import case_in


def test_related_rows_record_who_acted(cast, org):
    case = case_in(Status.IN_PROGRESS, cast, org)
    entry = TimeEntry.objects.get(case=case)
    assert entry.history.get().history_user == cast.officer_a
    case_in(Status.RESPONDED, cast, org)
    letter = Correspondence.objects.filter(kind="response").get()
    assert letter.history.first().history_user == cast.ig_officer
    assert case.history.filter(history_user__isnull=True).count() == 0
