"""Who may work on retention: the IG manager (the DPO) alone maintains the schedule, places and
releases legal holds, reviews and approves disposal runs and reads the disposal log. Every view
and the record-page include come through here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from organisation import access
from organisation.models import Role
from retention.models import DisposalItem, DisposalRun, LegalHold, RetentionRule

RETENTION_ROLES = frozenset({Role.IG_MANAGER})

retention_manager_required = access.role_required(RETENTION_ROLES)


def may_manage(user) -> bool:
    return access.has_role(user, *RETENTION_ROLES)


def _policy(user, action: str, obj) -> bool:
    return may_manage(user)


for _model in (RetentionRule, LegalHold, DisposalRun, DisposalItem):
    access.register_policy(_model, _policy)


def get_for_user(user, model, pk: int):
    """Load a retention object for its manager (403 for anyone else, 404 when missing)."""
    if not may_manage(user):
        raise PermissionDenied("Only the IG manager works on retention and disposal.")
    obj = get_object_or_404(model, pk=pk)
    access.check(user, "view", obj)
    return obj
