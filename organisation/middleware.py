"""Middleware: input no page can use is refused before any view sees it; for signed-in staff,
the second-factor gate and no caching of their pages."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers

from organisation.outage import DATABASE_ERRORS, unavailable_response
from organisation.two_factor import has_confirmed_device, second_factor_satisfied

# Pages a signed-in member of staff may open before the second factor: signing in and out, the
# two-factor pages themselves, and pages that hold no personal data.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "login",
        "logout",
        "admin:logout",
        "two_factor_verify",
        "two_factor_setup",
        "healthz",
        "privacy",
        "accessibility",
        "oidc_authentication_init",
        "oidc_authentication_callback",
    }
)
OPEN_NAMESPACES = frozenset({"public"})


def _url_name(path: str) -> tuple[str, tuple[str, ...]]:
    try:
        match = resolve(path)
    except Resolver404:
        return "", ()
    return match.view_name, tuple(match.namespaces)


class SecondFactorMiddleware:
    """Sends a signed-in member of staff who needs a second factor, and has not given one in
    this session, to give it (or to set one up) before any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            signed_in = request.user.is_authenticated
        except DATABASE_ERRORS:  # the sessions and users are in the database: it is down
            return unavailable_response()
        if signed_in and not second_factor_satisfied(request):
            view_name, namespaces = _url_name(request.path_info)
            if view_name not in OPEN_BEFORE_SECOND_FACTOR and not (
                OPEN_NAMESPACES & set(namespaces)
            ):
                target = (
                    "two_factor_verify"
                    if has_confirmed_device(request.user)
                    else "two_factor_setup"
                )
                response = redirect(target)
                response["Location"] += "?" + urlencode({"next": request.get_full_path()})
                return response
        return self.get_response(request)


class SignedInNoStoreMiddleware:
    """Pages shown to a signed-in member of staff carry personal data: no browser or proxy may
    keep a copy (the back button on a shared computer, a caching proxy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "database_outage", False):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class RejectNulCharactersMiddleware:
    """A NUL character (%00) in the path or the query string is refused with a 400 page.

    PostgreSQL cannot store or compare text containing NUL, so a search box or a filter
    passing one to a query would fail with a server error; no person types one. Form fields
    already refuse NUL with a message of their own (Django's CharField), so posted forms are
    left to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.GET
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in query.getlist(key)) for key in query
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)
