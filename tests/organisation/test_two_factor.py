"""Two-factor sign-in: no page with personal data, and not the administration site, without a
verified second factor in the session (STAFF_2FA_REQUIRED, on by default)."""

import datetime as dt
import re
from base64 import b32decode

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation import two_factor
from tests.factories import PASSWORD
from tests.organisation.urlcrawl import all_urls

pytestmark = pytest.mark.two_factor
NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

# Written out by hand: the only pages a signed-in member of staff reaches before the second
# factor. Everything else, including pages added later, must send them to the second factor.
OPEN_BEFORE_SECOND_FACTOR = {
    "login",
    "logout",
    "admin:logout",
    "two_factor_verify",
    "two_factor_setup",
    "healthz",
    "privacy",
    "accessibility",
    "oidc_authentication_init",
    "oidc_authentication_callback",
}
ROLES_NEEDING_IT = [
    "ig_officer",
    "ig_manager",
    "officer_a",
    "director",
    "siro",
    "manager",
    "manager_place",
    "administrator",
]


def code_for(device, at=None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def is_sent_to_second_factor(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        ("/accounts/two-factor/?", "/accounts/two-factor/set-up/?")
    )


@pytest.mark.parametrize("who", ROLES_NEEDING_IT)
def test_every_page_of_the_site_is_refused_without_a_second_factor(client, cast, who):
    client.force_login(getattr(cast, who))
    crawled = 0
    for name, path in all_urls():
        if name in OPEN_BEFORE_SECOND_FACTOR or name.startswith("public:"):
            continue
        for method in (client.get, client.post):
            response = method(path)
            assert is_sent_to_second_factor(response), (name, path, response.status_code)
        crawled += 1
    assert crawled > 50  # the crawl really covered the site, admin included


def test_pages_with_personal_data_are_refused_and_sent_to_set_up(client, cast):
    client.force_login(cast.ig_manager)
    for page in ["/requests/queue/", "/reports/dashboard/", "/requests/1/", "/admin/"]:
        response = client.get(page)
        assert response.status_code == 302
        assert (
            response["Location"] == f"/accounts/two-factor/set-up/?next={page.replace('/', '%2F')}"
        )


def test_someone_with_a_device_is_sent_to_give_a_code(client, cast):
    confirmed_device(cast.director)
    client.force_login(cast.director)
    response = client.get("/requests/authorisations/")
    assert response["Location"].startswith("/accounts/two-factor/?next=")


def test_other_staff_who_see_no_personal_data_need_no_second_factor(client, cast):
    client.force_login(cast.outsider)
    assert client.get(reverse("breaches:report")).status_code == 200


def test_the_setting_turns_it_off(client, cast, settings):
    settings.STAFF_2FA_REQUIRED = False
    client.force_login(cast.ig_manager)
    assert client.get(reverse("requests:queue")).status_code == 200


def test_setting_up_an_app_with_the_qr_code_then_reaching_the_queue(client, cast):
    with time_machine.travel(NOW, tick=False) as clock:
        _set_up_and_reach_the_queue(client, cast, clock)


def _set_up_and_reach_the_queue(client, cast, clock):
    client.force_login(cast.ig_officer)
    page = client.get(reverse("two_factor_setup") + "?next=/requests/queue/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in html
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html)[1]
    device = TOTPDevice.objects.get(user=cast.ig_officer)
    assert b32decode(secret) == device.bin_key and not device.confirmed

    wrong = client.post(reverse("two_factor_setup"), {"token": "000000", "next": "/x"})
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    clock.shift(dt.timedelta(seconds=5))  # past django-otp's delay after a wrong code
    done = client.post(
        reverse("two_factor_setup"), {"token": code_for(device), "next": "/requests/queue/"}
    )
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/requests/queue/").status_code == 200


def test_signing_in_with_password_then_code(client, cast):
    with time_machine.travel(NOW, tick=False) as clock:
        _sign_in_with_password_then_code(client, cast, clock)


def _sign_in_with_password_then_code(client, cast, clock):
    device = confirmed_device(cast.ig_manager)
    response = client.post(
        reverse("login"), {"username": "ig_manager", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/?next=")
    assert "Enter your security code" in response.content.decode()

    wrong = client.post(response.redirect_chain[-1][0], {"token": "123456"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    assert client.get("/requests/queue/").status_code == 302

    clock.shift(dt.timedelta(seconds=5))  # past django-otp's delay after a wrong code
    right = client.post(response.redirect_chain[-1][0], {"token": code_for(device)}, follow=True)
    assert right.redirect_chain[-1][0] == "/requests/queue/"
    assert right.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_a_code_cannot_be_used_twice(client, cast):
    device = confirmed_device(cast.siro)
    code = code_for(device)
    client.force_login(cast.siro)
    assert client.post(reverse("two_factor_verify"), {"token": code}).status_code == 302
    other = client.__class__()
    other.force_login(cast.siro)
    again = other.post(reverse("two_factor_verify"), {"token": code})
    assert again.status_code == 200
    assert other.get("/reports/dashboard/").status_code == 302


def test_a_backup_code_works_once(client, cast):
    confirmed_device(cast.manager)
    codes = two_factor.backup_codes_generate(user=cast.manager)
    client.force_login(cast.manager)
    assert client.post(reverse("two_factor_verify"), {"token": codes[0]}).status_code == 302
    assert client.get("/reports/dashboard/").status_code == 200
    other = client.__class__()
    other.force_login(cast.manager)
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as clock:
        assert other.post(reverse("two_factor_verify"), {"token": codes[0]}).status_code == 200
        clock.shift(dt.timedelta(seconds=5))  # past django-otp's delay after a wrong code
        assert other.post(reverse("two_factor_verify"), {"token": codes[1]}).status_code == 302
    assert StaticDevice.objects.get(user=cast.manager).token_set.count() == 8


def test_a_stolen_password_cannot_enrol_a_new_phone(client, cast):
    confirmed_device(cast.ig_manager)
    client.force_login(cast.ig_manager)
    response = client.get(reverse("two_factor_setup"))
    assert response["Location"] == reverse("two_factor_verify")
    assert TOTPDevice.objects.filter(user=cast.ig_manager).count() == 1
    assert client.get(reverse("two_factor_backup_codes")).status_code == 302


@time_machine.travel(NOW, tick=False)
def test_the_admin_site_requires_the_second_factor_too(client, cast):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "administrator", "password": PASSWORD, "next": "/admin/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/set-up/?next=")
    assert client.get("/admin/organisation/user/").status_code == 302

    device = two_factor.totp_device_start(user=cast.administrator)
    client.post(reverse("two_factor_setup"), {"token": code_for(device)})
    assert client.get("/admin/organisation/user/").status_code == 200


def test_an_unverified_user_can_still_sign_out(client, cast):
    client.force_login(cast.ig_officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_new_backup_codes_from_the_header_link_replace_the_old_ones(client, cast):
    confirmed_device(cast.ig_officer)
    old = two_factor.backup_codes_generate(user=cast.ig_officer)
    client.force_login(cast.ig_officer)
    client.post(reverse("two_factor_verify"), {"token": old[0]})
    page = client.get(reverse("requests:queue")).content.decode()
    assert f'href="{reverse("two_factor_backup_codes")}"' in page
    response = client.post(reverse("two_factor_backup_codes"))
    new = re.findall(r"<code>([a-z2-7]{8})</code>", response.content.decode())
    assert len(new) == 10
    tokens = set(
        StaticDevice.objects.get(user=cast.ig_officer).token_set.values_list("token", flat=True)
    )
    assert tokens == set(new) and not tokens & set(old)
