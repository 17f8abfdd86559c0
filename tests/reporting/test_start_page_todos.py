"""Each role's start page is its to-do list, every item linking to the page where it is done."""

import datetime

import pytest
from django.urls import reverse

from funding import services as funding_services
from reporting import services
from tests.documents import page_text

pytestmark = pytest.mark.django_db


def start_page(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, page_text(response)


def todo_links(response) -> dict[str, str]:
    """The start page's to-do items: text → link."""
    return {todo.text: todo.url for section in response.context["sections"] for todo in section.todos}


def adopt_2009(report):
    services.share(report=report)
    return services.adopt(report=report, meeting_date=datetime.date(2010, 6, 2), paragraph=4, place="Nora")


def test_the_board_sees_what_is_shared_with_it_and_waits_for_its_comments(draft_2009, board_member, client):
    _response, page = start_page(client, board_member)
    assert "Årsredovisning 2009" not in page  # a draft is the office's
    services.share(report=draft_2009)
    response, page = start_page(client, board_member)
    assert "Årsredovisning 2009 är delad med styrelsen: läs och kommentera" in page
    link = todo_links(response)["Årsredovisning 2009 är delad med styrelsen: läs och kommentera"]
    assert link == reverse("reporting:report_detail", args=["sofint", draft_2009.pk])
    assert "Kommentera" in page_text(client.get(link))


def test_the_office_is_led_from_draft_to_adoption_to_the_missing_statement(
    draft_2009, sofint_office, auditor, client
):
    services.save_section(report=draft_2009, key="future", text="")
    response, page = start_page(client, sofint_office)
    assert "Årsredovisning 2009: skriv 1 tomt avsnitt och dela rapporten med styrelsen" in page
    assert "Försenad" in page and "senast 2010-03-31" in page  # the deadline has passed
    services.save_section(report=draft_2009, key="future", text="Framtiden.")
    services.share(report=draft_2009)
    response, page = start_page(client, sofint_office)
    link = todo_links(response)["Årsredovisning 2009: för in styrelsens antagande"]
    assert link == reverse("reporting:adopt", args=["sofint", draft_2009.pk])
    report = services.adopt(
        report=draft_2009, meeting_date=datetime.date(2010, 6, 2), paragraph=4, place="Nora"
    )
    _response, page = start_page(client, sofint_office)
    assert "Årsredovisning 2009: revisionsberättelsen saknas" in page
    services.record_auditor_statement(report=report, auditor=auditor, date=datetime.date(2010, 6, 4))
    _response, page = start_page(client, sofint_office)
    assert "Årsredovisning 2009" not in page


def test_an_auditor_sees_the_adopted_report_that_waits_for_their_statement(draft_2009, auditor, client):
    _response, page = start_page(client, auditor)
    assert "Årsredovisning 2009" not in page
    report = adopt_2009(draft_2009)
    response, page = start_page(client, auditor)
    text = "Årsredovisning 2009 är antagen: för in datumet för din revisionsberättelse"
    assert text in page
    assert todo_links(response)[text].startswith(
        reverse("reporting:report_detail", args=["sofint", draft_2009.pk])
    )
    services.record_auditor_statement(report=report, auditor=auditor, date=datetime.date(2010, 6, 4))
    _response, page = start_page(client, auditor)
    assert text not in page and "Inget väntar på dig här." in page


def test_the_office_sees_drafts_to_issue_overdue_invoices_and_the_missing_ledger(
    contribution_2026, issued_q1, sofint_office, client
):
    response, page = start_page(client, sofint_office)
    year = datetime.date.today().year - 1
    assert f"Importera bokföringen för {year}" in page
    assert todo_links(response)[f"Importera bokföringen för {year}"] == reverse(
        "funding:ledger_upload", args=["sofint"]
    )
    # Q1 2026 is issued and fell due in the spring; nothing is paid.
    overdue = next(text for text in todo_links(response) if "förfallna fakturor" in text)
    assert todo_links(response)[overdue] == reverse("funding:overdue_list", args=["sofint"])
    funding_services.create_invoice_drafts(contribution=contribution_2026, period_code="Q2")
    response, page = start_page(client, sofint_office)
    drafts = next(text for text in todo_links(response) if "fakturautkast för 2026 att utfärda" in text)
    assert todo_links(response)[drafts] == reverse("funding:invoice_list", args=["sofint"]) + (
        "?year=2026&status=draft"
    )


def test_a_member_sees_its_unpaid_invoices(issued_q1, representative, client):
    organisation = representative.roles.get().organisation_id
    (invoice,) = [invoice for invoice in issued_q1 if invoice.organisation_id == organisation]
    response, page = start_page(client, representative)
    text = f"Betala faktura {invoice.number} från {invoice.association.name}"
    assert text in page
    assert f"förfaller {invoice.due_date.isoformat()}" in page and "Förfallen" in page
    assert todo_links(response)[text] == reverse("funding:portal_invoice", args=[invoice.pk])
    funding_services.register_payment(invoice=invoice, paid_on=datetime.date(2026, 3, 1))
    _response, page = start_page(client, representative)
    assert text not in page and "Inget väntar på dig här." in page
