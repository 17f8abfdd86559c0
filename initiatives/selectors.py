"""Reads that shape the initiatives pages: money per year, the project table, cost reports."""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Sum

from funding.statements import LedgerMissing, costs_by_object, counts_as_initiative_cost, year_figures
from initiatives.models import ApplicationCost, CostKind, CostReport, Goal, GrantAmount, Initiative
from members.models import Association

ZERO = Decimal(0)


def granted(association: Association, years=None) -> dict[tuple[int, int], Decimal]:
    """Granted amounts per (initiative id, year), from every decision."""
    amounts = GrantAmount.objects.filter(grant__initiative__association=association, grant__granted=True)
    if years is not None:
        amounts = amounts.filter(year__in=list(years))
    totals = amounts.values("grant__initiative", "year").annotate(total=Sum("amount"))
    return {(row["grant__initiative"], row["year"]): row["total"] for row in totals}


# --- What the funding app is told (initiatives.services pushes it down) ---------------------------


def object_orientation(association: Association) -> dict[str, str]:
    """Which project object is an individual-oriented or a structural initiative."""
    initiatives = Initiative.objects.filter(association=association).exclude(accounting_object="")
    return {initiative.accounting_object: initiative.orientation for initiative in initiatives}


def budget_source(initiative: Initiative) -> str:
    """The key of the initiative's decided line in the budgets."""
    return f"grant:{initiative.pk}"


def granted_by_year(initiative: Initiative) -> dict[int, Decimal]:
    """The initiative's granted amounts per year, summed over its decisions."""
    totals = (
        GrantAmount.objects.filter(grant__initiative=initiative, grant__granted=True)
        .values("year")
        .annotate(total=Sum("amount"))
    )
    return {row["year"]: row["total"] for row in totals}


def decided_on_by_year(initiative: Initiative) -> dict[int, datetime.date]:
    """The date of the latest decision on each year's granted amount (its meeting's date)."""
    latest = (
        GrantAmount.objects.filter(grant__initiative=initiative, grant__granted=True)
        .values("year")
        .annotate(latest=Max("grant__decision__meeting__date"))
    )
    return {row["year"]: row["latest"] for row in latest}


# --- The project table (seed 004's "Projektredovisning") ---------------------------------------------


@dataclass
class ProjectRow:
    label: str
    accounting_object: str
    outcome: Decimal | None
    budget: Decimal | None
    previous_outcome: Decimal | None
    previous_budget: Decimal | None
    initiative: Initiative | None = None

    @property
    def difference(self) -> Decimal | None:
        if self.outcome is None or self.budget is None:
            return None
        return self.budget - self.outcome


@dataclass
class ProjectTable:
    year: int
    has_ledger: bool
    has_previous_ledger: bool
    rows: list[ProjectRow] = field(default_factory=list)
    other_objects: list[ProjectRow] = field(default_factory=list)

    def _total(self, name):
        values = [getattr(row, name) for row in self.rows]
        if all(value is None for value in values):
            return None
        return sum((value or ZERO for value in values), ZERO)

    @property
    def total(self) -> ProjectRow:
        return ProjectRow(
            "",
            "",
            self._total("outcome"),
            self._total("budget"),
            self._total("previous_outcome"),
            self._total("previous_budget"),
        )


def project_table(association: Association, year: int) -> ProjectTable:
    """Each initiative's outcome (from the ledger's project objects) beside its granted budget, for
    the year and the year before; costs on objects that match no initiative are listed apart."""
    amounts = granted(association, [year, year - 1])
    costs = costs_by_object(association, [year, year - 1])
    table = ProjectTable(year=year, has_ledger=year in costs, has_previous_ledger=year - 1 in costs)
    current, previous = costs.get(year), costs.get(year - 1)
    objects = set()
    for initiative in (
        Initiative.objects.filter(association=association).select_related("association").order_by("name")
    ):
        budget = amounts.get((initiative.pk, year))
        previous_budget = amounts.get((initiative.pk, year - 1))
        obj = initiative.accounting_object
        outcome = current.get(obj, ZERO) if current is not None and obj else None
        previous_outcome = previous.get(obj, ZERO) if previous is not None and obj else None
        if budget is None and previous_budget is None and not outcome and not previous_outcome:
            continue
        objects.add(obj)
        table.rows.append(
            ProjectRow(initiative.name, obj, outcome, budget, previous_outcome, previous_budget, initiative)
        )
    for obj in sorted(set(current or {}) - objects):
        table.other_objects.append(ProjectRow(obj, obj, current[obj], None, (previous or {}).get(obj), None))
    return table


# --- Money on the initiative's page, and its cost report ---------------------------------------------


