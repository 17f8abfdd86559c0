"""The outcome-vs-budget report as PDF and Excel."""

from django.utils.translation import gettext as _

from finsam import excel
from finsam.pdf import page_context, render_pdf
from funding.outcome import OutcomeReport


def outcome_title(report: OutcomeReport) -> str:
    if report.up_to:
        return _("Outcome against budget %(year)s, up to %(date)s") % {
            "year": report.year,
            "date": report.up_to.isoformat(),
        }
    return _("Outcome against budget %(year)s") % {"year": report.year}


def outcome_pdf(report: OutcomeReport) -> bytes:
    association = report.association
    context = {
        "report": report,
        "title": outcome_title(report),
        **page_context(
            name=association.name,
            organisation_number=association.organisation_number,
            footer=outcome_title(report),
        ),
    }
    return render_pdf("funding/documents/outcome.html", context)


def booked_to_text(report: OutcomeReport) -> str:
    if report.booked_to is None:
        return _("Nothing is booked in the ledger for the year yet")
    return _("Booked up to %(date)s") % {"date": report.booked_to.isoformat()}


def outcome_workbook(report: OutcomeReport) -> bytes:
    workbook = excel.new_workbook()
    sheet = workbook.create_sheet(_("Outcome"))
    row = excel.write_title(sheet, outcome_title(report), report.association.name)
    excel.write_cell(sheet, 3, 1, booked_to_text(report))
    date = report.booked_to.isoformat() if report.booked_to else ""
    if report.is_part_year:
        headers = [
            _("Line"),
            _("Budget for the year"),
            _("Budget to %(date)s") % {"date": date},
            _("Outcome to %(date)s") % {"date": date},
            _("Difference from budget to date"),
            _("Last year"),
        ]

        def values(line):
            return [line.budget, line.budget_to_date, line.outcome, line.difference_to_date]

    else:
        headers = [_("Line"), _("Budget"), _("Outcome"), _("Difference"), _("Last year")]

        def values(line):
            return [line.budget, line.outcome, line.difference]

    formats = {column: excel.AMOUNT for column in range(2, len(headers) + 1)}
    for title, lines in [
        (_("Income statement"), report.summary),
        (_("Per budget line"), report.lines),
        (report.initiatives_caption, report.initiatives),
        (_("Costs on project objects without a budget line"), report.other_objects),
    ]:
        if not lines:
            continue
        excel.write_cell(sheet, row, 1, title).font = excel.TOTAL_FONT
        row = excel.write_header(sheet, row + 1, headers)
        for line in lines:
            cells = [line.label, *values(line), line.previous]
            row = excel.write_row(sheet, row, cells, formats, total=line.level > 0)
        row += 1
    if report.unmapped:
        excel.write_cell(sheet, row, 1, _("Accounts not mapped to a report line")).font = excel.TOTAL_FONT
        for figure in report.unmapped:
            row += 1
            excel.write_cell(sheet, row, 1, f"{figure.number} {figure.name}")
    excel.set_widths(sheet, [48, 16, 16, 16, 16, 16])
    return excel.to_bytes(workbook)
