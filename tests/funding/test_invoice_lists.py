"""The invoice lists: search, sort, filters and the Excel export, in the user's scope."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding import services
from funding.models import Contribution
from members.models import Role
from tests.factories import AssociationFactory, MembershipFactory, RoleFactory, UserFactory
from tests.listing import exported, listed
from tests.world import organisation

pytestmark = pytest.mark.django_db


def invoice_list(client, **query):
    return client.get(reverse("funding:invoice_list", args=["sofint"]), {"year": "2026", **query})


def test_search_narrows_the_invoices_to_the_member_and_the_totals_follow(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    response = invoice_list(client, sok="nora")
    assert {invoice.organisation.name for invoice in listed(response)} == {"Nora kommun"}
    nora = next(invoice for invoice in issued_q1 if invoice.organisation.name == "Nora kommun")
    assert response.context["totals"].issued == nora.amount


def test_a_number_searched_for_finds_its_invoice(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    number = issued_q1[2].number
    assert [invoice.number for invoice in listed(invoice_list(client, sok=number))] == [number]


def test_sorting_by_amount_orders_the_rows_both_ways_and_says_so(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    ascending = [invoice.amount for invoice in listed(invoice_list(client, sortera="amount"))]
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    response = invoice_list(client, sortera="-amount")
    assert [invoice.amount for invoice in listed(response)] == sorted(ascending, reverse=True)
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_sort_and_search_are_kept_in_the_pagination_and_export_links(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    response = invoice_list(client, sortera="-amount", sok="kommun")
    assert response.context["query_suffix"] == "&sok=kommun&year=2026&sortera=-amount"
    assert "?sok=kommun&amp;year=2026&amp;sortera=-amount&amp;export=xlsx" in response.content.decode()


def test_a_status_filter_applies(client, issued_q1, sofint_office):
    services.register_payment(invoice=issued_q1[0], paid_on=datetime.date(2026, 2, 1))
    client.force_login(sofint_office)
    assert [invoice.pk for invoice in listed(invoice_list(client, status="paid"))] == [issued_q1[0].pk]


def test_junk_in_the_query_is_ignored_with_a_message_not_an_error(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    response = invoice_list(client, sortera="password", status="nonsense", sok="x" * 500)
    assert response.status_code == 200
    assert len(listed(response)) == len(issued_q1)
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_the_export_holds_the_pages_rows_with_real_numbers_and_dates(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    page = listed(invoice_list(client, sortera="-amount"))
    rows = exported(invoice_list(client, sortera="-amount", export="xlsx"))
    assert rows[0] == (
        "Fakturanummer",
        "Medlem",
        "Period",
        "Fakturadatum",
        "Förfallodatum",
        "Status",
        "Belopp",
    )
    assert [row[1] for row in rows[1:]] == [invoice.organisation.name for invoice in page]
    amounts = [row[6] for row in rows[1:]]
    assert all(isinstance(amount, (int, float)) for amount in amounts)
    assert [Decimal(str(amount)) for amount in amounts] == [invoice.signed_amount for invoice in page]
    assert rows[1][3] == datetime.datetime(2026, 1, 15)


def test_the_export_follows_the_search(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    rows = exported(invoice_list(client, sok="nora", export="xlsx"))
    assert [row[1] for row in rows[1:]] == ["Nora kommun"]


@pytest.fixture
def other_forbund_invoices(sofint):
    """Another förbund's invoices, to the same organisations, that the sofint office does not see."""
    other = AssociationFactory(
        slug="vaster", name="Samordningsförbundet Väster", bankgiro="1234566", invoice_period="quarter"
    )
    for name in ["Försäkringskassan", "Region Örebro län", "Nora kommun"]:
        MembershipFactory(
            association=other,
            organisation=organisation(sofint, name),
            buyer_reference="V",
            agreed_share_percent=Decimal(100) if name == "Nora kommun" else None,
        )
    office = UserFactory()
    RoleFactory(user=office, kind=Role.Kind.OFFICE, association=other)
    contribution = services.save_contribution(
        contribution=Contribution(
            association=other, year=2026, state_amount=Decimal(500_000), split_method="agreed"
        )
    )
    drafts = services.create_invoice_drafts(contribution=contribution, period_code="Q1")
    return services.issue_invoices(invoices=drafts, issued_by=office, issue_date=datetime.date(2026, 1, 20))


