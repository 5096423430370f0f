"""The shape of a transitions table and the registry that record types extend.

A table row says: from these states, this action, by these roles within this scope, passing
these checks, leads to this next state (a state, a function of the record, or no change). The
same row names the form the action page shows and the service it calls, so the interface never
offers what the service would refuse and no adapter code sits between them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

# A check sees the record and the acting user, and returns None when the action may go ahead
# or the reason it may not, in words the user can act on.
Check = Callable[[Any, Any], str | None]
Target = str | Callable[[Any], str | None] | None


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    # The next state: a state, a function of the record choosing one after the change is made
    # (None from it: no change), or None when the action never changes the state.
    target: Target
    roles: frozenset[str]
    # What part of the organisation the user must cover, interpreted by the record type's
    # `in_scope` (e.g. "ig", "area", "directorate").
    scope: str = "all"
    checks: tuple[Check, ...] = ()
    secondary: bool = False  # shown as a secondary button
    # The action page: the form shown and the service it calls, as
    # service(<record_arg>=pk, user=user, expected_version=v, **form.arguments()).
    form: type | None = None
    service: Callable[..., Any] | None = None
    confirm: str = ""  # what the button does, for actions with no fields
    slow: bool = False  # the page shows progress while the request runs (PDFs, uploads)
    files: bool = False
    # False for actions that add to the record's timeline without changing the record itself
    # (an internal note): the version stays, so nobody's open form is made stale by them.
    changes_record: bool = True

    def next_state(self, record) -> str | None:
        return self.target(record) if callable(self.target) else self.target

    def possible_targets(self) -> frozenset[str] | None:
        """Fixed targets only; None when the next state is chosen by a function."""
        if callable(self.target):
            return None
        return frozenset({self.target}) if self.target else frozenset()


@dataclass
class Workflow:
    """One record type's workflow: its model, timeline, scope rule and transitions table."""

    model: type[models.Model]
    noun: str  # "case", "breach": used in messages ("This case was changed by ...")
    event_model: type[models.Model]
    event_field: str  # the event's foreign key to the record
    record_arg: str  # the keyword the services take the record's id by ("case_id")
    detail_url: Callable[[Any], str]
    in_scope: Callable[[Any, Any, str], bool]  # (user, record, scope)
    label: Callable[[Any], str] = str  # how the record is named on the action page
    status_field: str = "status"
    # Called inside apply() after the change and the next state, before the save: derived
    # fields that follow every change (a case's statutory dates).
    before_save: Callable[[Any, Any, Transition], None] | None = None
    transitions: dict[str, Transition] = field(default_factory=dict)
    # Called with the record's id after every committed change (reporting summaries).
    after_commit: list[Callable[[int], None]] = field(default_factory=list)

    def add(self, *transitions: Transition) -> None:
        """Extend the table (another app adding its actions). An action is declared once."""
        for transition in transitions:
            if transition.action in self.transitions:
                raise ValueError(f"{self.noun} action {transition.action!r} is already declared")
            self.transitions[transition.action] = transition

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]


_registry: dict[type[models.Model], Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    if workflow.model in _registry:
        raise ValueError(f"{workflow.model.__name__} already has a workflow")
    _registry[workflow.model] = workflow
    return workflow


def workflow_for(model_or_record) -> Workflow:
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    return _registry[model]


def registered() -> list[Workflow]:
    return list(_registry.values())
