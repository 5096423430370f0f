"""The IG manager's retention pages: who may open them, what they show, bad input."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from retention import disposal, services
from retention.models import DisposalItem, DisposalRun, LegalHold, RetentionRule
from tests.retention.helpers import LONDON, at, make_case

NOW = dt.datetime(2026, 7, 1, 10, 0, tzinfo=LONDON)
# Written out by hand: only the IG manager (the DPO) works on retention.
REFUSED = [
    "ig_officer",
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


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def prepared(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cases = [make_case(closed_at=at(2023, 3, day)) for day in (1, 2, 3)]
    run = services.run_prepare(today=NOW.date())
    return run, cases


def every_page(run, case) -> list[tuple[str, str]]:
    item = run.items.first()
    rule = RetentionRule.objects.first()
    hold = LegalHold.objects.first()
    return [
        ("get", reverse("retention:runs")),
        ("post", reverse("retention:run_prepare")),
        ("get", reverse("retention:run", args=[run.pk])),
        ("get", reverse("retention:run_approve", args=[run.pk])),
        ("post", reverse("retention:run_approve", args=[run.pk])),
        ("get", reverse("retention:item_remove", args=[item.pk])),
        ("post", reverse("retention:item_remove", args=[item.pk])),
        ("get", reverse("retention:schedule")),
        ("get", reverse("retention:rule_new")),
        ("get", reverse("retention:rule_edit", args=[rule.pk])),
        ("post", reverse("retention:rule_edit", args=[rule.pk])),
        ("post", reverse("retention:rule_delete", args=[rule.pk])),
        ("get", reverse("retention:holds")),
        ("get", reverse("retention:hold_new", args=["foi_eir", case.pk])),
        ("post", reverse("retention:hold_new", args=["foi_eir", case.pk])),
        ("get", reverse("retention:hold_release", args=[hold.pk])),
        ("post", reverse("retention:hold_release", args=[hold.pk])),
        ("get", reverse("retention:log")),
        ("get", reverse("retention:log_csv")),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", REFUSED)
def test_everyone_but_the_ig_manager_is_refused_on_every_page(client, cast, prepared, who):
    run, cases = prepared
    services.hold_place(
        user=cast.ig_manager, record=cases[0], reason="ICO", review_on=dt.date(2027, 1, 1)
    )
    client.force_login(getattr(cast, who))
    for method, url in every_page(run, cases[1]):
        response = getattr(client, method)(url, {"reason": "x", "review_on": "2027-01-01"})
        assert response.status_code == 403, (who, method, url)
    run.refresh_from_db()
    assert run.state == DisposalRun.State.PREPARED
    assert not run.items.exclude(state=DisposalItem.State.PENDING).exists()
    assert LegalHold.objects.count() == 1 and RetentionRule.objects.count() == 11


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, cast, prepared):
    run, cases = prepared
    services.hold_place(
        user=cast.ig_manager, record=cases[0], reason="ICO", review_on=dt.date(2027, 1, 1)
    )
    for method, url in every_page(run, cases[1]):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.django_db
def test_the_ig_manager_opens_every_page(client, cast, prepared):
    run, cases = prepared
    services.hold_place(
        user=cast.ig_manager, record=cases[0], reason="ICO", review_on=dt.date(2027, 1, 1)
    )
    client.force_login(cast.ig_manager)
    for method, url in every_page(run, cases[1]):
        if method == "get":
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_run_page_shows_counts_and_a_page_of_records_in_fixed_queries(
    client, cast, prepared, django_assert_max_num_queries
):
    run, cases = prepared
    client.force_login(cast.ig_manager)
    url = reverse("retention:run", args=[run.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    for case in cases:
        assert case.reference in text
    assert "FOI / EIR request" in text
    filtered = client.get(url, {"record_type": "sar"}).content.decode()
    assert cases[0].reference not in filtered
    # Twice as many records, the same number of queries.
    for day in (4, 5, 6):
        make_case(closed_at=at(2023, 3, day))
    DisposalItem.objects.filter(run=run).delete()
    DisposalRun.objects.all().delete()
    run = services.run_prepare(today=NOW.date())
    with django_assert_max_num_queries(12):
        client.get(reverse("retention:run", args=[run.pk]))


@pytest.mark.django_db
def test_approving_an_already_approved_run_is_refused_with_a_message(
    client, cast, prepared, django_capture_on_commit_callbacks
):
    run, _ = prepared
    client.force_login(cast.ig_manager)
    url = reverse("retention:run_approve", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=False):
        assert client.post(url).status_code == 302
    run.refresh_from_db()
    approved_at = run.approved_at
    response = client.post(url, follow=True)
    assert "cannot be approved: it is approved" in response.content.decode()
    run.refresh_from_db()
    assert run.approved_at == approved_at


@pytest.mark.django_db
def test_removing_from_an_approved_run_is_refused_and_changes_nothing(
    client, cast, prepared, django_capture_on_commit_callbacks
):
    run, _ = prepared
    item = run.items.first()
    with django_capture_on_commit_callbacks(execute=False):
        services.run_approve(user=cast.ig_manager, run_id=run.pk)
    client.force_login(cast.ig_manager)
    response = client.post(
        reverse("retention:item_remove", args=[item.pk]), {"reason": "Keep it"}, follow=True
    )
    assert "can no longer be removed" in response.content.decode()
    item.refresh_from_db()
    assert item.state == DisposalItem.State.PENDING and item.removal_reason == ""


@pytest.mark.django_db
def test_removing_needs_a_reason(client, cast, prepared):
    run, _ = prepared
    item = run.items.first()
    client.force_login(cast.ig_manager)
    response = client.post(reverse("retention:item_remove", args=[item.pk]), {"reason": ""})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    item.refresh_from_db()
    assert item.state == DisposalItem.State.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"months": "0"}, "between 1 and 1200"),
        ({"trigger": "agreement_end"}, "can be kept from: closure, last action"),
        ({"outcome": "banana"}, "Choose one of"),
        ({"action": "delete"}, "choose anonymise"),
        ({"record_type": "sar"}, "already exists"),
    ],
)
def test_bad_rules_are_refused_with_a_message(client, cast, data, message):
    client.force_login(cast.ig_manager)
    rule = RetentionRule.objects.get(record_type="foi_eir", outcome="")
    form = {
        "record_type": "foi_eir",
        "outcome": "",
        "trigger": "closure",
        "months": "36",
        "action": "anonymise",
        "source": "RMS",
    }
    response = client.post(reverse("retention:rule_edit", args=[rule.pk]), {**form, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    rule.refresh_from_db()
    assert (rule.record_type, rule.months, rule.trigger, rule.action) == (
        "foi_eir",
        36,
        "closure",
        "anonymise",
    )


@pytest.mark.django_db
def test_the_ig_manager_changes_a_rule_for_one_outcome(client, cast):
    client.force_login(cast.ig_manager)
    form = {
        "record_type": "foi_eir",
        "outcome": "refused",
        "trigger": "closure",
        "months": "72",
        "action": "review",
        "source": "Local decision",
    }
    response = client.post(reverse("retention:rule_new"), form)
    assert response.status_code == 302
    rule = RetentionRule.objects.get(record_type="foi_eir", outcome="refused")
    assert rule.label == "FOI / EIR request (refused): closure + 6 years, review"
    assert rule.updated_by == cast.ig_manager


@pytest.mark.django_db
def test_case_page_says_when_it_is_due_and_by_which_rule(client, cast, settings, tmp_path):
    case = make_case(closed_at=at(2024, 2, 29))
    client.force_login(cast.ig_officer)
    text = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert "Due for disposal on <strong>28 February 2027</strong>" in text
    assert "FOI / EIR request: closure + 3 years, anonymise" in text
    assert "Place a legal hold" not in text
    client.force_login(cast.ig_manager)
    text = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert reverse("retention:hold_new", args=["foi_eir", case.pk]) in text


@pytest.mark.django_db
def test_a_hold_is_placed_listed_with_its_review_flag_and_released(client, cast):
    case = make_case(regime="sar", closed_at=at(2025, 1, 10))
    client.force_login(cast.ig_manager)
    url = reverse("retention:hold_new", args=["sar", case.pk])
    response = client.post(url, {"reason": "Litigation", "review_on": "2026-06-30"})
    assert "must be in the future" in response.content.decode()
    assert not LegalHold.objects.exists()
    client.post(url, {"reason": "Litigation", "review_on": "2026-07-02"})
    hold = LegalHold.objects.get()
    assert (hold.reference, hold.reason, hold.placed_by) == (
        case.reference,
        "Litigation",
        cast.ig_manager,
    )
    assert "Review due" not in client.get(reverse("retention:holds")).content.decode()
    with time_machine.travel(dt.datetime(2026, 7, 2, 9, tzinfo=LONDON), tick=False):
        client.force_login(cast.ig_manager)
        assert "Review due" in client.get(reverse("retention:holds")).content.decode()
    client.post(
        reverse("retention:hold_release", args=[hold.pk]), {"release": "1", "reason": "Settled"}
    )
    hold.refresh_from_db()
    assert hold.released_at is not None and hold.release_reason == "Settled"
    response = client.post(
        reverse("retention:hold_release", args=[hold.pk]),
        {"release": "1", "reason": "again"},
        follow=True,
    )
    assert "already been released" in response.content.decode()


@pytest.mark.django_db
def test_disposal_log_csv_has_no_formulas_and_no_personal_data(
    client, cast, prepared, django_capture_on_commit_callbacks
):
    run, cases = prepared
    DisposalItem.objects.filter(run=run).update(reference='=HYPERLINK("http://x")')
    with django_capture_on_commit_callbacks(execute=False):
        services.run_approve(user=cast.ig_manager, run_id=run.pk)
    disposal.run_dispose(run_id=run.pk)
    client.force_login(cast.ig_manager)
    response = client.get(reverse("retention:log_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Run", "Record type", "Reference", "Rule"]
    assert len(rows) == 4
    assert all(row[2] == '\'=HYPERLINK("http://x")' for row in rows[1:])
    assert not any("Private Person" in cell for row in rows for cell in row)
    page = client.get(reverse("retention:log")).content.decode()
    assert "FOI / EIR request: closure + 3 years, anonymise" in page
