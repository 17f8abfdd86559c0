"""The access log's list: filter, search, sort and an export behind the same second factor."""

import pytest
from django.urls import reverse

from participants.models import AccessLog
from participants.services import log_access
from tests.listing import exported, listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(association, other_association, office_user):
    log_access(
        user=office_user,
        association=association,
        action="view",
        what="Registret",
        rows=10,
        address="10.0.0.1",
    )
    log_access(
        user=office_user, association=association, action="export", what="Export av registret", rows=12
    )
    log_access(user=None, association=other_association, action="view", what="Sydliga raden", rows=3)


def test_the_access_log_filters_searches_sorts_and_exports(client, entries, office_user, verified_login):
    verified_login(office_user)
    url = reverse("participants:access_log", args=["norr"])
    assert [e.what for e in listed(client.get(url, {"action": "export"}))] == ["Export av registret"]
    assert [e.what for e in listed(client.get(url, {"sok": "10.0.0"}))] == ["Registret"]
    assert [e.rows for e in listed(client.get(url, {"sortera": "-rows"}))] == [12, 10]
    response = client.get(url, {"sortera": "rows", "export": "xlsx"})
    assert "no-store" in response["Cache-Control"]
    rows = exported(response)
    assert [(row[3], row[5]) for row in rows[1:]] == [("Registret", 10), ("Export av registret", 12)]
    assert "Sydliga raden" not in {row[3] for row in rows}
    assert client.get(url, {"action": "drop", "sortera": "hash"}).status_code == 200


def test_the_access_log_export_needs_the_second_factor(client, entries, office_user):
    client.force_login(office_user)
    response = client.get(reverse("participants:access_log", args=["norr"]), {"export": "xlsx"})
    assert response.status_code in (302, 403)
    assert AccessLog.objects.count() == 3
