"""Who may see and act on a request case. Views, exports and tasks all come through here."""

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from organisation import access
from organisation.models import Role
from requests_app.models import Assignment, Case, Regime
from workflow.engine import permitted

READ_ONLY_ROLES = frozenset({Role.MANAGER, Role.SIRO})


def _active_assignments():
    return Assignment.objects.active().filter(case=OuterRef("pk"))


def cases_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The cases a user may open. Special-category (data-protection) cases are seen only by IG
    and the service areas working on them."""
    queryset = Case.objects.all() if queryset is None else queryset
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if access.is_ig(user):
        return queryset
    if user.role == Role.SERVICE_OFFICER:
        return queryset.filter(
            Exists(_active_assignments().filter(service_area_id__in=access.service_area_ids(user)))
        )
    if user.role == Role.DIRECTOR:
        return queryset.filter(
            Exists(_active_assignments().filter(service_area__directorate_id=user.directorate_id))
        )
    if user.role in READ_ONLY_ROLES:
        # Only FOI and EIR: an unclassified or invalid request may yet hold special-category
        # data, so it stays with IG until it is classified.
        queryset = queryset.filter(regime__in=[Regime.FOI, Regime.EIR])
        directorate = access.directorate_scope(user)
        if directorate is not None:
            queryset = queryset.filter(
                Exists(_active_assignments().filter(service_area__directorate_id=directorate))
            )
        return queryset
    return queryset.none()


def in_scope(user, case: Case, scope: str) -> bool:
    """Whether the user's scope covers this case for an action of the given scope."""
    if access.is_ig(user):
        return True
    assignments = [a for a in case.assignments.all() if a.is_active]
    if scope == "area" and user.role == Role.SERVICE_OFFICER:
        return any(a.service_area_id in access.service_area_ids(user) for a in assignments)
    if scope in ("directorate", "involved") and user.role == Role.DIRECTOR:
        return any(a.service_area.directorate_id == user.directorate_id for a in assignments)
    if scope == "involved" and user.role == Role.SERVICE_OFFICER:
        return any(a.service_area_id in access.service_area_ids(user) for a in assignments)
    return False


def case_policy(user, action: str, case: Case) -> bool:
    if action == "view":
        return cases_visible_to(user).filter(pk=case.pk).exists()
    if action == "download_bundle":  # the letter and documents to post: IG sends it
        return access.is_ig(user)
    return permitted(user, case, action)


access.register_policy(Case, case_policy)


def get_case_for_user(user, pk: int, action: str = "view") -> Case:
    """Load a case the user may see (404 otherwise, so a reference cannot be probed) and check
    the action (403)."""
    case = get_object_or_404(
        cases_visible_to(user).select_related("requester", "review_of", "owner"), pk=pk
    )
    if action != "view":
        access.check(user, action, case)
    return case
