"""Bulk actions from the queue: each case through its own service and refusal rules, with a
result page of what was done and what was refused and why; nobody else's cases."""

import csv
import io

from django.urls import reverse

from requests_app import services
from requests_app.models import Case, Status
from tests.requests_app.builders import logged


def post(client, action, cases, **fields):
    data = {"action": action, "case": [c.pk for c in cases], "apply": "1", **fields}
    return client.post(reverse("requests:bulk"), data)


def test_bulk_reallocation_of_fifty_cases(client, cast, org):
    cases = [logged(cast, title=f"Request {n}") for n in range(50)]
    client.force_login(cast.ig_officer)
    form = client.get(
        reverse("requests:bulk"), {"action": "reallocate", "case": [c.pk for c in cases]}
    )
    assert form.status_code == 200
    response = post(client, "reallocate", cases, owner=cast.ig_manager.pk, reason="Leave cover.")
    assert response.status_code == 200
    assert len(response.context["done"]) == 50 and response.context["refused"] == []
    assert Case.objects.filter(owner=cast.ig_manager).count() == 50
    for case in cases:
        assert case.events.filter(kind="reallocate").count() == 1
        assert case.history.first().history_user == cast.ig_officer


def test_bulk_lapse_applies_where_allowed_and_says_why_not_elsewhere(client, cast, org):
    waiting = []
    for n in range(49):
        case = logged(cast, title=f"Waiting {n}")
        services.case_ask_clarification(
            case_id=case.pk,
            user=cast.ig_officer,
            question="Which year?",
            asked_on=case.received_at.date(),
        )
        waiting.append(case)
    working = logged(cast, title="Still being worked on")  # received: cannot lapse
    client.force_login(cast.ig_officer)
    response = post(client, "lapse", [*waiting, working], reason="No reply in three months.")
    done, refused = response.context["done"], response.context["refused"]
    assert len(done) == 49
    assert [(c.pk, reason) for c, reason in refused] == [
        (working.pk, "A case that is received cannot be changed that way.")
    ]
    assert Case.objects.filter(status=Status.LAPSED).count() == 49
    assert Case.objects.get(pk=working.pk).status == Status.RECEIVED
    assert all(c.events.filter(kind="lapse").count() == 1 for c in waiting)
    assert not working.events.filter(kind="lapse").exists()


def test_a_missing_reason_changes_nothing(client, cast, org):
    cases = [logged(cast) for _ in range(2)]
    client.force_login(cast.ig_officer)
    response = (
        post(client, "withdraw", cases)
        if False
        else post(client, "reallocate", cases, owner=cast.ig_manager.pk, reason="")
    )
    assert response.status_code == 200
    assert "done" not in response.context
    assert not Case.objects.filter(owner=cast.ig_manager).exists()


def test_only_ig_may_act_in_bulk_and_only_on_cases_they_see(client, cast, org):
    cases = [logged(cast) for _ in range(2)]
    for who in ("officer_a", "director", "manager"):
        client.force_login(getattr(cast, who))
        assert post(client, "withdraw", cases, reason="x").status_code == 403
    assert not Case.objects.filter(status=Status.WITHDRAWN).exists()
    client.force_login(cast.ig_officer)
    bad = client.post(
        reverse("requests:bulk"), {"action": "delete_everything", "case": [cases[0].pk]}
    )
    assert bad.status_code == 400
    none = client.post(
        reverse("requests:bulk"), {"action": "withdraw", "case": ["99999999999999999"]}
    )
    assert none.status_code == 400


def test_export_the_selection_neutralises_formulas(client, cast, org):
    case = logged(cast, title='=HYPERLINK("http://evil")')
    client.force_login(cast.ig_officer)
    response = client.get(
        reverse("requests:bulk"), {"action": "export", "case": [case.pk]}, follow=True
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == case.reference
    assert rows[1][2].startswith("'=")
    client.force_login(cast.officer_a)
    assert client.get(reverse("reports:selection_csv"), {"case": case.pk}).status_code == 403
