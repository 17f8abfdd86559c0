"""The documents a member receives: the PDF, the Peppol BIS 3.0 XML, and the year's Excel."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import etree

from funding import services
from funding.documents.invoice_pdf import invoice_pdf
from funding.documents.invoice_xml import invoice_xml
from tests.documents import pdf_pages, pdf_text, rows, workbook
from tests.peppol.validator import validate

pytestmark = pytest.mark.django_db
NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


def lindesberg(invoices):
    return next(invoice for invoice in invoices if invoice.organisation.name == "Lindesbergs kommun")


def test_the_pdf_explains_the_share_and_says_how_to_pay(issued_q1):
    text = pdf_text(invoice_pdf(lindesberg(issued_q1)))
    assert pdf_pages(invoice_pdf(lindesberg(issued_q1))) == 1
    for expected in [
        "Samordningsförbundet i norra Örebro län",
        "Org.nr 222000-1818",
        "Faktura",
        "Fakturanummer 1003",
        "Lindesbergs kommuns andel 49,7 % av kommunernas 25 %",
        "Medlemsbidrag 2026, kvartal 1",
        "Er referens",
        "Ref Lindesbergs kommun",
        "37 275 kr",
        "5050-1055",
        lindesberg(issued_q1).ocr,
        "2026-02-14",
        "utanför mervärdesskattelagens tillämpningsområde",
        "Sida 1 av 1",
    ]:
        assert expected.lower() in text.lower(), expected  # labels are set in capitals


def test_the_credit_note_pdf_names_the_credited_invoice_and_a_negative_total(issued_q1, sofint_office):
    credit = services.credit_invoice(
        invoice=lindesberg(issued_q1), reason="Fel andel", issued_by=sofint_office
    )
    text = pdf_text(invoice_pdf(credit))
    assert "Kreditfaktura" in text and "Krediterar faktura" in text and "1003" in text
    assert "\u221237 275 kr" in text
    assert "OCR-nummer" not in text


def test_every_invoice_passes_ubl_and_peppol_validation(issued_q1):
    for invoice in issued_q1:
        result = validate(invoice_xml(invoice))
        assert result.ok, str(result)


def test_the_credit_note_passes_ubl_and_peppol_validation(issued_q1, sofint_office):
    credit = services.credit_invoice(invoice=issued_q1[0], reason="Fel", issued_by=sofint_office)
    result = validate(invoice_xml(credit))
    assert result.ok, str(result)
    document = etree.fromstring(invoice_xml(credit))
    assert document.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    assert (
        document.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS) == "1001"
    )


def test_the_xml_carries_identifiers_reference_vat_o_and_bankgiro_payment(issued_q1):
    invoice = lindesberg(issued_q1)
    document = etree.fromstring(invoice_xml(invoice))

    def text(path):
        return document.findtext(path, namespaces=NS)

    seller = "cac:AccountingSupplierParty/cac:Party/"
    buyer = "cac:AccountingCustomerParty/cac:Party/"
    assert document.find(seller + "cbc:EndpointID", NS).get("schemeID") == "0007"
    assert text(seller + "cbc:EndpointID") == "2220001818"
    assert text(buyer + "cbc:EndpointID") == invoice.organisation.organisation_number
    assert text(buyer + "cac:PartyLegalEntity/cbc:CompanyID") == invoice.organisation.organisation_number
    assert text("cbc:BuyerReference") == "Ref Lindesbergs kommun"
    assert text("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == "O"
    assert "utanför mervärdesskattelagens" in text(
        "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason"
    )
    assert text("cac:PaymentMeans/cbc:PaymentMeansCode") == "30"
    assert text("cac:PaymentMeans/cbc:PaymentID") == invoice.ocr
    assert text("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID") == "50501055"
    assert (
        text("cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID")
        == "SE:BANKGIRO"
    )
    assert text("cac:LegalMonetaryTotal/cbc:PayableAmount") == "37275.00"


def test_a_broken_document_would_be_caught(issued_q1):
    """The validator is not a rubber stamp: the same XML without a buyer reference fails."""
    document = etree.fromstring(invoice_xml(issued_q1[0]))
    document.remove(document.find("cbc:BuyerReference", NS))
    result = validate(etree.tostring(document))
    assert not result.ok and "PEPPOL-EN16931-R003" in {finding.rule_id for finding in result.fatal}


def test_the_excel_has_real_numbers_and_totals_that_match_the_pdfs(client, issued_q1, sofint, sofint_office):
    services.register_payment(invoice=issued_q1[0], paid_on=datetime.date(2026, 2, 1))
    client.force_login(sofint_office)
    response = client.get(reverse("funding:year_workbook", args=[sofint.slug, 2026]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = workbook(response.content)
    assert book.sheetnames == ["Medlemsbidrag", "Fakturor"]
    contributions = rows(book["Medlemsbidrag"])
    lindesberg_row = next(row for row in contributions if row[0] == "Lindesbergs kommun")
    assert lindesberg_row[8] == 149_100 and isinstance(lindesberg_row[8], (int, float))
    assert abs(lindesberg_row[3] - 0.497) < 1e-9
    total_row = next(row for row in contributions if row[0] == "Summa")
    assert total_row[8] == 1_200_000
    invoices = rows(book["Fakturor"])
    invoice_rows = [row for row in invoices if isinstance(row[0], int)]
    assert [row[0] for row in invoice_rows] == [1001, 1002, 1003, 1004, 1005, 1006]
    row_1003 = next(row for row in invoice_rows if row[0] == 1003)
    assert row_1003[9] == 37_275 and row_1003[4] == datetime.datetime(2026, 1, 15)
    assert next(row for row in invoices if row[0] == "Summa")[9] == float(sum(i.amount for i in issued_q1))
    sheet = book["Fakturor"]
    amount_cell = next(cell for cell in sheet["J"] if cell.value == 37_275)
    assert amount_cell.number_format == "#,##0.00"
    # The same figure as the PDF of that invoice shows.
    assert "37 275 kr" in pdf_text(invoice_pdf(lindesberg(issued_q1)))
    assert Decimal(str(row_1003[9])) == lindesberg(issued_q1).amount
