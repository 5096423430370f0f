"""Read-only roles see FOI and EIR cases only: anything else may hold special-category data."""

import pytest
from django.urls import reverse

from requests_app.access import cases_visible_to
from requests_app.models import Regime
from tests.requests_app.builders import logged


@pytest.mark.parametrize(
    ("regime", "visible"),
    [
        (Regime.FOI, True),
        (Regime.EIR, True),
        (Regime.SAR, False),
        (Regime.ERASURE, False),
        (Regime.UNCLASSIFIED, False),
    ],
)
def test_council_wide_readers_see_only_foi_and_eir(client, cast, regime, visible):
    case = logged(cast, regime=regime)
    for reader in (cast.manager, cast.siro):
        assert cases_visible_to(reader).filter(pk=case.pk).exists() is visible
        client.force_login(reader)
        response = client.get(reverse("requests:case", args=[case.pk]))
        assert response.status_code == (200 if visible else 404)
    client.force_login(cast.ig_officer)
    assert client.get(reverse("requests:case", args=[case.pk])).status_code == 200
