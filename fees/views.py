"""Thin views: the fees notice preview and the fees register. Case actions use the generic
action page through the case's own URLs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone

from deadlines import rules
from fees import letters
from fees.checks import current_estimate
from fees.services import result_for
from requests_app.access import get_case_for_user


@login_required
def notice_preview(request, pk):
    """The fees notice as it would be issued today, before it is issued."""
    case = get_case_for_user(request.user, pk, "issue_fee_notice")
    estimate = current_estimate(case)
    if estimate is None:
        raise Http404("Estimate the cost first.")
    today = timezone.localdate()
    html = letters.notice_html(case, result_for(estimate, case), today, rules.fee_lapse_date(today))
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-store"
    return response
