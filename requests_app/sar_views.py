"""The search record page of a subject access request: lines of systems and records searched
and not searched, each with its reason, added a line at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from organisation import access
from requests_app import sar
from requests_app.access import get_case_for_user
from requests_app.sar_forms import SearchLineFormSet, SearchVersionForm
from workflow.engine import ActionRefused, refusal_reason

ACTION = "record_search"
MAX_LINES = 60


def _initial(case) -> list[dict]:
    rows = [
        {"searched": "yes" if row.searched else "no", "place": row.place, "reason": row.reason}
        for row in case.sar_searches.all()
    ]
    return rows or [{"searched": "yes"}]


@login_required
def case_search_record(request, pk):
    case = get_case_for_user(request.user, pk)
    if not access.can(request.user, ACTION, case):
        raise PermissionDenied("You do not have permission to record the search on this case.")
    context = {"case": case, "record": case}
    reason = refusal_reason(request.user, case, ACTION)
    if reason:
        return render(
            request, "requests_app/search_record.html", {**context, "reason": reason}, status=409
        )
    if request.method == "POST" and "add_line" in request.POST:
        # "Add another line": the lines as typed, one more, nothing saved yet.
        lines = [*_rows(request.POST), {"searched": "no"}][:MAX_LINES]
        return render(
            request,
            "requests_app/search_record.html",
            {
                **context,
                "formset": SearchLineFormSet(initial=lines, prefix="rows"),
                "version_form": SearchVersionForm(initial={"version": _version(request.POST)}),
            },
        )
    if request.method == "POST":
        formset = SearchLineFormSet(request.POST, prefix="rows")
        version = SearchVersionForm(request.POST)
        if formset.is_valid() and version.is_valid():
            try:
                sar.case_search_record(
                    case_id=case.pk,
                    user=request.user,
                    rows=[form.cleaned_data for form in formset.forms if form.cleaned_data],
                    expected_version=version.cleaned_data["version"],
                )
            except ActionRefused as refused:
                context["refused"] = str(refused)
            else:
                messages.success(request, "Search record saved.")
                return redirect("requests:case", pk=case.pk)
    else:
        formset = SearchLineFormSet(initial=_initial(case), prefix="rows")
        version = SearchVersionForm(initial={"version": case.version})
    return render(
        request,
        "requests_app/search_record.html",
        {**context, "formset": formset, "version_form": version},
    )


def _version(data) -> int | None:
    value = data.get("version", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def _rows(data) -> list[dict]:
    total = data.get("rows-TOTAL_FORMS", "")
    total = int(total) if total.isascii() and total.isdigit() and len(total) < 4 else 0
    return [
        {
            "searched": "yes" if data.get(f"rows-{i}-searched") == "yes" else "no",
            "place": data.get(f"rows-{i}-place", "")[:200],
            "reason": data.get(f"rows-{i}-reason", "")[:5000],
        }
        for i in range(min(total, MAX_LINES))
    ]
