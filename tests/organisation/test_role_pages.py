"""Each role lands on its own work page and is refused everyone else's."""

import pytest
from django.urls import reverse

PAGES = {
    "requests:queue": {"ig_officer", "ig_manager"},
    "requests:inbox": {"officer_a", "officer_b"},
    "requests:authorisations": {"director", "director_other"},
    "reports:dashboard": {
        "ig_officer",
        "ig_manager",
        "director",
        "director_other",
        "siro",
        "manager",
        "manager_place",
    },
}
LANDING = {
    "ig_officer": "requests:queue",
    "ig_manager": "requests:queue",
    "officer_a": "requests:inbox",
    "officer_b": "requests:inbox",
    "director": "requests:authorisations",
    "director_other": "requests:authorisations",
    "siro": "reports:dashboard",
    "manager": "reports:dashboard",
    "manager_place": "reports:dashboard",
    "administrator": "admin:index",
    "outsider": "breaches:report",
}


@pytest.mark.parametrize(("who", "page"), sorted(LANDING.items()))
def test_each_role_lands_on_its_own_page(client, cast, who, page):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse(page)
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("who", sorted(LANDING))
@pytest.mark.parametrize("page", sorted(PAGES))
def test_role_pages_refuse_other_roles(client, cast, who, page):
    client.force_login(getattr(cast, who))
    response = client.get(reverse(page))
    expected = 200 if who in PAGES[page] else 403
    assert response.status_code == expected


@pytest.mark.parametrize("page", [*sorted(PAGES), "home", "breaches:report"])
def test_anonymous_is_sent_to_sign_in(client, db, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_inactive_user_is_refused(client, cast):
    cast.ig_officer.is_active = False
    cast.ig_officer.save()
    client.force_login(cast.ig_officer)
    assert client.get(reverse("requests:queue")).status_code in (302, 403)


def test_administration_is_refused_to_non_administrators(client, cast):
    client.force_login(cast.ig_manager)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response.url


def test_navigation_lists_only_the_roles_pages(client, cast):
    client.force_login(cast.officer_a)
    html = client.get(reverse("requests:inbox")).content.decode()
    assert reverse("requests:inbox") in html
    assert reverse("requests:queue") not in html
    assert reverse("reports:dashboard") not in html
