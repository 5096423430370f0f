"""Messages a person can act on: refusals naming the field and what to do, the landing page after
handing a case back, the change history in names and labels, uploads opening on the right kind."""

import re

import pytest
from django.urls import reverse

from requests_app.forms import LogRequestForm, UploadForm
from requests_app.models import Case, Document, Status
from requests_app.ownership import case_reallocate
from requests_app.transitions import CASES
from tests.requests_app.builders import case_in, logged

pytestmark = pytest.mark.django_db
GENERIC = "This field is required."


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_no_case_action_form_answers_an_empty_post_with_the_generic_message(cast, org):
    case = case_in(Status.IN_PROGRESS, cast, org)
    checked = 0
    for transition in CASES.transitions.values():
        if transition.form is None:  # an action with its own page (the SAR search record)
            continue
        form = transition.form(
            {"version": str(case.version)}, {}, record=case, user=cast.ig_manager
        )
        form.is_valid()
        for name, errors in form.errors.items():
            for error in errors:
                assert GENERIC not in error, (transition.action, name)
                assert not error.startswith("Enter a valid"), (transition.action, name, error)
        checked += bool(form.errors)
    assert checked >= 10  # the forms that have required fields were really tried


def test_each_refusal_names_its_field(client, cast, org):
    case = case_in(Status.RECEIVED, cast, org)
    client.force_login(cast.ig_officer)
    response = client.post(
        reverse("requests:case_action", args=[case.pk, "mark_not_valid"]), {"version": case.version}
    )
    page = text(response)
    assert response.status_code == 200
    assert "Enter reason" in page
    assert GENERIC not in page
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED  # nothing changed


def test_log_a_request_names_every_missing_field(client, cast):
    client.force_login(cast.ig_officer)
    page = text(client.post(reverse("requests:case_new"), {}))
    assert GENERIC not in page
    form = LogRequestForm({})
    form.is_valid()
    assert form.errors["name"] == ["Enter requester's name"]
    assert all(GENERIC not in e for errors in form.errors.values() for e in errors)


def test_too_long_and_bad_date_messages_name_the_field(cast, org):
    form = LogRequestForm({"name": "x" * 201, "received_at": "31/02/2026"})
    form.is_valid()
    assert form.errors["name"] == ["Requester's name must be 200 characters or fewer"]


def test_hand_back_lands_the_officer_on_their_list_with_a_confirmation(client, cast, org):
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.officer_a)
    response = client.post(
        reverse("requests:case_action", args=[case.pk, "hand_back"]),
        {"version": case.version, "service_area": org.area_a.pk, "reason": "A Housing matter."},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("requests:inbox")
    assert f"{case.reference}" in text(response)
    assert "is no longer with you" in text(response)
    # officer_b was never on the case: refused, and the case is not changed by the attempt.
    client.force_login(cast.officer_b)
    refused = client.post(
        reverse("requests:case_action", args=[case.pk, "hand_back"]),
        {"version": case.version, "service_area": org.area_b.pk, "reason": "x"},
    )
    assert refused.status_code == 404


def test_change_history_shows_names_and_labels(client, cast, org):
    case = case_in(Status.ASSIGNED, cast, org)
    case_reallocate(
        case_id=case.pk, user=cast.ig_manager, owner_id=cast.ig_manager.pk, reason="On leave."
    )
    client.force_login(cast.ig_officer)
    page = text(client.get(reverse("requests:case_history", args=[case.pk])))
    assert cast.ig_officer.get_full_name() in page
    assert "<strong>Status</strong>: Received → With service areas" in page
    assert "→ assigned" not in page  # no codes
    # The owner (a user) by name, never by id.
    owner = f"{cast.ig_officer.get_full_name()} → {cast.ig_manager.get_full_name()}"
    assert f"<strong>Owner</strong>: {owner}" in page
    assert f"→ {cast.ig_manager.pk} " not in page
    client.force_login(cast.outsider)
    assert client.get(reverse("requests:case_history", args=[case.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status", "kind"),
    [
        ("officer_a", Status.ASSIGNED, Document.Kind.WORKING),
        ("ig_officer", Status.RECEIVED, Document.Kind.RECEIVED),
        ("ig_officer", Status.IN_PROGRESS, Document.Kind.RESPONSE),
        ("ig_manager", Status.DRAFT_READY, Document.Kind.RESPONSE),
    ],
)
def test_upload_opens_on_the_kind_each_role_uploads(client, cast, org, who, status, kind):
    case = case_in(status, cast, org)
    assert UploadForm(record=case, user=getattr(cast, who)).initial["kind"] == kind
    client.force_login(getattr(cast, who))
    page = text(client.get(reverse("requests:case_action", args=[case.pk, "upload_document"])))
    assert re.search(rf'<option value="{kind.value}" selected>', page)


def test_upload_page_is_refused_to_an_officer_of_another_area(client, cast, org):
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.officer_b)
    response = client.get(reverse("requests:case_action", args=[case.pk, "upload_document"]))
    assert response.status_code == 404


def test_an_unchanged_case_is_logged_with_a_real_name(cast):
    case = logged(cast)
    assert case.history.get().history_user == cast.ig_officer
