"""The three-year budget: its table in the layout of seed 003, and every write to it.

A budget has lines in four sections (income; costs of initiatives; office and board; financial
costs) with an amount for each of its three years. The remaining undecided room
("kvarvarande beslutsutrymme") is what is left of the income after the costs and the
budgeted result (usually 0): it is computed, never typed.

Proposals can be changed; an adopted budget is frozen and a revision is a new version.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from funding.models import Budget, BudgetLine, DecidedAmount
from members.models import Association

ZERO = Decimal(0)
COST_SECTIONS = [
    BudgetLine.Section.INITIATIVES,
    BudgetLine.Section.ADMINISTRATION,
    BudgetLine.Section.FINANCIAL,
]


@dataclass
class SectionTable:
    section: str
    label: str
    lines: list[BudgetLine] = field(default_factory=list)
    totals: list[Decimal] = field(default_factory=lambda: [ZERO, ZERO, ZERO])

    @property
    def is_cost(self) -> bool:
        return self.section != BudgetLine.Section.INCOME


@dataclass
class BudgetTable:
    budget: Budget
    sections: list[SectionTable]
    costs: list[Decimal]
    room: list[Decimal]
    result: list[Decimal]

    @property
    def income(self) -> list[Decimal]:
        return self.sections[0].totals

    @property
    def over_budget(self) -> list[bool]:
        """A year whose costs and budgeted result exceed its income: the room is negative."""
        return [room < 0 for room in self.room]


def budget_table(budget: Budget) -> BudgetTable:
    sections = {
        section: SectionTable(section, str(BudgetLine.Section(section).label))
        for section in BudgetLine.Section.values
    }
    for line in budget.lines.all():
        table = sections[line.section]
        table.lines.append(line)
        table.totals = [total + amount for total, amount in zip(table.totals, line.amounts, strict=True)]
    income = sections[BudgetLine.Section.INCOME].totals
    costs = [sum((sections[s].totals[i] for s in COST_SECTIONS), ZERO) for i in range(3)]
    room = [income[i] - costs[i] - budget.planned_results[i] for i in range(3)]
    return BudgetTable(
        budget=budget,
        sections=list(sections.values()),
        costs=costs,
        room=room,
        result=list(budget.planned_results),
    )


def budget_for_year(association: Association, year: int) -> tuple[Budget | None, int]:
    """The adopted budget that applies to a year and the year's index in it (0, 1 or 2).

    The year's own budget (its first year) wins; failing that, the latest adopted budget that
    plans for the year.
    """
    adopted = Budget.objects.filter(association=association).adopted()
    own = adopted.filter(first_year=year).order_by("-version").first()
    if own:
        return own, 0
    covering = adopted.covering(year).order_by("-first_year", "-version").first()
    if covering:
        return covering, year - covering.first_year
    return None, 0


def _require_proposal(budget: Budget) -> None:
    if budget.is_adopted:
        raise ValidationError(_("An adopted budget is frozen. Make a revision to change it."))


def create_budget(*, association: Association, first_year: int, note: str = "") -> Budget:
    return get_or_create_budget(association=association, first_year=first_year, note=note)[0]


def get_or_create_budget(*, association: Association, first_year: int, note: str = "") -> tuple[Budget, bool]:
    """The proposal for the years, and whether this call made it.

    A proposal being prepared for the years is the answer: a second "new budget" (a double
    click, or a colleague at the same moment) is the same request. After an adopted version the
    new proposal is its revision.
    """
    try:
        return _get_or_create_budget(association=association, first_year=first_year, note=note)
    except IntegrityError:
        # Version 1 was created at the same moment by someone else: theirs is the answer.
        return _latest(association, first_year), False


def _latest(association: Association, first_year: int) -> Budget | None:
    return Budget.objects.filter(association=association, first_year=first_year).order_by("-version").first()


@transaction.atomic
def _get_or_create_budget(*, association: Association, first_year: int, note: str) -> tuple[Budget, bool]:
    latest = (
        Budget.objects.select_for_update(no_key=True)
        .filter(association=association, first_year=first_year)
        .order_by("-version")
        .first()
    )
    if latest and not latest.is_adopted:
        return latest, False
    if latest:
        return get_or_revise_budget(budget=latest)
    plan = plan_for(association, first_year)
    budget = Budget(association=association, first_year=first_year, note=note, prefilled_from=plan)
    if plan is not None:
        budget.planned_result_1, budget.planned_result_2, budget.planned_result_3 = _carried(
            plan.planned_results, first_year - plan.first_year
        )
    # one_budget_version is left to the insert: a version 1 made meanwhile is the answer above.
    budget.full_clean(validate_constraints=False)
    budget.save()
    if plan is not None:
        _prefill_from_plan(budget, plan)
    refresh_source_lines(budget)
    return budget, True


def plan_for(association: Association, first_year: int) -> Budget | None:
    """The adopted budget of an earlier year that plans for first_year: the newest, its latest version."""
    return (
        Budget.objects.filter(association=association, first_year__lt=first_year)
        .adopted()
        .covering(first_year)
        .order_by("-first_year", "-version")
        .first()
    )


def _span(years: list[int]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])


def prefill_note(budget: Budget) -> str:
    """Where a pre-filled budget's figures came from, as the budget page says it; "" otherwise."""
    plan = budget.prefilled_from
    if plan is None:
        return ""
    from_plan = budget.years_from_plan
    carried = [year for year in budget.years if year not in from_plan]
    return _(
        "Pre-filled from %(plan)s, adopted %(date)s: the amounts for %(from_plan)s are the plan's, "
        "%(carried)s starts from the plan's %(last)s. Lines decided by the board follow the decisions."
    ) % {
        "plan": plan,
        "date": plan.adopted_on.isoformat(),
        "from_plan": _span(from_plan),
        "carried": _span(carried),
        "last": plan.years[-1],
    }


