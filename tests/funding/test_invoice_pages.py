"""The office's pages: record the state's decision, see the calculation, issue, credit, mark paid."""

import pytest
from django.urls import reverse

from funding.models import Contribution, Invoice

pytestmark = pytest.mark.django_db


def test_recording_the_states_decision_shows_the_calculation_step_by_step(client, sofint, sofint_office):
    client.force_login(sofint_office)
    response = client.post(
        reverse("funding:contribution_create", args=["sofint"]),
        {
            "year": "2026",
            "kind": "annual",
            "state_amount": "600000",
            "split_method": "agreed",
            "rounding_unit": "1",
        },
        follow=True,
    )
    page = response.content.decode().replace("\xa0", " ")
    assert "Beräkningen steg för steg" in page
    for figure in [
        "600 000 kr",
        "1 200 000 kr",
        "300 000 kr",
        "149 100 kr",
        "49 500 kr",
        "34 800 kr",
        "66 600 kr",
    ]:
        assert figure in page, figure
    assert "De beräknade andelarna summerar exakt till totalen." in page


def test_a_population_split_without_a_date_is_refused_next_to_the_field(client, sofint, sofint_office):
    client.force_login(sofint_office)
    response = client.post(
        reverse("funding:contribution_create", args=["sofint"]),
        {
            "year": "2026",
            "kind": "annual",
            "state_amount": "600000",
            "split_method": "population",
            "rounding_unit": "1",
        },
    )
    assert response.context["form"].errors["population_date"] == ["Ange referensdatum för folkmängden."]
    assert not Contribution.objects.exists()


def test_a_negative_or_missing_amount_is_refused(client, sofint, sofint_office):
    client.force_login(sofint_office)
    response = client.post(
        reverse("funding:contribution_create", args=["sofint"]),
        {
            "year": "2026",
            "kind": "annual",
            "state_amount": "-5",
            "split_method": "agreed",
            "rounding_unit": "1",
        },
    )
    assert response.status_code == 200 and not Contribution.objects.exists()
    assert response.context["form"].errors["state_amount"] == ["Ange det belopp staten har beslutat, mer än 0 kr."]


def test_drafts_issue_all_credit_and_pay_through_the_pages(client, contribution_2026, sofint_office):
    client.force_login(sofint_office)
    client.post(reverse("funding:drafts_create", args=["sofint", contribution_2026.pk]), {"period": "Q1"})
    assert Invoice.objects.filter(status="draft").count() == 6
    response = client.post(
        reverse("funding:invoices_issue", args=["sofint"]),
        {"year": "2026", "issue_date": "2026-01-15"},
        follow=True,
    )
    assert "6 fakturor utfärdades, nummer 1001–1006." in response.content.decode()
    invoice = Invoice.objects.get(number=1003)
    response = client.post(
        reverse("funding:invoice_credit", args=["sofint", invoice.pk]), {"reason": "Fel"}, follow=True
    )
    assert "Kreditfaktura 1007 utfärdades" in response.content.decode()
    paid = Invoice.objects.get(number=1001)
    client.post(reverse("funding:invoice_paid", args=["sofint", paid.pk]), {"paid_on": "2026-02-10"})
    paid.refresh_from_db()
    assert paid.status == "paid"


def test_issuing_with_a_missing_reference_issues_nothing_and_says_why(
    client, contribution_2026, sofint, sofint_office
):
    client.force_login(sofint_office)
    sofint.memberships.filter(organisation__name="Nora kommun").update(buyer_reference="")
    client.post(reverse("funding:drafts_create", args=["sofint", contribution_2026.pk]), {"period": "Q1"})
    response = client.post(
        reverse("funding:invoices_issue", args=["sofint"]),
        {"year": "2026", "issue_date": "2026-01-15"},
        follow=True,
    )
    page = response.content.decode()
    assert "Ingen faktura utfärdades." in page and "Nora kommun: Er referens saknas" in page
    assert not Invoice.objects.exclude(status="draft").exists()


def test_the_overdue_list_shows_unpaid_invoices_past_their_due_date(client, issued_q1, sofint_office):
    client.force_login(sofint_office)
    page = client.get(reverse("funding:overdue_list", args=["sofint"]))
    assert len(page.context["page"]) == 6  # due 2026-02-14, and today is later
    assert "Förfallen" in page.content.decode()
