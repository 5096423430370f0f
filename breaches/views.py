"""Thin views: load through the access helper, call one service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from breaches import exports, ico_report, selectors, services
from breaches.access import (
    BREACH_TEAM,
    actions_visible_to,
    breaches_visible_to,
    get_action_for_user,
    get_breach_for_user,
    sees_full_record,
)
from breaches.forms import CompleteActionForm, ReportForm
from breaches.models import Cause, RiskLevel, Status
from deadlines import breach_clock
from deadlines.errors import DeadlineError
from organisation import access
from organisation.access import role_required
from requests_app.complaint_workflow import complaints_visible_to
from workflow.engine import ActionRefused, available_actions
from workflow.views import action_page


@login_required
@require_http_methods(["GET", "POST"])
def report(request):
    """Any member of staff reports a suspected breach; below the form, their own reports."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            breach = services.breach_report(user=request.user, **form.report_arguments())
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"Breach reported as {breach.reference}. The Data Protection Officer and the "
                "SIRO have been told.",
            )
            return redirect("breaches:detail", pk=breach.pk)
    mine = (
        breaches_visible_to(request.user)
        .filter(reporter=request.user)
        .order_by("-reported_at", "-id")[:50]
    )
    return render(request, "breaches/report.html", {"form": form, "mine": mine})


@role_required(BREACH_TEAM)
@require_http_methods(["GET"])
def register(request):
    breach_list = selectors.breach_page(request.user, request.GET)
    return render(
        request,
        "breaches/register.html",
        {
            "list": breach_list,
            "breaches": breach_list.page_obj,
            "views": [(key, label) for key, (label, _) in selectors.VIEWS.items()],
            "statuses": Status.choices,
            "risks": [c for c in RiskLevel.choices if c[0]],
            "causes": Cause.choices,
            "ico_options": [(key, label) for key, (label, _) in selectors.ICO.items()],
            "cyber_options": [("yes", "Cyber"), ("no", "Not cyber")],
            "now": timezone.now(),
            "figures": selectors.figures(request.user),
        },
    )


def _clock(breach, now):
    if breach.aware_at is None:
        return None
    try:
        deadline = breach_clock.breach_due(breach.aware_at)
    except DeadlineError as error:
        return {"working": [str(error)]}
    clock = {"due": deadline.due, "working": deadline.explanation}
    if breach.ico_reported_at:
        try:
            timing = breach_clock.report_timing(breach.aware_at, breach.ico_reported_at)
        except DeadlineError as error:  # shown rather than failing the page
            clock["working"].append(str(error))
        else:
            clock.update(working=list(timing.lines), timing=timing)
    elif breach.ico_pending:
        clock["countdown"] = breach_clock.countdown(deadline.due, now)
        clock["overdue"] = breach_clock.time_left(deadline.due, now).total_seconds() <= 0
    return clock


@login_required
@require_http_methods(["GET"])
def detail(request, pk):
    breach = get_breach_for_user(request.user, pk)
    actions = available_actions(request.user, breach)
    context = {
        "breach": breach,
        "primary_actions": [a for a in actions if not a.secondary],
        "secondary_actions": [a for a in actions if a.secondary],
        "full": sees_full_record(request.user, breach),
        # Data-protection complaints about it: IG and the DPO only (none for anyone else).
        "dp_complaints": complaints_visible_to(request.user).filter(related_breach=breach),
    }
    if context["full"]:
        context.update(
            clock=_clock(breach, timezone.now()),
            breach_actions=breach.actions.select_related("owner"),
            updates=breach.ico_updates.all(),
            events=breach.events.select_related("actor")[:200],
        )
    return render(request, "breaches/detail.html", context)


@login_required
def breach_action(request, pk, action):
    return action_page(request, get_breach_for_user(request.user, pk), action)


@login_required
@require_http_methods(["GET"])
def my_actions(request):
    rows = (
        actions_visible_to(request.user)
        .filter(owner=request.user)
        .select_related("breach")
        .order_by("done_at", "due_on", "id")
    )
    return render(
        request, "breaches/my_actions.html", {"rows": rows, "today": timezone.localdate()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    breach_action = get_action_for_user(request.user, pk)
    may_complete = (
        access.can(request.user, "complete", breach_action)
        and not breach_action.is_done
        and breach_action.breach.status != Status.CLOSED
    )
    form = CompleteActionForm(request.POST or None)
    if request.method == "POST":
        if not may_complete:
            raise PermissionDenied("You cannot record this action done.")
        if form.is_valid():
            try:
                services.breach_action_complete(
                    action_id=breach_action.pk, user=request.user, note=form.cleaned_data["note"]
                )
            except ActionRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, "Action recorded as done.")
                return redirect("breaches:action", pk=breach_action.pk)
    return render(
        request,
        "breaches/action_detail.html",
        {
            "row": breach_action,
            "form": form,
            "may_complete": may_complete,
            "sees_breach": access.can(request.user, "view", breach_action.breach),
        },
    )


@login_required
@require_http_methods(["GET"])
def ico_report_pdf(request, pk):
    breach = get_breach_for_user(request.user, pk)
    if not sees_full_record(request.user, breach):
        raise Http404("No such breach.")
    response = HttpResponse(ico_report.render_pdf(breach), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{breach.reference}-ICO-report.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET"])
def individuals_letter_pdf(request, pk):
    breach = get_breach_for_user(request.user, pk)
    if not (sees_full_record(request.user, breach) and breach.individuals_letter):
        raise Http404("No such letter.")
    response = HttpResponse(ico_report.render_letter_pdf(breach), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{breach.reference}-letter.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(BREACH_TEAM)
@require_http_methods(["GET"])
def register_csv(request):
    """The register as CSV, with the register's filters: the same rows the page would list."""
    rows = selectors.breach_rows(request.user, request.GET)
    response = HttpResponse(exports.register_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="breach-register.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
