"""Bank holidays in the admin: listed by nation and year; one-off holidays added with a source."""

from datetime import date

import pytest
from django.urls import reverse

from deadlines import services
from deadlines.models import BankHoliday, BankHolidayChange

pytestmark = pytest.mark.django_db

LIST = reverse("admin:deadlines_bankholiday_changelist")
ADD = reverse("admin:deadlines_bankholiday_add")


def offline():
    raise OSError("no network in tests")


@pytest.fixture
def stored(db):
    services.bank_holidays_sync(fetcher=offline)


def test_list_by_nation_and_year(admin_client, stored):
    response = admin_client.get(LIST, {"nation__exact": "scotland", "year": "2026"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "St Andrew’s Day" in page and "2nd January" in page
    assert "Easter Monday" not in page  # not a Scottish holiday
    assert "2027" in page  # offered as a year to filter by
    assert "9 bank holidays" in page


def test_add_a_one_off_holiday_in_every_nation_with_its_source(
    admin_client, stored, django_capture_on_commit_callbacks
):
    form = admin_client.get(ADD).content.decode()
    assert 'name="nations"' in form and 'name="source_detail"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            ADD,
            {
                "date": "2026-06-22",
                "title": "Bank holiday for the royal wedding",
                "source_detail": "Royal proclamation, The Gazette",
                "nations": ["england-and-wales", "scotland", "northern-ireland"],
            },
        )
    assert response.status_code == 302
    rows = BankHoliday.objects.filter(date=date(2026, 6, 22))
    assert {(r.nation, r.source, r.source_detail) for r in rows} == {
        (n, "admin", "Royal proclamation, The Gazette")
        for n in ("england-and-wales", "scotland", "northern-ireland")
    }
    assert BankHolidayChange.objects.filter(action="added", reason__contains="admin").count() == 3
    assert not services.current_calendar().is_working_day(date(2026, 6, 22))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"date": "2026-12-25", "title": "X", "source_detail": "y"}, "already a bank holiday"),
        ({"date": "2026-06-22", "title": "X", "source_detail": ""}, "This field is required"),
        ({"date": "2011-06-15", "title": "X", "source_detail": "y"}, "before 1 January 2012"),
    ],
)
def test_add_refuses(admin_client, stored, data, error):
    response = admin_client.post(ADD, {**data, "nations": ["england-and-wales"]})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not BankHolidayChange.objects.exists()


def test_remove_an_added_holiday_but_not_a_govuk_one(admin_client, stored):
    (added,) = services.bank_holiday_add(
        day=date(2026, 6, 22), nations=["scotland"], title="Extra", source_detail="x", by="a"
    )
    govuk = BankHoliday.objects.get(date=date(2026, 12, 25), nation="scotland")
    delete = "admin:deadlines_bankholiday_delete"
    assert admin_client.get(reverse(delete, args=[govuk.pk])).status_code == 403
    response = admin_client.post(reverse(delete, args=[added.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not BankHoliday.objects.filter(pk=added.pk).exists()
    assert BankHolidayChange.objects.filter(action="removed", reason="removed by admin").exists()


def test_holidays_are_read_only_once_stored(admin_client, stored):
    row = BankHoliday.objects.first()
    page = admin_client.get(reverse("admin:deadlines_bankholiday_change", args=[row.pk]))
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()


def test_change_log_is_listed(admin_client, stored):
    services.bank_holiday_add(
        day=date(2026, 6, 22), nations=["scotland"], title="Extra", source_detail="x", by="a"
    )
    page = admin_client.get(reverse("admin:deadlines_bankholidaychange_changelist"))
    assert page.status_code == 200
    assert "added by a: x" in page.content.decode()
