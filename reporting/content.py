"""What an annual or interim report says, computed from the data; only the narrative is typed.

`annual_content` gathers the management report's figures (members' shares, goals, funded
initiatives with participants, board meetings, finances, decided initiatives for the coming
years), the statements (income statement, balance sheet, cash flow, operating and investment
statements) with the notes, the project table and the charts. `interim_content` gathers the
outcome so far against the budget with the office's forecast, and participants so far.

Both raise LedgerMissing when the year has no imported ledger: never half a report.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.db.models import Count
from django.utils.translation import gettext as _

from finsam.money import percent_of, share_of
from funding import annual_statements
from funding.accounts import MEMBER_INCOME_LINES
from funding.models import ContributionShare
from funding.outcome import OutcomeLine, OutcomeReport, outcome_report
from funding.statements import (
    BalanceSheet,
    IncomeStatement,
    KeyFigures,
    LedgerMissing,
    Row,
    YearFigures,
    balance_sheet,
    costs_by_object,
    income_statement,
    key_figures,
    key_figures_over_years,
    year_figures,
)
from initiatives.models import Goal, Initiative
from initiatives.selectors import ProjectTable, granted, project_table, with_outcomes
from members.models import Association, BoardMeeting, BoardTerm
from members.selectors import board_on
from participants.disclosure import Disclosed, disclose, disclose_initiatives
from participants.goals import goal_outcomes
from participants.statistics import years_statistics
from reporting import charts
from reporting.models import Forecast, Report

ZERO = Decimal(0)
DECIDED_YEARS = 3


@dataclass
class MemberShare:
    name: str
    category: str
    amount: Decimal
    percent: Decimal | None
    fraction: Decimal | None = None  # the exact share, for the workbook's percent cell


@dataclass
class FundedInitiative:
    initiative: Initiative
    granted: Decimal | None
    cost: Decimal | None
    participants: Disclosed | None


@dataclass
class DecidedRow:
    label: str
    amounts: list[Decimal | None]
    total: bool = False


@dataclass
class MeetingRow:
    meeting: BoardMeeting
    decisions: int


@dataclass
class AnnualContent:
    association: Association
    year: int
    figures: YearFigures
    statement: IncomeStatement
    sheet: BalanceSheet
    cash_flow: annual_statements.CashFlow
    investments: list[Row]
    operating: OutcomeReport
    projects: ProjectTable
    key: KeyFigures
    history: list[KeyFigures]
    members: list[MemberShare]
    members_from_contributions: bool
    goals: list[Goal]
    initiatives: list[FundedInitiative]
    participants: Disclosed
    meetings: list[MeetingRow]
    decided_years: list[int]
    decided: list[DecidedRow]
    notes: dict[str, list[Row]]
    charts: dict[str, str] = field(default_factory=dict)

    @property
    def board_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.initiative_id is None]

    @property
    def initiative_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.initiative_id is not None]

    @property
    def decisions(self) -> int:
        return sum(row.decisions for row in self.meetings)


def annual_content(association: Association, year: int) -> AnnualContent:
    """Raises LedgerMissing when the year has no imported ledger."""
    figures = year_figures(association, year)
    statement = income_statement(figures)
    sheet = balance_sheet(figures, statement)
    statistics = years_statistics(association, [year])[year]
    total = disclose(statistics.total, suppress=True)
    history = [item for item in key_figures_over_years(association) if year - 4 <= item.year <= year]
    members, from_contributions = _member_shares(association, year, statement)
    content = AnnualContent(
        association=association,
        year=year,
        figures=figures,
        statement=statement,
        sheet=sheet,
        cash_flow=annual_statements.cash_flow_statement(figures, statement, sheet),
        investments=annual_statements.investment_statement(figures),
        operating=outcome_report(association, year),
        projects=project_table(association, year),
        key=key_figures(association, year),
        history=history,
        members=members,
        members_from_contributions=from_contributions,
        goals=with_outcomes(
            Goal.objects.filter(association=association, year=year)
            .select_related("initiative", "association")
            .order_by("initiative__name", "position", "pk"),
            partial(goal_outcomes, known_statistics={(association.pk, year): statistics}),
        ),
        initiatives=_funded(association, year, statistics, total),
        participants=total,
        meetings=_meetings(association, year),
        decided_years=list(range(year + 1, year + 1 + DECIDED_YEARS)),
        decided=_decided(association, year),
        notes={
            "income": statement.income_notes,
            "costs": annual_statements.cost_accounts_note(figures),
            "receivables": annual_statements.receivables_note(figures),
            "cash": annual_statements.cash_note(figures),
            "equity": annual_statements.equity_note(figures, statement, sheet),
            "liabilities": annual_statements.current_liabilities_note(figures),
        },
    )
    content.charts = charts.annual_charts(content)
    return content


def _member_shares(association, year, statement) -> tuple[list[MemberShare], bool]:
    """Each member's contribution for the year, from the contributions when recorded, else the
    ledger's income per member category."""
    shares = list(
        ContributionShare.objects.filter(contribution__association=association, contribution__year=year)
        .with_amounts()
        .select_related("organisation")
        .order_by("category", "organisation__name")
    )
    if shares:
        by_member: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for share in shares:
            by_member[(share.organisation.name, share.get_category_display())] += share.amount_due
        total = sum(by_member.values(), ZERO)
        return [
            MemberShare(name, category, amount, percent_of(amount, total), share_of(amount, total))
            for (name, category), amount in by_member.items()
        ], True
    rows = [row for row in statement.income_notes if row.key in MEMBER_INCOME_LINES]
    total = sum((row.current for row in rows), ZERO)
    return [
        MemberShare(row.label, "", row.current, percent_of(row.current, total), share_of(row.current, total))
        for row in rows
    ], False


