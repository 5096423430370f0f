"""The demo council's agreements: about 40 in every state and 15 DPIAs, made once."""

import pytest

from organisation.demo import seed_structure
from organisation.models import Directorate, Role
from sharing.demo import seed_agreements
from sharing.models import Agreement, Dpia, DpiaStatus, Status
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_agreements_in_every_state():
    seed_structure()
    # seed_demo loads the request cases first, which add the Resources director.
    UserFactory(
        username="director.res",
        role=Role.DIRECTOR,
        directorate=Directorate.objects.get(name="Resources"),
    )
    assert seed_agreements() == 40
    counts = {s: Agreement.objects.filter(status=s).count() for s in Status.values}
    assert counts == {
        Status.DRAFT: 5,
        Status.DPO_REVIEW: 4,
        Status.AWAITING_SIGNATURE: 4,
        Status.ACTIVE: 15,
        Status.REVIEW_DUE: 5,
        Status.EXPIRED: 3,
        Status.TERMINATED: 4,
    }
    assert Dpia.objects.count() == 15
    assert set(Dpia.objects.values_list("status", flat=True)) == set(DpiaStatus.values)
    # Cross-service agreements were signed by the SIRO, single-service ones by a director.
    for agreement in Agreement.objects.filter(signed_by__isnull=False).prefetch_related(
        "lead_areas"
    ):
        cross = agreement.lead_areas.count() > 1
        assert (agreement.signed_by.role == "siro") is cross, agreement
    assert seed_agreements() == 0
    assert Agreement.objects.count() == 40
