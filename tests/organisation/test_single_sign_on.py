"""Single sign-on against a real OpenID Connect provider started locally (the npm package
oidc-provider, run by node: tests/oidc/provider.mjs), not a mock."""

import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
REDIRECT_URI = "http://testserver/oidc/callback/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider():
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.fail("node_modules/oidc-provider is missing: run `npm ci` (make test does).")
    port = free_port()
    process = subprocess.Popen(
        ["node", str(SCRIPT), str(port), REDIRECT_URI],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NODE_ENV": "test"},
    )
    deadline = time.monotonic() + 30
    output = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        output.append(line)
        if line.startswith("ready "):
            break
        if process.poll() is not None:
            pytest.fail("the OpenID Connect provider exited:\n" + "".join(output))
    else:
        process.kill()
        pytest.fail("the OpenID Connect provider did not start:\n" + "".join(output))
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "ig-casework"
    settings.OIDC_RP_CLIENT_SECRET = "test-client-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/jwks"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "organisation.oidc.StaffOIDCBackend",
    ]
    return provider


def sign_on(client, email: str, *, mfa: bool = False, next_url: str = ""):
    """The whole authorisation-code flow: this app -> the provider's sign-in -> back."""
    start = client.get(
        reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else "")
    )
    assert start.status_code == 302
    browser = requests.Session()
    step = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert step.status_code == 303, step.text
    interaction = step.headers["Location"]
    query = f"?login={email}" + ("&mfa=1" if mfa else "")
    step = browser.get(f"{_origin(start['Location'])}{interaction}{query}", allow_redirects=False)
    assert step.status_code == 303, step.text
    step = browser.get(step.headers["Location"], allow_redirects=False, timeout=10)
    assert step.status_code == 303, step.text
    callback = step.headers["Location"]
    assert callback.startswith(REDIRECT_URI), callback
    assert "code" in parse_qs(urlsplit(callback).query)
    return client.get(callback.removeprefix("http://testserver"))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_an_existing_member_of_staff_signs_on_matched_by_email(client, cast, sso):
    response = sign_on(client, "IG_Manager@Council.Example")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == cast.ig_manager.pk
    assert client.get(reverse("requests:queue")).status_code == 200


def test_an_unknown_email_is_refused_and_no_account_is_created(client, cast, sso):
    from organisation.models import User

    users = User.objects.count()
    response = sign_on(client, "stranger@elsewhere.example", mfa=True)
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users
    page = client.get(response["Location"]).content.decode()
    assert "Single sign-on did not sign you in" in page


def test_an_inactive_account_is_refused(client, cast, sso):
    cast.siro.is_active = False
    cast.siro.save()
    sign_on(client, cast.siro.email)
    assert "_auth_user_id" not in client.session


def test_two_accounts_with_the_same_email_are_refused(client, cast, sso):
    UserFactory(username="manager_twin", email=cast.manager.email)
    sign_on(client, cast.manager.email)
    assert "_auth_user_id" not in client.session


@pytest.mark.two_factor
def test_without_amr_trust_the_apps_own_second_factor_is_still_asked(client, cast, sso, settings):
    settings.OIDC_MFA_FROM_AMR = False
    sign_on(client, cast.director.email, mfa=True)
    assert int(client.session["_auth_user_id"]) == cast.director.pk
    response = client.get(reverse("requests:authorisations"))
    assert response.status_code == 302 and "/accounts/two-factor/" in response["Location"]


@pytest.mark.two_factor
def test_mfa_at_the_identity_provider_counts_when_configured(client, cast, sso, settings):
    settings.OIDC_MFA_FROM_AMR = True
    sign_on(client, cast.director.email, mfa=True)
    assert client.get(reverse("requests:authorisations")).status_code == 200


@pytest.mark.two_factor
def test_a_password_only_sign_on_does_not_count_as_mfa(client, cast, sso, settings):
    settings.OIDC_MFA_FROM_AMR = True
    sign_on(client, cast.director.email, mfa=False)
    response = client.get(reverse("requests:authorisations"))
    assert response.status_code == 302 and "/accounts/two-factor/" in response["Location"]


def test_single_sign_on_is_off_by_default(client, db, settings):
    assert settings.OIDC_ENABLED is False
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
    assert "Sign in with" not in client.get(reverse("login")).content.decode()


def test_the_sign_in_page_offers_it_when_on(client, db, sso):
    assert "Sign in with your council account" in client.get(reverse("login")).content.decode()
