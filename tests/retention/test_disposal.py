"""Preparing, approving and carrying out disposal runs, with written-out dates.

Default schedule (retention/migrations/0002): FOI/EIR closure + 3 years, SAR closure + 1 year,
both anonymised. "Today" is Tuesday 1 July 2026 unless a test says otherwise.
"""

import datetime as dt

import pytest
from django.core.files.storage import default_storage

from requests_app.disclosure import published_cases
from requests_app.models import Case, Correspondence, Document, Event, Regime, Requester
from retention import disposal, disposers, services
from retention.models import DisposalItem, DisposalRun
from tests.retention.helpers import add_document, at, make_case

TODAY = dt.date(2026, 7, 1)
State = DisposalItem.State


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def approve(cast, run, django_capture_on_commit_callbacks):
    # The worker is not running here: the after-commit hand-over is captured, not executed,
    # and the test carries the run out itself, as the worker's task does.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.run_approve(user=cast.ig_manager, run_id=run.pk)
    assert len(callbacks) == 1
    return DisposalRun.objects.get(pk=run.pk)


@pytest.mark.django_db
def test_a_closed_foi_case_past_its_period_is_anonymised(cast, django_capture_on_commit_callbacks):
    # Closed Friday 10 March 2023: due Sunday 10 March 2026, before today.
    due = make_case(closed_at=at(2023, 3, 10))
    # Closed 2 July 2023: due 2 July 2026, the day after today.
    not_yet = make_case(closed_at=at(2023, 7, 2))
    open_case = make_case(status="in_progress", closed_at=at(2020, 1, 1))
    requester_id = due.requester_id
    add_document(due)
    Correspondence.objects.create(
        case=due,
        kind="response",
        to="p@example.net",
        subject="Your answer",
        body="Dear Private Person",
    )
    Event.objects.create(case=due, kind="close", message="Closed; told Private Person by phone")

    run = services.run_prepare(today=TODAY)

    items = {item.object_id: item for item in run.items.all()}
    assert set(items) == {due.pk}
    item = items[due.pk]
    assert (item.reference, item.trigger_on, item.due_on, item.action) == (
        due.reference, dt.date(2023, 3, 10), dt.date(2026, 3, 10), "anonymise"
    )  # fmt: skip
    assert item.rule_label == "FOI / EIR request: closure + 3 years, anonymise"

    approve(cast, run, django_capture_on_commit_callbacks)
    assert disposal.run_dispose(run_id=run.pk) == 1

    due.refresh_from_db()
    assert due.requester.name == "Anonymised" and due.requester.email == ""
    assert not Requester.objects.filter(pk=requester_id).exists()
    assert "Private Person" not in due.title and due.request_text.startswith("Removed")
    assert due.response_text == ""
    assert (due.regime, due.status, due.outcome) == ("foi", "closed", "granted")
    assert due.closed_at == at(2023, 3, 10) and due.received_at == at(2023, 2, 8)
    letter = Correspondence.objects.get(case=due)
    assert (letter.to, letter.body) == ("", "")
    assert not Document.objects.filter(case=due).exists()
    assert list(Event.objects.filter(case=due).values_list("message", flat=True)) == [
        disposers.REMOVED
    ]
    assert not Case.history.filter(id=due.pk).exists()
    assert not Requester.history.filter(id=requester_id).exists()
    run.refresh_from_db()
    assert run.state == DisposalRun.State.DONE and run.finished_at is not None
    item.refresh_from_db()
    assert item.state == State.DONE
    for other in (not_yet, open_case):
        other.refresh_from_db()
        assert other.request_text.startswith("Secret")


@pytest.mark.django_db
def test_a_requester_with_a_kept_case_keeps_their_details_on_it(
    cast, django_capture_on_commit_callbacks
):
    old = make_case(closed_at=at(2023, 1, 5))
    kept = make_case(closed_at=at(2025, 6, 1), requester=old.requester)
    run = services.run_prepare(today=TODAY)
    approve(cast, run, django_capture_on_commit_callbacks)
    disposal.run_dispose(run_id=run.pk)
    kept.refresh_from_db()
    old.refresh_from_db()
    assert kept.requester.name.startswith("Private Person")
    assert old.requester.name == "Anonymised"


