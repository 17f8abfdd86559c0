"""Years in addresses and queries are bounded: text or a year outside 1990–2100 is a 404, never a
server error (the addresses of issue 14)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/forbund/norr/beslut/10000/",
        "/forbund/norr/beslut/0000/",
        "/forbund/norr/uppfoljning-finsam/1989/",
        "/forbund/norr/deltagarstatistik/?ar=1",
        "/forbund/norr/deltagarstatistik/?ar=abc",
        "/forbund/norr/mal/nytt/?ar=abc",
        "/forbund/norr/mal/nytt/?ar=2101",
    ],
)
def test_a_bad_year_is_a_404(client, office_user, url):
    client.force_login(office_user)
    assert client.get(url).status_code == 404


def test_years_in_range_still_work(client, office_user):
    client.force_login(office_user)
    assert client.get("/forbund/norr/beslut/2025/").status_code == 200
    assert client.get("/forbund/norr/mal/nytt/?ar=2026").status_code == 200
    assert reverse("initiatives:decision_register", args=["norr", 2025]) == "/forbund/norr/beslut/2025/"


def test_issuing_with_a_year_that_is_not_a_number_is_a_404(client, office_user):
    client.force_login(office_user)
    response = client.post(
        reverse("funding:invoices_issue", args=["norr"]), {"year": "abc", "issue_date": "2025-01-15"}
    )
    assert response.status_code == 404
