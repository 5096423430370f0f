"""Sweeps: the one mechanism behind every reminder, alert, escalation and weekly digest.

A sweep is a query and a rule. The query selects the objects that need someone told *now*, by
their state and stored dates (never "what became due in the last hour"), so a sweep that missed
runs — the worker was down for a day — finds them on its next run, and whatever is no longer
relevant (the case was answered meanwhile) simply no longer matches. The rule turns one object
into a `Due`: what kind of escalation, at which level, for which window, who is told and why.

`run()` stores each Due as an Escalation and its Notifications in one transaction. The
Escalation is unique per (object, kind, level, window), so however many times or in however
many workers a sweep runs, only one insert succeeds and only that one writes notifications;
the emails go out through the outbox (workflow.outbox) after the commit.

To add a sweep (fees, breaches, sharing agreements): in your app's `sweeps.py` write the query
and the rule, declare `MY_SWEEP = register(Sweep("app.name", query, rule))`, add a thin task
that returns `run(MY_SWEEP).as_dict()`, and schedule the task in your app's `schedule.py`.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from organisation import access
from organisation.models import Escalation, User
from workflow import notifications

logger = logging.getLogger(__name__)

Recipient = tuple[User, str]  # the user and why they are told, in a sentence addressed to them
CHUNK = 200


@dataclass(frozen=True)
class Due:
    """One escalation that is due: about `target`, told to `recipients()`."""

    target: models.Model
    kind: str
    level: int
    window_key: str
    reason: str  # why the escalation exists, stored on it
    subject: str
    template: str  # templates/emails/<template>.txt and .html
    context: dict
    # Called inside the transaction that stores the escalation, so it sees current staff.
    recipients: Callable[[], Iterable[Recipient]]
    link_url: str = ""
    # Whoever cannot view this object (organisation.access.can) is not told: a notification
    # never tells anyone about a record they may not see.
    link_object: models.Model | None = None
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sweep:
    name: str
    query: Callable[[date], Iterable[models.Model]]
    rule: Callable[[models.Model, date], Due | None]


@dataclass
class SweepResult:
    sweep: str
    created: int = 0  # escalations stored (and notifications written) by this run
    already: int = 0  # due, but stored before (an earlier run, or another worker)
    nobody: int = 0  # due, but no one may be told
    failed: int = 0  # logged with the object's id; tried again on the next run

    def as_dict(self) -> dict:
        return asdict(self)


SWEEPS: dict[str, Sweep] = {}


def register(sweep: Sweep) -> Sweep:
    if SWEEPS.get(sweep.name, sweep) is not sweep:
        raise ValueError(f"Two sweeps are called {sweep.name!r}.")
    SWEEPS[sweep.name] = sweep
    return sweep


# --- windows -----------------------------------------------------------------------------------


def day_key(day: date) -> str:
    return day.isoformat()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# --- running a sweep ---------------------------------------------------------------------------


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _label(obj: models.Model) -> str:
    return f"{obj._meta.label} {obj.pk}"


def run(sweep: Sweep, *, today: date | None = None) -> SweepResult:
    """Run a sweep once. Safe to run twice, and in two workers at once."""
    today = today or timezone.localdate()
    result = SweepResult(sweep.name)
    for objects in _chunks(sweep.query(today), CHUNK):
        dues = []
        for obj in objects:
            try:
                due = sweep.rule(obj, today)
            except Exception:
                result.failed += 1
                logger.exception("sweep %s: the rule failed for %s", sweep.name, _label(obj))
                continue
            if due is not None:
                dues.append(due)
        stored = _stored_keys(dues)
        for due in dues:
            if _key(due) in stored:
                result.already += 1
                continue
            try:
                escalation = escalate(due)
            except Exception:
                result.failed += 1
                logger.exception(
                    "sweep %s: could not escalate %s (%s level %s, window %s)",
                    sweep.name,
                    _label(due.target),
                    due.kind,
                    due.level,
                    due.window_key,
                )
                continue
            if escalation is None:
                result.already += 1
            elif escalation.pk is None:
                result.nobody += 1
            else:
                result.created += 1
    logger.info(
        "sweep %s: %s created, %s already done, %s with no one to tell, %s failed",
        sweep.name,
        result.created,
        result.already,
        result.nobody,
        result.failed,
    )
    return result


def _key(due: Due) -> tuple:
    content_type = ContentType.objects.get_for_model(due.target)
    return (content_type.pk, due.target.pk, due.kind, due.level, due.window_key)


def _stored_keys(dues: list[Due]) -> set[tuple]:
    """The keys already stored, in one query: a rerun skips them without a transaction each.
    Only an optimisation: the unique constraint is what guarantees once."""
    if not dues:
        return set()
    keys = {_key(due) for due in dues}
    stored = Escalation.objects.filter(
        content_type_id__in={key[0] for key in keys},
        object_id__in={key[1] for key in keys},
        kind__in={key[2] for key in keys},
    ).values_list("content_type_id", "object_id", "kind", "level", "window_key")
    return keys & set(stored)


class _NobodyToTell(Exception):
    pass


def escalate(due: Due) -> Escalation | None:
    """Store the escalation and notify its recipients, in one transaction, once.

    Returns the new Escalation; None if it was already stored (by an earlier run or by another
    worker at this very moment: its insert waits for ours to commit or roll back, then finds the
    row); an unsaved Escalation if no one may be told, in which case nothing is stored and the
    next run tries again (someone may have been given the role by then).
    """
    content_type = ContentType.objects.get_for_model(due.target)
    key = {
        "content_type": content_type,
        "object_id": due.target.pk,
        "kind": due.kind,
        "level": due.level,
        "window_key": due.window_key,
    }
    try:
        with transaction.atomic():
            escalation, created = Escalation.objects.get_or_create(
                **key, defaults={"reason": due.reason}
            )
            if not created:
                return None
            recipients = allowed_recipients(due)
            if not recipients:
                raise _NobodyToTell
            notifications.notify(
                recipients=recipients,
                kind=due.kind,
                subject=due.subject,
                template=due.template,
                context=due.context,
                escalation=escalation,
                link_url=due.link_url,
                link_object=due.link_object,
                data=due.data,
            )
    except _NobodyToTell:
        logger.warning(
            "%s level %s for %s (window %s): no one may be told; will try again",
            due.kind,
            due.level,
            _label(due.target),
            due.window_key,
        )
        return Escalation(**key, reason=due.reason)
    return escalation


def allowed_recipients(due: Due) -> list[Recipient]:
    """Active users, once each, who may see what the notification links to."""
    seen: set[int] = set()
    allowed = []
    for user, why in due.recipients():
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if due.link_object is not None and not access.can(user, "view", due.link_object):
            logger.info(
                "%s for %s: user %s may not view it, so is not told",
                due.kind,
                _label(due.link_object),
                user.pk,
            )
            continue
        allowed.append((user, why))
    return allowed