def _carried(amounts: list[Decimal], offset: int) -> list[Decimal]:
    """The plan's amounts moved `offset` years on; a year past the plan keeps the plan's last year.

    The plan's last year is the best guess the board has made for the years after it (staff,
    office, members' contributions go on); the office changes what it knows to differ.
    """
    return [amounts[min(index + offset, 2)] for index in range(3)]


def _prefill_from_plan(budget: Budget, plan: Budget) -> None:
    """Copy the plan's lines, year by year; decided lines then follow the decisions (refresh_source_lines)."""
    offset = budget.first_year - plan.first_year
    lines = []
    for line in plan.lines.all():
        amounts = _carried(line.amounts, offset)
        if not line.source and not any(amounts):
            continue  # nothing planned for these years: a line of zeros is only noise
        lines.append(_copy_of(line, budget, amounts))
    BudgetLine.objects.bulk_create(lines)


def _copy_of(line: BudgetLine, budget: Budget, amounts: list[Decimal]) -> BudgetLine:
    """A line of another budget (a plan, the version revised) in `budget`, with these amounts."""
    return BudgetLine(
        budget=budget,
        section=line.section,
        position=line.position,
        label=line.label,
        measure=line.measure,
        accounting_object=line.accounting_object,
        source=line.source,
        amount_1=amounts[0],
        amount_2=amounts[1],
        amount_3=amounts[2],
    )


def revise_budget(*, budget: Budget) -> Budget:
    return get_or_revise_budget(budget=budget)[0]


