"""Ownership, internal notes and authorisation by every directorate, through the services and
the HTTP views (with someone refused each time)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organisation.models import Notification, Role
from requests_app import ownership, services
from requests_app.models import Case, Channel, Regime, Status
from tests.factories import UserFactory
from tests.requests_app.builders import case_in, logged
from workflow.engine import ActionRefused


def test_a_request_logged_by_an_ig_officer_is_theirs(cast):
    assert logged(cast).owner == cast.ig_officer


def test_web_requests_go_to_ig_officers_in_turn(cast, settings):
    settings.OWNER_FOR_WEB_REQUESTS = "round_robin"
    second = UserFactory(username="ig_officer_2", role=Role.IG_OFFICER)
    owners = [
        services.case_log(
            user=None,
            requester={"name": f"Person {n}", "email": f"p{n}@example.org"},
            channel=Channel.WEB,
            received_at=timezone.now(),
            title=f"Request {n}",
            request_text="Please send it.",
            regime=Regime.FOI,
        ).owner
        for n in range(3)
    ]
    assert owners == [cast.ig_officer, second, cast.ig_officer]


def test_web_requests_wait_for_an_owner_when_the_setting_says_none(cast, settings):
    settings.OWNER_FOR_WEB_REQUESTS = "none"
    case = services.case_log(
        user=None,
        requester={"name": "Person", "email": "p@example.org"},
        channel=Channel.WEB,
        received_at=timezone.now(),
        title="Request",
        request_text="Please send it.",
    )
    assert case.owner is None


def test_my_cases_is_the_ig_landing_tab(client, cast, org):
    mine = logged(cast, title="Mine")
    theirs = logged(cast, title="Theirs")
    ownership.case_reallocate(
        case_id=theirs.pk, user=cast.ig_manager, owner_id=cast.ig_manager.pk, reason="Cover."
    )
    client.force_login(cast.ig_officer)
    response = client.get(reverse("requests:queue"))
    listed = [c.reference for c in response.context["cases"]]
    assert listed == [mine.reference]
    client.force_login(cast.officer_a)
    assert client.get(reverse("requests:queue")).status_code == 403


def test_reallocation_needs_a_reason_and_an_ig_owner(cast, org):
    case = logged(cast)
    with pytest.raises(ActionRefused, match="Say why"):
        ownership.case_reallocate(
            case_id=case.pk, user=cast.ig_officer, owner_id=cast.ig_manager.pk, reason=""
        )
    with pytest.raises(ActionRefused, match="Choose an IG officer"):
        ownership.case_reallocate(
            case_id=case.pk, user=cast.ig_officer, owner_id=cast.officer_a.pk, reason="x"
        )
    ownership.case_reallocate(
        case_id=case.pk, user=cast.ig_officer, owner_id=cast.ig_manager.pk, reason="Leave."
    )
    case.refresh_from_db()
    assert case.owner == cast.ig_manager
    assert case.events.first().message.startswith("Reallocated from")


def test_a_note_is_on_the_timeline_tells_a_mentioned_colleague_and_leaves_forms_fresh(
    client, cast, org
):
    case = case_in(Status.ASSIGNED, cast, org)
    version = Case.objects.get(pk=case.pk).version
    client.force_login(cast.officer_a)
    url = reverse("requests:case_action", args=[case.pk, "add_note"])
    text = "Found the 2024 file too, @ig_manager. @officer_b cannot see this case."
    response = client.post(url, {"text": text, "version": version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.version == version  # nobody's open form goes stale
    note = case.events.get(kind="add_note")
    assert note.message.startswith("Found the 2024 file too")
    told = Notification.objects.filter(kind="note_mention")
    assert [n.recipient for n in told] == [cast.ig_manager]  # officer_b may not see the case
    assert "2024 file" not in told[0].body_text  # the note stays in the system
    client.force_login(cast.officer_b)  # not working on the case
    assert client.post(url, {"text": "x", "version": version}).status_code == 404
    client.force_login(cast.manager)  # read-only
    assert client.post(url, {"text": "x", "version": version}).status_code == 403


def two_directorate_case(cast, org):
    case = logged(cast)
    services.case_assign(
        case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk, org.area_b.pk]
    )
    for officer, area in ((cast.officer_a, org.area_a), (cast.officer_b, org.area_b)):
        services.case_submit_draft(
            case_id=case.pk, user=officer, service_area_id=area.pk, draft="Figures."
        )
    services.case_decide(
        case_id=case.pk, user=cast.ig_officer, outcome="granted", reasons="", response_text="Yes."
    )
    services.case_send_for_authorisation(case_id=case.pk, user=cast.ig_officer)
    return case


def test_a_case_with_two_directorates_needs_both_directors(client, cast, org):
    case = two_directorate_case(cast, org)
    services.case_authorise(case_id=case.pk, user=cast.director)
    case.refresh_from_db()
    assert case.status == Status.AWAITING_AUTHORISATION
    with pytest.raises(ActionRefused, match="already approved"):
        services.case_authorise(case_id=case.pk, user=cast.director)
    client.force_login(cast.ig_officer)
    page = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert "waiting for its director" in page
    assert reverse("requests:case_action", args=[case.pk, "send_response"]) not in page
    services.case_authorise(case_id=case.pk, user=cast.director_other)
    case.refresh_from_db()
    assert case.status == Status.AUTHORISED


def test_the_ig_manager_may_record_that_one_director_approves_for_all(cast, org):
    case = two_directorate_case(cast, org)
    with pytest.raises(ActionRefused):
        services.case_one_director_for_all(case_id=case.pk, user=cast.ig_officer, reason="Agreed.")
    services.case_authorise(case_id=case.pk, user=cast.director)
    services.case_one_director_for_all(
        case_id=case.pk, user=cast.ig_manager, reason="Both directors agreed by email."
    )
    case.refresh_from_db()
    assert case.status == Status.AUTHORISED


def test_sorting_by_due_date_puts_overdue_first_and_stopped_clocks_last(client, cast, org):
    overdue = logged(cast, days_ago=40, title="Overdue")
    later = logged(cast, days_ago=1, title="Later")
    stopped = logged(cast, days_ago=20, title="Stopped")
    services.case_ask_clarification(
        case_id=stopped.pk, user=cast.ig_officer, question="Which?", asked_on=timezone.localdate()
    )
    client.force_login(cast.ig_officer)
    for sort in ("statutory_due", "-statutory_due"):
        response = client.get(reverse("requests:queue"), {"tab": "open", "sort": sort})
        titles = [c.title for c in response.context["cases"]]
        assert titles[-1] == "Stopped", sort
    response = client.get(reverse("requests:queue"), {"tab": "open", "sort": "statutory_due"})
    assert [c.title for c in response.context["cases"]] == ["Overdue", "Later", "Stopped"]
    assert overdue.statutory_due < later.statutory_due
