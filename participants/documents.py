"""Documents of the participants app: the statistics report, the national follow-up, the comparison,
the import template and the export of rows."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from finsam import excel
from finsam.formulas import csv_text
from finsam.pdf import page_context, render_pdf
from funding.budgets import budget_for_year
from funding.models import BudgetLine, Contribution
from funding.statements import LedgerMissing, costs_by_object, key_figures
from initiatives.models import Initiative
from initiatives.selectors import granted
from members.models import Association
from participants import charts, disclosure
from participants.disclosure import Disclosed, DisclosedSurvey, Shown, disclose, disclose_initiatives
from participants.importing import HEADERS
from participants.models import END_GROUPS, EndGroup, EndReason, Gender, IncomeGroup, IncomeSource
from participants.statistics import AGE_LABELS, survey_results, year_statistics, years_statistics


@dataclass
class Report:
    """The participants report for one association and year: what the page, the PDF and the Excel show."""

    association: Association
    year: int
    suppressed: bool
    total: Disclosed
    history: list[Disclosed]  # the total for the two years before and this year
    initiatives: list[Disclosed]
    surveys: list[DisclosedSurvey]

    @property
    def reasons(self):
        return [
            (group, [reason for reason in EndReason if reason.value in codes]) for group, codes in _groups()
        ]

    @property
    def genders(self):
        return list(Gender)

    @property
    def age_labels(self):
        return AGE_LABELS

    @property
    def income_groups(self):
        return list(IncomeGroup)

    @property
    def transition_rows(self):
        return [
            (before, [self.total.transitions[(before.value, after.value)] for after in IncomeGroup])
            for before in IncomeGroup
        ]


def _groups():
    return [(group, [reason.value for reason in reasons]) for group, reasons in END_GROUPS.items()]


def participants_report(association: Association, year: int, *, suppress: bool) -> Report:
    by_year = years_statistics(association, [year - 2, year - 1, year])
    statistics = by_year[year]
    history = [by_year[earlier].total for earlier in (year - 2, year - 1, year)]
    total = disclose(statistics.total, suppress=suppress)
    surveys = [DisclosedSurvey(survey, suppress=suppress) for survey in survey_results(association, year)]
    return Report(
        association=association,
        year=year,
        suppressed=suppress,
        total=total,
        history=[disclose(figures, suppress=suppress) for figures in history[:-1]] + [total],
        initiatives=disclose_initiatives(statistics.initiatives, total, suppress=suppress),
        surveys=surveys,
    )


def report_title(report: Report) -> str:
    return _("Participants and outcomes %(year)s") % {"year": report.year}


def report_charts(report: Report) -> dict[str, str]:
    return {
        "participants": charts.participants_chart(report.history, _("Participants")),
        "shares": charts.share_chart(report.history, _("Share ended and how, %")),
        "costs": charts.cost_chart(report.history, _("Cost per participant, kr")),
    }


def chart_images(report: Report) -> dict[str, str]:
    """The charts as image addresses (data: URIs), for pages and PDFs alike."""
    return {name: charts.data_uri(svg) for name, svg in report_charts(report).items()}


def report_pdf(report: Report) -> bytes:
    title = report_title(report)
    context = {
        "report": report,
        "title": title,
        "suppression_note": disclosure.NOTE,
        "charts": chart_images(report),
        **page_context(
            name=report.association.name,
            organisation_number=report.association.organisation_number,
            footer=title,
        ),
    }
    return render_pdf("participants/documents/report.html", context)


def _number(shown) -> object:
    return shown.number if shown.value is not None or shown.hidden else None


def _fraction(shown) -> object:
    """A share's cell: the exact fraction, written with excel.PERCENT, or the mark."""
    return shown.fraction_number