@pytest.mark.django_db
def test_a_held_sar_is_not_disposed_of(cast, django_capture_on_commit_callbacks):
    # SAR closed Friday 10 January 2025: due Saturday 10 January 2026.
    held = make_case(regime=Regime.SAR, closed_at=at(2025, 1, 10))
    held_later = make_case(regime=Regime.SAR, closed_at=at(2025, 1, 11))
    free = make_case(regime=Regime.SAR, closed_at=at(2025, 1, 12))
    services.hold_place(
        user=cast.ig_manager,
        record=held,
        reason="ICO investigation",
        review_on=dt.date(2026, 12, 1),
    )

    run = services.run_prepare(today=TODAY)
    assert set(run.items.values_list("object_id", flat=True)) == {held_later.pk, free.pk}
    approve(cast, run, django_capture_on_commit_callbacks)
    # A hold placed after the approval still wins.
    services.hold_place(
        user=cast.ig_manager, record=held_later, reason="Litigation", review_on=dt.date(2027, 1, 1)
    )
    disposal.run_dispose(run_id=run.pk)

    for case in (held, held_later):
        case.refresh_from_db()
        assert case.request_text.startswith("Secret") and case.requester.name != "Anonymised"
    assert run.items.get(object_id=held_later.pk).state == State.HELD
    free.refresh_from_db()
    assert free.requester.name == "Anonymised"


@pytest.mark.django_db
def test_document_files_are_gone_from_storage_and_public_copies_stay(
    cast, django_capture_on_commit_callbacks
):
    case = make_case(
        closed_at=at(2023, 3, 10),
        public_title="Pothole repairs",
        public_answer="There were 12 repairs.",
        published_at=at(2023, 3, 9),
        publish_from=dt.date(2023, 3, 9),
    )
    working = add_document(case, name="notes.txt")
    public = add_document(case, name="answer.csv", content=b"ward,repairs\n", publish=True)
    assert default_storage.exists(working.file.name) and default_storage.exists(public.file.name)

    run = services.run_prepare(today=TODAY)
    approve(cast, run, django_capture_on_commit_callbacks)
    disposal.run_dispose(run_id=run.pk)

    assert not default_storage.exists(working.file.name)
    assert not Document.objects.filter(pk=working.pk).exists()
    # The disclosure log keeps its public version: the published copy and the public text.
    assert default_storage.exists(public.file.name)
    assert list(published_cases().values_list("public_answer", flat=True)) == [
        "There were 12 repairs."
    ]