def test_the_export_never_holds_another_forbunds_invoices(
    client, issued_q1, other_forbund_invoices, sofint_office
):
    client.force_login(sofint_office)
    rows = exported(invoice_list(client, export="xlsx"))
    numbers = {row[0] for row in rows[1:]}
    assert len(rows) - 1 == len(issued_q1)
    assert numbers == {f"Faktura {invoice.number}" for invoice in issued_q1}
    # The numbers overlap (each förbund has its own series); the amounts tell them apart.
    assert sorted(Decimal(str(row[6])) for row in rows[1:]) == sorted(invoice.amount for invoice in issued_q1)
    assert {Decimal(str(row[6])) for row in rows[1:]}.isdisjoint(
        invoice.amount for invoice in other_forbund_invoices
    )


def test_the_overdue_list_searches_sorts_and_exports(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    url = reverse("funding:overdue_list", args=["sofint"])
    overdue = listed(client.get(url, {"sortera": "-amount"}))
    assert len(overdue) == len(issued_q1)  # due in February 2026, before today
    assert [invoice.amount for invoice in overdue] == sorted((i.amount for i in issued_q1), reverse=True)
    assert [invoice.organisation.name for invoice in listed(client.get(url, {"sok": "lindesberg"}))] == [
        "Lindesbergs kommun"
    ]
    rows = exported(client.get(url, {"sortera": "-amount", "export": "xlsx"}))
    assert [Decimal(str(row[6])) for row in rows[1:]] == [invoice.amount for invoice in overdue]


@pytest.fixture
def fk_representative(sofint):
    user = UserFactory()
    RoleFactory(
        user=user,
        kind=Role.Kind.REPRESENTATIVE,
        association=None,
        organisation=organisation(sofint, "Försäkringskassan"),
    )
    return user


def test_the_portal_filters_by_association_year_and_status(
    client, issued_q1, other_forbund_invoices, fk_representative
):
    client.force_login(fk_representative)
    url = reverse("funding:portal")
    assert {invoice.association.slug for invoice in listed(client.get(url))} == {"sofint", "vaster"}
    assert {invoice.association.slug for invoice in listed(client.get(url, {"association": "vaster"}))} == {
        "vaster"
    }
    assert listed(client.get(url, {"year": "2025"})) == []
    assert listed(client.get(url, {"status": "paid"})) == []
    assert len(listed(client.get(url, {"status": "issued", "year": "2026"}))) == 2


def test_the_portal_ignores_an_association_the_member_does_not_belong_to(
    client, issued_q1, fk_representative
):
    AssociationFactory(slug="hemlig", name="Hemliga förbundet")
    client.force_login(fk_representative)
    response = client.get(reverse("funding:portal"), {"association": "hemlig", "year": "abc"})
    assert response.status_code == 200
    assert "Hemliga förbundet" not in response.content.decode()
    assert len(listed(response)) == 1


def test_the_portal_export_holds_only_the_members_own_invoices(
    client, issued_q1, other_forbund_invoices, fk_representative
):
    client.force_login(fk_representative)
    rows = exported(client.get(reverse("funding:portal"), {"export": "xlsx"}))
    assert sorted(row[1] for row in rows[1:]) == [
        "Samordningsförbundet Väster",
        "Samordningsförbundet i norra Örebro län",
    ]
    own = [i for i in [*issued_q1, *other_forbund_invoices] if i.organisation.name == "Försäkringskassan"]
    assert sorted(Decimal(str(row[6])) for row in rows[1:]) == sorted(i.amount for i in own)


def _queries(client, url, query):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, query).status_code == 200
    return len(context.captured_queries)


def test_searched_sorted_and_exported_lists_query_as_often_with_four_times_the_invoices(
    client, contribution_2026, issued_q1, sofint_office, fk_representative, django_assert_max_num_queries
):
    pages = [
        (
            sofint_office,
            reverse("funding:invoice_list", args=["sofint"]),
            {"year": "2026", "sok": "a", "sortera": "-due"},
        ),
        (sofint_office, reverse("funding:invoice_list", args=["sofint"]), {"year": "2026", "export": "xlsx"}),
        (
            sofint_office,
            reverse("funding:overdue_list", args=["sofint"]),
            {"sortera": "member", "export": "xlsx"},
        ),
        (fk_representative, reverse("funding:portal"), {"year": "2026", "sortera": "amount"}),
        (fk_representative, reverse("funding:portal"), {"export": "xlsx"}),
    ]
    counts = []
    for user, url, query in pages:
        client.force_login(user)
        counts.append(_queries(client, url, query))
    for period in ["Q2", "Q3", "Q4"]:
        drafts = services.create_invoice_drafts(contribution=contribution_2026, period_code=period)
        services.issue_invoices(
            invoices=drafts, issued_by=sofint_office, issue_date=datetime.date(2026, 1, 15)
        )
    for (user, url, query), count in zip(pages, counts, strict=True):
        client.force_login(user)
        with django_assert_max_num_queries(count):
            assert client.get(url, query).status_code == 200
