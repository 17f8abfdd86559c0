"""Pages, reports and exports keep the same number of SQL queries with 100 000 enrolments as with ten."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Goal
from members.models import Role
from tests.factories import RoleFactory
from tests.participants.bulk import bulk_register

pytestmark = pytest.mark.django_db


def pages(association_pk):
    return [
        (reverse("participants:register", args=["norr"]), {}),
        (reverse("participants:register", args=["norr"]), {"year": 2025, "sida": 3}),
        (reverse("participants:statistics", args=["norr"]), {"ar": 2025}),
        (reverse("participants:statistics_document", args=["norr", 2025, "xlsx"]), {}),
        (reverse("participants:statistics_document", args=["norr", 2025, "pdf"]), {}),
        (reverse("participants:statistics_chart", args=["norr", 2025, "shares"]), {}),
        (reverse("participants:national_follow_up", args=["norr", 2025]), {}),
        (reverse("participants:export", args=["norr"]), {}),
        (reverse("participants:access_log", args=["norr"]), {}),
        (reverse("participants:survey_list", args=["norr"]), {}),
        (reverse("participants:comparison"), {"year": 2025, "associations": [association_pk]}),
        (reverse("initiatives:goal_list_year", args=["norr", 2025]), {}),
    ]


def fetch(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_query_counts_do_not_grow_with_the_register(
    client, association, imported, steget, vagen, office_user, django_assert_max_num_queries, verified_login
):
    RoleFactory(user=office_user, kind=Role.Kind.BOARD, association=association)  # also a reader
    for initiative, source in [(None, "self_support"), (steget, "work_or_studies"), (vagen, "survey")]:
        Goal.objects.create(
            association=association, initiative=initiative, year=2025, text=source, source=source
        )
    verified_login(office_user)
    small = {}
    for url, params in pages(association.pk):
        with CaptureQueriesContext(connection) as queries:
            fetch(client, url, params)
        small[url + str(params)] = len(queries)
    assert bulk_register(association, [steget, vagen], 100_000) == 100_000
    for url, params in pages(association.pk):
        with django_assert_max_num_queries(small[url + str(params)]):
            content = fetch(client, url, params)
        if url.endswith("export.csv"):
            assert content.count(b"\r\n") == 100_000 + 10 + 1  # every row, the hand file's, the header
