"""The pages: the report form, bad input, the register's filters, sorting and query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from breaches.models import Breach, IcoDecision, RiskLevel, Status
from tests.breaches.builders import breach_in

pytestmark = pytest.mark.django_db


def test_a_staff_member_reports_a_breach_through_the_form(client, cast, org):
    client.force_login(cast.outsider)
    now = timezone.localtime() - timedelta(minutes=30)
    response = client.post(
        reverse("breaches:report"),
        {
            "title": "Payslips posted to the wrong office",
            "what_happened": "Twelve payslips went to the depot.",
            "discovered_on": now.date().isoformat(),
            "discovered_time": now.strftime("%H:%M"),
            "service_area": org.area_b.pk,
        },
    )
    breach = Breach.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("breaches:detail", args=[breach.pk])
    assert (breach.reporter, breach.service_area, breach.status) == (
        cast.outsider,
        org.area_b,
        Status.REPORTED,
    )
    page = client.get(response.url).content.decode()
    assert "Payslips posted to the wrong office" in page
    assert "Correct the report" in page  # until triage


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"discovered_on": "", "discovered_time": ""}, "Enter the date."),
        ({"discovered_time": ""}, "Enter both the date and time."),
        ({"discovered_on": "2999-01-01"}, "cannot be in the future"),
        ({"discovered_on": "not a date"}, "Date it was discovered must be a real date"),
        # The clocks skipped 01:00-02:00 on Sunday 29 March 2026.
        ({"discovered_on": "2026-03-29", "discovered_time": "01:30"}, "did not happen in the UK"),
        ({"occurred_on": "2026-06-02", "occurred_time": "10:00"}, "after it was discovered"),
        ({"title": ""}, "Enter short title"),
    ],
)
def test_bad_report_input_gets_a_message_and_saves_nothing(client, cast, fields, message):
    client.force_login(cast.outsider)
    data = {
        "title": "Lost notebook",
        "what_happened": "Left on a bus.",
        "discovered_on": "2026-06-01",
        "discovered_time": "09:00",
    } | fields
    response = client.post(reverse("breaches:report"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Breach.objects.exists()


def test_a_decision_not_to_report_without_a_reason_is_refused_by_the_form(client, cast):
    breach = breach_in(Status.ASSESSING, cast)
    client.force_login(cast.ig_manager)
    client.post(
        reverse("breaches:breach_action", args=[breach.pk, "assess_risk"]),
        {"likelihood": "1", "severity": "1", "reasoning": "Encrypted.", "version": breach.version},
    )
    breach.refresh_from_db()
    response = client.post(
        reverse("breaches:breach_action", args=[breach.pk, "decide_ico"]),
        {"decision": "not_report", "reason": "", "version": breach.version},
    )
    assert response.status_code == 200
    assert "Give the reason for not reporting the breach to the ICO." in response.content.decode()
    stored = Breach.objects.get(pk=breach.pk)
    assert (stored.version, stored.ico_decision) == (breach.version, IcoDecision.NONE)


def test_the_breach_page_shows_the_countdown_and_the_working(client, cast):
    breach = breach_in(Status.ASSESSING, cast)  # aware an hour ago
    client.force_login(cast.siro)
    page = client.get(reverse("breaches:detail", args=[breach.pk])).content.decode()
    assert "2 days 2" in page and "hours" in page  # 71 hours left (less a few seconds)
    assert "elapsed hours, so nights, weekends and bank holidays count" in page


def test_the_breach_page_shows_the_hours_taken_once_reported(client, cast):
    breach = breach_in(Status.DECIDED, cast)  # aware 1 hour ago, reported 5 minutes ago
    client.force_login(cast.ig_manager)
    page = client.get(reverse("breaches:detail", args=[breach.pk])).content.decode()
    assert "Reported after 0.9 hours" in page
    assert "Within 72 hours" in page


def bulk(n, cast, org):
    """Volume written directly: these tests measure reads, not the services."""
    now = timezone.now()
    statuses = [Status.REPORTED, Status.ASSESSING, Status.DECIDED, Status.CLOSED]
    Breach.objects.bulk_create(
        Breach(
            reference=f"BR-VOL-{i:05d}",
            reporter=cast.outsider,
            reported_at=now - timedelta(hours=i),
            title=f"Breach {i}",
            what_happened="Volume",
            discovered_at=now - timedelta(hours=i),
            service_area=org.area_a if i % 2 else None,
            status=statuses[i % 4],
            aware_at=None if i % 4 == 0 else now - timedelta(hours=i % 70),
            ico_due=None if i % 4 == 0 else now + timedelta(hours=72 - i % 70),
            risk_level=RiskLevel.HIGH if i % 3 == 0 else "",
            cause="wrong_email" if i % 2 else "lost_device",
        )
        for i in range(n)
    )


PAGES = ["", "?view=all", "?view=all&sort=-reported_at&page=2", "?cause=wrong_email&risk=high"]


@pytest.mark.parametrize("query", PAGES)
def test_the_register_costs_the_same_queries_for_10_or_100_breaches(client, cast, org, query):
    url = reverse("breaches:register") + query
    client.force_login(cast.ig_manager)
    bulk(10, cast, org)
    client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    Breach.objects.all().delete()
    bulk(100, cast, org)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 8


def test_undecided_breaches_come_first_by_time_left(client, cast):
    later = breach_in(Status.ASSESSING, cast, title="Later")
    sooner = breach_in(Status.ASSESSING, cast, title="Sooner")
    done = breach_in(Status.DECIDED, cast, title="Reported already")
    untriaged = breach_in(Status.REPORTED, cast, title="Untriaged")
    Breach.objects.filter(pk=sooner.pk).update(ico_due=timezone.now() + timedelta(hours=5))
    Breach.objects.filter(pk=done.pk).update(ico_due=timezone.now() + timedelta(hours=1))
    client.force_login(cast.siro)
    response = client.get(reverse("breaches:register"))
    order = [b.pk for b in response.context["breaches"]]
    assert order[:2] == [sooner.pk, later.pk]
    assert set(order[2:]) == {done.pk, untriaged.pk}


def test_register_filters_and_empty_state(client, cast):
    breach_in(Status.ASSESSING, cast, title="Assessing one")
    client.force_login(cast.ig_manager)
    page = client.get(reverse("breaches:register") + "?view=closed").content.decode()
    assert "No breaches match." in page
    page = client.get(reverse("breaches:register") + "?status=assessing").content.decode()
    assert "Assessing one" in page
    page = client.get(reverse("breaches:register") + "?status=reported").content.decode()
    assert "Assessing one" not in page
    # Nonsense parameters are ignored rather than failing the page.
    response = client.get(reverse("breaches:register") + "?view=x&sort=y&page=z&risk=q&ico=w")
    assert response.status_code == 200


def test_every_figure_matches_the_breaches_its_link_lists(client, cast):
    from breaches import services

    breach_in(Status.DECIDED, cast)  # reported within 72 hours
    late = breach_in(Status.ASSESSING, cast)
    services.breach_change_awareness(
        breach_id=late.pk,
        user=cast.ig_manager,
        aware_at=timezone.now() - timedelta(hours=100),
        reason="Known earlier.",
    )
    services.breach_assess_risk(
        breach_id=late.pk, user=cast.ig_manager, likelihood=3, severity=3, reasoning="r"
    )
    services.breach_decide_ico(
        breach_id=late.pk, user=cast.ig_manager, decision="report", reason="Risk."
    )
    services.breach_record_ico_report(
        breach_id=late.pk,
        user=cast.ig_manager,
        ico_reference="IC-7",
        reported_at=timezone.now(),
        delay_reason="Late.",
    )
    quiet = breach_in(Status.ASSESSING, cast)
    services.breach_assess_risk(
        breach_id=quiet.pk, user=cast.ig_manager, likelihood=1, severity=1, reasoning="r"
    )
    services.breach_decide_ico(
        breach_id=quiet.pk, user=cast.ig_manager, decision="not_report", reason="No risk."
    )
    breach_in(Status.REPORTED, cast)
    client.force_login(cast.siro)
    response = client.get(reverse("breaches:register"))
    figures = response.context["figures"]
    assert figures["totals"] == {
        "reported": 4,
        "report": 2,
        "in_time": 1,
        "late": 1,
        "not_report": 1,
    }
    assert figures["by_cause"] == [("wrong_email", "Email sent to the wrong recipient", 3)]
    for key, query in (
        ("reported", "?view=all"),
        ("report", "?view=all&ico=report"),
        ("in_time", "?view=all&ico=in_time"),
        ("late", "?view=all&ico=late"),
        ("not_report", "?view=all&ico=not_report"),
    ):
        listed = client.get(reverse("breaches:register") + query).context["list"].total
        assert listed == figures["totals"][key], key
    listed = client.get(reverse("breaches:register") + "?view=all&cause=wrong_email")
    assert listed.context["list"].total == 3
    # The untriaged one has no cause yet; an officer sees no figures at all.
    client.force_login(cast.officer_a)
    assert client.get(reverse("breaches:register")).status_code == 403
