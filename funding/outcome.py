"""Outcome against budget, for a year or up to a date (30 April and 31 August are the usual).

Shown in the income statement's signs (income positive, costs negative), so a positive
difference (outcome − budget) is always good for the result. The outcome is the ledger's
vouchers up to the date, or up to the last booked month of a ledger exported during the year
(`booked_to`); last year's column is last year up to the same day where its ledger is imported.

Beside the whole year's budget stands the budget to date: the year's budget periodised by month
(budget × months booked / 12, finsam.money.periodised), and the difference to date is the outcome
less that. Eight months of bookkeeping are never set against a whole year's budget unsaid.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max
from django.utils.translation import gettext as _

from finsam.money import percent_of, periodised, share_of
from funding.accounts import Orientation, ReportLine
from funding.budgets import budget_for_year, budget_table
from funding.models import Budget, BudgetLine, DecidedAmount, DigestAmount
from funding.statements import (
    ZERO,
    AccountFigure,
    YearFigures,
    counts_as_initiative_cost,
    income_statement,
    initiative_costs,
    year_figures,
)
from members.models import Association

M = BudgetLine.Measure
INCOME_BY_MEASURE = {
    M.INCOME_STATE: [ReportLine.INCOME_STATE],
    M.INCOME_REGION: [ReportLine.INCOME_REGION],
    M.INCOME_MUNICIPALITIES: [ReportLine.INCOME_MUNICIPALITIES],
    M.INCOME_REGION_MUNICIPALITIES: [ReportLine.INCOME_REGION, ReportLine.INCOME_MUNICIPALITIES],
    M.INCOME_GRANTS: [ReportLine.INCOME_GRANTS],
    M.INCOME_OTHER: [ReportLine.INCOME_OTHER],
    M.FINANCIAL_INCOME: [ReportLine.FINANCIAL_INCOME],
    M.FINANCIAL_COSTS: [ReportLine.FINANCIAL_COSTS],
}


@dataclass
class OutcomeLine:
    label: str
    budget: Decimal | None
    outcome: Decimal | None
    previous: Decimal | None = None
    level: int = 0
    key: str = ""
    budget_to_date: Decimal | None = None  # the budget for the months booked (set by outcome_report)

    @property
    def difference(self) -> Decimal | None:
        """Outcome less the whole year's budget."""
        if self.budget is None or self.outcome is None:
            return None
        return self.outcome - self.budget

    @property
    def difference_to_date(self) -> Decimal | None:
        """Outcome less the budget for the months booked: the figure to judge a part year by."""
        if self.budget_to_date is None or self.outcome is None:
            return None
        return self.outcome - self.budget_to_date

    @property
    def used_percent(self) -> Decimal | None:
        """How much of the year's budget the outcome so far is, for costs and income alike.

        Not for subtotals: a net figure's share of a net budget says nothing.
        """
        if not self.budget or self.outcome is None or self.level == 1:
            return None
        return percent_of(self.outcome, self.budget)

    @property
    def used_fraction(self) -> Decimal | None:
        """used_percent as the exact fraction, for a workbook's percent cells."""
        if not self.budget or self.outcome is None or self.level == 1:
            return None
        return share_of(self.outcome, self.budget)


@dataclass
class OutcomeReport:
    association: Association
    year: int
    up_to: datetime.date | None
    budget: Budget | None
    figures: YearFigures
    summary: list[OutcomeLine] = field(default_factory=list)
    lines: list[OutcomeLine] = field(default_factory=list)
    initiatives: list[OutcomeLine] = field(default_factory=list)
    other_objects: list[OutcomeLine] = field(default_factory=list)
    # Where the initiatives' budget column comes from: "budget" (the adopted budget), "granted"
    # (the board's granted amounts for the year, without an adopted budget) or "" (neither).
    initiative_budget_source: str = ""
    booked_to: datetime.date | None = None  # the last day the outcome counts (None: nothing booked)
    months_booked: Decimal = Decimal(12)

    @property
    def is_part_year(self) -> bool:
        return self.months_booked < 12

    @property
    def months_label(self) -> str:
        """The months booked as the budget-to-date column says it: "8/12" (or "7,5/12")."""
        months = self.months_booked.quantize(Decimal("0.1")).normalize()
        return f"{months:f}".replace(".", ",") + "/12"

    @property
    def initiative_budget_label(self) -> str:
        """Says where the initiatives' budget column comes from, e.g. "Budget: antagen budget 2009–2011"."""
        if self.initiative_budget_source == "budget" and self.budget is not None:
            years = self.budget.years
            return _("Budget: adopted budget %(first)s–%(last)s") % {"first": years[0], "last": years[-1]}
        if self.initiative_budget_source == "granted":
            return _("Granted amount")
        return ""

    @property
    def initiatives_caption(self) -> str:
        label = self.initiative_budget_label
        return _("Per initiative (%(budget)s)") % {"budget": label} if label else _("Per initiative")

    @property
    def unmapped(self) -> list[AccountFigure]:
        return self.figures.unmapped

    @property
    def result(self) -> Decimal:
        return self.summary[-1].outcome


