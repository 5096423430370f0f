"""Input no page can use is refused before any view sees it."""

from django.shortcuts import render


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
