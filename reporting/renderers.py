"""Every report `render_report` can write, and how: one renderer per kind.

A renderer takes the format ("pdf" or "xlsx") and its arguments and returns the document's
bytes, or raises ReportUnavailable with a Swedish message saying what is missing.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from funding.budgets import budget_table
from funding.documents.budget_pdf import budget_pdf
from funding.documents.budget_xlsx import budget_workbook
from funding.documents.outcome import outcome_pdf, outcome_workbook
from funding.models import Budget
from funding.outcome import outcome_report
from funding.statements import LedgerMissing
from members.models import Association
from participants.comparison import comparison_table
from participants.documents import (
    comparison_pdf,
    comparison_workbook,
    participants_report,
    report_pdf,
    report_workbook,
)
from reporting import documents as report_documents


class ReportUnavailable(Exception):
    """The data the report needs is not there; the message says what is missing."""


@dataclass(frozen=True)
class Renderer:
    render: Callable[..., bytes]
    many: bool = False  # takes several associations


def _require(value, message):
    if value is None:
        raise ReportUnavailable(message)
    return value


def render_budget(file_format: str, *, association: Association, year: int | None, **_ignored) -> bytes:
    year = _require(year, _("Give the budget year with --year YYYY."))
    versions = Budget.objects.filter(association=association, first_year=year)
    budget = versions.adopted().order_by("-version").first() or versions.order_by("-version").first()
    if budget is None:
        raise ReportUnavailable(
            _("%(association)s has no budget for %(year)s.") % {"association": association, "year": year}
        )
    table = budget_table(budget)
    return budget_pdf(table) if file_format == "pdf" else budget_workbook(table)


def render_outcome(
    file_format: str, *, association: Association, year: int | None, date: datetime.date | None, **_ignored
) -> bytes:
    if year is None and date is not None:
        year = date.year
    year = _require(year, _("Give the year with --year YYYY."))
    if date is not None and date.year != year:
        raise ReportUnavailable(_("The date must be in the year %(year)s.") % {"year": year})
    try:
        report = outcome_report(association, year, date)
    except LedgerMissing:
        raise _ledger_missing(association, year) from None
    return outcome_pdf(report) if file_format == "pdf" else outcome_workbook(report)


def render_participants(
    file_format: str, *, association: Association, year: int | None, internal: bool = False, **_ignored
) -> bytes:
    year = _require(year, _("Give the year with --year YYYY."))
    report = participants_report(association, year, suppress=not internal)
    return report_pdf(report) if file_format == "pdf" else report_workbook(report)


def render_comparison(
    file_format: str, *, associations: list[Association], year: int | None, **_ignored
) -> bytes:
    year = _require(year, _("Give the year with --year YYYY."))
    table = comparison_table(associations, year)
    return comparison_pdf(table) if file_format == "pdf" else comparison_workbook(table)


def _ledger_missing(association, year) -> ReportUnavailable:
    return ReportUnavailable(
        _("%(association)s has no imported bookkeeping for %(year)s; import the SIE file first.")
        % {"association": association, "year": year}
    )


def render_annual(file_format: str, *, association: Association, year: int | None, **_ignored) -> bytes:
    """From the current data, with the narrative of the year's latest version; a draft, marked
    as such, even when an adopted version exists (that one is downloaded as stored)."""
    year = _require(year, _("Give the year with --year YYYY."))
    try:
        return report_documents.render(association, "annual", datetime.date(year, 12, 31), file_format)
    except LedgerMissing:
        raise _ledger_missing(association, year) from None


def render_interim(
    file_format: str, *, association: Association, date: datetime.date | None, **_ignored
) -> bytes:
    date = _require(date, _("Give the date with --date YYYY-MM-DD."))
    try:
        return report_documents.render(association, "interim", date, file_format)
    except LedgerMissing:
        raise _ledger_missing(association, date.year) from None


RENDERERS: dict[str, Renderer] = {
    "annual": Renderer(render_annual),
    "interim": Renderer(render_interim),
    "budget": Renderer(render_budget),
    "outcome": Renderer(render_outcome),
    "participants": Renderer(render_participants),
    "comparison": Renderer(render_comparison, many=True),
}
