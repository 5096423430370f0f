"""Two-factor sign-in in a real browser: setting up the app from the QR code page, then signing
in with password and code; the Content-Security-Policy blocks nothing the pages need."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.two_factor


def csp_violations(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_first_sign_in_sets_up_the_app_then_the_next_asks_for_a_code(page, cast, live_server):
    violations = csp_violations(page)
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill("ig_manager")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    totp = TOTP(b32decode(secret))
    page.get_by_label("Code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Authenticator app set up")).to_be_visible()
    expect(page.locator("#backup-codes li")).to_have_count(10)
    backup_code = page.locator("#backup-codes li").first.inner_text().strip()
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(live_server.url + "/requests/queue/")

    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill("ig_manager")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label("Code").fill(backup_code)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(live_server.url + "/requests/queue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request queue")
    assert violations == []
