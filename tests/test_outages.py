"""A database outage answers with a Swedish 503 page and Retry-After, the load balancer's /healthz
says whether the database answers, and 404 and 500 are Swedish pages."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from finsam import outages
from members.models import User
from tests.documents import page_text

pytestmark = pytest.mark.django_db


def database_down(error=OperationalError):
    return mock.patch.object(connection, "ensure_connection", side_effect=error("connection refused"))


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_outage_shows_the_swedish_503_page_with_retry_after(office_user, error, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(office_user)
    with database_down(error):
        response = client.get(reverse("home"))
    assert "connection refused" in caplog.text  # the operator sees the outage in the log
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Finsam är tillfälligt otillgängligt" in page_text(response)
    assert "Server Error" not in response.content.decode()


def test_an_outage_met_outside_a_view_also_gets_the_503_page():
    with database_down():
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError:
            response = outages.server_error(RequestFactory().get("/"))
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_the_500_page_is_swedish_and_needs_no_database():
    with database_down():
        try:
            raise ValueError("a bug")
        except ValueError:
            response = outages.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Något gick fel" in page_text(response)


def test_healthz_answers_ok_without_login_session_or_writes(django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(1):
        response = client.get("/healthz", secure=False)
    assert (response.status_code, response.content) == (200, b"ok")
    assert "sessionid" not in response.cookies
    assert not User.objects.exists()


def test_healthz_answers_503_when_the_database_does_not(settings):
    settings.SECURE_SSL_REDIRECT = True
    with database_down():
        response = Client().get("/healthz")
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_healthz_is_not_redirected_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/healthz").status_code == 200
    assert Client().get(reverse("login")).status_code == 301


def test_an_unknown_address_gets_the_swedish_404_page(client, office_user, settings):
    settings.DEBUG = False
    client.force_login(office_user)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in page_text(response)


def test_an_outage_inside_a_view_is_answered_by_the_middleware_and_logged(caplog):
    middleware = outages.DatabaseOutageMiddleware(lambda request: None)
    request = RequestFactory().get("/forbund/norr/")
    response = middleware.process_exception(request, OperationalError("the database system is starting up"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Database unavailable: GET /forbund/norr/" in caplog.text
    assert middleware.process_exception(request, ValueError("a bug")) is None
