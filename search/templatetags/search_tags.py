from django import template

from search.services import saved_filters_for

register = template.Library()


@register.inclusion_tag("search/_saved_filters.html", takes_context=True)
def saved_filters_panel(context):
    """The signed-in person's own saved queue filters, and a form saving the current one."""
    request = context["request"]
    current = request.GET.copy()
    current.pop("page", None)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "filters": saved_filters_for(request.user),
        "current_query": current.urlencode(),
    }
