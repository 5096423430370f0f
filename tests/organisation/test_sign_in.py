import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def test_sign_in_page_renders_with_the_council_name(client, db, settings):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert settings.COUNCIL_NAME in response.content.decode()


def test_wrong_password_shows_an_error_and_signs_nobody_in(client, cast):
    response = client.post(reverse("login"), {"username": "ig_officer", "password": "wrong"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("who", "page"),
    [("ig_officer", "/requests/queue/"), ("director", "/requests/authorisations/")],
)
def test_sign_in_lands_on_the_roles_page(client, cast, who, page):
    response = client.post(reverse("login"), {"username": who, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == page


def test_sign_out_is_a_post(client, cast):
    client.force_login(cast.manager)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email_with_a_working_link(client, cast):
    response = client.post(reverse("password_reset"), {"email": cast.manager.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    path = link[link.index("/accounts/reset/") :]
    response = client.get(path, follow=True)
    new_password = "a-brand-new-long-password-42"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    cast.manager.refresh_from_db()
    assert cast.manager.check_password(new_password)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
