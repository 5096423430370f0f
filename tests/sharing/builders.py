"""Agreements and DPIAs in a given state, made through the services (so they are real)."""

import datetime as dt

from sharing import services
from sharing.models import Agreement, Dpia, Status

BASE = {
    "kind": "isa",
    "title": "Troubled families data exchange",
    "purpose": "Identify families eligible for early help.",
    "article6_basis": "public_task",
    "special_category": False,
    "article9_condition": "",
    "criminal_offence": False,
    "article10_condition": "",
    "data_subjects": "Families with children in the district.",
    "data_categories": "Names, addresses, school attendance.",
    "transfer_method": "Secure file transfer",
    "transfer_frequency": "Monthly",
    "security_measures": "Encrypted at rest and in transit.",
    "retention": "Deleted after 2 years.",
    "waspi": False,
    "review_months": 12,
}
PARTNER = {
    "name": "Leicestershire Police",
    "role": "Joint controller",
    "contact_name": "Pat Secret-Contact",
    "contact_email": "pat.private@police.example",
}


def draft(user, areas, **overrides) -> Agreement:
    fields = {**BASE, **overrides}
    partner = fields.pop("partner", PARTNER)
    return services.agreement_create(user=user, lead_areas=areas, partner=partner, **fields)


def agreement_in(status: str, cast, areas, *, signed_on: dt.date | None = None, **overrides):
    """An agreement moved through the table to `status` by the right people."""
    agreement = draft(cast.ig_officer, areas, **overrides)
    if status == Status.DRAFT:
        return agreement
    services.agreement_submit(agreement_id=agreement.pk, user=cast.ig_officer)
    if status == Status.DPO_REVIEW:
        return _fresh(agreement)
    services.agreement_agree(agreement_id=agreement.pk, user=cast.ig_manager)
    if status == Status.AWAITING_SIGNATURE:
        return _fresh(agreement)
    signer = cast.siro if len(areas) > 1 else _director_for(cast, areas[0])
    services.agreement_sign(
        agreement_id=agreement.pk,
        user=signer,
        start_date=signed_on or dt.date(2026, 1, 15),
        review_months=12,
    )
    if status == Status.ACTIVE:
        return _fresh(agreement)
    if status == Status.REVIEW_DUE:
        Agreement.objects.filter(pk=agreement.pk).update(status=Status.REVIEW_DUE)
        return _fresh(agreement)
    if status == Status.TERMINATED:
        services.agreement_terminate(agreement_id=agreement.pk, user=cast.ig_manager, reason="Done")
        return _fresh(agreement)
    if status == Status.EXPIRED:
        Agreement.objects.filter(pk=agreement.pk).update(status=Status.EXPIRED)
        return _fresh(agreement)
    raise ValueError(status)


def _director_for(cast, area):
    return (
        cast.director
        if area.directorate_id == cast.director.directorate_id
        else cast.director_other
    )


def _fresh(agreement):
    return Agreement.objects.get(pk=agreement.pk)


def dpia(user, *, agreements=(), lead_area=None) -> Dpia:
    return services.dpia_create(
        user=user,
        title="Early help case-matching",
        project="Early help hub",
        description="Matching school and police data.",
        lead_area=lead_area,
        agreements=agreements,
    )
