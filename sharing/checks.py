"""The conditions of the agreement and DPIA tables, and the lawful-basis rule the forms share.
Each check sees the record and the acting user and returns None when met, or the reason the
action cannot happen yet."""

from organisation.models import Role
from sharing.models import Agreement, Dpia, DpiaStatus, RiskLevel

IG = frozenset({Role.IG_OFFICER, Role.IG_MANAGER})
IG_MANAGER = frozenset({Role.IG_MANAGER})
SIGNATORIES = frozenset({Role.DIRECTOR, Role.SIRO})
DPIA_FINISHED = frozenset({DpiaStatus.COMPLETED, DpiaStatus.NOT_REQUIRED})


def lawful_basis_problems(
    *,
    article6_basis: str,
    special_category: bool,
    article9_condition: str,
    criminal_offence: bool,
    article10_condition: str,
) -> dict[str, str]:
    """UK GDPR: every sharing needs an Article 6 basis; special-category data also an Article 9
    condition; criminal-offence data an Article 10 / DPA 2018 Schedule 1 condition. Returns
    field name → message, empty when the basis is complete."""
    problems = {}
    if not article6_basis:
        problems["article6_basis"] = "Choose the Article 6 lawful basis."
    if special_category and not article9_condition:
        problems["article9_condition"] = (
            "Special-category data is shared: choose the Article 9 condition that allows it."
        )
    if not special_category and article9_condition:
        problems["article9_condition"] = (
            "An Article 9 condition is only for special-category data: tick special-category "
            "data or leave the condition empty."
        )
    if criminal_offence and not article10_condition.strip():
        problems["article10_condition"] = (
            "Criminal-offence data is shared: give the Article 10 / DPA 2018 Schedule 1 "
            "condition that allows it."
        )
    return problems


def lawful_basis_complete(agreement: Agreement, user) -> str | None:
    problems = lawful_basis_problems(
        article6_basis=agreement.article6_basis,
        special_category=agreement.special_category,
        article9_condition=agreement.article9_condition,
        criminal_offence=agreement.criminal_offence,
        article10_condition=agreement.article10_condition,
    )
    return " ".join(problems.values()) or None


def has_partner(agreement: Agreement, user) -> str | None:
    return None if agreement.partners.exists() else "Add at least one partner organisation."


def has_lead_area(agreement: Agreement, user) -> str | None:
    return None if agreement.lead_areas.exists() else "Choose the lead service area."


def dpias_finished(agreement: Agreement, user) -> str | None:
    open_dpias = agreement.dpias.exclude(status__in=DPIA_FINISHED).values_list(
        "reference", flat=True
    )
    if open_dpias:
        return (
            "The DPIA behind it is not finished yet ("
            + ", ".join(sorted(open_dpias))
            + "): the DPO must assess it first."
        )
    return None


def has_risks(dpia: Dpia, user) -> str | None:
    return None if dpia.risks.exists() else "Record at least one risk and its mitigation."


def prior_consultation_problem(residual_risk: str, prior_consultation_required: bool) -> str:
    """UK GDPR Art 36(1): a high risk left after mitigation must go to the ICO first."""
    if residual_risk == RiskLevel.HIGH and not prior_consultation_required:
        return (
            "A high residual risk needs prior consultation with the ICO (UK GDPR Article 36) "
            "before the processing starts."
        )
    return ""
