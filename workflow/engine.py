"""The one way a record changes state: `apply()`.

It locks the row (SELECT ... FOR UPDATE) inside a transaction, refuses a form opened at an
older version, checks the transitions table with the acting user, lets the service make its
change, moves the state, saves through history with the acting user, writes a typed timeline
event and queues follow-up work for after the commit. Slow work (rendering a PDF, sending an
email) belongs in the after-commit list, so it never runs while the row is locked.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from organisation import access
from organisation.history import acting_user
from workflow.transitions import Transition, workflow_for


class ActionRefused(Exception):
    """The action cannot happen; the message says why in words the user can act on."""


class StaleRecord(ActionRefused):
    """The form was opened at an older version of the record than the one now stored."""


@dataclass
class Change:
    """What a service's change function may return instead of just the timeline message."""

    message: str
    after_commit: Iterable[Callable[[], object]] = field(default_factory=tuple)


def permitted(user, record, action: str) -> bool:
    """Role and scope from the table: the part of the rules that never depends on the state.
    Record types' access policies call this for their actions."""
    workflow = workflow_for(record)
    transition = workflow.transitions.get(action)
    if transition is None or not access.has_role(user, *transition.roles):
        return False
    return workflow.in_scope(user, record, transition.scope)


def refusal_reason(user, record, action: str) -> str | None:
    workflow = workflow_for(record)
    transition = workflow.transitions.get(action)
    if transition is None:
        return "There is no such action."
    status = getattr(record, workflow.status_field)
    if status not in transition.sources:
        shown = getattr(record, f"get_{workflow.status_field}_display")().lower()
        return f"A {workflow.noun} that is {shown} cannot be changed that way."
    if not access.can(user, action, record):
        return f"You do not have permission to do that to this {workflow.noun}."
    for check in transition.checks:
        reason = check(record, user)
        if reason:
            return reason
    return None


def available_actions(user, record) -> list[Transition]:
    """The actions to offer as buttons: exactly those the services would accept now."""
    workflow = workflow_for(record)
    return [
        t for t in workflow.transitions.values() if refusal_reason(user, record, t.action) is None
    ]


def stale_message(record) -> str:
    workflow = workflow_for(record)
    last = (
        workflow.event_model.objects.filter(**{workflow.event_field: record})
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if last is None:
        return f"This {workflow.noun} was changed since you opened the form. Nothing was saved."
    who = last.actor.get_full_name() or last.actor.username if last.actor else "the system"
    when = timezone.localtime(last.at).strftime("%H:%M on %d %B %Y")
    return (
        f"This {workflow.noun} was changed by {who} at {when} since you opened the form. "
        "Nothing you submitted was saved: review the change, then try again."
    )


def record_event(record, user, kind: str, message: str):
    workflow = workflow_for(record)
    kinds = workflow.event_model._meta.get_field("kind").choices
    if kinds and kind not in {value for value, _ in kinds}:
        raise ValueError(f"{kind!r} is not a kind of {workflow.event_model.__name__}")
    return workflow.event_model.objects.create(
        **{workflow.event_field: record}, kind=kind, actor=user, message=message
    )


def apply(
    *,
    model,
    pk: int,
    user,
    action: str,
    change: Callable[[object], str | Change],
    expected_version: int | None = None,
):
    """Apply one action of `model`'s table to the record `pk` as `user`; returns the record.

    Raises ActionRefused (nothing changed) when the table, a check, the change function or the
    version refuses it."""
    workflow = workflow_for(model)
    transition = workflow[action]
    with transaction.atomic(), acting_user(user):
        record = model.objects.select_for_update(of=("self",)).filter(pk=pk).first()
        if record is None:
            raise ActionRefused(f"That {workflow.noun} no longer exists.")
        if expected_version is not None and record.version != expected_version:
            raise StaleRecord(stale_message(record))
        reason = refusal_reason(user, record, action)
        if reason:
            raise ActionRefused(reason)
        result = change(record)
        if isinstance(result, str):
            result = Change(result)
        if transition.changes_record:
            target = transition.next_state(record)
            if target:
                setattr(record, workflow.status_field, target)
            if workflow.before_save:
                workflow.before_save(record, user, transition)
            record.version += 1
            record.save()
        record_event(record, user, action, result.message)
        for work in result.after_commit:
            transaction.on_commit(work)
        for listener in workflow.after_commit:
            transaction.on_commit(lambda listener=listener: listener(record.pk))
    return record