def _funded(association, year, statistics, total) -> list[FundedInitiative]:
    amounts = granted(association, [year])
    costs = costs_by_object(association, [year]).get(year, {})
    by_initiative = {
        item.initiative.pk: item
        for item in disclose_initiatives(statistics.initiatives, total, suppress=True)
    }
    rows = []
    for initiative in Initiative.objects.filter(association=association).active_in(year).order_by("name"):
        amount = amounts.get((initiative.pk, year))
        cost = costs.get(initiative.accounting_object) if initiative.accounting_object else None
        if amount is None and not cost:
            continue
        rows.append(FundedInitiative(initiative, amount, cost, by_initiative.get(initiative.pk)))
    return rows


def _meetings(association, year) -> list[MeetingRow]:
    meetings = (
        BoardMeeting.objects.filter(association=association, date__year=year)
        .annotate(count=Count("decisions"))
        .order_by("date")
    )
    return [MeetingRow(meeting, meeting.count) for meeting in meetings]


def _decided(association, year) -> list[DecidedRow]:
    """Initiatives already granted money for the coming years (seed 004's "Beslutade projekt")."""
    years = list(range(year + 1, year + 1 + DECIDED_YEARS))
    amounts = granted(association, years)
    initiatives = Initiative.objects.filter(pk__in={pk for pk, _year in amounts}).order_by("name")
    rows = [DecidedRow(item.name, [amounts.get((item.pk, each)) for each in years]) for item in initiatives]
    if rows:
        rows.append(
            DecidedRow(
                _("Total"),
                [sum((row.amounts[index] or ZERO for row in rows), ZERO) for index in range(len(years))],
                total=True,
            )
        )
    return rows


def signatories(report: Report) -> list[BoardTerm]:
    """The board's members (ledamöter) on the day of signing: whoever sits then signs."""
    on = report.decision.meeting.date if report.decision else datetime.date.today()
    return board_on(report.association, on).members


# --- The interim report ----------------------------------------------------------------------------


@dataclass
class InterimLine:
    key: str
    label: str
    budget: Decimal | None
    outcome: Decimal | None
    previous: Decimal | None
    forecast: Decimal | None
    forecast_given: bool
    level: int = 0

    @property
    def used_percent(self) -> Decimal | None:
        if not self.budget or self.outcome is None or self.level:
            return None
        return percent_of(self.outcome, self.budget)

    @property
    def used_fraction(self) -> Decimal | None:
        """used_percent as the exact fraction, for the workbook's percent cells."""
        if not self.budget or self.outcome is None or self.level:
            return None
        return share_of(self.outcome, self.budget)

    @property
    def forecast_difference(self) -> Decimal | None:
        if self.budget is None or self.forecast is None:
            return None
        return self.forecast - self.budget


@dataclass
class InterimContent:
    association: Association
    date: datetime.date
    operating: OutcomeReport
    lines: list[InterimLine]
    participants: Disclosed
    initiatives: list[Disclosed]
    charts: dict[str, str] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def has_budget(self) -> bool:
        return self.operating.budget is not None


def forecast_key(line: OutcomeLine) -> str:
    return f"{line.key}|{line.label}"[:80]


def interim_content(
    association: Association, date: datetime.date, report: Report | None = None
) -> InterimContent:
    """Raises LedgerMissing when the year has no imported ledger."""
    operating = outcome_report(association, date.year, up_to=date)
    forecasts = (
        dict(Forecast.objects.filter(report=report).values_list("line", "amount"))
        if report is not None
        else {}
    )
    lines = []
    candidates = [
        *operating.lines,
        *[item for item in operating.initiatives if not item.level],
        *operating.other_objects,  # costs on objects no budget line names: listed, never dropped
    ]
    granted_by_object = _granted_by_object(association, date.year)
    for line in candidates:
        if not (line.budget or line.outcome or line.previous):
            continue  # a line with nothing in it this year
        key = forecast_key(line)
        given = key in forecasts
        # Without a forecast the budget stands; an initiative decided after the budget was adopted
        # is forecast at its granted amount, and anything else at what is spent so far.
        if line.budget is not None:
            default = line.budget
        elif line.key in granted_by_object:
            default = -granted_by_object[line.key]
        else:
            default = line.outcome
        lines.append(
            InterimLine(
                key,
                line.label,
                line.budget,
                line.outcome,
                line.previous,
                forecasts[key] if given else default,
                given,
            )
        )
    if lines:
        lines.append(
            InterimLine(
                "total",
                _("Result"),
                _total(line.budget or ZERO for line in lines),
                operating.result,
                None,
                _total(line.forecast for line in lines),
                False,
                level=2,
            )
        )
    statistics = years_statistics(association, [date.year], up_to=date)[date.year]
    total = disclose(statistics.total, suppress=True)
    content = InterimContent(
        association=association,
        date=date,
        operating=operating,
        lines=lines,
        participants=total,
        initiatives=disclose_initiatives(statistics.initiatives, total, suppress=True),
    )
    content.charts = charts.interim_charts(content)
    return content


def _granted_by_object(association, year) -> dict[str, Decimal]:
    amounts = granted(association, [year])
    objects = dict(
        Initiative.objects.filter(association=association, pk__in={pk for pk, _year in amounts})
        .exclude(accounting_object="")
        .values_list("pk", "accounting_object")
    )
    return {objects[pk]: amount for (pk, _year), amount in amounts.items() if pk in objects}


def _total(values) -> Decimal | None:
    values = list(values)
    if any(value is None for value in values):
        return None
    return sum(values, ZERO)


__all__ = ["LedgerMissing", "annual_content", "interim_content", "signatories"]
