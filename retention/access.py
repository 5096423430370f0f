"""Who may work on retention: the IG manager (the DPO) alone maintains the schedule, places and
releases legal holds, reviews and approves disposal runs and reads the disposal log. Every view
and the record-page include come through here."""

from django.contrib.contenttypes.models import ContentType
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


def _visible_to():
    """Each held record type's own "which may this user see" queryset (imported here: the
    record apps import retention's template tag)."""
    from breaches.access import breaches_visible_to
    from requests_app.access import cases_visible_to
    from requests_app.complaint_workflow import complaints_visible_to
    from sharing.access import agreements_visible_to, dpias_visible_to

    return {
        "case": cases_visible_to,
        "complaint": complaints_visible_to,
        "breach": breaches_visible_to,
        "agreement": agreements_visible_to,
        "dpia": dpias_visible_to,
    }


def hold_record_links(user, holds) -> dict[int, str]:
    """hold id → the address of its record, for the records `user` may see (each record type's
    own access helper decides). One query per record type on the page."""
    from retention.kinds import kind_of

    wanted: dict[int, set[int]] = {}
    for hold in holds:
        wanted.setdefault(hold.content_type_id, set()).add(hold.object_id)
    visible_to = _visible_to()
    records = {}
    for content_type_id, ids in wanted.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        scope = visible_to.get(content_type.model)
        if scope is None:
            continue  # a type with no access helper is never linked
        for record in scope(user).filter(pk__in=ids):
            records[(content_type_id, record.pk)] = record
    links = {}
    for hold in holds:
        record = records.get((hold.content_type_id, hold.object_id))
        kind = kind_of(record) if record is not None else None
        if kind is not None:
            links[hold.pk] = kind.detail_url(record)
    return links
