"""Telling the case workflow's after-commit listeners (reporting summaries) about changes made
outside `workflow.engine.apply`: a case logged, or statutory dates moved by a calendar change.

Listeners take one case id; one that also has a `many` attribute (a function taking a list of
ids) is given the whole batch at once, which is how a calendar change that moves thousands of
cases stays a few queries per thousand rather than a few per case."""

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from requests_app.models import Case
from workflow.transitions import workflow_for


def cases_changed(case_ids: Iterable[int]) -> None:
    """Call the listeners after the current transaction commits (at once outside one)."""
    ids = sorted(set(case_ids))
    if not ids:
        return
    for listener in workflow_for(Case).after_commit:
        many = getattr(listener, "many", None)
        if many is not None:
            transaction.on_commit(partial(many, ids))
        else:
            for case_id in ids:
                transaction.on_commit(partial(listener, case_id))
