"""The fees panel on the case page, so requests_app's view needs no knowledge of fees."""

from django import template

from fees.checks import aggregation_of, current_estimate
from fees.services import result_for

register = template.Library()


@register.inclusion_tag("fees/_panel.html")
def fee_panel(case):
    estimate = current_estimate(case)
    member = aggregation_of(case)
    group = []
    if member is not None:
        group = [
            m.case
            for m in member.group.members.select_related("case").order_by("case__received_at")
        ]
    return {
        "case": case,
        "estimate": estimate,
        "result": result_for(estimate, case) if estimate else None,
        "group": group,
        "aggregation": member.group if member else None,
        "notices": list(case.fee_notices.select_related("letter")),
    }
