"""Issue 15, done when: a board member, an auditor and a member each see on their start page what
waits for them, and get the e-mail for it.

Each case does the triggering action through the app's pages (the office shares a report, the
office records the board's adoption, the office issues invoices), then opens the person's start
page and their inbox. In DEBUG the console backend prints the same messages; tests use locmem.
"""

import datetime

import pytest
from django.urls import reverse

from funding import services as funding_services
from funding.models import Contribution, Invoice
from members.models import Role
from reporting import services
from tests.documents import page_text
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def person(kind, email, **scope):
    user = UserFactory(email=email)
    RoleFactory(user=user, kind=kind, **scope)
    return user


def start_page(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), page_text(response)


def test_a_board_member_sees_the_shared_report_and_is_mailed_for_it(
    client, draft_2009, sofint, sofint_office, mailoutbox, django_capture_on_commit_callbacks
):
    member = person(Role.Kind.BOARD, "ledamot@nora.example", association=sofint)
    html, text = start_page(client, member)
    assert "Årsredovisning 2009" not in text  # a draft is not the board's yet
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:share", args=["sofint", draft_2009.pk]))
    html, text = start_page(client, member)
    assert "Årsredovisning 2009 är delad med styrelsen: läs och kommentera" in text
    assert f'href="{reverse("reporting:report_detail", args=["sofint", draft_2009.pk])}"' in html
    (mail,) = [mail for mail in mailoutbox if mail.to == ["ledamot@nora.example"]]
    assert mail.subject == "För granskning: Årsredovisning 2009, Samordningsförbundet i norra Örebro län"


def test_an_auditor_sees_the_adopted_annual_report_and_is_mailed_for_its_statement(
    client, draft_2009, sofint, sofint_office, board, mailoutbox, django_capture_on_commit_callbacks
):
    auditor = person(Role.Kind.AUDITOR, "revisor@example.se", association=sofint)
    services.share(report=draft_2009)
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reporting:adopt", args=["sofint", draft_2009.pk]),
            {"meeting_date": "2010-06-02", "paragraph": 4, "place": "Lindesberg"},
        )
    html, text = start_page(client, auditor)
    assert "Årsredovisning 2009 är antagen: för in datumet för din revisionsberättelse" in text
    url = reverse("reporting:report_detail", args=["sofint", draft_2009.pk]) + "#ansvarsfrihet"
    assert f'href="{url}"' in html
    (mail,) = [mail for mail in mailoutbox if mail.to == ["revisor@example.se"]]
    assert mail.subject.startswith("Väntar på ert yttrande: Årsredovisning 2009")
    # Once the statement is recorded, nothing waits any more.
    client.force_login(auditor)
    client.post(
        reverse("reporting:auditor_statement", args=["sofint", draft_2009.pk]), {"date": "2010-06-04"}
    )
    html, text = start_page(client, auditor)
    assert "Årsredovisning 2009 är antagen" not in text


def test_a_member_sees_the_unpaid_invoice_and_gets_it_by_mail_at_its_invoice_address(
    client, sofint, sofint_office, mailoutbox, django_capture_on_commit_callbacks
):
    membership = sofint.memberships.select_related("organisation").get(
        organisation__name="Lindesbergs kommun"
    )
    representative = person(
        Role.Kind.REPRESENTATIVE,
        "ekonomi@lindesberg.example",
        association=None,
        organisation=membership.organisation,
    )
    membership.invoice_email = representative.email
    membership.save()
    contribution = funding_services.save_contribution(
        contribution=Contribution(association=sofint, year=2026, state_amount=600_000, split_method="agreed")
    )
    drafts = funding_services.create_invoice_drafts(contribution=contribution, period_code="Q1")
    html, text = start_page(client, representative)
    assert "Betala faktura" not in text  # drafts are the office's
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("funding:invoices_issue", args=["sofint"]),
            {"year": 2026, "issue_date": "2026-01-15", "invoice": [draft.pk for draft in drafts]},
        )
    invoice = Invoice.objects.get(organisation=membership.organisation, status=Invoice.Status.ISSUED)
    html, text = start_page(client, representative)
    assert f"Betala faktura {invoice.number} från Samordningsförbundet i norra Örebro län" in text
    assert f'href="{reverse("funding:portal_invoice", args=[invoice.pk])}"' in html
    (mail,) = [mail for mail in mailoutbox if mail.to == ["ekonomi@lindesberg.example"]]
    assert mail.subject == f"Faktura {invoice.number} från Samordningsförbundet i norra Örebro län"
    assert [name for name, _content, _type in mail.attachments] == [
        f"faktura-{invoice.number}.pdf",
        f"faktura-{invoice.number}.xml",
    ]
    # Paid, it no longer waits.
    funding_services.register_payment(invoice=invoice, paid_on=datetime.date(2026, 2, 10))
    html, text = start_page(client, representative)
    assert f"Betala faktura {invoice.number}" not in text
