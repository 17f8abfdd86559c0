"""A page's number of SQL queries does not grow with the data."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import Invoice
from initiatives.models import Application, Initiative
from members.models import Role
from reporting.models import Report
from tests.factories import (
    AssociationFactory,
    BoardSeatFactory,
    BoardTermFactory,
    GroupMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    PopulationFigureFactory,
    RoleFactory,
    UserFactory,
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


def _busy_association(user):
    """A förbund where the user has every role and something waits in each app."""
    association = AssociationFactory()
    for kind in (Role.Kind.OFFICE, Role.Kind.BOARD, Role.Kind.AUDITOR, Role.Kind.LEAD):
        RoleFactory(user=user, kind=kind, association=association)
    organisation = OrganisationFactory()
    MembershipFactory(association=association, organisation=organisation)
    RoleFactory(user=user, kind=Role.Kind.REPRESENTATIVE, association=None, organisation=organisation)
    for status, due in (("draft", None), ("issued", datetime.date(2020, 1, 31))):
        Invoice.objects.create(
            association=association,
            organisation=organisation,
            status=status,
            number=None if status == "draft" else 1001,
            due_date=due,
            issue_date=due and datetime.date(2020, 1, 1),
            amount=Decimal(1000),
            period_start=datetime.date(2020, 1, 1),
            period_end=datetime.date(2020, 3, 31),
            period_label="Q1",
        )
    Report.objects.create(association=association, kind="annual", period_end=datetime.date(2020, 12, 31))
    Report.objects.create(
        association=association, kind="interim", period_end=datetime.date(2021, 8, 31), status="shared"
    )
    initiative = Initiative.objects.create(
        association=association,
        code="insats",
        name="Insats",
        kind="individual",
        owner=organisation,
        start_date=datetime.date(2020, 1, 1),
    )
    initiative.leads.add(user)
    Application.objects.create(initiative=initiative, first_year=2030, last_year=2031, status="submitted")
    Application.objects.create(initiative=initiative, first_year=2032, last_year=2033)


@pytest.mark.parametrize("associations", [2, 8])
def test_the_start_page_of_a_user_in_many_forbund_summarises_in_fixed_queries(
    client, db, associations, django_assert_max_num_queries
):
    user = UserFactory()
    for _ in range(associations):
        _busy_association(user)
    client.force_login(user)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("home"))
    sections = response.context["sections"]
    assert len(sections) == 2 * associations  # a förbund and a represented organisation each
    # Something waits in every app of every förbund: drafts, overdue, ledger, report, lead, application.
    assert all(len(section.todos) >= 6 for section in sections if section.association)
