"""What the app answers when the database is down, and what a load balancer asks.

A database that cannot be reached is an outage, not a bug: the user gets a Swedish page saying
so with status 503 and `Retry-After`, instead of "Server Error (500)". The page is rendered with a
plain context (no context processors, no user), so nothing on the way touches the database again.
"""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from finsam.pdf import RenderFailed

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def unavailable() -> HttpResponse:
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """A view that fails because the database is unreachable answers with the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OUTAGE_ERRORS):
            # Answered with a page, so Django does not log it: the operator still needs to know.
            logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=exception)
            return unavailable()
        return None


class RenderFailureMiddleware:
    """A PDF that WeasyPrint could not make answers with a Swedish page saying so (status 500),
    not with the bare server error; finsam.pdf has logged the cause."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RenderFailed):
            return HttpResponseServerError(loader.get_template("document_failed.html").render())
        return None


def server_error(request) -> HttpResponse:
    """handler500: the 503 page for an outage met outside a view (e.g. saving the session),
    otherwise the Swedish 500 page, both without the database or context processors."""
    if isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
        return unavailable()
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_safe
@never_cache
def healthz(request) -> HttpResponse:
    """For the load balancer: 200 "ok" when the database answers, 503 otherwise. No login,
    no session, no writes."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = HttpResponse("database unavailable", status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok", content_type="text/plain")
