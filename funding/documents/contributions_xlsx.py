"""A year's contributions and invoices as an Excel workbook for the finance officer."""

from decimal import Decimal

from django.utils.translation import gettext as _

from finsam import excel
from funding.models import Contribution, Invoice
from members.models import Association


def contributions_workbook(
    association: Association, year: int, contributions: list[Contribution], invoices: list[Invoice]
) -> bytes:
    """Two sheets: every member's contribution with its basis, and every invoice of the year.

    Totals are written as values, computed the same way as on the page and in the PDFs.
    """
    workbook = excel.new_workbook()
    _contribution_sheet(workbook, association, year, contributions)
    _invoice_sheet(workbook, association, year, invoices)
    return excel.to_bytes(workbook)


def _contribution_sheet(workbook, association, year, contributions):
    sheet = workbook.create_sheet(_("Contributions"))
    row = excel.write_title(sheet, _("Member contributions %(year)s") % {"year": year}, association.name)
    formats = {
        3: excel.WHOLE_AMOUNT,
        4: excel.PERCENT,
        5: excel.AMOUNT,
        6: excel.AMOUNT,
        7: excel.AMOUNT,
        9: excel.AMOUNT,
    }
    for contribution in contributions:
        excel.write_cell(sheet, row, 1, str(contribution)).font = excel.TOTAL_FONT
        row = excel.write_row(
            sheet,
            row + 1,
            [_("The state's decided amount"), None, None, None, None, contribution.state_amount],
            formats,
        )
        row = excel.write_header(
            sheet,
            row,
            [
                _("Member"),
                _("Category"),
                _("Basis"),
                _("Share of the category"),
                _("Exact share"),
                _("Computed amount"),
                _("Agreed amount"),
                _("Reason"),
                _("To pay"),
            ],
        )
        shares = list(contribution.shares.all())
        for share in shares:
            row = excel.write_row(
                sheet,
                row,
                [
                    share.organisation.name,
                    share.get_category_display(),
                    share.weight if share.category == "municipality" else None,
                    excel.fraction(share.category_percent),
                    share.exact_amount,
                    share.computed_amount,
                    share.agreed_amount,
                    share.agreed_reason or None,
                    share.amount,
                ],
                formats,
            )
        total = sum((share.amount for share in shares), Decimal(0))
        row = excel.write_row(
            sheet,
            row,
            [
                _("Total"),
                None,
                None,
                None,
                None,
                sum((s.computed_amount for s in shares), Decimal(0)),
                None,
                None,
                total,
            ],
            formats,
            total=True,
        )
        row += 1
    excel.set_widths(sheet, [34, 22, 12, 12, 16, 16, 16, 30, 16])


def _invoice_sheet(workbook, association, year, invoices):
    sheet = workbook.create_sheet(_("Invoices"))
    row = excel.write_title(sheet, _("Invoices %(year)s") % {"year": year}, association.name)
    row = excel.write_header(
        sheet,
        row,
        [
            _("Invoice number"),
            _("Kind"),
            _("Member"),
            _("Period"),
            _("Invoice date"),
            _("Due date"),
            _("OCR reference"),
            _("Status"),
            _("Paid on"),
            _("Amount"),
        ],
    )
    formats = {5: excel.DATE, 6: excel.DATE, 9: excel.DATE, 10: excel.AMOUNT}
    for invoice in invoices:
        row = excel.write_row(
            sheet,
            row,
            [
                invoice.number,
                invoice.get_kind_display(),
                invoice.organisation.name,
                invoice.period_label,
                invoice.issue_date,
                invoice.due_date,
                invoice.ocr or None,
                invoice.get_status_display(),
                invoice.paid_on,
                invoice.signed_amount,
            ],
            formats,
        )
    total = sum((invoice.signed_amount for invoice in invoices), Decimal(0))
    excel.write_row(
        sheet, row, [_("Total"), None, None, None, None, None, None, None, None, total], formats, total=True
    )
    excel.set_widths(sheet, [10, 14, 30, 22, 13, 13, 14, 12, 13, 16])