@pytest.mark.django_db
def test_a_worker_killed_mid_run_disposes_of_each_record_once(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    cases = [make_case(closed_at=at(2023, 3, day)) for day in (1, 2, 3, 4)]
    documents = [add_document(case, name=f"notes{n}.txt") for n, case in enumerate(cases)]
    run = services.run_prepare(today=TODAY)
    approve(cast, run, django_capture_on_commit_callbacks)

    # The first worker disposes of one record, then dies inside the second's transaction.
    assert disposal.run_dispose(run_id=run.pk, limit=1) == 1
    real = disposers.ANONYMISERS[Case]

    def dies_half_way(case):
        real(case)
        raise SystemExit("worker killed")

    monkeypatch.setitem(disposers.ANONYMISERS, Case, dies_half_way)
    with pytest.raises(SystemExit):
        disposal.run_dispose(run_id=run.pk)
    second = Case.objects.get(pk=cases[1].pk)
    assert second.request_text.startswith("Secret"), "rolled back with the claim"
    assert run.items.get(object_id=second.pk).state == State.PENDING

    # A second worker dies after its commit, before deleting the files.
    monkeypatch.setitem(disposers.ANONYMISERS, Case, real)
    monkeypatch.setattr(
        disposal, "item_delete_files", lambda item_id: (_ for _ in ()).throw(SystemExit("killed"))
    )
    with pytest.raises(SystemExit):
        disposal.run_dispose(run_id=run.pk)
    assert run.items.get(object_id=second.pk).state == State.FILES
    assert default_storage.exists(documents[1].file.name)
    monkeypatch.undo()

    # A fresh worker finishes the run; each record was disposed of exactly once.
    calls = []
    monkeypatch.setitem(
        disposers.ANONYMISERS, Case, lambda case: calls.append(case.pk) or real(case)
    )
    disposal.run_dispose(run_id=run.pk)
    assert sorted(calls) == [cases[2].pk, cases[3].pk]
    assert disposal.run_dispose(run_id=run.pk) == 0
    assert list(run.items.values_list("state", flat=True)) == [State.DONE] * 4
    for case, document in zip(cases, documents, strict=True):
        case.refresh_from_db()
        assert case.requester.name == "Anonymised"
        assert not default_storage.exists(document.file.name)
    assert Requester.objects.filter(name="Anonymised").count() == 4
    run.refresh_from_db()
    assert run.state == DisposalRun.State.DONE
    # Never offered again.
    assert services.run_prepare(today=dt.date(2027, 1, 1)) is None


@pytest.mark.django_db
def test_only_one_open_run(cast):
    make_case(closed_at=at(2023, 3, 10))
    first = services.run_prepare(today=TODAY)
    assert first is not None
    assert services.run_prepare(today=TODAY) is None
    assert DisposalRun.objects.count() == 1


@pytest.mark.django_db
def test_nothing_due_prepares_no_run():
    make_case(closed_at=at(2025, 3, 10))
    assert services.run_prepare(today=TODAY) is None
    assert not DisposalRun.objects.exists()


@pytest.mark.django_db
def test_an_approved_run_cannot_be_approved_again_or_changed(
    cast, django_capture_on_commit_callbacks
):
    make_case(closed_at=at(2023, 3, 10))
    make_case(closed_at=at(2023, 3, 11))
    run = services.run_prepare(today=TODAY)
    first, second = run.items.order_by("pk")
    services.item_remove(user=cast.ig_manager, item_id=first.pk, reason="Still in use")
    with pytest.raises(services.RetentionRefused, match="already been removed"):
        services.item_remove(user=cast.ig_manager, item_id=first.pk, reason="again")
    approve(cast, run, django_capture_on_commit_callbacks)
    with pytest.raises(services.RetentionRefused, match="cannot be approved"):
        services.run_approve(user=cast.ig_manager, run_id=run.pk)
    with pytest.raises(services.RetentionRefused, match="already been approved"):
        services.item_remove(user=cast.ig_manager, item_id=second.pk, reason="late")
    second.refresh_from_db()
    assert second.state == State.PENDING
    disposal.run_dispose(run_id=run.pk)
    first.refresh_from_db()
    assert first.state == State.REMOVED
    kept = Case.objects.get(pk=first.object_id)
    assert kept.request_text.startswith("Secret")


@pytest.mark.django_db
def test_an_item_is_claimed_once(cast, django_capture_on_commit_callbacks, monkeypatch):
    """Two workers given the same item: the second finds it claimed and does nothing."""
    case = make_case(closed_at=at(2023, 3, 10))
    run = services.run_prepare(today=TODAY)
    approve(cast, run, django_capture_on_commit_callbacks)
    item = run.items.get()
    calls = []
    real = disposers.ANONYMISERS[Case]
    monkeypatch.setitem(disposers.ANONYMISERS, Case, lambda c: calls.append(c.pk) or real(c))
    assert disposal.item_dispose(item_id=item.pk) is True
    assert disposal.item_dispose(item_id=item.pk) is False
    assert calls == [case.pk]