@dataclass
class MoneyYear:
    year: int
    granted: Decimal | None
    outcome: Decimal | None  # None: no ledger imported for the year


def money_by_year(initiative: Initiative) -> list[MoneyYear]:
    amounts = {
        year: amount
        for (initiative_id, year), amount in granted(initiative.association).items()
        if initiative_id == initiative.pk
    }
    years = set(amounts)
    costs = costs_by_object(initiative.association)
    if initiative.accounting_object:
        years |= {year for year, objects in costs.items() if initiative.accounting_object in objects}
    return [
        MoneyYear(
            year,
            amounts.get(year),
            costs[year].get(initiative.accounting_object, ZERO)
            if year in costs and initiative.accounting_object
            else None,
        )
        for year in sorted(years)
    ]


@dataclass
class CostRow:
    kind: str
    label: str
    budget: Decimal
    outcome: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.outcome is None else self.budget - self.outcome


@dataclass
class CostTable:
    initiative: Initiative
    year: int
    from_ledger: bool
    rows: list[CostRow]
    # Ledger costs on accounts whose mapping gives no cost kind (e.g. one account "Finansierade
    # insatser" for everything), and those accounts: shown on their own line, never guessed.
    unspecified: Decimal = ZERO
    unspecified_accounts: list[str] = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((row.budget for row in self.rows), ZERO)

    @property
    def outcome(self) -> Decimal | None:
        if all(row.outcome is None for row in self.rows) and not self.unspecified:
            return None
        return sum((row.outcome or ZERO for row in self.rows), self.unspecified)

    @property
    def remaining(self) -> Decimal | None:
        """What is left of the budget (budget − outcome), as each row's."""
        return None if self.outcome is None else self.budget - self.outcome


def cost_table(initiative: Initiative, year: int) -> CostTable:
    """Budget and outcome per cost kind: the outcome from the ledger's project object where the
    year's bookkeeping has it, else as the lead reported it; the budget as reported, else as applied for."""
    reports = {report.kind: report for report in CostReport.objects.filter(initiative=initiative, year=year)}
    applied = dict(
        ApplicationCost.objects.filter(application__initiative=initiative, year=year)
        .values("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    ledger_costs = None
    unspecified = ZERO
    unspecified_accounts = []
    if initiative.accounting_object:
        try:
            figures = year_figures(initiative.association, year)
        except LedgerMissing:
            figures = None
        if figures is not None and initiative.accounting_object in figures.projects:
            ledger_costs = defaultdict(Decimal)
            for number, amount in sorted(figures.projects[initiative.accounting_object].items()):
                mapping = figures.mappings.get(number)
                if not counts_as_initiative_cost(mapping):  # the one definition (funding.statements)
                    continue
                # The kind comes from the association's account mapping (funding.accounts.resolve).
                if mapping.cost_kind:
                    ledger_costs[mapping.cost_kind] += amount
                else:
                    unspecified += amount
                    name = figures.results[number].name if number in figures.results else ""
                    unspecified_accounts.append(f"{number} {name}".strip())
    rows = []
    for kind, label in CostKind.choices:
        report = reports.get(kind)
        budget = report.budget if report else applied.get(kind, ZERO)
        if ledger_costs is not None:
            outcome = ledger_costs.get(kind, ZERO)
        else:
            outcome = report.outcome if report else None
        rows.append(CostRow(kind, str(label), budget, outcome))
    return CostTable(initiative, year, ledger_costs is not None, rows, unspecified, unspecified_accounts)


# Computes the outcomes of goals measured outside this app (the register, the surveys):
# {goal pk: outcome or None}. An app above initiatives passes one in (participants.goals.goal_outcomes,
# wired in finsam/urls.py and reporting.content); initiatives never looks one up.
GoalOutcomes = Callable[[list[Goal]], dict[int, Decimal | None]]
# What other apps know about an initiative that its page should say, e.g. enrolments still open.
InitiativeNotices = Callable[[Initiative], list[str]]


def with_outcomes(goals, goal_outcomes: GoalOutcomes | None = None) -> list:
    """The goals with their outcome: typed, or computed by goal_outcomes where one is given."""
    goals = list(goals)
    # A frozen year's measured outcome is the adopted report's (Goal.frozen_outcome), not recomputed.
    measured = [goal for goal in goals if goal.source != goal.Source.MANUAL and goal.frozen_outcome is None]
    computed_outcomes = goal_outcomes(measured) if goal_outcomes and measured else {}
    for goal in goals:
        computed = goal.frozen_outcome if goal.frozen_outcome is not None else computed_outcomes.get(goal.pk)
        goal.outcome_value = goal.outcome if computed is None else computed
        goal.computed = computed is not None
        goal.assessed = goal.assess(goal.outcome_value)
    return goals
