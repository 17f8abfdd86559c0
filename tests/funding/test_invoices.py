"""Invoices: drafts per period, issuing (all or nothing), numbers, OCR, credit notes, payments."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import Invoice, InvoiceSeries
from funding.periods import is_valid_ocr, ocr_reference
from tests.world import organisation

pytestmark = pytest.mark.django_db


def test_quarterly_drafts_split_each_share_into_four_that_sum_to_the_year(contribution_2026):
    drafts = services.create_invoice_drafts(contribution=contribution_2026)
    by_member = {}
    for invoice in drafts:
        by_member.setdefault(invoice.organisation.name, []).append(invoice.amount)
    assert by_member["Lindesbergs kommun"] == [Decimal("37275")] * 4
    assert by_member["Försäkringskassan"] == [Decimal("150000")] * 4
    assert "Arbetsförmedlingen" not in by_member  # it pays nothing of its own
    assert sum(invoice.amount for invoice in drafts) == 1_200_000


def test_an_odd_amount_spreads_its_kronor_over_the_first_quarters(contribution_2026):
    share = contribution_2026.shares.get(organisation__name="Nora kommun")
    services.set_agreed_amount(share=share, amount=Decimal(66_602), reason="Överenskommelse")
    drafts = [d for d in services.create_invoice_drafts(contribution=contribution_2026) if d.share == share]
    assert [d.amount for d in drafts] == [16_651, 16_651, 16_650, 16_650]


def test_drafts_are_not_created_twice(contribution_2026):
    services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    assert services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1") == []


def test_an_unknown_period_is_refused_with_the_right_choices(contribution_2026):
    with pytest.raises(ValidationError) as error:
        services.create_invoice_drafts(contribution=contribution_2026, period_code="H1")
    assert error.value.messages == ["Okänd period H1: förbundet fakturerar per kvartal (Q1, Q2, Q3, Q4)."]


def test_issuing_numbers_in_sequence_with_ocr_due_date_and_the_parties(issued_q1):
    assert [invoice.number for invoice in issued_q1] == [1001, 1002, 1003, 1004, 1005, 1006]
    lindesberg = next(i for i in issued_q1 if i.organisation.name == "Lindesbergs kommun")
    assert lindesberg.ocr == ocr_reference(lindesberg.number) and is_valid_ocr(lindesberg.ocr)
    assert lindesberg.issue_date == datetime.date(2026, 1, 15)
    assert lindesberg.due_date == datetime.date(2026, 2, 14)
    assert lindesberg.parties["seller"]["bankgiro"] == "50501055"
    assert lindesberg.parties["buyer"]["name"] == "Lindesbergs kommun"
    assert lindesberg.buyer_reference == "Ref Lindesbergs kommun"
    assert (
        lindesberg.lines.get().explanation.replace("\xa0", " ")
        == "Lindesbergs kommuns andel 49,7 % av kommunernas 25 %"
    )
    assert lindesberg.lines.get().description == "Medlemsbidrag 2026, kvartal 1"


def test_ocr_references_carry_a_length_and_a_luhn_digit():
    assert ocr_reference(1001) == "100164"
    assert is_valid_ocr("100164")
    assert not is_valid_ocr("100165")  # wrong check digit
    assert not is_valid_ocr("10064")  # wrong length digit


def test_a_batch_is_issued_all_or_nothing(contribution_2026, sofint, sofint_office):
    drafts = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    sofint.memberships.filter(organisation__name="Nora kommun").update(buyer_reference="")
    nora = next(d for d in drafts if d.organisation.name == "Nora kommun")
    nora.buyer_reference = ""
    nora.save()
    with pytest.raises(ValidationError) as error:
        services.issue_invoices(invoices=drafts, issued_by=sofint_office)
    assert error.value.messages == ["Nora kommun: Er referens saknas; offentliga köpare kräver den."]
    assert not Invoice.objects.exclude(status="draft").exists()
    assert not InvoiceSeries.objects.filter(association=sofint, next_number__gt=1001).exists()


def test_an_issued_invoice_is_never_changed_or_removed(issued_q1):
    invoice = issued_q1[0]
    with pytest.raises(ValidationError):
        services.update_draft(invoice=invoice, buyer_reference="Ny", note="")
    with pytest.raises(ValidationError):
        services.delete_draft(invoice=invoice)
    with pytest.raises(ValidationError):
        services.issue_invoices(invoices=[invoice], issued_by=None)
    invoice.refresh_from_db()
    assert invoice.buyer_reference != "Ny" and invoice.number == 1001


def test_a_correction_is_a_credit_note_and_a_new_invoice(issued_q1, contribution_2026, sofint_office):
    invoice = next(i for i in issued_q1 if i.organisation.name == "Nora kommun")
    credit = services.credit_invoice(invoice=invoice, reason="Fel andel", issued_by=sofint_office)
    invoice.refresh_from_db()
    assert invoice.status == "credited"
    assert credit.kind == "credit_note" and credit.number == 1007 and credit.amount == invoice.amount
    assert credit.credited_invoice == invoice and credit.signed_amount == -invoice.amount
    assert credit.lines.get().description.startswith(f"Kreditering av faktura {invoice.number}")
    share = invoice.share
    services.set_agreed_amount(share=share, amount=Decimal(60_000), reason="Rättelse")
    (new,) = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    assert new.organisation.name == "Nora kommun" and new.amount == 15_000
    with pytest.raises(ValidationError):
        services.credit_invoice(invoice=invoice, reason="Igen", issued_by=sofint_office)


def test_the_agreed_amount_of_an_invoiced_member_is_locked(issued_q1):
    share = issued_q1[0].share
    with pytest.raises(ValidationError):
        services.set_agreed_amount(share=share, amount=Decimal(1), reason="För sent")


def test_the_contribution_is_locked_once_invoiced(issued_q1, contribution_2026):
    contribution_2026.state_amount = Decimal(1)
    with pytest.raises(ValidationError):
        services.save_contribution(contribution=contribution_2026)


def test_payment_and_the_overdue_list(issued_q1):
    first, second = issued_q1[0], issued_q1[1]
    services.register_payment(invoice=first, paid_on=datetime.date(2026, 2, 10))
    first.refresh_from_db()
    assert first.status == "paid" and first.paid_on == datetime.date(2026, 2, 10)
    overdue = Invoice.objects.overdue(on=datetime.date(2026, 2, 15))
    assert first not in overdue and second in overdue
    assert not Invoice.objects.overdue(on=datetime.date(2026, 2, 14)).exists()
    with pytest.raises(ValidationError):
        services.register_payment(invoice=second, paid_on=datetime.date(2026, 1, 1))


def test_totals_count_credit_notes_negative(issued_q1, sofint_office):
    services.credit_invoice(invoice=issued_q1[0], reason="Fel", issued_by=sofint_office)
    assert Invoice.objects.issued().total() == sum(i.amount for i in issued_q1) - issued_q1[0].amount


def test_buyer_reference_is_copied_from_the_membership(contribution_2026, sofint):
    draft = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")[0]
    membership = sofint.memberships.get(organisation=draft.organisation)
    assert draft.buyer_reference == membership.buyer_reference


def test_the_addresses_on_an_issued_invoice_do_not_follow_later_changes(issued_q1, sofint):
    lindesberg = organisation(sofint, "Lindesbergs kommun")
    lindesberg.city = "Ny stad"
    lindesberg.save()
    invoice = Invoice.objects.get(number=1003)
    assert invoice.parties["buyer"]["city"] == "Lindesberg"


def test_once_every_invoice_is_credited_the_contribution_can_be_recalculated(
    issued_q1, contribution_2026, sofint_office
):
    for invoice in issued_q1:
        services.credit_invoice(invoice=invoice, reason="Nytt beslut", issued_by=sofint_office)
    contribution_2026.state_amount = Decimal(700_000)
    services.save_contribution(contribution=contribution_2026)
    assert contribution_2026.shares.get(organisation__name="Försäkringskassan").amount == 700_000
    drafts = services.create_invoice_drafts(contribution=contribution_2026)
    # Each member's quarters sum to its year; a single quarter across members need not be a fourth.
    assert sum(draft.amount for draft in drafts) == 1_400_000
