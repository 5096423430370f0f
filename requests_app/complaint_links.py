"""Linking a complaint to the SAR, breach or other case it concerns: search among the records
the user may see, pick one (never type an id), or remove a link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render

from breaches.access import breaches_visible_to
from organisation import access
from requests_app import complaints
from requests_app.access import cases_visible_to
from requests_app.complaint_workflow import get_complaint_for_user
from requests_app.selectors import search_q
from workflow.engine import ActionRefused, refusal_reason

SHOWN = 20


def _int(value: str) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


def _found(user, text: str):
    if not text:
        return [], []
    cases = (
        cases_visible_to(user)
        .filter(search_q(text))
        .select_related("requester")
        .order_by("-received_at", "-pk")[:SHOWN]
    )
    breaches = (
        breaches_visible_to(user)
        .filter(Q(reference__icontains=text) | Q(title__icontains=text))
        .order_by("-reported_at", "-pk")[:SHOWN]
    )
    return list(cases), list(breaches)


@login_required
def complaint_link_page(request, pk):
    complaint = get_complaint_for_user(request.user, pk)
    access.check(request.user, "link", complaint)
    reason = refusal_reason(request.user, complaint, "link")
    # NUL cannot reach PostgreSQL in a query; nothing else needs cleaning for a search.
    text = (request.POST.get("q") or request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    context = {"complaint": complaint, "q": text, "reason": reason}
    if reason:
        return render(request, "requests_app/complaints/link.html", context, status=409)
    if request.method == "POST":
        choice = request.POST.get("target", "")
        kind, _, raw = choice.partition("-")
        remove = raw == "none"
        target_id = None if remove else _int(raw)
        if kind not in ("case", "breach") or (target_id is None and not remove):
            context["error"] = "Choose the case or breach the complaint concerns."
        else:
            try:
                complaints.complaint_link(
                    complaint_id=complaint.pk,
                    user=request.user,
                    kind=kind,
                    target_id=target_id,
                    expected_version=_int(request.POST.get("version", "")),
                )
            except ActionRefused as refused:
                context["error"] = str(refused)
            else:
                messages.success(request, "Link saved.")
                return redirect("requests:complaint", pk=complaint.pk)
    context["cases"], context["breaches"] = _found(request.user, text)
    return render(
        request,
        "requests_app/complaints/link.html",
        context,
        status=400 if context.get("error") else 200,
    )
