"""The demo fees: every fee state, through the services, once."""

from io import StringIO

from django.core.management import call_command

from fees.models import AggregationMember, Estimate, FeeNotice
from requests_app.models import Case, Outcome, Status


def test_seed_demo_fees_covers_every_fee_state_once(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from organisation.demo import seed_structure

    seed_structure()
    call_command("seed_demo_fees", stdout=StringIO())
    assert set(FeeNotice.objects.values_list("status", flat=True)) == set(FeeNotice.Status.values)
    assert Case.objects.filter(status=Status.AWAITING_FEE).count() >= 4
    assert Case.objects.filter(outcome=Outcome.COST_LIMIT).exists()
    assert AggregationMember.objects.count() == 3
    assert Estimate.objects.filter(notices__isnull=True).exists()  # estimated, no notice yet
    assert all(n.letter.pdf for n in FeeNotice.objects.select_related("letter"))
    count = Case.objects.count()
    output = StringIO()
    call_command("seed_demo_fees", stdout=output)
    assert "0 new cases" in output.getvalue() and Case.objects.count() == count
