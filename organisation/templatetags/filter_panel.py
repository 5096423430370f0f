"""{% selected_filter_tags %}: the MOJ filter panel's "Selected filters" for a register whose
filters are plain GET values (the case lists compute theirs in requests_app.views)."""

from django import template

from organisation.filter_tags import selected_filters

register = template.Library()


@register.inclusion_tag("includes/selected_filters.html", takes_context=True)
def selected_filter_tags(context, clear_url, *specs):
    """specs: name, heading, options, name, heading, options, ... where options are the
    (value, label) pairs of a select, or "" for a text filter (shown in quotes). A value that
    is not one of the options is not a filter in use (the register ignores it too)."""
    params = context["request"].GET
    chosen = []
    for name, heading, options in zip(specs[0::3], specs[1::3], specs[2::3], strict=True):
        value = params.get(name, "").strip()
        if not value:
            continue
        if options:
            text = {str(v): str(label) for v, label in options}.get(value)
            if text is None:
                continue
        else:
            text = f"“{value}”"
        chosen.append((name, heading, text))
    return {"categories": selected_filters(params, chosen), "clear_url": clear_url}
