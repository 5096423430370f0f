"""Who may see and act on a breach and its actions. Views, exports, notifications and tasks all
come through here.

- the DPO (IG manager) and the SIRO see every breach;
- the member of staff who reported a breach sees their own report (and only the report: not the
  DPO's assessment), and may correct it until it is triaged;
- an action's owner sees that action, not the breach;
- nobody else sees anything: a breach they may not see is "not found" (404), so a reference
  cannot be probed.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from breaches.models import Breach, BreachAction
from organisation import access
from organisation.models import Role
from workflow.engine import permitted

BREACH_TEAM = frozenset({Role.IG_MANAGER, Role.SIRO})


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_breach_team(user) -> bool:
    return access.has_role(user, *BREACH_TEAM)


def breaches_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Breach.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    if is_breach_team(user):
        return queryset
    return queryset.filter(reporter=user)


def sees_full_record(user, breach: Breach) -> bool:
    """The assessment, decisions and actions: the breach team only."""
    return is_breach_team(user)


def in_scope(user, breach: Breach, scope: str) -> bool:
    if scope == "reporter":
        return breach.reporter_id == user.pk
    return is_breach_team(user)


def breach_policy(user, action: str, breach: Breach) -> bool:
    if action == "view":
        return is_breach_team(user) or breach.reporter_id == user.pk
    return permitted(user, breach, action)


def actions_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = BreachAction.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    if is_breach_team(user):
        return queryset
    return queryset.filter(owner=user)


def action_policy(user, action: str, breach_action: BreachAction) -> bool:
    if action == "view":
        return is_breach_team(user) or breach_action.owner_id == user.pk
    if action == "complete":
        # The owner reports their own action done; the DPO may record it for them.
        return breach_action.owner_id == user.pk or access.has_role(user, Role.IG_MANAGER)
    return False


access.register_policy(Breach, breach_policy)
access.register_policy(BreachAction, action_policy)


def get_breach_for_user(user, pk: int) -> Breach:
    return get_object_or_404(
        breaches_visible_to(user).select_related("reporter", "service_area"), pk=pk
    )


def get_action_for_user(user, pk: int, action: str = "view") -> BreachAction:
    breach_action = get_object_or_404(
        actions_visible_to(user).select_related("breach", "owner", "created_by"), pk=pk
    )
    if action != "view":
        access.check(user, action, breach_action)
    return breach_action
