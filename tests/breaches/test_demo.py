"""The demo breaches: 30 over the last year, in every state, played through the services."""

import pytest
from django.db.models import Count, F

from breaches.demo import seed_breaches
from breaches.models import Breach, IcoDecision, IndividualsDecision, RiskLevel, Status
from organisation.demo import seed_structure

pytestmark = pytest.mark.django_db


def test_thirty_breaches_in_every_state_with_running_clocks():
    seed_structure()
    assert seed_breaches() == 30
    assert seed_breaches() == 0  # once only
    counts = dict(Breach.objects.values_list("status").annotate(n=Count("id")))
    assert counts == {
        Status.CLOSED: 15,
        Status.AWAITING_SIGN_OFF: 3,
        Status.DECIDED: 5,
        Status.ASSESSING: 4,
        Status.REPORTED: 3,
    }
    assert set(Breach.objects.values_list("risk_level", flat=True)) >= {
        RiskLevel.HIGH,
        RiskLevel.RISK,
        RiskLevel.NO_RISK,
    }
    not_reported = Breach.objects.filter(ico_decision=IcoDecision.NOT_REPORT)
    assert not_reported.exists()
    assert all(b.ico_decision_reason for b in not_reported)
    late = Breach.objects.filter(ico_reported_at__gt=F("ico_due"))
    assert late.exists() and all(b.ico_delay_reason for b in late)
    assert Breach.objects.filter(individuals_decision=IndividualsDecision.TELL).exists()
    # References follow the order of reporting.
    references = list(Breach.objects.order_by("reported_at").values_list("reference", flat=True))
    assert [r.split("-")[1:] for r in references] == sorted(r.split("-")[1:] for r in references)
    closed = Breach.objects.filter(status=Status.CLOSED).first()
    assert closed.signed_off_by.username == "siro"
    assert closed.events.count() >= 10
