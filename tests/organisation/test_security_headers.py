"""Headers on every page: a crawl of the whole URL configuration, signed out and signed in."""

import re

import pytest

from tests.organisation.urlcrawl import all_urls

NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def check_headers(response, path, signed_in: bool):
    policy = response.get("Content-Security-Policy", "")
    assert policy, path
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
    assert "camera=()" in response.get("Permissions-Policy", ""), path
    if signed_in:
        assert "no-store" in response.get("Cache-Control", ""), path
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        nonce = NONCE.search(policy)
        inline = re.findall(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>", html)
        for _tag, attributes in inline:
            assert nonce and f'nonce="{nonce[1]}"' in attributes, (path, attributes)
        assert ' style="' not in html, path  # a style attribute would be blocked
        assert " onclick=" not in html and " onload=" not in html, path


def crawl(client, signed_in: bool) -> int:
    pages = 0
    for _name, path in all_urls():
        if path.endswith("/logout/"):
            continue
        check_headers(client.get(path), path, signed_in)
        pages += 1
    return pages


def test_every_page_signed_out_has_the_headers(client, db):
    assert crawl(client, signed_in=False) > 50


@pytest.mark.parametrize("who", ["ig_manager", "officer_a", "siro", "administrator", "outsider"])
def test_every_page_signed_in_has_the_headers_and_is_not_stored(client, cast, who):
    client.force_login(getattr(cast, who))
    assert crawl(client, signed_in=True) > 50


def test_the_sign_in_page_has_a_fresh_nonce_on_its_one_inline_script(client, db):
    first = client.get("/accounts/login/")
    second = client.get("/accounts/login/")
    nonces = [NONCE.search(r["Content-Security-Policy"])[1] for r in (first, second)]
    assert nonces[0] != nonces[1]
    assert f'<script nonce="{nonces[0]}">' in first.content.decode()
    assert "frame-ancestors 'none'" in first["Content-Security-Policy"]


def test_public_pages_may_be_cached_by_the_browser_when_signed_out(client, db):
    # Only signed-in pages are forced to no-store; the disclosure log has no personal data.
    assert "no-store" not in client.get("/disclosure-log/").get("Cache-Control", "")
