"""The invoice or credit note as a Peppol BIS Billing 3.0 UBL document.

Swedish public-sector buyers receive invoices this way. Member contributions are outside
the scope of VAT: VAT category O with its exemption reason, no VAT identifiers. Both
parties are identified by organisation number (scheme 0007), payment is by bankgiro with
the OCR reference as payment id. Element order follows the UBL 2.1 schema.
"""

from decimal import Decimal

from lxml import etree
from lxml.builder import ElementMaker

from finsam.money import round_money
from funding.models import Invoice

UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
ORGANISATION_NUMBER_SCHEME = "0007"  # Swedish organisation number (ICD 0007)
CURRENCY = "SEK"

cac = ElementMaker(namespace=CAC, nsmap={"cac": CAC, "cbc": CBC})
cbc = ElementMaker(namespace=CBC, nsmap={"cac": CAC, "cbc": CBC})


def _present(*children):
    """The children that are there: optional elements are passed as None."""
    return [child for child in children if child is not None]


def _amount(tag: str, value: Decimal):
    return getattr(cbc, tag)(f"{round_money(value):.2f}", currencyID=CURRENCY)


def _party(party: dict, *, contact: bool = False):
    address = [
        cbc.StreetName(party["street_address"]) if party.get("street_address") else None,
        cbc.CityName(party["city"]),
        cbc.PostalZone(party["postal_code"].replace(" ", "")),
        cac.Country(cbc.IdentificationCode(party.get("country", "SE"))),
    ]
    children = [
        cbc.EndpointID(party["organisation_number"], schemeID=ORGANISATION_NUMBER_SCHEME),
        cac.PartyIdentification(cbc.ID(party["organisation_number"], schemeID=ORGANISATION_NUMBER_SCHEME)),
        cac.PartyName(cbc.Name(party["name"])),
        cac.PostalAddress(*_present(*address)),
        cac.PartyLegalEntity(
            cbc.RegistrationName(party["name"]),
            cbc.CompanyID(party["organisation_number"], schemeID=ORGANISATION_NUMBER_SCHEME),
        ),
    ]
    if contact and (party.get("phone") or party.get("email")):
        children.append(
            cac.Contact(
                *_present(
                    cbc.Telephone(party["phone"]) if party.get("phone") else None,
                    cbc.ElectronicMail(party["email"]) if party.get("email") else None,
                )
            )
        )
    return cac.Party(*children)


def _tax_category(tag: str, exemption: str | None):
    children = [cbc.ID("O")]
    if exemption:
        children.append(cbc.TaxExemptionReason(exemption))
    children.append(cac.TaxScheme(cbc.ID("VAT")))
    return getattr(cac, tag)(*children)


def invoice_xml(invoice: Invoice) -> bytes:
    """A UBL Invoice (type 380) or CreditNote (type 381) for an issued invoice, as UTF-8 bytes."""
    if invoice.is_draft:
        raise ValueError("Drafts have no document; issue the invoice first.")
    credit = invoice.is_credit_note
    parties = invoice.parties
    root_namespace = UBL_CREDIT_NOTE if credit else UBL_INVOICE
    root = ElementMaker(namespace=root_namespace, nsmap={None: root_namespace, "cac": CAC, "cbc": CBC})
    lines = list(invoice.lines.all())
    total = sum((line.amount for line in lines), Decimal(0))

    children = [
        cbc.CustomizationID(CUSTOMIZATION),
        cbc.ProfileID(PROFILE),
        cbc.ID(str(invoice.number)),
        cbc.IssueDate(invoice.issue_date.isoformat()),
    ]
    if not credit:
        children.append(cbc.DueDate(invoice.due_date.isoformat()))
    children += [
        cbc.CreditNoteTypeCode("381") if credit else cbc.InvoiceTypeCode("380"),
        cbc.Note(invoice.note) if invoice.note else None,
        cbc.DocumentCurrencyCode(CURRENCY),
        cbc.BuyerReference(invoice.buyer_reference),
        cac.InvoicePeriod(
            cbc.StartDate(invoice.period_start.isoformat()), cbc.EndDate(invoice.period_end.isoformat())
        ),
    ]
    if credit:
        credited = invoice.credited_invoice
        children.append(
            cac.BillingReference(
                cac.InvoiceDocumentReference(
                    cbc.ID(str(credited.number)), cbc.IssueDate(credited.issue_date.isoformat())
                )
            )
        )
    children += [
        cac.AccountingSupplierParty(_party(parties["seller"], contact=True)),
        cac.AccountingCustomerParty(_party(parties["buyer"])),
    ]
    if not credit:
        children += [
            cac.PaymentMeans(
                cbc.PaymentMeansCode("30", name="Credit transfer"),
                cbc.PaymentID(invoice.ocr),
                cac.PayeeFinancialAccount(
                    cbc.ID(parties["seller"]["bankgiro"]),
                    cac.FinancialInstitutionBranch(cbc.ID("SE:BANKGIRO")),
                ),
            ),
            cac.PaymentTerms(cbc.Note(f"{parties['payment_terms_days']} dagar")),
        ]
    children += [
        cac.TaxTotal(
            _amount("TaxAmount", Decimal(0)),
            cac.TaxSubtotal(
                _amount("TaxableAmount", total),
                _amount("TaxAmount", Decimal(0)),
                _tax_category("TaxCategory", parties["vat_exemption"]),
            ),
        ),
        cac.LegalMonetaryTotal(
            _amount("LineExtensionAmount", total),
            _amount("TaxExclusiveAmount", total),
            _amount("TaxInclusiveAmount", total),
            _amount("PayableAmount", total),
        ),
    ]
    line_tag, quantity_tag = (
        ("CreditNoteLine", "CreditedQuantity") if credit else ("InvoiceLine", "InvoicedQuantity")
    )
    for number, line in enumerate(lines, start=1):
        children.append(
            getattr(cac, line_tag)(
                cbc.ID(str(number)),
                getattr(cbc, quantity_tag)("1", unitCode="C62"),
                _amount("LineExtensionAmount", line.amount),
                cac.Item(
                    *_present(
                        cbc.Description(line.explanation) if line.explanation else None,
                        cbc.Name(line.description[:100]),
                        _tax_category("ClassifiedTaxCategory", None),
                    )
                ),
                cac.Price(_amount("PriceAmount", line.amount)),
            )
        )
    document = (root.CreditNote if credit else root.Invoice)(*_present(*children))
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
