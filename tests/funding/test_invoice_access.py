"""Who sees which invoice: the member portal, the office, the board; guessed ids give 404."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding import services
from funding.models import Contribution, Invoice
from members.models import Role
from tests.factories import (
    AssociationFactory,
    MembershipFactory,
    PopulationFigureFactory,
    RoleFactory,
    UserFactory,
)
from tests.world import POPULATION_DATE, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_association(sofint, sofint_office):
    """Another förbund that Försäkringskassan and the region also belong to, with issued invoices."""
    other = AssociationFactory(
        name="Samordningsförbundet Väster",
        slug="vaster",
        bankgiro="1234566",
        postal_code="701 00",
        city="Örebro",
    )
    for name in ["Försäkringskassan", "Region Örebro län"]:
        MembershipFactory(
            association=other, organisation=organisation(sofint, name), buyer_reference="Väster"
        )
    kommun = MembershipFactory(
        association=other, buyer_reference="Väster", organisation__postal_code="1", organisation__city="X"
    ).organisation
    PopulationFigureFactory(organisation=kommun, reference_date=POPULATION_DATE)
    RoleFactory(user=sofint_office, kind=Role.Kind.OFFICE, association=other)
    contribution = services.save_contribution(
        contribution=Contribution(
            association=other, year=2026, state_amount=Decimal(500_000), population_date=POPULATION_DATE
        )
    )
    drafts = services.create_invoice_drafts(contribution=contribution)
    services.issue_invoices(invoices=drafts, issued_by=sofint_office, issue_date=datetime.date(2026, 1, 20))
    return other


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


@pytest.fixture
def nora_representative(sofint):
    user = UserFactory()
    RoleFactory(
        user=user,
        kind=Role.Kind.REPRESENTATIVE,
        association=None,
        organisation=organisation(sofint, "Nora kommun"),
    )
    return user


def test_a_representative_sees_their_organisations_invoices_in_every_association(
    client, issued_q1, second_association, fk_representative
):
    client.force_login(fk_representative)
    page = client.get(reverse("funding:portal"))
    listed = list(page.context["page"])
    assert {invoice.association.slug for invoice in listed} == {"sofint", "vaster"}
    assert {invoice.organisation.name for invoice in listed} == {"Försäkringskassan"}
    assert "Nora kommun" not in page.content.decode()


def test_a_representative_downloads_own_pdf_and_xml(client, issued_q1, fk_representative):
    client.force_login(fk_representative)
    own = next(i for i in issued_q1 if i.organisation.name == "Försäkringskassan")
    pdf = client.get(reverse("funding:portal_document", args=[own.pk, "pdf"]))
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )
    assert 'filename="faktura-1001.pdf"' in pdf["Content-Disposition"]
    xml = client.get(reverse("funding:portal_document", args=[own.pk, "xml"]))
    assert xml.status_code == 200 and b"<cbc:ID>1001</cbc:ID>" in xml.content


def test_a_guessed_id_of_another_organisations_invoice_is_404(client, issued_q1, nora_representative):
    client.force_login(nora_representative)
    others = [i for i in issued_q1 if i.organisation.name != "Nora kommun"]
    for invoice in others:
        for url in [
            reverse("funding:portal_invoice", args=[invoice.pk]),
            reverse("funding:portal_document", args=[invoice.pk, "pdf"]),
            reverse("funding:portal_document", args=[invoice.pk, "xml"]),
            reverse("funding:invoice_detail", args=["sofint", invoice.pk]),
            reverse("funding:invoice_document", args=["sofint", invoice.pk, "pdf"]),
        ]:
            assert client.get(url).status_code == 404, url


def test_drafts_are_not_shown_to_representatives(client, contribution_2026, nora_representative):
    draft = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    nora = next(d for d in draft if d.organisation.name == "Nora kommun")
    client.force_login(nora_representative)
    assert client.get(reverse("funding:portal_invoice", args=[nora.pk])).status_code == 404
    assert list(client.get(reverse("funding:portal")).context["page"]) == []


def test_office_of_another_association_gets_404_on_invoices_and_contributions(
    client, issued_q1, contribution_2026, outsider
):
    client.force_login(outsider)
    invoice = issued_q1[0]
    for url in [
        reverse("funding:invoice_list", args=["sofint"]),
        reverse("funding:invoice_detail", args=["sofint", invoice.pk]),
        reverse("funding:invoice_document", args=["sofint", invoice.pk, "pdf"]),
        reverse("funding:contribution_detail", args=["sofint", contribution_2026.pk]),
        reverse("funding:year_workbook", args=["sofint", 2026]),
        reverse("funding:portal"),
    ]:
        assert client.get(url).status_code == 404, url
    # Their own slug with a guessed id of ours is a 404 too.
    own_slug = outsider.roles.get().association.slug
    assert client.get(reverse("funding:invoice_detail", args=[own_slug, invoice.pk])).status_code == 404
    assert (
        client.get(reverse("funding:contribution_detail", args=[own_slug, contribution_2026.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("funding:invoice_credit", args=[own_slug, invoice.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    invoice.refresh_from_db()
    assert invoice.status == "issued"


def test_board_and_auditor_read_invoices_but_cannot_act(client, issued_q1, sofint):
    for kind in (Role.Kind.BOARD, Role.Kind.AUDITOR):
        user = RoleFactory(kind=kind, association=sofint).user
        client.force_login(user)
        invoice = issued_q1[0]
        assert client.get(reverse("funding:invoice_detail", args=["sofint", invoice.pk])).status_code == 200
        assert (
            client.get(reverse("funding:invoice_document", args=["sofint", invoice.pk, "pdf"])).status_code
            == 200
        )
        response = client.post(
            reverse("funding:invoice_paid", args=["sofint", invoice.pk]), {"paid_on": "2026-02-01"}
        )
        assert response.status_code == 404
        assert client.get(reverse("funding:contribution_create", args=["sofint"])).status_code == 404
    assert Invoice.objects.filter(status="paid").count() == 0


def test_the_portal_is_only_for_representatives(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    assert client.get(reverse("funding:portal")).status_code == 404


def test_invoice_and_portal_lists_query_a_fixed_number_of_times(
    client, contribution_2026, sofint_office, fk_representative, django_assert_max_num_queries
):
    drafts = services.create_invoice_drafts(contribution=contribution_2026)
    services.issue_invoices(invoices=drafts, issued_by=sofint_office, issue_date=datetime.date(2026, 1, 15))
    client.force_login(sofint_office)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("funding:invoice_list", args=["sofint"]), {"year": 2026}).status_code == 200
    with django_assert_max_num_queries(15):
        assert (
            client.get(
                reverse("funding:contribution_detail", args=["sofint", contribution_2026.pk])
            ).status_code
            == 200
        )
    client.force_login(fk_representative)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("funding:portal")).status_code == 200
