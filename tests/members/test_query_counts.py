"""A page's number of SQL queries does not grow with the data."""

import pytest
from django.urls import reverse

from members.models import Role
from tests.factories import (
    BoardSeatFactory,
    BoardTermFactory,
    GroupMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    PopulationFigureFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_association(association):
    for _ in range(60):
        organisation = OrganisationFactory()
        MembershipFactory(association=association, organisation=organisation)
        PopulationFigureFactory(organisation=organisation)
        seat = BoardSeatFactory(association=association, appointed_by=organisation)
        BoardTermFactory(seat=seat)
        GroupMemberFactory(association=association, organisation=organisation)
    return association


@pytest.mark.parametrize(
    "name", ["members:association_detail", "members:membership_list", "members:board", "members:group_list"]
)
def test_association_pages_query_a_fixed_number_of_times(
    client, office_user, big_association, name, django_assert_max_num_queries
):
    client.force_login(office_user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse(name, args=[big_association.slug]))
    assert response.status_code == 200


def test_organisation_list_and_start_page_stay_flat(
    client, office_user, big_association, django_assert_max_num_queries
):
    client.force_login(office_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("members:organisation_list")).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("home")).status_code == 200


def test_list_pages_paginate(client, office_user, big_association):
    client.force_login(office_user)
    page = client.get(reverse("members:membership_list", args=[big_association.slug]))
    assert len(page.context["page"]) == 50
    assert "Sida 1 av 2" in page.content.decode()


def test_a_user_with_many_roles_gets_a_flat_start_page(
    client, big_association, other_association, django_assert_max_num_queries
):
    user = RoleFactory(kind=Role.Kind.OFFICE, association=big_association).user
    RoleFactory(user=user, kind=Role.Kind.BOARD, association=other_association)
    client.force_login(user)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("home")).status_code == 200
