"""The annual and interim reports as PDF (PDF/A-3b, tagged) and as Excel, from the current data.

A report renders from the data as it is now, with the narrative of its version. Only adoption
keeps a rendering: `services.adopt` stores the PDF and the workbook, and they are served as
stored from then on. Anything rendered for a period whose report is adopted is marked as a draft.
"""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from finsam import excel
from finsam.formatting import format_organisation_number
from finsam.pdf import page_context, render_pdf
from members.models import Association
from participants.disclosure import NOTE
from reporting import content as report_content
from reporting.models import AuditorStatement, Report
from reporting.sections import paragraphs, specs_for


@dataclass
class SectionText:
    key: str
    heading: str
    blocks: list[tuple[str, str]]
    empty: bool


@dataclass
class Rendering:
    """Everything a report's templates and workbook need."""

    association: Association
    kind: str
    period_end: datetime.date
    report: Report | None
    final: bool  # the adopted rendering, stored at adoption
    sections: dict[str, SectionText]
    content: object  # AnnualContent or InterimContent
    signatories: list
    auditor_statements: list[AuditorStatement]

    @property
    def title(self) -> str:
        if self.kind == Report.Kind.ANNUAL:
            return _("Annual report %(year)s") % {"year": self.period_end.year}
        return _("Interim report %(date)s") % {"date": self.period_end.isoformat()}

    @property
    def draft_note(self) -> str:
        if self.final:
            return ""
        if self.report and self.report.frozen:
            return _("DRAFT from the current data. The adopted version is archived.")
        return _("DRAFT")


def rendering(
    association: Association,
    kind: str,
    period_end: datetime.date,
    report: Report | None = None,
    final=False,
    *,
    require_content: bool = True,
) -> Rendering:
    """Raises LedgerMissing when the year has no imported ledger, unless `require_content` is
    False: then the rendering has the sections only (content None), for the page."""
    if report is None:
        report = (
            Report.objects.filter(association=association, kind=kind, period_end=period_end)
            .order_by("-version")
            .first()
        )
    texts = dict(report.sections.values_list("key", "text")) if report else {}
    sections = {
        spec.key: SectionText(
            spec.key,
            str(spec.heading),
            paragraphs(texts.get(spec.key, "")),
            not texts.get(spec.key, "").strip(),
        )
        for spec in specs_for(kind)
    }
    try:
        if kind == Report.Kind.ANNUAL:
            body = report_content.annual_content(association, period_end.year)
        else:
            body = report_content.interim_content(association, period_end, report)
    except report_content.LedgerMissing:
        if require_content:
            raise
        body = None
    adopted = report is not None and report.decision_id is not None
    return Rendering(
        association=association,
        kind=kind,
        period_end=period_end,
        report=report,
        final=final,
        sections=sections,
        content=body,
        signatories=report_content.signatories(report) if adopted and kind == Report.Kind.ANNUAL else [],
        auditor_statements=list(report.auditor_statements.select_related("auditor")) if report else [],
    )


def document_pdf(document: Rendering) -> bytes:
    template = f"reporting/documents/{document.kind}.html"
    context = {
        **template_context(document),
        **page_context(
            name=document.association.name,
            organisation_number=document.association.organisation_number,
            footer=document.title + (f" · {document.draft_note}" if document.draft_note else ""),
        ),
    }
    return render_pdf(template, context, pdf_variant="pdf/a-3b", pdf_tags=True)


NOTE_NUMBERS = {
    "income": 2,
    "costs": 3,
    "asset_receivables": 4,
    "asset_cash": 5,
    "total_equity": 6,
    "liability_current": 7,
}


def template_context(document: Rendering) -> dict:
    """What the report's templates read, on the page and in the PDF."""
    return {
        "doc": document,
        "content": document.content,
        "title": document.title,
        "note_numbers": NOTE_NUMBERS,
        "note_titles": _note_titles(),
        "suppression_note": NOTE,
    }


