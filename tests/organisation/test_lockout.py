"""Lockout after wrong passwords (django-axes), per account and per address, the records the IG
manager and SIRO read, an administrator lifting a lock, and the throttled password reset."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@time_machine.travel(NOW, tick=False)
def test_the_sixth_wrong_password_locks_the_account_and_the_right_one_is_then_refused(client, cast):
    for attempt in range(5):
        response = sign_in(client, "ig_manager", f"wrong-{attempt}")
        assert response.status_code == 200, attempt
        assert "govuk-error-summary" in response.content.decode()
    sixth = sign_in(client, "ig_manager", "wrong-6")
    assert sixth.status_code == 429
    assert "Signing in is locked" in sixth.content.decode()

    right = sign_in(client, "ig_manager", PASSWORD)
    assert right.status_code == 429
    assert not signed_in(client)
    # Recorded: the lock and every failure, with the address.
    assert AccessFailureLog.objects.filter(username="ig_manager").count() == 7
    assert AccessFailureLog.objects.filter(username="ig_manager", locked_out=True).exists()
    assert AccessAttempt.objects.get(username="ig_manager").ip_address == "203.0.113.7"


@time_machine.travel(NOW, tick=False)
def test_the_account_stays_locked_from_another_address_until_the_time_passes(
    client, cast, settings
):
    for attempt in range(6):
        sign_in(client, "director", f"wrong-{attempt}", address=f"198.51.100.{attempt}")
    assert sign_in(client, "director", PASSWORD, address="192.0.2.1").status_code == 429
    with time_machine.travel(NOW + dt.timedelta(minutes=settings.SIGN_IN_LOCKOUT_MINUTES + 1)):
        response = sign_in(client, "director", PASSWORD, address="192.0.2.1")
    assert response.status_code == 302
    assert signed_in(client)


def test_five_wrong_passwords_then_the_right_one_signs_in_and_starts_the_count_again(client, cast):
    for attempt in range(5):
        sign_in(client, "siro", f"wrong-{attempt}")
    assert sign_in(client, "siro", PASSWORD).status_code == 302
    assert AccessLog.objects.filter(username="siro", ip_address="203.0.113.7").count() == 1
    client.logout()
    for attempt in range(5):
        assert sign_in(client, "siro", f"again-{attempt}").status_code == 200


def test_one_address_guessing_many_accounts_is_locked(client, cast):
    for number, username in enumerate(["ig_officer", "manager", "director", "siro", "x", "y"]):
        sign_in(client, username, f"wrong-{number}", address="203.0.113.99")
    # A correct password from that address is refused; from another address it works.
    assert sign_in(client, "officer_a", PASSWORD, address="203.0.113.99").status_code == 429
    assert sign_in(client, "officer_a", PASSWORD, address="203.0.113.100").status_code == 302


def test_an_administrator_lifts_the_lock_in_the_admin(client, cast):
    for attempt in range(6):
        sign_in(client, "manager", f"wrong-{attempt}")
    assert sign_in(client, "manager", PASSWORD).status_code == 429

    admin = client.__class__()
    admin.force_login(cast.administrator)
    attempts = AccessAttempt.objects.filter(username="manager")
    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "lift_lock", "_selected_action": [a.pk for a in attempts]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Lock lifted" in response.content.decode()
    assert not AccessAttempt.objects.filter(username="manager").exists()
    assert sign_in(client, "manager", PASSWORD).status_code == 302


def test_the_admin_user_list_can_lift_a_lock_too(client, cast):
    for attempt in range(6):
        sign_in(client, "officer_b", f"wrong-{attempt}", address=f"198.51.100.{attempt}")
    admin = client.__class__()
    admin.force_login(cast.administrator)
    admin.post(
        "/admin/organisation/user/",
        {"action": "lift_sign_in_lock", "_selected_action": [cast.officer_b.pk]},
    )
    assert sign_in(client, "officer_b", PASSWORD).status_code == 302


def test_someone_who_is_not_an_administrator_cannot_lift_a_lock(client, cast):
    for attempt in range(6):
        sign_in(client, "manager", f"wrong-{attempt}")
    other = client.__class__()
    other.force_login(cast.ig_manager)
    attempts = AccessAttempt.objects.filter(username="manager")
    response = other.post(
        "/admin/axes/accessattempt/",
        {"action": "lift_lock", "_selected_action": [a.pk for a in attempts]},
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert AccessAttempt.objects.filter(username="manager").exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ig_manager", 200),
        ("siro", 200),
        ("ig_officer", 403),
        ("director", 403),
        ("manager", 403),
        ("administrator", 403),
        ("outsider", 403),
    ],
)
def test_sign_in_records_are_for_the_ig_manager_and_the_siro(client, cast, who, status):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("sign_in_records")).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in_for_the_records(client, db):
    response = client.get(reverse("sign_in_records"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_records_show_failures_locks_and_sign_ins(client, cast, django_assert_max_num_queries):
    for attempt in range(6):
        sign_in(client, "officer_a", f"wrong-{attempt}", address="198.51.100.23")
    sign_in(client, "director", PASSWORD, address="192.0.2.44")
    reader = client.__class__()
    reader.force_login(cast.siro)
    with django_assert_max_num_queries(8):
        page = reader.get(reverse("sign_in_records")).content.decode()
    lockouts = page[page.index('id="lockouts"') : page.index('id="failures"')]
    assert "officer_a" in lockouts and "198.51.100.23" in lockouts
    assert page.count("officer_a") >= 7  # one row per failure, plus the lock
    successes = page[page.index('id="successes"') :]
    assert "director" in successes and "192.0.2.44" in successes
    filtered = reader.get(reverse("sign_in_records"), {"username": "director"}).content.decode()
    assert "officer_a" not in filtered


def test_force_login_is_not_counted_or_locked(client, cast):
    for _ in range(10):
        client.force_login(cast.ig_officer)
    assert client.get(reverse("requests:queue")).status_code == 200
    assert not AccessAttempt.objects.exists()


def test_password_reset_is_limited_per_email_address(client, cast, settings):
    settings.PASSWORD_RESET_MAX_PER_HOUR = 3
    for number in range(5):
        response = client.post(
            reverse("password_reset"),
            {"email": cast.manager.email},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address(client, cast, settings):
    settings.PASSWORD_RESET_MAX_PER_HOUR = 3
    people = [cast.manager, cast.siro, cast.director, cast.ig_officer]
    for person in people:
        client.post(reverse("password_reset"), {"email": person.email}, REMOTE_ADDR="198.51.100.9")
    assert len(mail.outbox) == 3
    client.post(
        reverse("password_reset"), {"email": cast.ig_officer.email}, REMOTE_ADDR="198.51.100.10"
    )
    assert len(mail.outbox) == 4


def test_the_records_are_in_the_navigation_of_the_ig_manager_and_the_siro_only(client, cast):
    for who, page, shown in [
        ("ig_manager", "requests:queue", True),
        ("siro", "reports:dashboard", True),
        ("ig_officer", "requests:queue", False),
        ("manager", "reports:dashboard", False),
    ]:
        client.force_login(getattr(cast, who))
        html = client.get(reverse(page)).content.decode()
        assert (reverse("sign_in_records") in html) is shown, who
