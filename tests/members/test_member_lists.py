"""Organisations, members and groups: search, sort, filters and the Excel export, in scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Membership, PopulationFigure
from tests.factories import (
    GroupMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    PopulationFigureFactory,
)
from tests.listing import exported, listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def populations(association):
    figures = {"Försäkringskassan Test": 1, "Region Test": 300_000, "Norrby kommun": 12_345}
    for name, population in figures.items():
        PopulationFigure.objects.filter(organisation__name=name).update(population=population)
    return figures


def test_the_organisation_list_searches_filters_and_sorts(
    client, office_user, populations, other_association
):
    client.force_login(office_user)
    url = reverse("members:organisation_list")
    assert [o.name for o in listed(client.get(url, {"sok": "norrby"}))] == ["Norrby kommun"]
    assert [o.name for o in listed(client.get(url, {"kind": "region"}))] == ["Region Test"]
    response = client.get(url, {"sortera": "-population"})
    assert [o.name for o in listed(response)] == ["Region Test", "Norrby kommun", "Försäkringskassan Test"]
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_organisation_export_has_the_pages_populations_as_numbers_and_no_other_forbunds(
    client, office_user, populations, other_association
):
    client.force_login(office_user)
    rows = exported(client.get(reverse("members:organisation_list"), {"sortera": "name", "export": "xlsx"}))
    assert rows[0][0] == "Namn"
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Försäkringskassan Test", 1),
        ("Norrby kommun", 12_345),
        ("Region Test", 300_000),
    ]
    assert rows[1][4] == datetime.datetime(2024, 12, 31)
    assert "Söderby kommun" not in {row[0] for row in rows}


def test_the_member_list_filters_former_members_and_exports_them(
    client, office_user, association, populations
):
    Membership.objects.filter(organisation__name="Region Test").update(end_date=datetime.date(2020, 12, 31))
    client.force_login(office_user)
    url = reverse("members:membership_list", args=["norr"])
    assert [m.organisation.name for m, _ in client.get(url, {"state": "ended"}).context["rows"]] == [
        "Region Test"
    ]
    current = client.get(url, {"state": "current", "sortera": "-organisation"}).context["rows"]
    assert [m.organisation.name for m, _ in current] == ["Norrby kommun", "Försäkringskassan Test"]
    rows = exported(client.get(url, {"state": "current", "sortera": "-organisation", "export": "xlsx"}))
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Norrby kommun", 12_345),
        ("Försäkringskassan Test", 1),
    ]
    assert rows[1][4] == datetime.datetime(2005, 7, 1)


def test_another_forbunds_member_list_and_its_export_are_404(client, outsider):
    client.force_login(outsider)
    url = reverse("members:membership_list", args=["norr"])
    assert client.get(url, {"export": "xlsx"}).status_code == 404


def test_the_group_list_searches_filters_sorts_and_exports(
    client, office_user, association, other_association
):
    organisation = association.memberships.first().organisation
    GroupMemberFactory(association=association, organisation=organisation, person_name="Anna Berg")
    GroupMemberFactory(
        association=association, organisation=organisation, person_name="Östen Ek", group="local_cooperation"
    )
    GroupMemberFactory(association=other_association, organisation=organisation, person_name="Syd Person")
    client.force_login(office_user)
    url = reverse("members:group_list", args=["norr"])
    assert [m.person_name for m in listed(client.get(url, {"sok": "berg"}))] == ["Anna Berg"]
    assert [m.person_name for m in listed(client.get(url, {"sortera": "-name"}))] == ["Östen Ek", "Anna Berg"]
    rows = exported(client.get(url, {"sortera": "name", "export": "xlsx"}))
    assert [row[1] for row in rows[1:]] == ["Anna Berg", "Östen Ek"]
    assert rows[1][4] == datetime.datetime(2023, 1, 1)


def test_junk_in_the_member_lists_query_is_ignored(client, office_user, association):
    client.force_login(office_user)
    for url in [reverse("members:organisation_list"), reverse("members:membership_list", args=["norr"])]:
        response = client.get(url, {"kind": "x", "state": "y", "sortera": "';drop", "sok": "\x00"})
        assert response.status_code == 200


def test_searched_and_exported_member_lists_query_as_often_with_twenty_times_the_members(
    client, office_user, association, django_assert_max_num_queries
):
    client.force_login(office_user)
    pages = [
        (reverse("members:organisation_list"), {"sok": "e", "sortera": "-population"}),
        (reverse("members:organisation_list"), {"export": "xlsx"}),
        (reverse("members:membership_list", args=["norr"]), {"state": "current", "sortera": "kind"}),
        (reverse("members:membership_list", args=["norr"]), {"export": "xlsx"}),
        (reverse("members:group_list", args=["norr"]), {"sok": "e", "export": "xlsx"}),
    ]
    counts = []
    for url, query in pages:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url, query).status_code == 200
        counts.append(len(context.captured_queries))
    for _ in range(60):
        organisation = OrganisationFactory()
        MembershipFactory(association=association, organisation=organisation)
        PopulationFigureFactory(organisation=organisation)
        GroupMemberFactory(association=association, organisation=organisation)
    for (url, query), count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url, query).status_code == 200