def report_pdf(report: Report, *, final: bool = False) -> bytes:
    return document_pdf(rendering(report.association, report.kind, report.period_end, report, final))


def document_html(document: Rendering) -> str:
    """The report's body as its page shows it (without the page's tools)."""
    return render_to_string(f"reporting/includes/{document.kind}_body.html", template_context(document))


def archive(report: Report, goal_outcomes: dict | None = None) -> dict[str, bytes]:
    """The adopted report's files, from one computation of its figures: PDF, workbook, page body.

    Given a dict, fills it with {goal pk: outcome} of the measured goals as these files state
    them (an annual report), for the goals to keep once their year is frozen.
    """
    document = rendering(report.association, report.kind, report.period_end, report, final=True)
    if goal_outcomes is not None and report.kind == Report.Kind.ANNUAL:
        goal_outcomes.update(
            (goal.pk, goal.outcome_value) for goal in document.content.goals if goal.computed
        )
    return {
        "pdf": document_pdf(document),
        "xlsx": workbook(document),
        "html": document_html(document).encode("utf-8"),
    }


def report_workbook(report: Report, *, final: bool = False) -> bytes:
    return workbook(rendering(report.association, report.kind, report.period_end, report, final))


def render(association: Association, kind: str, period_end: datetime.date, file_format: str) -> bytes:
    """From the current data, with the narrative of the period's latest version (the command)."""
    document = rendering(association, kind, period_end)
    return document_pdf(document) if file_format == "pdf" else workbook(document)


def filename(report: Report, file_format: str, *, draft: bool = False) -> str:
    """arsredovisning-sofint-2010-v1.pdf, delarsrapport-solleftea-2026-08-31-utkast.xlsx"""
    name = "arsredovisning" if report.kind == Report.Kind.ANNUAL else "delarsrapport"
    period = str(report.year) if report.kind == Report.Kind.ANNUAL else report.period_end.isoformat()
    suffix = "utkast" if draft else f"v{report.version}"
    return f"{name}-{report.association.slug}-{period}-{suffix}.{file_format}"


# --- Excel -----------------------------------------------------------------------------------------------


def _rows_sheet(book, name, title, subtitle, header, rows, formats=None, widths=None):
    sheet = book.create_sheet(name[:31])
    row = excel.write_title(sheet, title, subtitle)
    row = excel.write_header(sheet, row, header)
    for values, total in rows:
        row = excel.write_row(sheet, row, values, formats, total=total)
    excel.set_widths(sheet, widths or [48, *[16] * (len(header) - 1)])
    return sheet


def _statement_rows(rows):
    return [([row.label, row.current, row.previous], row.level == 2) for row in rows]


# Whole kronor in the amount columns of every sheet that shows amounts only.
MONEY_COLUMNS = {2: excel.WHOLE_AMOUNT, 3: excel.WHOLE_AMOUNT, 4: excel.WHOLE_AMOUNT, 5: excel.WHOLE_AMOUNT}


def workbook(document: Rendering) -> bytes:
    """The report as a workbook: one sheet per table of the document, in the document's order."""
    book = excel.new_workbook()
    subtitle = _workbook_subtitle(document)
    if document.kind == Report.Kind.ANNUAL:
        _annual_sheets(book, document.content, subtitle)
    else:
        _interim_sheets(book, document.title, document.content, subtitle)
    return excel.to_bytes(book)


def _workbook_subtitle(document: Rendering) -> str:
    association = document.association
    subtitle = f"{association.name}, {format_organisation_number(association.organisation_number)}"
    return f"{subtitle} – {document.draft_note}" if document.draft_note else subtitle


def _annual_sheets(book, content, subtitle: str) -> None:
    _statement_sheets(book, content, subtitle)
    _operating_sheet(book, content.operating, subtitle)
    _notes_sheet(book, content, subtitle)
    _project_sheet(book, content, subtitle)
    _funded_initiatives_sheet(book, content, subtitle)
    _members_sheet(book, content, subtitle)
    _decided_sheet(book, content, subtitle)
    _goals_sheet(book, content, subtitle)


