"""Thin views: load through the access helper, call one service, render or redirect."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from organisation import access
from organisation.access import IG_ROLES, role_required
from organisation.filter_tags import selected_filters
from organisation.models import Role, ServiceArea
from requests_app import clock, selectors, services
from requests_app.access import cases_visible_to, get_case_for_user
from requests_app.bulk import BULK_ACTIONS
from requests_app.checks import approval_status
from requests_app.complaint_workflow import complaints_visible_to
from requests_app.forms import LogRequestForm
from requests_app.models import Assignment, Case, Correspondence, Document, Regime, Status
from workflow.engine import ActionRefused, available_actions
from workflow.history import readable_history
from workflow.views import action_page


def _render_list(request, case_list, **extra):
    """The queue, the inbox and the authorisation list share one template."""
    # Evaluated once here: the filter's options and its "selected" tag both read the areas.
    extra["areas"] = list(extra.get("areas", []))
    context = {
        "cases": case_list.page_obj,
        "list": case_list,
        "regimes": Regime.choices,
        "statuses": Status.choices,
        "flags": selectors.FLAGS.items(),
        "today": timezone.localdate(),
        "selected_filters": selected_filters(request.GET, _chosen(case_list.filters, extra)),
        "clear_url": f"?tab={request.GET['tab']}" if request.GET.get("tab") else "?",
        **extra,
    }
    return render(request, "requests_app/queue.html", context)


def _chosen(filters: dict, extra: dict) -> list[tuple[str, str, str]]:
    """The filters in use, as the words the panel shows them in."""
    areas = {area.pk: area.name for area in extra["areas"]}
    chosen = [
        ("q", "Search", f"“{filters['q']}”" if filters["q"] else ""),
        ("regime", "Regime", dict(Regime.choices).get(filters["regime"], "")),
        ("status", "Status", dict(Status.choices).get(filters["status"], "")),
        ("area", "Service area", areas.get(filters["area"], "")),
        ("flag", "Flag", selectors.FLAGS.get(filters["flag"], "")),
    ]
    for name, heading in (("due_from", "Due from"), ("due_to", "Due to")):
        parts = filters.get(f"{name}_parts")
        text = date_format(dt.date(parts[2], parts[1], parts[0]), "j M Y") if parts else ""
        chosen.append((name, heading, text))
    return [(name, heading, str(text)) for name, heading, text in chosen if text]


@role_required(IG_ROLES)
def queue(request):
    case_list = selectors.case_page(request.user, request.GET, tabs=True)
    return _render_list(
        request,
        case_list,
        page_title="Request queue",
        areas=ServiceArea.objects.select_related("directorate"),
        show_tabs=True,
        bulk_actions=BULK_ACTIONS.items(),
    )


@role_required(Role.SERVICE_OFFICER)
def inbox(request):
    # "To do": cases where one of my areas still owes an answer; "all": everything I can see.
    tab = "all" if request.GET.get("tab") == "all" else "open"
    base = None
    if tab == "open":
        base = Case.objects.filter(
            Exists(
                Assignment.objects.filter(
                    case=OuterRef("pk"),
                    state=Assignment.State.OPEN,
                    service_area_id__in=access.service_area_ids(request.user),
                )
            )
        )
    case_list = selectors.case_page(request.user, request.GET, base=base)
    return _render_list(
        request,
        case_list,
        page_title="My service areas' cases",
        areas=request.user.service_areas.all(),
        inbox_tabs=True,
        show_targets=True,
        tab=tab,
    )


@role_required(Role.DIRECTOR)
def authorisations(request):
    base = Case.objects.filter(status=Status.AWAITING_AUTHORISATION)
    case_list = selectors.case_page(request.user, request.GET, base=base)
    return _render_list(
        request,
        case_list,
        page_title="Authorisations",
        # The areas of the director's own directorate: the cases they may see (access.py).
        areas=ServiceArea.objects.filter(directorate_id=request.user.directorate_id).order_by(
            "name"
        ),
        empty_message="No releases are waiting for your authorisation.",
    )


@role_required(IG_ROLES)
def case_new(request):
    form = LogRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_log(
                user=request.user,
                requester={
                    "name": data["name"],
                    "email": data["email"],
                    "address": data["address"],
                    "requester_type": data["requester_type"],
                    **({"language": data["language"]} if data.get("language") else {}),
                },
                channel=data["channel"],
                received_at=data["received_at"],
                title=data["title"],
                request_text=data["request_text"],
                regime=data["regime"],
                flags=data["flags"],
            )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Request logged as {case.reference}.")
            return redirect("requests:case", pk=case.pk)
    return render(request, "requests_app/case_new.html", {"form": form})


def _deadline_working(case):
    try:
        deadline = clock.statutory_deadline(case)
    except ValueError as error:  # DeadlineError: shown rather than guessed
        return [str(error)]
    return deadline.explanation if deadline else []


@login_required
@require_http_methods(["GET"])
def case_detail(request, pk):
    case = get_case_for_user(request.user, pk)
    actions = available_actions(request.user, case)
    requester_cases = (
        cases_visible_to(request.user)
        .filter(requester=case.requester)
        .exclude(pk=case.pk)
        .order_by("-received_at")[:10]
    )
    context = {
        "case": case,
        "approvals": approval_status(case),
        "primary_actions": [a for a in actions if not a.secondary],
        "secondary_actions": [a for a in actions if a.secondary],
        "working": _deadline_working(case),
        "progress": clock.case_progress(case, timezone.localdate()),
        "assignments": case.assignments.select_related("service_area__directorate"),
        "exemptions": case.exemptions.select_related("exemption", "proposed_by"),
        "documents": case.documents.select_related("findings_accepted_by"),
        "letters": case.correspondence.select_related("release_link").prefetch_related(
            "enclosures__document"
        ),
        "emails": case.emails.all(),
        "can_add_email": access.is_ig(request.user),
        "events": case.events.select_related("actor")[:100],
        "time_entries": case.time_entries.select_related("service_area", "recorded_by"),
        "reviews": case.reviews.all(),
        "complaints": case.ico_complaints.all(),
        "dp_complaints": complaints_visible_to(request.user).filter(related_case=case),
        "requester_cases": requester_cases,
        "hourly_rate": settings.HOURLY_RATE,
        "appropriate_limit": settings.APPROPRIATE_LIMIT,
    }
    minutes = sum(t.minutes for t in context["time_entries"])
    context["time_hours"] = round(minutes / 60, 1)
    context["time_cost"] = round(minutes * settings.HOURLY_RATE / 60, 2)
    return render(request, "requests_app/case_detail.html", context)


@login_required
def case_history(request, pk):
    case = get_case_for_user(request.user, pk)
    return render(
        request,
        "requests_app/case_history.html",
        {"case": case, "entries": readable_history(case)},
    )


@login_required
def case_action(request, pk, action):
    return action_page(request, get_case_for_user(request.user, pk), action)


def _private_file(file_field, filename: str, content_type: str):
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_download(request, pk, document_id):
    case = get_case_for_user(request.user, pk)
    document = get_object_or_404(Document, pk=document_id, case=case)
    return _private_file(document.file, document.original_name, document.content_type)


@login_required
def letter_download(request, pk, letter_id):
    case = get_case_for_user(request.user, pk)
    letter = get_object_or_404(Correspondence, pk=letter_id, case=case)
    if not letter.pdf:
        raise Http404("This letter has no PDF.")
    return _private_file(letter.pdf, f"{case.reference}-{letter.kind}.pdf", "application/pdf")
