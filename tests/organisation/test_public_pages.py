import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["privacy", "accessibility"])
def test_public_information_pages_need_no_sign_in(client, db, settings, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert settings.COUNCIL_NAME in response.content.decode()