def _statement_sheets(book, content, subtitle: str) -> None:
    """Income statement, balance sheet and cash flow: this year beside last year."""
    year, previous = str(content.year), str(content.year - 1)
    header = ["", year, previous]
    _rows_sheet(
        book,
        _("Income statement"),
        _("Income statement"),
        subtitle,
        header,
        _statement_rows(content.statement.rows),
        MONEY_COLUMNS,
    )
    _rows_sheet(
        book,
        _("Balance sheet"),
        _("Balance sheet"),
        subtitle,
        ["", f"{year}-12-31", f"{previous}-12-31"],
        _statement_rows(content.sheet.rows),
        MONEY_COLUMNS,
    )
    _rows_sheet(
        book,
        _("Cash flow"),
        _("Cash-flow statement"),
        subtitle,
        header,
        _statement_rows(content.cash_flow.rows),
        MONEY_COLUMNS,
    )


def _operating_sheet(book, operating, subtitle: str) -> None:
    _rows_sheet(
        book,
        _("Operating statement"),
        _("Operating statement"),
        subtitle,
        ["", _("Budget"), _("Outcome"), _("Difference"), _("Last year")],
        [
            ([line.label, line.budget, line.outcome, line.difference, line.previous], line.level == 2)
            for line in [*operating.summary, *operating.lines, *operating.initiatives]
        ],
        MONEY_COLUMNS,
    )


def _notes_sheet(book, content, subtitle: str) -> None:
    note_rows = []
    for key, label in _note_titles():
        note_rows.append(([label, None, None], True))
        note_rows += _statement_rows(content.notes[key])
    header = ["", str(content.year), str(content.year - 1)]
    _rows_sheet(book, _("Notes"), _("Notes"), subtitle, header, note_rows, MONEY_COLUMNS)


def _project_sheet(book, content, subtitle: str) -> None:
    """Seed 004's project table: outcome and budget per initiative, this year and last."""
    year, previous = str(content.year), str(content.year - 1)
    projects = content.projects
    _rows_sheet(
        book,
        _("Project costs"),
        _("Project costs, outcome and budget"),
        subtitle,
        [
            "",
            _("Outcome %(year)s") % {"year": year},
            _("Budget %(year)s") % {"year": year},
            _("Outcome %(year)s") % {"year": previous},
            _("Budget %(year)s") % {"year": previous},
        ],
        [
            (
                [
                    row.label or _("Total projects"),
                    row.outcome,
                    row.budget,
                    row.previous_outcome,
                    row.previous_budget,
                ],
                not row.label,
            )
            for row in [*projects.rows, projects.total]
        ],
        MONEY_COLUMNS,
    )


def _funded_initiatives_sheet(book, content, subtitle: str) -> None:
    """Each funded initiative: granted, costs, participants, and the share ended as an exact fraction."""
    _rows_sheet(
        book,
        _("Initiatives"),
        _("Funded initiatives %(year)s") % {"year": content.year},
        subtitle,
        [
            _("Initiative"),
            _("Granted"),
            _("Costs"),
            _("Participants"),
            pgettext_ended(),
            _("Share ended, %"),
        ],
        [
            (
                [
                    item.initiative.name,
                    item.granted,
                    item.cost,
                    item.participants.participants.number if item.participants else None,
                    item.participants.ended.number if item.participants else None,
                    item.participants.share_ended.fraction_number if item.participants else None,
                ],
                False,
            )
            for item in content.initiatives
        ],
        {2: excel.WHOLE_AMOUNT, 3: excel.WHOLE_AMOUNT, 6: excel.PERCENT},
    )