def report_workbook(report: Report) -> bytes:
    workbook = excel.new_workbook()
    note = str(disclosure.NOTE) if report.suppressed else _("Internal: contains small counts.")
    sheet = workbook.create_sheet(_("Summary"))
    row = excel.write_title(sheet, f"{report_title(report)}, {report.association.name}", note)
    row = excel.write_header(sheet, row, [_("Measure"), *[str(item.year) for item in report.history]])
    percent = {column: excel.PERCENT for column in range(2, 5)}
    kronor = {column: excel.WHOLE_AMOUNT for column in range(2, 5)}
    for label, attribute, formats in [
        (_("Participants during the year"), "participants", None),
        (_("Newly enrolled"), "new", None),
        (pgettext("participants", "Ended"), "ended", None),
        (_("Share ended, %"), "share_ended", percent),
        (_("Ended to work or studies, share of ended"), "share_work_or_studies", percent),
        (_("Ended job- or study-ready, share of ended"), "share_ready", percent),
        (_("Cost per participant, kr"), "cost_per_participant", kronor),
        (_("Cost per ended participant, kr"), "cost_per_ended", kronor),
    ]:
        cell_value = _fraction if formats is percent else _number
        row = excel.write_row(
            sheet, row, [label, *[cell_value(getattr(item, attribute)) for item in report.history]], formats
        )
    excel.set_widths(sheet, [44, 14, 14, 14])

    sheet = workbook.create_sheet(_("Initiatives"))
    row = excel.write_title(sheet, report_title(report), note)
    row = excel.write_header(
        sheet,
        row,
        [
            _("Initiative"),
            _("Participants"),
            _("Newly enrolled"),
            pgettext("participants", "Ended"),
            _("Share ended, %"),
            _("Work or studies"),
            _("Job- or study-ready"),
            _("Other ends"),
            _("Costs, kr"),
            _("Costs from"),
            _("Cost per participant, kr"),
            _("Cost per ended participant, kr"),
        ],
    )
    for item in [*report.initiatives, report.total]:
        name = item.initiative.name if item.initiative else _("All initiatives (each person once)")
        row = excel.write_row(
            sheet,
            row,
            [
                name,
                _number(item.participants),
                _number(item.new),
                _number(item.ended),
                _fraction(item.share_ended),
                _number(item.by_group[EndGroup.WORK_OR_STUDIES]),
                _number(item.by_group[EndGroup.READY]),
                _number(item.by_group[EndGroup.OTHER]),
                item.costs,
                cost_source_label(item.cost_source),
                _number(item.cost_per_participant),
                _number(item.cost_per_ended),
            ],
            {5: excel.PERCENT, 9: excel.WHOLE_AMOUNT, 11: excel.WHOLE_AMOUNT, 12: excel.WHOLE_AMOUNT},
            total=item.initiative is None,
        )
    excel.set_widths(sheet, [34, 12, 12, 10, 12, 12, 12, 10, 14, 18, 16, 16])

    sheet = workbook.create_sheet(_("Ends and groups"))
    row = excel.write_title(
        sheet, _("Ended by reason, gender and age %(year)s") % {"year": report.year}, note
    )
    row = excel.write_header(sheet, row, [_("Group"), _("Count")])
    for group, reasons in report.reasons:
        row = excel.write_row(
            sheet, row, [EndGroup(group).label, _number(report.total.by_group[group])], total=True
        )
        for reason in reasons:
            row = excel.write_row(
                sheet,
                row,
                [f"  {reason.label} ({reason.value})", _number(report.total.by_reason[reason.value])],
            )
    row += 1
    for gender in Gender:
        row = excel.write_row(sheet, row, [gender.label, _number(report.total.by_gender[gender.value])])
    for label in AGE_LABELS:
        row = excel.write_row(
            sheet, row, [_("Age %(band)s") % {"band": label}, _number(report.total.by_age[label])]
        )
    row += 1
    row = excel.write_header(
        sheet, row, [_("Income at start / at end"), *[group.label for group in IncomeGroup]]
    )
    for before, cells in report.transition_rows:
        row = excel.write_row(sheet, row, [before.label, *[_number(cell) for cell in cells]])
    excel.set_widths(sheet, [44, 16, 16, 16, 16, 16])
    return excel.to_bytes(workbook)


def cost_source_label(source: str) -> str:
    return {
        "ledger": _("the bookkeeping"),
        "granted": _("the granted amount"),
        "mixed": _("bookkeeping and granted amounts"),
    }.get(source, "")


# --- The national follow-up ("Uppföljning Finsam") -------------------------------------------------


