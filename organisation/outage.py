"""A database outage is shown as "service unavailable" (503), not as a server error (500).

When PostgreSQL (or the demo's SQLite file) cannot be reached, every page fails the same way and
nothing the visitor did is at fault: a 503 with Retry-After tells people and load balancers to
come back, and keeps outages apart from real bugs in the error logs. The page is rendered from a
standalone template with no request context, because the context processors and the session
would need the very database that is down.

Two entry points, because Django reports exceptions in two places: `DatabaseOutageMiddleware`
sees the exceptions raised by views (in every mode, DEBUG included) and `server_error`, the
project's handler500, sees those raised by middleware such as the session saving its data.
"""

import logging
import sys

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def is_database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def unavailable_response() -> HttpResponse:
    body = loader.get_template("503.html").render({"COUNCIL_NAME": settings.COUNCIL_NAME})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_outage = True
    return response


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that the 503 page of a database outage does not try to save a session
    that could not even be loaded (which would turn the 503 into a server error)."""

    def process_response(self, request, response):
        if getattr(response, "database_outage", False):
            return response
        return super().process_response(request, response)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return unavailable_response()


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Django's default handler500, except that a database outage gets the 503 page."""
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return unavailable_response()
    return HttpResponseServerError(loader.get_template(template_name).render())
