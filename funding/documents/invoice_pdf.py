"""The invoice or credit note as a PDF (A4, Swedish, the association's letterhead)."""

from django.utils.translation import gettext as _

from finsam.formatting import format_organisation_number
from finsam.pdf import render_pdf
from funding.models import Invoice


def invoice_pdf(invoice: Invoice) -> bytes:
    """Render an issued invoice from the details copied in when it was issued."""
    if invoice.is_draft:
        raise ValueError("Drafts have no document; issue the invoice first.")
    return _render(invoice, preview=False)


def draft_preview_pdf(invoice: Invoice) -> bytes:
    """A draft laid out as its invoice will be, without number or OCR, and marked as no invoice.

    `invoice` comes from `services.preview_draft`, which fills in the dates and parties the
    issued invoice would get, by the same code that issues it.
    """
    if not invoice.is_draft:
        raise ValueError("Only a draft is previewed.")
    return _render(invoice, preview=True)


def _render(invoice: Invoice, *, preview: bool) -> bytes:
    sign = -1 if invoice.is_credit_note else 1
    lines = list(invoice.lines.all())
    for line in lines:
        line.signed_amount = sign * line.amount
    seller = invoice.parties["seller"]
    title = _("Credit note") if invoice.is_credit_note else _("Invoice")
    draft_note = _("DRAFT – not a valid invoice")
    context = {
        "invoice": invoice,
        "lines": lines,
        "preview": preview,
        "document": {"title": title, "signed_amount": invoice.signed_amount},
        "document_author": seller["name"],
        "header_left": seller["name"],
        "header_right": draft_note
        if preview
        else _("Org. no.") + " " + format_organisation_number(seller["organisation_number"]),
        "footer_left": draft_note if preview else f"{title} {invoice.number}",
    }
    return render_pdf("funding/documents/invoice.html", context)


def invoice_filename(invoice: Invoice, extension: str) -> str:
    prefix = "kreditfaktura" if invoice.is_credit_note else "faktura"
    return f"{prefix}-{invoice.number}.{extension}"