def national_follow_up(association: Association, year: int) -> bytes:
    """What Försäkringskassan's follow-up asks of each association for a year, to copy from."""
    workbook = excel.new_workbook()
    sheet = workbook.create_sheet(_("Association"))
    row = excel.write_title(sheet, _("National follow-up %(year)s") % {"year": year}, association.name)
    contributions = sum(
        (c.total for c in Contribution.objects.filter(association=association, year=year)), Decimal(0)
    )
    try:
        figures = key_figures(association, year)
    except LedgerMissing:
        figures = None
    budget, index = budget_for_year(association, year)
    admin_budget = (
        sum(
            (line.amounts[index] for line in budget.lines.filter(section=BudgetLine.Section.ADMINISTRATION)),
            Decimal(0),
        )
        if budget
        else None
    )
    row = excel.write_header(sheet, row, [_("Measure"), _("Amount, kr")])
    for label, value in [
        (
            _("Allocated funds (the members' contributions)"),
            contributions or (figures.contributions if figures else None),
        ),
        (_("Equity at year end"), figures.equity if figures else None),
        (_("Administration, budget"), admin_budget),
        (_("Administration, outcome"), figures.split.administration if figures else None),
    ]:
        row = excel.write_row(sheet, row, [label, value], {2: excel.WHOLE_AMOUNT})
    excel.set_widths(sheet, [46, 18])

    sheet = workbook.create_sheet(_("Initiatives"))
    row = excel.write_title(sheet, _("Initiatives %(year)s") % {"year": year}, association.name)
    row = excel.write_header(
        sheet,
        row,
        [
            _("Initiative"),
            _("Orientation"),
            _("Budget, kr"),
            _("Actual cost, kr"),
            _("Participants, budgeted"),
            _("Participants, actual"),
            _("Women"),
            _("Men"),
            _("Other or not stated"),
        ],
    )
    statistics = {
        figures.initiative.pk: figures for figures in year_statistics(association, year).initiatives
    }
    amounts = granted(association, [year])
    ledger = costs_by_object(association, [year]).get(year)
    for initiative in Initiative.objects.filter(association=association).active_in(year).order_by("name"):
        budget_amount = amounts.get((initiative.pk, year))
        actual = (
            ledger.get(initiative.accounting_object)
            if ledger is not None and initiative.accounting_object
            else None
        )
        figures = statistics.get(initiative.pk)
        individual = initiative.kind == Initiative.Kind.INDIVIDUAL
        row = excel.write_row(
            sheet,
            row,
            [
                initiative.name,
                _("Individual-oriented") if individual else _("Structural"),
                budget_amount,
                actual,
                initiative.planned_participants if individual else None,
                figures.participants if figures and individual else (0 if individual else None),
                figures.by_gender["K"] if figures and individual else None,
                figures.by_gender["M"] if figures and individual else None,
                figures.by_gender["X"] if figures and individual else None,
            ],
            {3: excel.WHOLE_AMOUNT, 4: excel.WHOLE_AMOUNT},
        )
    excel.set_widths(sheet, [36, 20, 14, 14, 14, 14, 10, 10, 14])
    return excel.to_bytes(workbook)


# --- Import template and export -----------------------------------------------------------------------


def template_workbook(initiatives) -> bytes:
    workbook = excel.new_workbook()
    sheet = workbook.create_sheet(_("Enrolments"))
    excel.write_row(sheet, 1, HEADERS)
    excel.write_row(
        sheet,
        2,
        [
            "A-0001",
            "K",
            1990,
            initiatives[0].code if initiatives else "samcoach",
            "2025-02-03",
            "",
            "",
            "forsorjningsstod",
            "",
        ],
    )
    excel.set_widths(sheet, [12, 6, 10, 18, 12, 12, 18, 20, 20])
    codes = workbook.create_sheet(_("Codes"))
    row = excel.write_header(codes, 1, [_("Column"), _("Code"), _("Meaning")])
    for item in initiatives:
        row = excel.write_row(codes, row, ["insats", item.code, item.name])
    for column, choices in [
        ("kön", Gender),
        ("avslutsorsak", EndReason),
        ("försörjning_före / försörjning_efter", IncomeSource),
    ]:
        for choice in choices:
            row = excel.write_row(codes, row, [column, choice.value, str(choice.label)])
    excel.set_widths(codes, [34, 24, 60])
    return excel.to_bytes(workbook)