def _sum_lines(figures: YearFigures, lines, previous=False) -> Decimal | None:
    if previous and not figures.has_previous_results:
        return None
    totals = figures.result_by_line(previous=previous)
    return -sum((totals.get(line, ZERO) for line in lines), ZERO)


def _object_cost(figures: YearFigures, obj: str, previous=False) -> Decimal | None:
    """An initiative's cost (shown negative) by the one definition, funding.statements.initiative_costs."""
    costs = initiative_costs(figures, previous)
    return None if costs is None else -costs.get(obj, ZERO)


def _administration(figures: YearFigures, orientation: str, previous=False) -> Decimal | None:
    """Office or board costs: the accounts with that orientation, less what is on project objects."""
    if previous and not figures.has_previous_results:
        return None
    projects = figures.previous_projects if previous else figures.projects
    total = ZERO
    for figure in figures.results.values():
        if counts_as_initiative_cost(figure.mapping) and figure.mapping.orientation == orientation:
            amount = figure.previous if previous else figure.current
            on_objects = sum(
                (accounts.get(figure.number, ZERO) for accounts in (projects or {}).values()), ZERO
            )
            total += (amount or ZERO) - on_objects
    return -total


def _measure(figures: YearFigures, line: BudgetLine, previous=False) -> Decimal | None:
    if line.measure in INCOME_BY_MEASURE:
        return _sum_lines(figures, INCOME_BY_MEASURE[line.measure], previous)
    if line.measure == M.INITIATIVE:
        return _object_cost(figures, line.accounting_object, previous)
    if line.measure == M.OFFICE:
        return _administration(figures, Orientation.OFFICE, previous)
    if line.measure == M.BOARD:
        return _administration(figures, Orientation.BOARD, previous)
    return None


def outcome_report(association: Association, year: int, up_to: datetime.date | None = None) -> OutcomeReport:
    """Raises statements.LedgerMissing when the year has no imported ledger."""
    figures = year_figures(association, year, up_to)
    budget, index = budget_for_year(association, year)
    report = OutcomeReport(
        association=association, year=year, up_to=figures.up_to, budget=budget, figures=figures
    )
    statement = income_statement(figures)
    budget_by_row = _budget_summary(budget, index) if budget else {}
    for row in statement.rows:
        report.summary.append(
            OutcomeLine(row.label, budget_by_row.get(row.key), row.current, row.previous, row.level, row.key)
        )
    if budget is None:
        _granted_initiatives(report, figures)
        _periodise(report)
        return report
    report.initiative_budget_source = "budget"
    named_objects = set()
    order = {section: position for position, section in enumerate(BudgetLine.Section.values)}
    for line in sorted(budget.lines.all(), key=lambda line: (order[line.section], line.position, line.pk)):
        sign = -1 if line.is_cost else 1
        budgeted = sign * line.amounts[index]
        outcome = _measure(figures, line, previous=False)
        previous = _measure(figures, line, previous=True)
        target = report.initiatives if line.measure == M.INITIATIVE else report.lines
        if line.measure == M.INITIATIVE:
            named_objects.add(line.accounting_object)
        target.append(
            OutcomeLine(
                f"{line.label} ({line.accounting_object})" if line.measure == M.INITIATIVE else line.label,
                budgeted,
                outcome,
                previous,
                key=line.accounting_object or line.measure,
            )
        )
    _add_initiative_total(report)
    report.other_objects = [
        line for line in _objects_without_budget(figures) if line.key not in named_objects
    ]
    _periodise(report)
    return report


