"""Every write to an agreement or a DPIA. Table actions go through workflow.engine.apply (lock,
table, version, history, timeline); creating a record, and the two moves the calendar makes by
itself (a review falling due, an end date passing), are plain services here."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from deadlines import agreement_reviews
from deadlines.errors import DeadlineError
from organisation.history import acting_user
from organisation.models import Role
from sharing.access import signatory_description
from sharing.checks import lawful_basis_problems, prior_consultation_problem
from sharing.models import (
    Agreement,
    AgreementEventKind,
    Dpia,
    DpiaEventKind,
    DpiaRisk,
    DpiaStatus,
    Partner,
    ReferenceCounter,
    Status,
)
from workflow.engine import ActionRefused, apply, record_event

AGREEMENT_FIELDS = (
    "kind",
    "title",
    "purpose",
    "article6_basis",
    "special_category",
    "article9_condition",
    "criminal_offence",
    "article10_condition",
    "data_subjects",
    "data_categories",
    "transfer_method",
    "transfer_frequency",
    "security_measures",
    "retention",
    "waspi",
    "review_months",
    "owner",
)


def _next_reference(prefix: str, year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(
        prefix=prefix, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:03d}"


def _refuse_incomplete_basis(fields: dict) -> None:
    problems = lawful_basis_problems(
        article6_basis=fields.get("article6_basis", ""),
        special_category=fields.get("special_category", False),
        article9_condition=fields.get("article9_condition", ""),
        criminal_offence=fields.get("criminal_offence", False),
        article10_condition=fields.get("article10_condition", ""),
    )
    if problems:
        raise ActionRefused(" ".join(problems.values()))


def _review(start: dt.date, months: int, reason: str) -> dt.date:
    try:
        return agreement_reviews.review_due(start, months, reason=reason).due
    except DeadlineError as error:
        raise ActionRefused(str(error)) from error


# --- agreements -------------------------------------------------------------------------------


def agreement_create(*, user, lead_areas, partner: dict | None = None, **fields) -> Agreement:
    """A new draft. `fields` are AGREEMENT_FIELDS; `partner` the first partner organisation."""
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    _refuse_incomplete_basis(fields)
    if not lead_areas:
        raise ActionRefused("Choose at least one lead service area.")
    with transaction.atomic(), acting_user(user):
        agreement = Agreement(
            reference=_next_reference(fields.get("kind", "isa").upper(), timezone.localdate().year),
            created_by=user,
            **fields,
        )
        agreement.save()
        agreement.lead_areas.set(lead_areas)
        if partner and partner.get("name"):
            Partner.objects.create(agreement=agreement, **partner)
        record_event(
            agreement,
            user,
            AgreementEventKind.CREATED,
            f"Draft {agreement.get_kind_display().lower()} created by {user}.",
        )
    return agreement


def agreement_edit(*, agreement_id: int, user, expected_version=None, lead_areas, **fields):
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    _refuse_incomplete_basis(fields)
    if not lead_areas:
        raise ActionRefused("Choose at least one lead service area.")

    def change(agreement):
        changed = [
            Agreement._meta.get_field(name).verbose_name
            for name, value in fields.items()
            if getattr(agreement, name) != value
        ]
        for name, value in fields.items():
            setattr(agreement, name, value)
        if {a.pk for a in agreement.lead_areas.all()} != {a.pk for a in lead_areas}:
            agreement.lead_areas.set(lead_areas)
            changed.append("lead service areas")
        return "Details changed: " + (", ".join(changed) or "nothing") + "."

    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="edit",
        change=change,
        expected_version=expected_version,
    )


def agreement_add_partner(
    *,
    agreement_id: int,
    user,
    name: str,
    role: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    expected_version=None,
):
    def change(agreement):
        if agreement.partners.filter(name__iexact=name.strip()).exists():
            raise ActionRefused(f"{name} is already a partner to this agreement.")
        Partner.objects.create(
            agreement=agreement,
            name=name.strip(),
            role=role,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
        )
        return f"Partner added: {name.strip()}."

    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="add_partner",
        change=change,
        expected_version=expected_version,
    )


def agreement_submit(*, agreement_id: int, user, expected_version=None, note: str = ""):
    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="submit",
        change=lambda a: "Sent to the IG manager to agree." + (f" {note}" if note else ""),
        expected_version=expected_version,
    )


def agreement_return_to_draft(*, agreement_id: int, user, reason: str, expected_version=None):
    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="return_to_draft",
        change=lambda a: f"Returned to draft: {reason}",
        expected_version=expected_version,
    )


def agreement_agree(*, agreement_id: int, user, expected_version=None, note: str = ""):
    def change(agreement):
        agreement.agreed_by, agreement.agreed_at = user, timezone.now()
        who = signatory_description(agreement)
        return f"Agreed by the IG manager; to be signed by {who}." + (f" {note}" if note else "")

    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="agree",
        change=change,
        expected_version=expected_version,
    )


def agreement_sign(
    *,
    agreement_id: int,
    user,
    start_date: dt.date,
    review_months: int,
    end_date: dt.date | None = None,
    signed_document=None,
    expected_version=None,
):
    if end_date and end_date < start_date:
        raise ActionRefused("The end date cannot be before the start date.")
    review = _review(start_date, review_months, "Signed; in force from")

    def change(agreement):
        agreement.signed_by, agreement.signed_at = user, timezone.now()
        agreement.signed_as = user.get_role_display()
        if user.directorate_id and user.role != Role.SIRO:
            agreement.signed_as += f", {user.directorate}"
        agreement.start_date, agreement.review_months = start_date, review_months
        agreement.review_due, agreement.end_date = review, end_date
        if signed_document:
            agreement.signed_document = signed_document
        return (
            f"Signed by {user} as {agreement.signed_as}; in force from {start_date:%d %B %Y}, "
            f"review due {review:%d %B %Y}."
        )

    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="sign",
        change=change,
        expected_version=expected_version,
    )


def agreement_decline(*, agreement_id: int, user, reason: str, expected_version=None):
    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="decline",
        change=lambda a: f"Not signed; returned to draft by {user}: {reason}",
        expected_version=expected_version,
    )


def agreement_renew(
    *,
    agreement_id: int,
    user,
    reviewed_on: dt.date,
    review_months: int,
    notes: str,
    end_date: dt.date | None = None,
    expected_version=None,
):
    if reviewed_on > timezone.localdate():
        raise ActionRefused("The review date cannot be in the future.")
    review = _review(reviewed_on, review_months, "Reviewed and renewed")

    def change(agreement):
        if end_date and end_date < reviewed_on:
            raise ActionRefused("The new end date cannot be before the review.")
        agreement.last_reviewed_on, agreement.review_months = reviewed_on, review_months
        agreement.review_due = review
        agreement.end_date = end_date
        return (
            f"Reviewed on {reviewed_on:%d %B %Y} and renewed; next review {review:%d %B %Y}. "
            f"{notes}"
        )

    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="renew",
        change=change,
        expected_version=expected_version,
    )


def agreement_terminate(*, agreement_id: int, user, reason: str, expected_version=None):
    def change(agreement):
        agreement.ended_reason = reason
        return f"Terminated by {user}: {reason}"

    return apply(
        model=Agreement,
        pk=agreement_id,
        user=user,
        action="terminate",
        change=change,
        expected_version=expected_version,
    )


def _system_move(agreement_id: int, *, sources, target: str, kind: str, message) -> bool:
    """A move the calendar makes, not a person: no table row (no one may choose it), the same
    lock, version, history and timeline as apply()."""
    with transaction.atomic(), acting_user(None):
        agreement = (
            Agreement.objects.select_for_update(of=("self",))
            .filter(pk=agreement_id, status__in=sources)
            .first()
        )
        if agreement is None:
            return False
        text = message(agreement)
        agreement.status = target
        agreement.version += 1
        agreement.save()
        record_event(agreement, None, kind, text)
    return True


def agreements_advance(*, today: dt.date) -> dict[str, int]:
    """Move agreements on by the calendar: those past their end date expire; those whose review
    date has come fall due for review. Safe to run twice (the second run finds nothing)."""
    expired = fell_due = 0
    in_force = Status.in_force()
    for pk, end in Agreement.objects.filter(
        status__in=in_force, end_date__isnull=False
    ).values_list("pk", "end_date"):
        if agreement_reviews.has_ended(today, end):
            expired += _system_move(
                pk,
                sources=in_force,
                target=Status.EXPIRED,
                kind=AgreementEventKind.EXPIRED,
                message=lambda a: f"Expired: its end date ({a.end_date:%d %B %Y}) has passed.",
            )
    for pk, due in Agreement.objects.filter(
        status=Status.ACTIVE, review_due__isnull=False
    ).values_list("pk", "review_due"):
        if agreement_reviews.review_state(today, due, 0) in (
            agreement_reviews.DUE_TODAY,
            agreement_reviews.OVERDUE,
        ):
            fell_due += _system_move(
                pk,
                sources={Status.ACTIVE},
                target=Status.REVIEW_DUE,
                kind=AgreementEventKind.REVIEW_FELL_DUE,
                message=lambda a: f"Its review fell due on {a.review_due:%d %B %Y}.",
            )
    return {"expired": expired, "review_due": fell_due}


# --- DPIAs ------------------------------------------------------------------------------------


def dpia_create(
    *, user, title: str, project: str, description: str, lead_area=None, agreements=()
) -> Dpia:
    with transaction.atomic(), acting_user(user):
        dpia = Dpia.objects.create(
            reference=_next_reference("DPIA", timezone.localdate().year),
            title=title,
            project=project,
            description=description,
            lead_area=lead_area,
            created_by=user,
        )
        dpia.agreements.set(agreements)
        record_event(dpia, user, DpiaEventKind.CREATED, f"DPIA started by {user}.")
    return dpia


def _dpia_apply(dpia_id: int, user, action: str, change, expected_version):
    return apply(
        model=Dpia,
        pk=dpia_id,
        user=user,
        action=action,
        change=change,
        expected_version=expected_version,
    )


def dpia_screen(
    *,
    dpia_id: int,
    user,
    answers: list[str],
    notes: str = "",
    full_anyway: bool = False,
    expected_version=None,
):
    def change(dpia):
        dpia.screening_answers = list(answers)
        dpia.screening_notes = notes
        dpia.full_dpia_required = bool(answers) or full_anyway
        if dpia.full_dpia_required:
            why = f"{len(answers)} screening criteria met" if answers else "chosen by IG"
            return f"Screened: a full DPIA is needed ({why})."
        return "Screened: no screening criterion is met, so a full DPIA is not needed."

    return _dpia_apply(dpia_id, user, "screen", change, expected_version)


def dpia_add_risk(
    *,
    dpia_id: int,
    user,
    description: str,
    likelihood: int,
    severity: int,
    mitigation: str,
    residual: str,
    expected_version=None,
):
    def change(dpia):
        risk = DpiaRisk.objects.create(
            dpia=dpia,
            description=description,
            likelihood=likelihood,
            severity=severity,
            mitigation=mitigation,
            residual=residual,
        )
        return (
            f"Risk recorded ({risk.get_level_display().lower()} before mitigation, "
            f"{risk.get_residual_display().lower()} after): {description}"
        )

    return _dpia_apply(dpia_id, user, "add_risk", change, expected_version)


def dpia_link_agreement(*, dpia_id: int, user, agreement, expected_version=None):
    def change(dpia):
        if dpia.agreements.filter(pk=agreement.pk).exists():
            raise ActionRefused(f"{agreement.reference} is already linked.")
        dpia.agreements.add(agreement)
        return f"Linked to agreement {agreement.reference}."

    return _dpia_apply(dpia_id, user, "link_agreement", change, expected_version)


def dpia_submit(*, dpia_id: int, user, expected_version=None):
    return _dpia_apply(
        dpia_id, user, "submit", lambda d: "Sent to the DPO for assessment.", expected_version
    )


def dpia_return(*, dpia_id: int, user, reason: str, expected_version=None):
    return _dpia_apply(
        dpia_id, user, "return", lambda d: f"Returned by the DPO: {reason}", expected_version
    )


def dpia_assess(
    *,
    dpia_id: int,
    user,
    assessment: str,
    residual_risk: str,
    prior_consultation_required: bool,
    expected_version=None,
):
    problem = prior_consultation_problem(residual_risk, prior_consultation_required)
    if problem:
        raise ActionRefused(problem)

    def change(dpia):
        dpia.dpo_assessment, dpia.residual_risk = assessment, residual_risk
        dpia.prior_consultation_required = prior_consultation_required
        dpia.dpo_by, dpia.dpo_at = user, timezone.now()
        after = (
            "ICO prior consultation (Article 36) is required before processing starts."
            if prior_consultation_required
            else "The processing may go ahead."
        )
        residual = dpia.get_residual_risk_display().lower()
        return f"Assessed by the DPO: residual risk {residual}. {after}"

    return _dpia_apply(dpia_id, user, "assess", change, expected_version)


def dpia_record_ico_outcome(
    *, dpia_id: int, user, ico_reference: str, outcome: str, expected_version=None
):
    def change(dpia):
        dpia.ico_reference, dpia.prior_consultation_outcome = ico_reference, outcome
        return f"ICO prior consultation {ico_reference}: {outcome}"

    return _dpia_apply(dpia_id, user, "record_ico_outcome", change, expected_version)


def dpia_next_after_screening(dpia: Dpia) -> str:
    return DpiaStatus.ASSESSMENT if dpia.full_dpia_required else DpiaStatus.NOT_REQUIRED


def dpia_next_after_assessment(dpia: Dpia) -> str:
    return (
        DpiaStatus.PRIOR_CONSULTATION if dpia.prior_consultation_required else DpiaStatus.COMPLETED
    )
