"""Every role × every case state × every action, through the HTTP views.

Who may do what is written out by hand below (WHO_MAY), from the councils' policies, not read
from the transitions table: a wrong role or scope in the table fails this test. The states an
action starts from and its preconditions come from the table (they are tested one by one in
test_services). Allowed means the action page opens, the POST succeeds and the case moves;
refused means a 403/404/409 and nothing about the case changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from organisation.access import home_url_name
from organisation.models import User
from requests_app.models import Case, Event, Exemption, Status
from requests_app.transitions import TRANSITIONS
from tests.requests_app.builders import case_in

ROLES = [
    "ig_officer",
    "ig_manager",
    "officer_a",
    "officer_b",
    "director",
    "director_other",
    "siro",
    "manager",
    "manager_place",
    "administrator",
    "outsider",
]


def cast_ig_manager_pk():
    return User.objects.get(username="ig_manager").pk


# The letter as the officer previewed and sent it (letter actions show it first when empty).
LETTER = "Thank you for your request."


def valid_post(action, org, case):
    today = timezone.localdate().isoformat()
    qualified = Exemption.objects.filter(law="foi", qualified=True).first()
    return {
        "classify": {"regime": "eir"},
        "mark_not_valid": {"reason": "Not a request for recorded information."},
        "acknowledge": {"body": LETTER},
        "ask_clarification": {
            "question": "Which year do you mean?",
            "asked_on": today,
            "body": LETTER,
        },
        "record_clarification": {"received_on": today, "summary": "2025 only."},
        "ask_id": {"asked_on": today, "body": LETTER},
        "record_id": {"received_on": today},
        "assign": {"service_areas": [org.area_a.pk]},
        "record_time": {
            "service_area": org.area_a.pk,
            "activity": "locating",
            "minutes": 20,
            "searches": "Claims system",
        },
        "hand_back": {"service_area": org.area_a.pk, "reason": "This is a Housing matter."},
        "record_councillor_told": {"told_on": today},
        "submit_draft": {"service_area": org.area_a.pk, "draft": "312 claims were made."},
        "propose_exemption": {
            "exemption": qualified.pk,
            "public_interest_test": "Balance favours withholding.",
        },
        "decide": {"outcome": "granted", "reasons": "", "response_text": "312 claims."},
        "extend": {
            "reason": "Weighing the public interest.",
            "notified_on": today,
            "body": LETTER,
        },
        "send_for_authorisation": {},
        "authorise": {"comments": ""},
        "return_to_ig": {"comments": "Please check the figures."},
        "send_response": {"body": LETTER},
        "release_without_director": {"body": LETTER},
        "close": {},
        "reopen": {"reason": "The requester pointed out a missing attachment."},
        "withdraw": {"reason": ""},
        "lapse": {"reason": "No reply in three months."},
        "open_review": {"received_on": today, "grounds": "The figures look incomplete."},
        "record_review_outcome": {
            "outcome": "upheld",
            "response_text": "We upheld it.",
            "body": LETTER,
        },
        "upload_document": {
            "kind": "working",
            "file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
        "record_ico_complaint": {"ico_reference": "IC-123456-A1B2", "received_on": today},
        "accept_hidden_data": {"document": 0, "reason": "The hidden sheet holds only totals."},
        "publish": {
            "public_title": "Pothole claims",
            "public_summary": "How many claims.",
            "public_answer": "312 claims.",
        },
        "unpublish": {"reason": "Published by mistake."},
        "reallocate": {"owner": cast_ig_manager_pk(), "reason": "Leave cover."},
        "one_director_for_all": {"reason": "Both directors agreed by email."},
        "add_note": {"text": "Spoke to the requester: 2025 only."},
        "estimate_fees": {
            "determining": "1.00",
            "locating": "2.50",
            "retrieving": "0",
            "extracting": "0",
            "adjustment_reason": "A sample search took longer than recorded.",
            "sheets": 40,
            "postage": "1.20",
            "format_hours": "0",
        },
        "aggregate_requests": {"basis": "same_requester", "reason": "Same topic."},
        "refuse_cost_limit": {"advice": "Ask for one year only."},
        "issue_fee_notice": {"checked": "on"},
        "record_fee_payment": {"method": "card", "received_on": today},
        "waive_fee": {"reason": "Hardship."},
        "cancel_fee_notice": {"reason": "Issued in error."},
        "change_language": {"language": "cy"},
        "record_search": {
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-0-searched": "yes",
            "rows-0-place": "Planning casework system",
            "rows-0-reason": "Holds the applications the requester made.",
        },
    }[action] | {"version": case.version}


# Who may do each action to a case assigned to area A (Planning, in the Place directorate).
# "officer_a" and "director" only while area A holds an active assignment on the case.
IG = {"ig_officer", "ig_manager"}
IG_MANAGER = {"ig_manager"}
AREA_A = {"officer_a"}
PLACE_DIRECTOR = {"director"}
WHO_MAY = {
    "classify": IG,
    "mark_not_valid": IG,
    "acknowledge": IG,
    "ask_clarification": IG,
    "record_clarification": IG,
    "ask_id": IG,
    "record_id": IG,
    "assign": IG,
    "submit_draft": AREA_A,
    "hand_back": AREA_A,
    "record_time": AREA_A,
    "propose_exemption": IG | AREA_A,
    "decide": IG,
    "extend": IG_MANAGER,
    "send_for_authorisation": IG,
    "authorise": PLACE_DIRECTOR,
    "return_to_ig": PLACE_DIRECTOR,
    "send_response": IG,
    "release_without_director": IG_MANAGER,
    "close": IG,
    "reopen": IG_MANAGER,
    "withdraw": IG,
    "lapse": IG,
    "open_review": IG,
    "record_councillor_told": IG,
    "upload_document": IG | AREA_A,
    "record_ico_complaint": IG,
    "accept_hidden_data": IG_MANAGER,
    "publish": IG,
    "unpublish": IG,
    "reallocate": IG,
    "one_director_for_all": IG_MANAGER,
    # Everyone working on the case may leave an internal note.
    "add_note": IG | AREA_A | PLACE_DIRECTOR,
    "record_review_outcome": IG_MANAGER,
    # Fees (fees/transitions.py): IG estimate, aggregate and issue notices (Leicester 12.6);
    # refusing (s12) and waiving a fee are decisions, so the IG manager's.
    "estimate_fees": IG,
    "aggregate_requests": IG,
    "refuse_cost_limit": IG_MANAGER,
    "issue_fee_notice": IG,
    "record_fee_payment": IG,
    "waive_fee": IG_MANAGER,
    "cancel_fee_notice": IG,
    # The SAR search record (DUAA): IG and the service area searching its own systems.
    "record_search": IG | AREA_A,
    # The requester's language of correspondence (Welsh Language Standards): IG.
    "change_language": IG,
}


def test_the_hand_written_table_covers_every_action():
    assert set(WHO_MAY) == set(TRANSITIONS)


def expected_allowed(who, user, case, action, org):
    transition = TRANSITIONS[action]
    area_a_active = org.area_a.pk in {
        a.service_area_id for a in case.assignments.all() if a.state != "withdrawn"
    }
    if who not in WHO_MAY[action]:
        return False
    if who in AREA_A | PLACE_DIRECTOR and not area_a_active:
        return False
    return case.status in transition.sources and all(
        check(case, user) is None for check in transition.checks
    )


def snapshot(case):
    case.refresh_from_db()
    return (case.status, case.history.count(), Event.objects.filter(case=case).count())


@pytest.mark.parametrize("status", Status.values)
def test_every_role_and_action_in_this_state(client, cast, org, status):
    case = case_in(status, cast, org)
    mismatches = []
    for who in ROLES:
        user = getattr(cast, who)
        client.force_login(user)
        allowed_here = set()
        for action in TRANSITIONS:
            case = Case.objects.prefetch_related("assignments", "exemptions__exemption").get(
                pk=case.pk
            )
            allowed = expected_allowed(who, user, case, action, org)
            if allowed:
                allowed_here.add(action)
            url = reverse("requests:case_action", args=[case.pk, action])
            before = snapshot(case)
            with transaction.atomic():
                got = client.get(url).status_code
                if (got == 200) != allowed:
                    mismatches.append((who, action, "GET", got, allowed))
                response = client.post(url, valid_post(action, org, case))
                after = snapshot(case)
                events = Event.objects.filter(kind=action).count()
                transaction.set_rollback(True)
            if allowed:
                targets = TRANSITIONS[action].possible_targets()
                ok = (
                    response.status_code == 302
                    # The case page, or the person's own list when the action took the case
                    # out of their hands (a service area handing it back).
                    and response.url
                    in (reverse("requests:case", args=[case.pk]), reverse(home_url_name(user)))
                    and events >= 1
                    and (not targets or after[0] in targets)
                )
            else:
                ok = response.status_code in (403, 404, 409) and after == before
            if not ok:
                mismatches.append((who, action, "POST", response.status_code, allowed))
        # The case page offers exactly the allowed actions, no more and no fewer.
        page = client.get(reverse("requests:case", args=[case.pk]))
        if page.status_code == 200:
            html = page.content.decode()
            offered = {
                a for a in TRANSITIONS if reverse("requests:case_action", args=[case.pk, a]) in html
            }
            if offered != allowed_here:
                mismatches.append((who, "buttons", sorted(offered ^ allowed_here)))
        elif allowed_here:
            mismatches.append((who, "page", page.status_code, sorted(allowed_here)))
    assert mismatches == []


def test_every_state_has_something_someone_can_do_or_is_final(cast, org):
    """Guards the table itself: only withdrawn and lapsed requests are final."""
    final = {Status.WITHDRAWN, Status.LAPSED}
    for status in set(Status.values) - final:
        actions = [t for t in TRANSITIONS.values() if status in t.sources]
        assert actions, status
    for status in final:
        # An internal note may still be added: it changes nothing on the case.
        changing = [t for t in TRANSITIONS.values() if status in t.sources and t.changes_record]
        assert not changing, status
