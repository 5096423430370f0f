"""Every URL the project answers, with example values for its parameters (for crawls)."""

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver

EXAMPLES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "slug": "x", "str": "x", "path": "1"}
_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _route_to_path(pattern) -> str | None:
    text = str(pattern)
    if hasattr(pattern, "_route"):  # RoutePattern: "requests/<int:pk>/"
        return _ROUTE_PARAM.sub(lambda m: EXAMPLES.get(m["converter"] or "str", "x"), text)
    # RegexPattern (the admin's): keep the simple ones, with each group given a plain value.
    text = text.lstrip("^").rstrip("$").replace("\\Z", "")
    if "|" in text and "(?P" in text:
        # e.g. the admin's app list: choose the first alternative.
        text = re.sub(r"\(\?P<\w+>([^|)]+)[^)]*\)", r"\1", text)
    text = _REGEX_GROUP.sub("1", text)
    if any(c in text for c in "()[]*+?\\"):
        return None
    return text


def all_urls(resolver=None, prefix="/", namespace="") -> list[tuple[str, str]]:
    """(name, path) for every pattern; names are namespace-qualified, '' when unnamed."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        part = _route_to_path(entry.pattern)
        if part is None:
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.extend(all_urls(entry, prefix + part, inner))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            found.append((name, prefix + part))
    return found
