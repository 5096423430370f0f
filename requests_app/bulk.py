"""Bulk actions on the queue: the same services, refusal rules and history as one at a time.

IG ticks cases in the queue and picks an action; the page asks once for what the action needs
(a reason, a new owner), then applies it to each case through its own service and lists what
was done and what was refused, and why. Nothing is done to a case the user may not see."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from organisation.access import IG_ROLES, role_required
from requests_app.access import cases_visible_to
from requests_app.transitions import CASES
from workflow.engine import ActionRefused

# The actions offered in bulk, with the form that asks once for what they need.
BULK_ACTIONS = {
    "reallocate": "Reallocate",
    "lapse": "Mark as lapsed",
    "withdraw": "Record withdrawal",
    "extend": "Extend the deadline",
}
MAX_SELECTION = 500


def _selected(request, values) -> list:
    ids = []
    for value in values[:MAX_SELECTION]:
        if value.isdigit() and len(value) < 12:
            ids.append(int(value))
    cases = cases_visible_to(request.user).filter(pk__in=ids).order_by("reference")
    return list(cases.only("id", "reference", "title", "status", "version"))


def _form_for(action: str, case, user, data=None):
    """The action's own form, without the version (each case is applied at its current one)."""
    form_class = CASES[action].form
    form = form_class(data, record=case, user=user)
    form.fields.pop("version")
    # A letter sent in bulk (the extension notice) is each case's template letter, unedited.
    form.fields.pop("body", None)
    return form


@role_required(IG_ROLES)
@require_http_methods(["GET", "POST"])
def bulk_action(request):
    source = request.POST if request.method == "POST" else request.GET
    action = source.get("action", "")
    cases = _selected(request, source.getlist("case"))
    back = reverse("requests:queue")
    if action == "export":
        query = "&".join(f"case={c.pk}" for c in cases)
        return redirect(f"{reverse('reports:selection_csv')}?{query}")
    if action not in BULK_ACTIONS or not cases:
        message = "Choose an action." if action not in BULK_ACTIONS else "Tick at least one case."
        return render(
            request,
            "requests_app/bulk_refused.html",
            {"message": message, "back_url": back},
            status=400,
        )
    form = _form_for(action, cases[0], request.user, request.POST if "apply" in source else None)
    if request.method == "POST" and "apply" in source and form.is_valid():
        done, refused = _apply_each(request.user, action, cases, form)
        return render(
            request,
            "requests_app/bulk_result.html",
            {"label": BULK_ACTIONS[action], "done": done, "refused": refused, "back_url": back},
        )
    return render(
        request,
        "requests_app/bulk_form.html",
        {"action": action, "label": BULK_ACTIONS[action], "cases": cases, "form": form},
    )


def _apply_each(user, action, cases, form):
    transition = CASES[action]
    done, refused = [], []
    for case in cases:
        # Each case is checked and applied on its own: its own form, so choices that depend on
        # the case are validated for it, then its own service call and refusal rules.
        own = _form_for(action, case, user, form.data)
        if not own.is_valid():
            refused.append((case, " ".join(e for errs in own.errors.values() for e in errs)))
            continue
        try:
            transition.service(case_id=case.pk, user=user, **own.arguments())
        except ActionRefused as error:
            refused.append((case, str(error)))
        else:
            done.append(case)
    return done, refused
