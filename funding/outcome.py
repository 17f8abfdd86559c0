"""Outcome against budget, for a year or up to a date (30 April and 31 August are the usual).

Shown in the income statement's signs (income positive, costs negative), so a positive
difference (outcome − budget) is always good for the result. For a date within the year the
budget column is the whole year's, and the outcome is the ledger's vouchers up to the date;
last year's column is last year up to the same day where its ledger is imported.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from finsam.money import percent_of, share_of
from funding.accounts import COST_LINES, Orientation, ReportLine
from funding.budgets import budget_for_year, budget_table
from funding.models import Budget, BudgetLine
from funding.statements import ZERO, AccountFigure, YearFigures, income_statement, year_figures
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

    @property
    def difference(self) -> Decimal | None:
        if self.budget is None or self.outcome is None:
            return None
        return self.outcome - self.budget

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


def _object_costs(
    projects: dict[str, dict[str, Decimal]] | None, figures: YearFigures, obj: str
) -> Decimal | None:
    if projects is None:
        return None
    accounts = projects.get(obj, {})
    return -sum(
        (amount for number, amount in accounts.items() if _is_cost(figures, number)),
        ZERO,
    )


def _is_cost(figures: YearFigures, number: str) -> bool:
    figure = figures.results.get(number)
    return bool(figure and (figure.line in COST_LINES or figure.line == ReportLine.COST_DEPRECIATION))


def _administration(figures: YearFigures, orientation: str, previous=False) -> Decimal | None:
    """Office or board costs: the accounts with that orientation, less what is on project objects."""
    if previous and not figures.has_previous_results:
        return None
    projects = figures.previous_projects if previous else figures.projects
    total = ZERO
    for figure in figures.results.values():
        if figure.mapping and figure.mapping.orientation == orientation and _is_cost(figures, figure.number):
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
        projects = figures.previous_projects if previous else figures.projects
        return _object_costs(projects, figures, line.accounting_object)
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
        report.initiatives = _objects_without_budget(figures)
        return report
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
    if report.initiatives:
        report.initiatives.append(
            OutcomeLine(
                _("Total initiatives"),
                sum((line.budget for line in report.initiatives), ZERO),
                sum((line.outcome or ZERO for line in report.initiatives), ZERO),
                None
                if any(line.previous is None for line in report.initiatives)
                else sum((line.previous for line in report.initiatives), ZERO),
                level=2,
            )
        )
    report.other_objects = [
        line for line in _objects_without_budget(figures) if line.key not in named_objects
    ]
    return report


def _objects_without_budget(figures: YearFigures) -> list[OutcomeLine]:
    """Costs on project objects, for objects that no budget line names: listed, never dropped."""
    return [
        OutcomeLine(
            f"{figures.project_names.get(obj, obj)} ({obj})",
            None,
            _object_costs(figures.projects, figures, obj),
            _object_costs(figures.previous_projects, figures, obj),
            key=obj,
        )
        for obj in sorted(figures.projects)
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