def template_csv() -> bytes:
    return ("\ufeff" + ";".join(HEADERS) + "\r\n").encode("utf-8")


EXPORT_FIELDS = [
    "participant__code",
    "participant__gender",
    "participant__birth_year",
    "initiative__code",
    "start_date",
    "end_date",
    "end_reason",
    "income_before",
    "income_after",
]


def export_rows(enrolments) -> Iterator[str]:
    """The register as CSV in the import format, streamed in chunks (UTF-8 with BOM, ;)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def flush():
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return value

    writer.writerow(HEADERS)
    yield "\ufeff" + flush()
    for number, (code, gender, birth_year, initiative, start, end, reason, before, after) in enumerate(
        enrolments.values_list(*EXPORT_FIELDS).iterator(chunk_size=2000), start=1
    ):
        writer.writerow(
            [
                csv_text(value)
                for value in (
                    code,
                    gender,
                    birth_year,
                    initiative,
                    start.isoformat(),
                    end.isoformat() if end else "",
                    reason,
                    before,
                    after,
                )
            ]
        )
        if number % 500 == 0:
            yield flush()
    yield flush()


def export_queryset(queryset):
    return queryset.order_by("initiative__code", "start_date", "participant__code")


# --- Comparison of several associations -------------------------------------------------------------


def comparison_rows(table) -> list[tuple[str, list, str]]:
    """(label, one shown value per association, format) for the comparison's rows."""

    def plain(value):
        return Shown(value)

    return [
        (_("The members' contributions, kr"), [plain(c.contributions) for c in table.columns], "kronor"),
        (_("Participants during the year"), [c.figures.participants for c in table.columns], "count"),
        (_("Share ended"), [c.figures.share_ended for c in table.columns], "percent"),
        (
            _("Ended to work or studies, share of ended"),
            [c.figures.share_work_or_studies for c in table.columns],
            "percent",
        ),
        (
            _("Ended job- or study-ready, share of ended"),
            [c.figures.share_ready for c in table.columns],
            "percent",
        ),
        (_("Cost per participant, kr"), [c.figures.cost_per_participant for c in table.columns], "kronor"),
        (_("Cost per ended participant, kr"), [c.figures.cost_per_ended for c in table.columns], "kronor"),
        (
            _("Administration share of contributions"),
            [Shown(c.administration_share, fraction=c.administration_fraction) for c in table.columns],
            "percent",
        ),
        (
            _("Equity share of contributions"),
            [Shown(c.equity_share, fraction=c.equity_fraction) for c in table.columns],
            "percent",
        ),
    ]


def comparison_title(table) -> str:
    return _("Associations compared %(year)s") % {"year": table.year}


def comparison_pdf(table) -> bytes:
    title = comparison_title(table)
    context = {
        "table": table,
        "rows": comparison_rows(table),
        "title": title,
        "suppression_note": disclosure.NOTE,
        "document_author": "Finsam",
        "header_left": title,
        "header_right": "",
        "footer_left": title,
    }
    return render_pdf("participants/documents/comparison.html", context)


def comparison_workbook(table) -> bytes:
    workbook = excel.new_workbook()
    sheet = workbook.create_sheet(_("Comparison"))
    row = excel.write_title(sheet, comparison_title(table), str(disclosure.NOTE))
    row = excel.write_header(
        sheet, row, [_("Measure"), *[column.association.name for column in table.columns]]
    )
    formats = {"kronor": excel.WHOLE_AMOUNT, "percent": excel.PERCENT, "count": excel.INTEGER}
    for label, cells, kind in comparison_rows(table):
        cell_value = _fraction if kind == "percent" else _number
        row = excel.write_row(
            sheet,
            row,
            [label, *[cell_value(cell) for cell in cells]],
            {column: formats[kind] for column in range(2, len(cells) + 2)},
        )
    row = excel.write_row(
        sheet,
        row + 1,
        [_("No data for the year"), *[("" if column.has_data else _("no data")) for column in table.columns]],
    )
    excel.set_widths(sheet, [42, *[22] * len(table.columns)])
    return excel.to_bytes(workbook)
