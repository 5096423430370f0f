"""Thin views: the fees notice preview and the fees register. Case actions use the generic
action page through the case's own URLs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fees import letters, register
from fees.checks import current_estimate
from fees.models import FeeNotice
from fees.services import last_day_to_pay, result_for
from organisation.access import IG_ROLES, role_required
from requests_app.access import get_case_for_user
from requests_app.models import Regime


@login_required
def notice_preview(request, pk):
    """The fees notice as it would be issued today, before it is issued."""
    case = get_case_for_user(request.user, pk, "issue_fee_notice")
    estimate = current_estimate(case)
    if estimate is None:
        raise Http404("Estimate the cost first.")
    today = timezone.localdate()
    html = letters.notice_html(
        case, result_for(estimate, case), today, last_day_to_pay(case, today)
    )
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(IG_ROLES)
def fees_register(request):
    if request.GET.get("format") == "csv":
        return register.csv_export(request.GET)
    page_obj, chosen, totals, base_query = register.page(request.GET)
    return render(
        request,
        "fees/register.html",
        {
            "notices": page_obj,
            "page_obj": page_obj,
            "chosen": chosen,
            "totals": totals,
            "base_query": base_query,
            "statuses": FeeNotice.Status.choices,
            "regimes": [(r, Regime(r).label) for r in (Regime.FOI, Regime.EIR, Regime.SAR)],
        },
    )
