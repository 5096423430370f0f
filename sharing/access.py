"""Who may see and act on an agreement or a DPIA. Views, exports, sweeps and tasks all come
through here; the public register reads only sharing.public's fixed list of fields.

- IG officers, IG managers and the SIRO see every agreement and DPIA;
- a director sees those whose lead service area is in their directorate, a service-area officer
  those led by one of their areas;
- a manager sees agreements (council-wide, or their directorate's) but not their private parts
  (partners' contacts, the signed document) and not DPIAs;
- anyone else sees none.

Who signs is decided by scope "signatory": a single-service agreement is signed by the Service
Director of the lead area's directorate, a cross-service one by the SIRO / Director of Legal
(Melton policy 29; Leicester 30).
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from organisation import access
from organisation.models import Role, ServiceArea
from sharing.models import Agreement, Dpia
from workflow.engine import permitted

EVERYTHING = frozenset({Role.IG_OFFICER, Role.IG_MANAGER, Role.SIRO})
PRIVATE_PARTS = "view_private"


def _lead_area_in(**lookup):
    return Exists(
        Agreement.lead_areas.through.objects.filter(
            agreement_id=OuterRef("pk"),
            **{f"servicearea__{key}": value for key, value in lookup.items()},
        )
    )


def agreements_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if user.role in EVERYTHING:
        return queryset
    if user.role == Role.SERVICE_OFFICER:
        return queryset.filter(_lead_area_in(id__in=access.service_area_ids(user)))
    if user.role == Role.DIRECTOR:
        return queryset.filter(_lead_area_in(directorate_id=user.directorate_id))
    if user.role == Role.MANAGER:
        directorate = access.directorate_scope(user)
        if directorate is None:
            return queryset
        return queryset.filter(_lead_area_in(directorate_id=directorate))
    return queryset.none()


def dpias_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Dpia.objects.all() if queryset is None else queryset
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if user.role in EVERYTHING:
        return queryset
    if user.role == Role.SERVICE_OFFICER:
        return queryset.filter(lead_area_id__in=access.service_area_ids(user))
    if user.role == Role.DIRECTOR:
        return queryset.filter(lead_area__directorate_id=user.directorate_id)
    return queryset.none()


def lead_areas(agreement: Agreement) -> list[ServiceArea]:
    """The lead areas, from the prefetch when the helper loaded it (one query otherwise)."""
    return list(agreement.lead_areas.all())


def is_cross_service(agreement: Agreement) -> bool:
    return len(lead_areas(agreement)) > 1


def signatory_description(agreement: Agreement) -> str:
    areas = lead_areas(agreement)
    if not areas:
        return "no one yet: choose the lead service area first"
    if len(areas) > 1:
        return "the SIRO / Director of Legal (a cross-service agreement)"
    return f"the Service Director for {areas[0].directorate.name}"


def may_sign(user, agreement: Agreement) -> bool:
    areas = lead_areas(agreement)
    if not areas:
        return False
    if len(areas) > 1:
        return access.has_role(user, Role.SIRO)
    return access.has_role(user, Role.DIRECTOR) and user.directorate_id == areas[0].directorate_id


def agreement_in_scope(user, agreement: Agreement, scope: str) -> bool:
    if scope == "signatory":
        return may_sign(user, agreement)
    if scope == "ig":
        return access.is_ig(user)
    return scope == "all"


def agreement_policy(user, action: str, agreement: Agreement) -> bool:
    if action == "view":
        return agreements_visible_to(user).filter(pk=agreement.pk).exists()
    if action == PRIVATE_PARTS:
        return user.role != Role.MANAGER and agreement_policy(user, "view", agreement)
    return permitted(user, agreement, action)


def dpia_in_scope(user, dpia: Dpia, scope: str) -> bool:
    return scope == "all" or (scope == "ig" and access.is_ig(user))


def dpia_policy(user, action: str, dpia: Dpia) -> bool:
    if action == "view":
        return dpias_visible_to(user).filter(pk=dpia.pk).exists()
    return permitted(user, dpia, action)


access.register_policy(Agreement, agreement_policy)
access.register_policy(Dpia, dpia_policy)

LEAD_AREAS = Prefetch(
    "lead_areas", queryset=ServiceArea.objects.select_related("directorate").order_by("name")
)


def get_agreement_for_user(user, pk: int, action: str = "view") -> Agreement:
    """An agreement the user may see (404 otherwise, so references cannot be probed), with the
    action checked (403)."""
    agreement = get_object_or_404(
        agreements_visible_to(user)
        .select_related("owner", "agreed_by", "signed_by", "created_by")
        .prefetch_related(LEAD_AREAS),
        pk=pk,
    )
    if action != "view":
        access.check(user, action, agreement)
    return agreement


def get_dpia_for_user(user, pk: int, action: str = "view") -> Dpia:
    dpia = get_object_or_404(
        dpias_visible_to(user).select_related("lead_area", "dpo_by", "created_by"), pk=pk
    )
    if action != "view":
        access.check(user, action, dpia)
    return dpia
