"""A username far longer than any account's is a failed sign-in, not a server error."""

from django.urls import reverse


def test_a_30000_character_username_is_refused_without_a_server_error(client, cast):
    client.raise_request_exception = True
    response = client.post(reverse("login"), {"username": "x" * 30000, "password": "x" * 30000})
    assert response.status_code == 200
    client.force_login(cast.ig_manager)
    response = client.post(reverse("login"), {"username": "x" * 30000, "password": "x" * 30000})
    assert response.status_code in (200, 302)
