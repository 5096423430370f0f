"""The filters chosen on a list, shown as removable tags (the MOJ Frontend filter pattern):
each tag links to the same list without that one filter (and back to its first page)."""

from django.http import QueryDict


def selected_filters(params: QueryDict, chosen: list[tuple[str, str, str]]) -> list[dict]:
    """`chosen`: (query name, heading, text shown) for each filter in use, in the panel's order.
    A filter's tag also removes its parts (due_from_day, _month, _year for due_from)."""
    categories: dict[str, list[dict]] = {}
    for name, heading, text in chosen:
        rest = params.copy()
        for key in list(rest.keys()):
            if key in (name, "page") or key.startswith(f"{name}_"):
                rest.pop(key)
        categories.setdefault(heading, []).append({"text": text, "href": f"?{rest.urlencode()}"})
    return [{"heading": heading, "items": items} for heading, items in categories.items()]