@transaction.atomic
def get_or_revise_budget(*, budget: Budget) -> tuple[Budget, bool]:
    """Version N+1, copied from version N, and whether this call made it.

    The revision of version N is always version N+1, so revising N twice (a double click, two
    people) gives the one N+1; revising an old version answers with the version that followed
    it. The copied version stays as it was.
    """
    # Revisers of the same version wait here, then find the revision the first one made.
    budget = Budget.objects.select_for_update(no_key=True).get(pk=budget.pk)
    following = Budget.objects.filter(
        association=budget.association, first_year=budget.first_year, version=budget.version + 1
    ).first()
    if following:
        return following, False
    try:
        with transaction.atomic():
            revision = Budget.objects.create(
                association=budget.association,
                first_year=budget.first_year,
                version=budget.version + 1,
                based_on=budget,
                note=budget.note,
                planned_result_1=budget.planned_result_1,
                planned_result_2=budget.planned_result_2,
                planned_result_3=budget.planned_result_3,
            )
    except IntegrityError:
        # one_budget_version: made at the same moment from another path; it is the answer.
        return Budget.objects.get(
            association=budget.association, first_year=budget.first_year, version=budget.version + 1
        ), False
    BudgetLine.objects.bulk_create(_copy_of(line, revision, line.amounts) for line in budget.lines.all())
    # Decisions taken since the revised version was adopted flow into the new proposal.
    refresh_source_lines(revision)
    return revision, True


@transaction.atomic
def save_budget(*, budget: Budget) -> Budget:
    _require_proposal(Budget.objects.get(pk=budget.pk))
    budget.full_clean()
    budget.save()
    return budget


@transaction.atomic
def save_budget_line(*, line: BudgetLine) -> BudgetLine:
    _require_proposal(line.budget)
    if any(amount < 0 for amount in line.amounts):
        raise ValidationError(
            _("Enter amounts as positive numbers; the section says whether it is income or a cost.")
        )
    if line.measure == BudgetLine.Measure.INITIATIVE and not line.accounting_object:
        raise ValidationError({"accounting_object": _("Give the initiative's accounting object, e.g. UNG.")})
    if not line.position:
        line.position = (
            line.budget.lines.filter(section=line.section).aggregate(Max("position"))["position__max"] or 0
        ) + 1
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def delete_budget_line(*, line: BudgetLine) -> None:
    _require_proposal(line.budget)
    line.delete()


@transaction.atomic
def adopt_budget(*, budget: Budget, adopted_on: datetime.date, decision_reference: str) -> Budget:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.is_adopted:
        # A second submit of the adoption, or a board secretary who was quicker.
        raise ValidationError(
            _("The budget was already adopted on %(date)s.") % {"date": budget.adopted_on.isoformat()}
        )
    if not budget.lines.exists():
        raise ValidationError(_("An empty budget cannot be adopted."))
    budget.status = Budget.Status.ADOPTED
    budget.adopted_on = adopted_on
    budget.decision_reference = decision_reference.strip()
    budget.full_clean()
    budget.save()
    return budget


@transaction.atomic
def replace_lines(
    *, budget: Budget, lines: list[BudgetLine], planned_results: list[Decimal] | None = None
) -> Budget:
    """Replace every line of a proposal (used by the Excel import); adopted budgets get a new version.

    A row that carries the key of a line decided by the board keeps that link, and its amounts
    keep following the decision: the workbook cannot change what the board granted.
    """
    # Two imports at once would each delete the lines they see and add theirs: one waits.
    budget = Budget.objects.select_for_update(no_key=True).get(pk=budget.pk)
    sources = {line.pk: line.source for line in budget.lines.exclude(source="")}
    if budget.is_adopted:
        budget, created = get_or_revise_budget(budget=budget)
        if not created:
            raise ValidationError(
                _("Version %(version)s already revises this budget; import the workbook into it.")
                % {"version": budget.version}
            )
    budget.lines.all().delete()
    for position, line in enumerate(lines, start=1):
        line.budget = budget
        line.position = position
        line.source = sources.get(getattr(line, "key_pk", None), "")
        line.full_clean()
    BudgetLine.objects.bulk_create(lines)
    if planned_results is not None:
        budget.planned_result_1, budget.planned_result_2, budget.planned_result_3 = planned_results
        budget.save()
    refresh_source_lines(budget)
    return budget


@dataclass(frozen=True)
class SourceLine:
    """A budget line that another record decides, e.g. an initiative's granted amounts per year."""

    source: str  # e.g. "grant:12"
    label: str
    accounting_object: str
    amounts: dict[int, Decimal]


