"""The fees pages through HTTP: the right people get in, the wrong are refused, bad input is
refused with a message and changes nothing."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from fees.models import Estimate, FeeNotice
from requests_app import services
from requests_app.models import Case, Status
from tests.fees.helpers import estimate, logged, notice_of, on, with_notice


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def action(case, name):
    return reverse("requests:case_action", args=[case.pk, name])


def assigned(cast, org, received=dt.date(2026, 2, 2)):
    case = logged(cast, received)
    with on(received):
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk]
        )
        services.case_record_time(
            case_id=case.pk,
            user=cast.officer_a,
            service_area_id=org.area_a.pk,
            activity="locating",
            minutes=150,
            searches="Claims database",
        )
    return Case.objects.get(pk=case.pk)


def test_the_estimate_form_is_prefilled_and_only_ig_may_open_it(client, cast, org):
    case = assigned(cast, org)
    with on(dt.date(2026, 2, 3)):
        client.force_login(cast.ig_officer)
        page = client.get(action(case, "estimate_fees"))
        assert page.status_code == 200
        assert page.context["form"].initial["locating"] == D("2.50")
        html = page.content.decode()
        assert "Not counted: redaction" in html
        client.force_login(cast.officer_a)  # sees the case, may not estimate
        assert client.get(action(case, "estimate_fees")).status_code == 403
        client.force_login(cast.outsider)
        assert client.get(action(case, "estimate_fees")).status_code == 404


def test_negative_hours_are_refused_with_a_message(client, cast, org):
    case = assigned(cast, org)
    client.force_login(cast.ig_officer)
    with on(dt.date(2026, 2, 3)):
        response = client.post(
            action(case, "estimate_fees"),
            {
                "version": case.version,
                "determining": "-1",
                "locating": "2.50",
                "retrieving": "0",
                "extracting": "0",
                "sheets": "0",
                "postage": "0",
                "format_hours": "0",
            },
        )
    assert response.status_code == 200
    assert "Hours cannot be negative." in response.content.decode()
    assert not Estimate.objects.exists()
    assert Case.objects.get(pk=case.pk).version == case.version


def test_estimate_preview_issue_through_the_pages(client, cast, org):
    case = assigned(cast, org)
    client.force_login(cast.ig_officer)
    with on(dt.date(2026, 2, 4)):
        response = client.post(
            action(case, "estimate_fees"),
            {
                "version": case.version,
                "determining": "0",
                "locating": "2.50",
                "retrieving": "0",
                "extracting": "0",
                "sheets": "80",
                "postage": "1.10",
                "format_hours": "0",
            },
        )
        assert response.status_code == 302
        case.refresh_from_db()
        detail = client.get(reverse("requests:case", args=[case.pk])).content.decode()
        assert "£62.50" in detail and "£9.10" in detail  # staff cost; charge (£8.00 + £1.10)
        preview = client.get(reverse("fees:notice_preview", args=[case.pk]))
        assert preview.status_code == 200
        assert "Total to pay" in preview.content.decode()
        # Not ticked: refused with the reason, nothing issued.
        response = client.post(action(case, "issue_fee_notice"), {"version": case.version})
        assert "Check the fees notice in the preview first." in response.content.decode()
        assert not FeeNotice.objects.exists()
        response = client.post(
            action(case, "issue_fee_notice"), {"version": case.version, "checked": "on"}
        )
        assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.AWAITING_FEE
    detail = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert "Clock stopped" in detail and "Awaiting payment" in detail


def test_the_preview_is_refused_to_people_who_may_not_issue(client, cast, org):
    case = assigned(cast, org)
    with on(dt.date(2026, 2, 4)):
        estimate(cast, case)
    url = reverse("fees:notice_preview", args=[case.pk])
    client.force_login(cast.officer_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_a_payment_dated_before_the_notice_is_refused_on_the_page(client, cast, org):
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    client.force_login(cast.ig_officer)
    with on(dt.date(2026, 2, 12)):
        response = client.post(
            action(case, "record_fee_payment"),
            {"version": case.version, "method": "card", "received_on": "2026-02-06"},
        )
    assert response.status_code == 200
    assert "before the fees notice was given" in response.content.decode()
    assert notice_of(case).status == FeeNotice.Status.ISSUED
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_FEE


def test_a_notice_after_day_20_is_refused_with_the_reason(client, cast, org):
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 3)):
        estimate(cast, case)
    client.force_login(cast.ig_officer)
    with on(dt.date(2026, 3, 3)):
        response = client.get(action(case, "issue_fee_notice"))
    assert response.status_code == 409
    assert "within the 20 working days" in response.content.decode()
