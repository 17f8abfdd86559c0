"""Issued invoices are mailed to each member's invoice address with the PDF and the Peppol XML."""

import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils.timezone import localtime

from funding import services
from funding.documents.invoice_xml import invoice_xml
from funding.models import Invoice
from members.models import SentMessage
from tests.documents import page_text, pdf_text

pytestmark = pytest.mark.django_db


class RefusingBackend(EmailBackend):
    """A mail server that refuses every recipient."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x": (550, b"No such user")})


@pytest.fixture
def invoice_addresses(sofint):
    for membership in sofint.memberships.select_related("organisation"):
        slug = membership.organisation.name.split()[0].lower()
        membership.invoice_email = f"faktura@{slug}.example"
        membership.save()


def issue_q1_through_the_pages(client, contribution, office, capture):
    client.force_login(office)
    drafts = services.create_invoice_drafts(contribution=contribution, period_code="Q1")
    with capture(execute=True):
        response = client.post(
            reverse("funding:invoices_issue", args=["sofint"]),
            {"year": 2026, "issue_date": "2026-01-15", "invoice": [draft.pk for draft in drafts]},
            follow=True,
        )
    assert "6 fakturor utfärdades" in response.content.decode()
    return response


def test_each_member_gets_its_invoice_by_mail_with_the_pdf_and_the_xml_it_would_download(
    client,
    contribution_2026,
    sofint_office,
    invoice_addresses,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    issue_q1_through_the_pages(client, contribution_2026, sofint_office, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 6
    invoice = Invoice.objects.get(organisation__name="Lindesbergs kommun", number__isnull=False)
    (mail,) = [mail for mail in mailoutbox if mail.to == ["faktura@lindesbergs.example"]]
    assert mail.subject == f"Faktura {invoice.number} från Samordningsförbundet i norra Örebro län"
    body = mail.body.replace("\xa0", " ")
    assert f"OCR-nummer: {invoice.ocr}" in body and "Förfallodatum: 2026-02-14" in body
    assert "Bankgiro: 5050-1055" in body
    (pdf_name, pdf, pdf_type), (xml_name, xml, xml_type) = mail.attachments
    assert (pdf_name, pdf_type) == (f"faktura-{invoice.number}.pdf", "application/pdf")
    assert str(invoice.number) in pdf_text(pdf) and "Lindesbergs kommun" in pdf_text(pdf)
    assert (xml_name, xml_type) == (f"faktura-{invoice.number}.xml", "application/xml")
    assert xml == invoice_xml(invoice)
    # The invoice's page lists what was sent: recipient, subject, time.
    page = page_text(client.get(invoice.get_absolute_url()))
    assert "Skickad e-post" in page and "faktura@lindesbergs.example" in page
    assert f"Faktura {invoice.number} från Samordningsförbundet i norra Örebro län" in page
    sent = SentMessage.objects.about(invoice).get()
    assert sent.status == "sent" and localtime(sent.sent_at).strftime("%Y-%m-%d %H:%M") in page


def test_a_missing_or_broken_address_is_recorded_as_not_sent_and_the_invoices_are_issued(
    client,
    contribution_2026,
    sofint,
    sofint_office,
    invoice_addresses,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    sofint.memberships.filter(organisation__name="Nora kommun").update(invoice_email="")
    sofint.memberships.filter(organisation__name="Hällefors kommun").update(invoice_email="hallefors@")
    issue_q1_through_the_pages(client, contribution_2026, sofint_office, django_capture_on_commit_callbacks)
    assert Invoice.objects.filter(status="issued").count() == 6
    assert len(mailoutbox) == 4
    nora = Invoice.objects.get(organisation__name="Nora kommun")
    assert SentMessage.objects.about(nora).values_list("recipient", "status", "reason").get() == (
        "Nora kommun",
        "not_sent",
        "Ingen e-postadress finns registrerad.",
    )
    hallefors = Invoice.objects.get(organisation__name="Hällefors kommun")
    assert SentMessage.objects.about(hallefors).get().reason == "hallefors@ är inte en e-postadress."
    page = page_text(client.get(nora.get_absolute_url()))
    assert "Inte skickat: Ingen e-postadress finns registrerad." in page


@override_settings(EMAIL_BACKEND="tests.funding.test_invoice_mail.RefusingBackend")
def test_a_refusing_mail_server_leaves_the_invoices_issued_and_says_so_on_the_invoice(
    client, contribution_2026, sofint_office, invoice_addresses, django_capture_on_commit_callbacks
):
    issue_q1_through_the_pages(client, contribution_2026, sofint_office, django_capture_on_commit_callbacks)
    assert Invoice.objects.filter(status="issued").count() == 6
    reasons = set(SentMessage.objects.values_list("status", "reason"))
    assert len(reasons) == 1
    ((status, reason),) = reasons
    assert status == "not_sent" and reason.startswith("E-postservern tog inte emot det:")


def test_a_credit_note_is_mailed_too_and_the_invoice_is_not_mailed_again(
    client,
    contribution_2026,
    sofint_office,
    invoice_addresses,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    issue_q1_through_the_pages(client, contribution_2026, sofint_office, django_capture_on_commit_callbacks)
    invoice = Invoice.objects.get(organisation__name="Nora kommun")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("funding:invoice_credit", args=["sofint", invoice.pk]), {"reason": "Fel belopp"})
    (mail,) = mailoutbox
    credit = invoice.credit_note
    assert mail.subject == f"Kreditfaktura {credit.number} från Samordningsförbundet i norra Örebro län"
    assert mail.attachments[0][0] == f"kreditfaktura-{credit.number}.pdf"