def _source_lines(association: Association) -> list[SourceLine]:
    """The decided lines, from the amounts the initiatives app has set (set_initiative_line)."""
    lines: dict[str, SourceLine] = {}
    for row in DecidedAmount.objects.filter(association=association).order_by("label", "source", "year"):
        line = lines.setdefault(row.source, SourceLine(row.source, row.label, row.accounting_object, {}))
        line.amounts[row.year] = row.amount
    return list(lines.values())


@transaction.atomic
def set_initiative_line(
    *,
    association: Association,
    source: str,
    label: str,
    accounting_object: str,
    amounts: dict[int, Decimal],
    decided_on: dict[int, datetime.date] | None = None,
) -> None:
    """What the board has granted an initiative, per year; every draft budget follows at once.

    Called by the initiatives app whenever a grant is decided or changed, or the initiative renamed
    or given another accounting object. Years without an amount are left out; no amounts at all
    removes the line from the drafts. Adopted budgets never change; a year decided after one was
    adopted (`decided_on`, the latest decision's date per year) is flagged on it instead.
    """
    decided_on = decided_on or {}
    DecidedAmount.objects.filter(association=association, source=source).delete()
    DecidedAmount.objects.bulk_create(
        DecidedAmount(
            association=association,
            source=source,
            label=label,
            accounting_object=accounting_object,
            year=year,
            amount=amount,
            decided_on=decided_on.get(year),
        )
        for year, amount in sorted(amounts.items())
        if amount
    )
    refresh_all_proposals(association)


@transaction.atomic
def refresh_source_lines(budget: Budget, lines: list[SourceLine] | None = None) -> None:
    """Bring a proposal's decided lines in line with the decisions; adopted budgets never change.

    A line keeps its position and label if the office has renamed it; its amounts follow the
    decisions. Lines whose decisions are gone are removed.
    """
    if budget.is_adopted:
        return
    lines = _source_lines(budget.association) if lines is None else lines
    existing = {line.source: line for line in budget.lines.exclude(source="")}
    for source_line in lines:
        amounts = [source_line.amounts.get(year, ZERO) for year in budget.years]
        if not any(amounts):
            continue
        line = existing.pop(source_line.source, None) or BudgetLine(
            budget=budget,
            section=BudgetLine.Section.INITIATIVES,
            source=source_line.source,
            label=source_line.label,
        )
        line.measure = BudgetLine.Measure.INITIATIVE if source_line.accounting_object else ""
        line.accounting_object = source_line.accounting_object
        line.amount_1, line.amount_2, line.amount_3 = amounts
        if not line.position:
            line.position = (
                budget.lines.filter(section=line.section).aggregate(Max("position"))["position__max"] or 0
            ) + 1
        line.full_clean()
        line.save()
    for line in existing.values():
        line.delete()


@dataclass(frozen=True)
class LateDecision:
    """A line decided after the budget that covers its year was adopted (Beslut efter antagen budget)."""

    budget: Budget
    label: str
    year: int
    amount: Decimal
    decided_on: datetime.date


def decided_after_adoption(budgets: Iterable[Budget]) -> list[LateDecision]:
    """The decided amounts of adopted budgets' years whose decision came after the adoption.

    The adopted budget does not follow them (it is frozen); the office revises it or lets the
    board know. Reads all the budgets' associations in one query.
    """
    adopted = [budget for budget in budgets if budget.is_adopted and budget.adopted_on]
    if not adopted:
        return []
    rows = DecidedAmount.objects.filter(
        association__in={budget.association_id for budget in adopted}, decided_on__isnull=False
    ).order_by("label", "year")
    late = []
    for budget in adopted:
        for row in rows:
            if (
                row.association_id == budget.association_id
                and row.year in budget.years
                and row.decided_on > budget.adopted_on
            ):
                late.append(LateDecision(budget, row.label, row.year, row.amount, row.decided_on))
    return late


def refresh_all_proposals(association: Association) -> None:
    """After a decision changes: every draft budget of the association follows it."""
    lines = _source_lines(association)
    for budget in Budget.objects.filter(association=association, status=Budget.Status.PROPOSAL):
        refresh_source_lines(budget, lines)
