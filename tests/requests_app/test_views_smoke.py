import pytest
from django.urls import reverse

from requests_app.models import Status
from tests.requests_app.builders import case_in


@pytest.mark.parametrize("status", [s for s in Status.values])
def test_case_page_renders_in_every_state(client, cast, org, status):
    case = case_in(status, cast, org)
    client.force_login(cast.ig_manager)
    response = client.get(reverse("requests:case", args=[case.pk]))
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert client.get(reverse("requests:case_history", args=[case.pk])).status_code == 200


def test_queue_lists_cases(client, cast, org):
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.ig_officer)
    html = client.get(reverse("requests:queue")).content.decode()
    assert case.reference in html
