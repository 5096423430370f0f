"""The fees register: IG only, filters, monthly totals, CSV, and a fixed number of queries."""

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse

from fees import services as fees
from tests.fees.helpers import on, with_notice


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def notices(cast, org):
    paid = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9), title="Paid one")
    with on(dt.date(2026, 2, 10)):
        fees.fee_payment_record(
            case_id=paid.pk, user=cast.ig_officer, method="card", received_on=dt.date(2026, 2, 10)
        )
    with_notice(cast, dt.date(2026, 2, 3), dt.date(2026, 2, 10), title="Outstanding one")
    with_notice(cast, dt.date(2026, 3, 2), dt.date(2026, 3, 4), title="March one")


def test_only_ig_may_open_the_register(client, cast, notices):
    url = reverse("fees:register")
    for who, expected in (
        ("ig_officer", 200),
        ("ig_manager", 200),
        ("officer_a", 403),
        ("director", 403),
        ("manager", 403),
        ("outsider", 403),
    ):
        client.force_login(getattr(cast, who))
        assert client.get(url).status_code == expected, who
        assert client.get(url + "?format=csv").status_code == expected, who


def test_totals_by_month_and_filters(client, cast, notices, django_assert_max_num_queries):
    client.force_login(cast.ig_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("fees:register"))
    totals = {row["month"].month: row for row in response.context["totals"]}
    february = totals[2]
    assert (february["count"], february["amount"], february["paid"], february["issued"]) == (
        2,
        D("20.00"),
        1,
        1,
    )
    assert february["paid_amount"] == D("10.00")
    assert totals[3]["count"] == 1
    response = client.get(reverse("fees:register"), {"month": "2026-03"})
    assert [n.case.title for n in response.context["notices"]] == ["March one"]
    response = client.get(reverse("fees:register"), {"status": "paid", "month": "bad"})
    assert [n.case.title for n in response.context["notices"]] == ["Paid one"]


def test_csv(client, cast, notices):
    client.force_login(cast.ig_manager)
    response = client.get(reverse("fees:register"), {"format": "csv", "status": "paid"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Reference", "Regime", "Requester"]
    assert len(rows) == 2
    assert rows[1][4:7] == ["10.00", "2026-05-08", "Paid"]