def _members_sheet(book, content, subtitle: str) -> None:
    _rows_sheet(
        book,
        _("Members"),
        _("The members' contributions %(year)s") % {"year": content.year},
        subtitle,
        [_("Member"), _("Category"), _("Amount"), _("Share, %")],
        [([share.name, share.category, share.amount, share.fraction], False) for share in content.members],
        {3: excel.WHOLE_AMOUNT, 4: excel.PERCENT},
    )


def _decided_sheet(book, content, subtitle: str) -> None:
    _rows_sheet(
        book,
        _("Decided"),
        _("Decided initiatives, funds set aside"),
        subtitle,
        ["", *[str(each) for each in content.decided_years]],
        [([row.label, *row.amounts], row.total) for row in content.decided],
        MONEY_COLUMNS,
    )


def _goals_sheet(book, content, subtitle: str) -> None:
    _rows_sheet(
        book,
        _("Goals"),
        _("Goal fulfilment %(year)s") % {"year": content.year},
        subtitle,
        [_("Initiative"), _("Goal"), _("Target"), _("Outcome"), _("Assessment")],
        [
            (
                [
                    goal.initiative.name if goal.initiative else _("The board"),
                    goal.text,
                    goal.target,
                    goal.outcome_value,
                    str(dict(goal.Assessment.choices).get(goal.assessed, "")),
                ],
                False,
            )
            for goal in content.goals
        ],
        widths=[28, 60, 12, 12, 20],
    )


def _interim_sheets(book, title: str, content, subtitle: str) -> None:
    _forecast_sheet(book, title, content, subtitle)
    _interim_income_sheet(book, content, subtitle)
    _interim_participants_sheet(book, content, subtitle)


def _forecast_sheet(book, title: str, content, subtitle: str) -> None:
    """Outcome so far against the full year's budget, with the office's forecast."""
    _rows_sheet(
        book,
        _("Outcome and forecast"),
        title,
        subtitle,
        [
            "",
            _("Budget, full year"),
            _("Outcome so far"),
            _("Share of budget, %"),
            _("Forecast, full year"),
            _("Forecast − budget"),
        ],
        [
            (
                [
                    line.label,
                    line.budget,
                    line.outcome,
                    line.used_fraction,
                    line.forecast,
                    line.forecast_difference,
                ],
                line.level == 2,
            )
            for line in content.lines
        ],
        {
            2: excel.WHOLE_AMOUNT,
            3: excel.WHOLE_AMOUNT,
            4: excel.PERCENT,
            5: excel.WHOLE_AMOUNT,
            6: excel.WHOLE_AMOUNT,
        },
    )


def _interim_income_sheet(book, content, subtitle: str) -> None:
    _rows_sheet(
        book,
        _("Income statement"),
        _("Income statement so far"),
        subtitle,
        [
            "",
            _("Budget, full year"),
            _("Outcome so far"),
            _("Share of budget, %"),
            _("Same period last year"),
        ],
        [
            ([line.label, line.budget, line.outcome, line.used_fraction, line.previous], line.level == 2)
            for line in content.operating.summary
        ],
        {**MONEY_COLUMNS, 4: excel.PERCENT},
    )


def _interim_participants_sheet(book, content, subtitle: str) -> None:
    participants = content.participants
    _rows_sheet(
        book,
        _("Participants"),
        _("Participants so far"),
        subtitle,
        ["", _("Count")],
        [
            ([_("Participants during the year"), participants.participants.number], False),
            ([_("Newly enrolled"), participants.new.number], False),
            ([pgettext_ended(), participants.ended.number], False),
        ],
    )


def pgettext_ended() -> str:
    return pgettext("participants", "Ended")


def _note_titles():
    return [
        ("income", _("Note 2 Operating income")),
        ("costs", _("Note 3 Operating costs")),
        ("receivables", _("Note 4 Receivables")),
        ("cash", _("Note 5 Cash and bank")),
        ("equity", _("Note 6 Equity")),
        ("liabilities", _("Note 7 Current liabilities")),
    ]
