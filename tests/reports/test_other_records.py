"""The dashboard's fees, breach and sharing-agreement figures: counts worked out by hand from
fixed data, each equal to the register list its link opens, and links only for those the
register admits."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from breaches.models import Breach
from breaches.models import Status as BreachStatus
from fees.models import FeeNotice
from reports import dashboard
from reports.periods import Period
from sharing.models import Agreement
from sharing.models import Status as AgreementStatus
from tests.breaches.builders import breach_in
from tests.fees.helpers import notice_of, with_notice
from tests.sharing.builders import agreement_in

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 12, 1)
# The week Mon 9 - Sun 15 November 2026.
WEEK = Period.containing("week", dt.date(2026, 11, 9), TODAY)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), LONDON)


@pytest.fixture
def records(cast, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fees: issued Mon 9 Nov (paid Fri 13 Nov), issued Tue 10 Nov (still awaiting), issued
    # 2 Nov and lapsed Sun 15 Nov, issued 2 Nov and paid Mon 16 Nov (the week after).
    paid_in = notice_of(with_notice(cast, dt.date(2026, 11, 2), dt.date(2026, 11, 9)))
    notice_of(with_notice(cast, dt.date(2026, 11, 2), dt.date(2026, 11, 10)))
    lapsed = notice_of(with_notice(cast, dt.date(2026, 10, 26), dt.date(2026, 11, 2)))
    paid_after = notice_of(with_notice(cast, dt.date(2026, 10, 26), dt.date(2026, 11, 2)))
    FeeNotice.objects.filter(pk=paid_in.pk).update(status="paid", paid_on=dt.date(2026, 11, 13))
    FeeNotice.objects.filter(pk=lapsed.pk).update(status="lapsed", closed_on=dt.date(2026, 11, 15))
    FeeNotice.objects.filter(pk=paid_after.pk).update(status="paid", paid_on=dt.date(2026, 11, 16))
    # Breaches: reported by staff on Wed 11 Nov (two) and Sun 8 Nov (the week before); one
    # reported to the ICO in time (Thu 12 Nov, due Fri 13 Nov) and one late (Sat 14 Nov, due
    # Fri 13 Nov 09:00).
    first = breach_in(BreachStatus.DECIDED, cast)
    second = breach_in(BreachStatus.DECIDED, cast)
    before = breach_in(BreachStatus.REPORTED, cast)
    Breach.objects.filter(pk=first.pk).update(
        reported_at=at(dt.date(2026, 11, 11), 10),
        ico_due=at(dt.date(2026, 11, 13), 9),
        ico_reported_at=at(dt.date(2026, 11, 12), 15),
        ico_decision="report",
    )
    Breach.objects.filter(pk=second.pk).update(
        reported_at=at(dt.date(2026, 11, 11), 11),
        ico_due=at(dt.date(2026, 11, 13), 9),
        ico_reported_at=at(dt.date(2026, 11, 14), 9),
        ico_decision="report",
    )
    Breach.objects.filter(pk=before.pk).update(reported_at=at(dt.date(2026, 11, 8), 23))
    # Agreements: one whose review was due yesterday, one due in ten days, one awaiting the DPO.
    overdue = agreement_in(AgreementStatus.ACTIVE, cast, [org.area_a])
    soon = agreement_in(AgreementStatus.ACTIVE, cast, [org.area_a])
    agreement_in(AgreementStatus.DPO_REVIEW, cast, [org.area_a])
    Agreement.objects.filter(pk=overdue.pk).update(review_due=dt.date(2026, 11, 30))
    Agreement.objects.filter(pk=soon.pk).update(review_due=dt.date(2026, 12, 11))


def figures(data) -> dict:
    return {c.key: c.value for t in data.other_records for r in t.rows for c in r.cells}


def test_the_figures_for_a_week_worked_out_by_hand(records):
    data = dashboard.build(period=WEEK, directorate_id=None, today=TODAY)
    assert figures(data) == {
        "fees_issued": 2,  # 9 and 10 Nov
        "fees_paid": 1,  # paid 13 Nov (not the one paid 16 Nov)
        "fees_lapsed": 1,  # 15 Nov
        "breaches_reported": 2,  # 11 Nov twice (not 8 Nov)
        "breaches_ico_in_time": 1,
        "breaches_ico_late": 1,
        "agreements_overdue": 1,
        "agreements_due_soon": 1,
        "agreements_approval": 1,
    }


def listed(client, url) -> int:
    """How many records the register page says it lists."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    for name in ("list", "listing"):
        if name in context and hasattr(context[name], "total"):
            return context[name].total
    return context["page_obj"].paginator.count


def test_every_figure_is_the_length_of_the_list_it_links_to(client, cast, records):
    # The IG manager (the DPO) may open all three registers.
    client.force_login(cast.ig_manager)
    response = client.get(reverse("reports:dashboard") + f"?week={WEEK.start.isoformat()}")
    data = response.context["d"]
    cells = [c for t in data.other_records for r in t.rows for c in r.cells]
    assert len(cells) == 9
    for cell in cells:
        assert cell.url, cell.key
        assert listed(client, cell.url) == cell.value, cell.key


def test_links_only_for_those_the_register_admits(client, cast, records):
    # A council-wide manager sees the numbers, with a link only to the agreements register;
    # the fees and breach registers refuse them.
    client.force_login(cast.manager)
    response = client.get(reverse("reports:dashboard") + f"?week={WEEK.start.isoformat()}")
    linked = {
        t.key: [bool(c.url) for r in t.rows for c in r.cells]
        for t in response.context["d"].other_records
    }
    assert linked == {
        "fees": [False, False, False],
        "breaches": [False, False, False],
        "agreements": [True, True, True],
    }
    body = response.content.decode()
    assert not re.search(r'href="/fees/register/\?', body)
    assert client.get(reverse("fees:register") + "?status=paid").status_code == 403
    assert client.get(reverse("breaches:register")).status_code in (403, 404)


def test_the_registers_date_filters_ignore_nonsense(client, cast, records):
    client.force_login(cast.ig_manager)
    for query in ("issued_from=2026-02-30", "paid_to=yesterday", "issued_to="):
        response = client.get(reverse("fees:register") + "?" + query)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == 4  # no filter applied
    for query in ("reported_from=2026-13-01", "ico_to=<script>"):
        response = client.get(reverse("breaches:register") + "?view=all&" + query)
        assert response.status_code == 200
        assert response.context["list"].total == 3
