"""Release waits for hidden data to be fixed or accepted, through the HTTP views: the finding is
shown in words, the release is refused with the reason, only the IG manager may accept it, a
clean version replacing the document clears it, and the check runs again at release."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from requests_app.models import Case, Document, Status
from tests.requests_app import hidden_files as make
from tests.requests_app.builders import case_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def act(client, case, action, data=None):
    case.refresh_from_db()
    url = reverse("requests:case_action", args=[case.pk, action])
    # "body": the letter as previewed (ignored by actions that send none).
    letter = {"body": "Here is the information you asked for."}
    return client.post(url, {**letter, **(data or {}), "version": case.version})


def upload(client, case, name, content, **extra):
    data = {"kind": "released", "file": SimpleUploadedFile(name, content, XLSX), **extra}
    return act(client, case, "upload_document", data)


def test_a_hidden_sheet_blocks_release_until_a_clean_version_replaces_it(client, cast, org):
    case = case_in(Status.AUTHORISED, cast, org)
    client.force_login(cast.ig_officer)
    assert upload(client, case, "claims.xlsx", make.xlsx(hidden=True)).status_code == 302
    page = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert escape("Sheet 'Staff' is hidden and holds 212 filled cells.") in page
    send = reverse("requests:case_action", args=[case.pk, "send_response"])
    assert send not in page  # not offered
    response = act(client, case, "send_response")
    assert response.status_code == 409
    assert "Hidden data was found in claims.xlsx" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.AUTHORISED
    old = Document.objects.get(case=case)
    assert (
        upload(client, case, "claims-clean.xlsx", make.xlsx(), replaces=old.pk).status_code == 302
    )
    assert act(client, case, "send_response").status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.RESPONDED


def test_only_the_ig_manager_may_accept_a_finding_and_must_say_why(client, cast, org):
    case = case_in(Status.AUTHORISED, cast, org)
    client.force_login(cast.ig_officer)
    upload(client, case, "claims.xlsx", make.xlsx(hidden_column=True))
    document = Document.objects.get(case=case)
    accept = {"document": document.pk, "reason": "Column C is blank in the released copy."}
    assert act(client, case, "accept_hidden_data", accept).status_code == 403
    client.force_login(cast.ig_manager)
    refused = act(client, case, "accept_hidden_data", {"document": document.pk, "reason": ""})
    assert refused.status_code == 200  # the form again, with the error
    document.refresh_from_db()
    assert document.findings_accepted_by is None
    assert act(client, case, "accept_hidden_data", accept).status_code == 302
    document.refresh_from_db()
    assert document.findings_accepted_by == cast.ig_manager
    assert case.events.filter(kind="accept_hidden_data").exists()
    assert act(client, case, "send_response").status_code == 302


def test_the_check_runs_again_at_release(client, cast, org):
    """A document stored without findings (uploaded before the check, say) is inspected again
    when the response goes, and hidden data found then stops it."""
    case = case_in(Status.AUTHORISED, cast, org)
    Document.objects.create(
        case=case,
        kind=Document.Kind.RELEASED,
        file=ContentFile(make.docx(tracked=True), name="answer.docx"),
        original_name="answer.docx",
        content_type="application/octet-stream",
        size=1,
    )
    client.force_login(cast.ig_officer)
    response = act(client, case, "send_response")
    assert response.status_code == 200
    assert "tracked changes" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.AUTHORISED


def test_a_working_document_is_not_checked(client, cast, org):
    case = case_in(Status.AUTHORISED, cast, org)
    client.force_login(cast.ig_officer)
    upload(client, case, "notes.xlsx", make.xlsx(hidden=True), kind="working")
    assert Document.objects.get(case=case).findings == []
    assert act(client, case, "send_response").status_code == 302
