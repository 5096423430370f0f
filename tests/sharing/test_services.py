"""The agreement and DPIA services: lawful basis, who signs, review dates, the calendar's moves.
Expected signatories are written out by hand from Melton policy 29 / Leicester 30."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction

from sharing import services
from sharing.forms import AgreementCreateForm
from sharing.models import Agreement, AgreementEvent, DpiaStatus, Status
from tests.sharing.builders import BASE, agreement_in, dpia, draft
from workflow.engine import ActionRefused, available_actions

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_special_category_needs_article9_at_creation(cast, org):
    with pytest.raises(ActionRefused, match="Article 9"):
        draft(cast.ig_officer, [org.area_a], special_category=True, article9_condition="")
    assert not Agreement.objects.exists()


def test_special_category_needs_article9_in_the_form(org):
    data = {
        **BASE,
        "special_category": "on",
        "article9_condition": "",
        "lead_areas": [org.area_a.pk],
        "partner_name": "NHS Trust",
    }
    form = AgreementCreateForm(data)
    assert not form.is_valid()
    assert "Article 9" in form.errors["article9_condition"][0]
    data["article9_condition"] = "h"
    assert AgreementCreateForm(data).is_valid()


def test_criminal_offence_data_needs_article10(org):
    data = {**BASE, "criminal_offence": "on", "lead_areas": [org.area_a.pk], "partner_name": "P"}
    form = AgreementCreateForm(data)
    assert not form.is_valid()
    assert "Schedule 1" in form.errors["article10_condition"][0]


def test_the_database_refuses_special_category_without_article9(cast, org):
    agreement = draft(cast.ig_officer, [org.area_a])
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(special_category=True)


def test_special_category_agreement_cannot_be_agreed_without_article9(cast, org):
    """Edit is the only way to change the basis; it refuses, and the agreement stays as it was."""
    agreement = agreement_in(Status.DRAFT, cast, [org.area_a])
    with pytest.raises(ActionRefused, match="Article 9"):
        services.agreement_edit(
            agreement_id=agreement.pk,
            user=cast.ig_officer,
            lead_areas=[org.area_a],
            **{**BASE, "special_category": True, "article9_condition": ""},
        )
    agreement.refresh_from_db()
    assert agreement.special_category is False and agreement.version == 0


def test_criminal_offence_without_article10_cannot_be_agreed(cast, org):
    agreement = agreement_in(Status.DPO_REVIEW, cast, [org.area_a])
    # Data from before the rule: criminal-offence data with no Article 10 condition.
    Agreement.objects.filter(pk=agreement.pk).update(criminal_offence=True)
    with pytest.raises(ActionRefused, match="Article 10"):
        services.agreement_agree(agreement_id=agreement.pk, user=cast.ig_manager)
    assert Agreement.objects.get(pk=agreement.pk).status == Status.DPO_REVIEW


@pytest.mark.parametrize(
    ("areas", "signer", "allowed"),
    [
        # Single-service (Planning, in Place): the Service Director for Place only.
        (["area_a"], "director", True),
        (["area_a"], "director_other", False),
        (["area_a"], "siro", False),
        (["area_a"], "ig_manager", False),
        # Single-service (Housing, in People).
        (["area_b"], "director_other", True),
        (["area_b"], "director", False),
        # Cross-service, even within one directorate: the SIRO / Director of Legal only.
        (["area_a", "area_c"], "siro", True),
        (["area_a", "area_c"], "director", False),
        (["area_a", "area_b"], "siro", True),
        (["area_a", "area_b"], "director", False),
        (["area_a", "area_b"], "director_other", False),
    ],
)
def test_who_signs(cast, org, areas, signer, allowed):
    agreement = agreement_in(Status.AWAITING_SIGNATURE, cast, [getattr(org, a) for a in areas])
    user = getattr(cast, signer)
    offered = "sign" in {t.action for t in available_actions(user, agreement)}
    assert offered is allowed
    sign = lambda: services.agreement_sign(  # noqa: E731
        agreement_id=agreement.pk,
        user=user,
        start_date=dt.date(2026, 3, 2),
        review_months=12,
    )
    if allowed:
        sign()
        agreement.refresh_from_db()
        assert agreement.status == Status.ACTIVE
        assert agreement.signed_by == user
        assert agreement.review_due == dt.date(2027, 3, 2)
        assert AgreementEvent.objects.filter(agreement=agreement, kind="sign").count() == 1
    else:
        with pytest.raises(ActionRefused):
            sign()
        assert Agreement.objects.get(pk=agreement.pk).status == Status.AWAITING_SIGNATURE


def test_an_open_dpia_holds_up_agreement(cast, org):
    agreement = agreement_in(Status.DPO_REVIEW, cast, [org.area_a])
    assessment = dpia(cast.ig_officer, agreements=[agreement])
    with pytest.raises(ActionRefused, match=assessment.reference):
        services.agreement_agree(agreement_id=agreement.pk, user=cast.ig_manager)
    services.dpia_screen(dpia_id=assessment.pk, user=cast.ig_officer, answers=[])
    assessment.refresh_from_db()
    assert assessment.status == DpiaStatus.NOT_REQUIRED
    services.agreement_agree(agreement_id=agreement.pk, user=cast.ig_manager)
    assert Agreement.objects.get(pk=agreement.pk).status == Status.AWAITING_SIGNATURE


def test_renewal_sets_the_next_review_from_the_review_day(cast, org):
    agreement = agreement_in(Status.REVIEW_DUE, cast, [org.area_a])
    services.agreement_renew(
        agreement_id=agreement.pk,
        user=cast.ig_manager,
        reviewed_on=dt.date(2026, 2, 28),
        review_months=6,
        notes="Still needed.",
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.review_due) == (Status.ACTIVE, dt.date(2026, 8, 28))
    assert agreement.last_reviewed_on == dt.date(2026, 2, 28)


def test_renewal_refuses_a_future_review(cast, org):
    agreement = agreement_in(Status.ACTIVE, cast, [org.area_a])
    with pytest.raises(ActionRefused, match="future"):
        services.agreement_renew(
            agreement_id=agreement.pk,
            user=cast.ig_manager,
            reviewed_on=dt.date(2026, 3, 3),
            review_months=12,
            notes="",
        )


def test_the_calendar_moves_agreements_once(cast, org):
    due = agreement_in(Status.ACTIVE, cast, [org.area_a], signed_on=dt.date(2025, 3, 2))
    later = agreement_in(Status.ACTIVE, cast, [org.area_a], signed_on=dt.date(2025, 3, 3))
    ending = agreement_in(Status.ACTIVE, cast, [org.area_b])
    Agreement.objects.filter(pk=ending.pk).update(end_date=dt.date(2026, 3, 1))
    today = dt.date(2026, 3, 2)
    assert services.agreements_advance(today=today) == {"expired": 1, "review_due": 1}
    assert services.agreements_advance(today=today) == {"expired": 0, "review_due": 0}
    statuses = dict(Agreement.objects.values_list("pk", "status"))
    assert statuses == {
        due.pk: Status.REVIEW_DUE,
        later.pk: Status.ACTIVE,
        ending.pk: Status.EXPIRED,
    }
    event = AgreementEvent.objects.get(agreement=due, kind="review_fell_due")
    assert event.actor is None
    assert Agreement.objects.get(pk=due.pk).version == due.version + 1


def test_dpia_high_residual_risk_needs_prior_consultation(cast, org):
    assessment = dpia(cast.ig_officer)
    services.dpia_screen(
        dpia_id=assessment.pk, user=cast.ig_officer, answers=["matching", "vulnerable_people"]
    )
    with pytest.raises(ActionRefused, match="at least one risk"):
        services.dpia_submit(dpia_id=assessment.pk, user=cast.ig_officer)
    services.dpia_add_risk(
        dpia_id=assessment.pk,
        user=cast.ig_officer,
        description="Wrong family matched",
        likelihood=2,
        severity=3,
        mitigation="Manual check of every match",
        residual="high",
    )
    services.dpia_submit(dpia_id=assessment.pk, user=cast.ig_officer)
    with pytest.raises(ActionRefused, match="Article 36"):
        services.dpia_assess(
            dpia_id=assessment.pk,
            user=cast.ig_manager,
            assessment="Risky.",
            residual_risk="high",
            prior_consultation_required=False,
        )
    with pytest.raises(ActionRefused, match="permission"):
        services.dpia_assess(
            dpia_id=assessment.pk,
            user=cast.ig_officer,
            assessment="Risky.",
            residual_risk="high",
            prior_consultation_required=True,
        )
    services.dpia_assess(
        dpia_id=assessment.pk,
        user=cast.ig_manager,
        assessment="Risky.",
        residual_risk="high",
        prior_consultation_required=True,
    )
    assessment.refresh_from_db()
    assert assessment.status == DpiaStatus.PRIOR_CONSULTATION
    services.dpia_record_ico_outcome(
        dpia_id=assessment.pk,
        user=cast.ig_manager,
        ico_reference="RFA0123456",
        outcome="Proceed with the added safeguards.",
    )
    assessment.refresh_from_db()
    assert assessment.status == DpiaStatus.COMPLETED
    assert assessment.risks.get().level == "high"  # 2 × 3 = 6


def test_stale_form_refused(cast, org):
    agreement = agreement_in(Status.DPO_REVIEW, cast, [org.area_a])
    with pytest.raises(ActionRefused, match="changed"):
        services.agreement_agree(
            agreement_id=agreement.pk, user=cast.ig_manager, expected_version=agreement.version - 1
        )