def booked_to(figures: YearFigures) -> datetime.date | None:
    """The last day the outcome counts: the chosen date, else the end of the ledger's last booked month.

    A ledger exported in September holds vouchers up to August: its outcome is eight months'.
    """
    last_month = DigestAmount.objects.filter(ledger=figures.ledger).aggregate(last=Max("month"))["last"]
    if last_month is None:
        return None
    last_day = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    last_day = min(last_day, figures.ledger.end_date)
    return min(figures.up_to, last_day) if figures.up_to else last_day


def months_between(start: datetime.date, end: datetime.date | None) -> Decimal:
    """Months from the year's first day to `end` (inclusive); a part month counts by its days."""
    if end is None or end < start:
        return Decimal(0)
    whole = (end.year - start.year) * 12 + end.month - start.month
    days_in_month = calendar.monthrange(end.year, end.month)[1]
    if end.day == days_in_month:
        return Decimal(min(whole + 1, 12))
    return min(Decimal(whole) + Decimal(end.day) / Decimal(days_in_month), Decimal(12))


def _periodise(report: OutcomeReport) -> None:
    report.booked_to = booked_to(report.figures)
    report.months_booked = months_between(report.figures.ledger.start_date, report.booked_to)
    for lines in (report.summary, report.lines, report.initiatives, report.other_objects):
        # Each row, totals too, is its own budget periodised: periodising is linear, so a total is
        # its exact parts' sum rounded once (a budgeted result of 0 stays 0 to date).
        for line in lines:
            line.budget_to_date = periodised(line.budget, report.months_booked)


def _add_initiative_total(report: OutcomeReport) -> None:
    if not report.initiatives:
        return
    report.initiatives.append(
        OutcomeLine(
            _("Total initiatives"),
            sum((line.budget or ZERO for line in report.initiatives), ZERO),
            sum((line.outcome or ZERO for line in report.initiatives), ZERO),
            None
            if any(line.previous is None for line in report.initiatives)
            else sum((line.previous for line in report.initiatives), ZERO),
            level=2,
        )
    )


def _granted_initiatives(report: OutcomeReport, figures: YearFigures) -> None:
    """Without an adopted budget, each initiative's budget is its granted amount for the year
    (funding.DecidedAmount, as the initiatives app pushes it), as in the annual report's project table."""
    decided = DecidedAmount.objects.filter(association=report.association, year=report.year).order_by(
        "label", "source"
    )
    lines: dict[str, OutcomeLine] = {}
    for amount in decided:
        key = amount.accounting_object or amount.source
        line = lines.get(key)
        if line is None:
            obj = amount.accounting_object
            line = lines[key] = OutcomeLine(
                f"{amount.label} ({obj})" if obj else amount.label,
                ZERO,
                _object_cost(figures, obj) if obj else None,
                _object_cost(figures, obj, previous=True) if obj else None,
                key=obj,
            )
        line.budget -= amount.amount
    report.initiatives = list(lines.values())
    if report.initiatives:
        report.initiative_budget_source = "granted"
    _add_initiative_total(report)
    report.other_objects = [line for line in _objects_without_budget(figures) if line.key not in lines]


def _objects_without_budget(figures: YearFigures) -> list[OutcomeLine]:
    """Costs on project objects, for objects that no budget line names: listed, never dropped."""
    return [
        OutcomeLine(
            f"{figures.project_names.get(obj, obj)} ({obj})",
            None,
            _object_cost(figures, obj),
            _object_cost(figures, obj, previous=True),
            key=obj,
        )
        for obj in sorted(initiative_costs(figures))
    ]


def _budget_summary(budget: Budget, index: int) -> dict[str, Decimal]:
    """The budget in the income statement's rows; the undecided room counts as a cost, as in seed 003."""
    table = budget_table(budget)
    income = financial_income = operating_costs = financial_costs = ZERO
    for line in budget.lines.all():
        amount = line.amounts[index]
        if line.section == BudgetLine.Section.INCOME:
            if line.measure == M.FINANCIAL_INCOME:
                financial_income += amount
            else:
                income += amount
        elif line.section == BudgetLine.Section.FINANCIAL:
            financial_costs += amount
        else:
            operating_costs += amount
    operating_costs += table.room[index]
    net = income - operating_costs
    result = net + financial_income - financial_costs
    return {
        "income": income,
        "costs": -operating_costs,
        "net_cost": net,
        "financial_income": financial_income,
        "financial_costs": -financial_costs,
        "before_extraordinary": result,
        "result": result,
    }
