"""The workflow engine: versions refuse stale forms, the row lock serialises concurrent actions,
the table sees the acting user, and the registry is extended rather than edited."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from requests_app import services
from requests_app.checks import REFUSALS
from requests_app.forms import AssignForm, ClassifyForm, DecideForm
from requests_app.models import Case, Event, Outcome, Status
from requests_app.transitions import CASES
from tests.requests_app.builders import case_in, logged
from workflow.engine import ActionRefused, StaleRecord, apply, available_actions, record_event
from workflow.transitions import Transition


def state(case):
    row = Case.objects.filter(pk=case.pk).values().get()
    return row, case.events.count(), case.history.count(), case.correspondence.count()


def test_every_change_adds_one_to_the_version(cast, org):
    case = logged(cast)
    assert case.version == 0
    services.case_acknowledge(case_id=case.pk, user=cast.ig_officer)
    services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk])
    assert Case.objects.get(pk=case.pk).version == 2


def test_a_form_opened_before_someone_elses_change_is_refused_and_changes_nothing(cast, org):
    case = logged(cast)
    opened_at = case.version
    services.case_acknowledge(case_id=case.pk, user=cast.ig_manager, expected_version=opened_at)
    before = state(case)
    with pytest.raises(StaleRecord) as refused:
        services.case_assign(
            case_id=case.pk,
            user=cast.ig_officer,
            service_area_ids=[org.area_a.pk],
            expected_version=opened_at,
        )
    assert cast.ig_manager.get_full_name() in str(refused.value)
    assert "since you opened the form" in str(refused.value)
    assert state(case) == before


def test_two_people_with_the_same_form_open_only_the_first_is_applied(client, cast, org):
    """Two browsers (two sessions) open "Record the decision" at the same time."""
    case = case_in(Status.DRAFT_READY, cast, org)
    other = client.__class__()
    client.force_login(cast.ig_officer)
    other.force_login(cast.ig_manager)
    url = reverse("requests:case_action", args=[case.pk, "decide"])
    first_form = client.get(url).context["form"]
    second_form = other.get(url).context["form"]
    version = first_form.initial["version"]
    assert second_form.initial["version"] == version
    first = {"outcome": "granted", "reasons": "", "response_text": "312 claims."}
    response = client.post(url, {**first, "version": version})
    assert response.status_code == 302
    after_first = state(case)
    second = {"outcome": "not_held", "reasons": "", "response_text": "Not held."}
    response = other.post(url, {**second, "version": version})
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(f"changed by {cast.ig_officer.get_full_name()}") in html
    assert "Nothing you submitted was saved" in html
    assert state(case) == after_first
    assert Case.objects.get(pk=case.pk).outcome == Outcome.GRANTED


def test_a_form_without_its_version_is_refused(client, cast, org):
    case = logged(cast)
    client.force_login(cast.ig_officer)
    before = state(case)
    url = reverse("requests:case_action", args=[case.pk, "acknowledge"])
    for version in ({}, {"version": "x"}, {"version": "99999999999999999999"}):
        assert client.post(url, version).status_code == 200
    assert state(case) == before


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_actions_on_one_case_apply_exactly_once(cast, org):
    """Two threads, two database connections, one case. Each thread's change waits (up to two
    seconds) for the other to reach the same point: without the row lock both would, and both
    would acknowledge; with it, the second waits for the first to commit and is refused."""
    assert connection.vendor == "postgresql"
    case = logged(cast)
    barrier = threading.Barrier(2)
    results = []

    def change(record):
        try:
            barrier.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        record.acknowledged_at = timezone.now()
        return "Acknowledged."

    def act(user):
        try:
            apply(model=Case, pk=case.pk, user=user, action="acknowledge", change=change)
            results.append("applied")
        except ActionRefused as refused:
            results.append(str(refused))
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(u,)) for u in (cast.ig_officer, cast.ig_manager)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["The request has already been acknowledged.", "applied"]
    assert Event.objects.filter(case=case, kind="acknowledge").count() == 1
    assert Case.objects.get(pk=case.pk).version == 1


def test_an_ig_officer_is_never_offered_an_outcome_only_the_ig_manager_may_record(cast, org):
    case = case_in(Status.DRAFT_READY, cast, org)
    officer_choices = {
        v for v, _ in DecideForm(record=case, user=cast.ig_officer).fields["outcome"].choices
    }
    manager_choices = {
        v for v, _ in DecideForm(record=case, user=cast.ig_manager).fields["outcome"].choices
    }
    assert officer_choices & set(REFUSALS) == set()
    assert {"granted", "not_held", "accessible"} <= officer_choices
    assert set(REFUSALS) <= manager_choices
    with pytest.raises(ActionRefused, match="Only the IG manager"):
        services.case_decide(
            case_id=case.pk,
            user=cast.ig_officer,
            outcome="refused",
            reasons="s43",
            response_text="No.",
        )


def test_the_original_decider_is_never_offered_the_review_outcome(cast, org):
    original = case_in(Status.RESPONDED, cast, org)  # decided by the IG manager
    review = services.case_open_review(
        case_id=original.pk, user=cast.ig_officer, received_at=timezone.now(), grounds="Incomplete."
    )
    reviewer = type(cast.ig_manager).objects.create(
        username="second_manager", role=cast.ig_manager.role, first_name="Rhian"
    )
    offered = {t.action for t in available_actions(cast.ig_manager, review)}
    assert "record_review_outcome" not in offered
    assert "record_review_outcome" in {t.action for t in available_actions(reviewer, review)}


def test_the_table_is_extended_not_edited():
    with pytest.raises(ValueError, match="already declared"):
        CASES.add(Transition("classify", "Classify again", frozenset(), None, frozenset()))


def test_a_timeline_event_kind_must_be_one_of_its_choices(cast):
    case = logged(cast)
    with pytest.raises(ValueError, match="not a kind of Event"):
        record_event(case, cast.ig_officer, "made_up", "Something happened.")


def test_classifying_again_the_same_way_is_refused_and_a_change_is_named(cast):
    case = logged(cast, regime="unclassified")
    services.case_classify(case_id=case.pk, user=cast.ig_officer, regime="foi")
    before = state(case)
    with pytest.raises(ActionRefused, match="already classified exactly like that"):
        services.case_classify(case_id=case.pk, user=cast.ig_officer, regime="foi")
    assert state(case) == before
    services.case_classify(case_id=case.pk, user=cast.ig_officer, regime="eir")
    assert case.events.first().message == (
        "Reclassified from Freedom of Information to Environmental Information."
    )


def test_action_forms_open_on_the_record_as_it_stands(cast, org):
    case = case_in(Status.ASSIGNED, cast, org)
    assert ClassifyForm(record=case, user=cast.ig_officer).initial["regime"] == case.regime
    assert AssignForm(record=case, user=cast.ig_officer).initial["service_areas"] == [org.area_a.pk]


def test_handing_back_lands_the_officer_on_their_list_not_a_404(client, cast, org):
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.officer_a)
    url = reverse("requests:case_action", args=[case.pk, "hand_back"])
    response = client.post(
        url,
        {
            "service_area": org.area_a.pk,
            "reason": "This is a Housing matter.",
            "version": case.version,
        },
        follow=True,
    )
    assert response.redirect_chain[-1] == (reverse("requests:inbox"), 302)
    assert "is no longer with you" in response.content.decode()
