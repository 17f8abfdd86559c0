"""Figures from the imported ledger: income statement, balance sheet, outcome vs budget, key figures.

Every figure is computed from the ledger through the account mapping (funding/accounts.py);
nothing is typed. Accounts that no rule maps appear on their own "unmapped" line, so the
totals always equal the ledger's.

Signs: in the ledger (SIE) debit is positive, so income and liabilities are negative. On the
statements income is shown positive and costs negative ("Verksamhetens kostnader −2 927 829"),
as the municipal income statement shows them: shown = −(ledger amount) for result accounts.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from finsam.money import as_percent, percent_of, share_of
from funding import digest
from funding.accounts import (
    ASSET_LINES,
    COST_LINES,
    INCOME_LINES,
    LIABILITY_LINES,
    MEMBER_INCOME_LINES,
    Mapping,
    Orientation,
    ReportLine,
    chart_of,
    resolve,
)
from funding.models import AccountMapping, LedgerAccount, LedgerBalance, LedgerObject, LedgerYear
from funding.project_objects import object_orientation
from funding.sie import classify_account
from members.models import Association

ZERO = Decimal(0)
UNMAPPED = "unmapped"


class LedgerMissing(Exception):
    """There is no imported ledger for the year."""

    def __init__(self, association: Association, year: int):
        super().__init__(f"{association} has no ledger for {year}")
        self.association = association
        self.year = year


@dataclass
class AccountFigure:
    number: str
    name: str
    mapping: Mapping | None
    current: Decimal = ZERO  # ledger sign
    previous: Decimal | None = None

    @property
    def line(self) -> str:
        return self.mapping.line if self.mapping else UNMAPPED


@dataclass
class YearFigures:
    """Result accounts for a year (or the year up to a date) and balances at its end."""

    association: Association
    ledger: LedgerYear
    up_to: datetime.date | None
    results: dict[str, AccountFigure]
    balances: dict[str, AccountFigure]  # closing balances (current) and last year's (previous)
    opening: dict[str, Decimal]
    projects: dict[str, dict[str, Decimal]]  # project object -> account -> amount (ledger sign)
    previous_projects: dict[str, dict[str, Decimal]] | None  # the same for last year, if its ledger is here
    project_names: dict[str, str]
    object_orientation: dict[str, str]
    has_previous_results: bool  # last year's results (whole year, or to the same day)
    has_previous_balances: bool  # last year's closing balances
    mappings: dict[str, Mapping | None] = field(
        default_factory=dict
    )  # account -> mapping (this and last year's)

    def result_by_line(self, previous: bool = False) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for figure in self.results.values():
            amount = figure.previous if previous else figure.current
            if amount is not None:
                totals[figure.line] += amount
        return totals

    @property
    def unmapped(self) -> list[AccountFigure]:
        return sorted(
            (f for f in list(self.results.values()) + list(self.balances.values()) if f.mapping is None),
            key=lambda figure: figure.number,
        )


def ledger_for(association: Association, year: int) -> LedgerYear:
    ledger = LedgerYear.objects.filter(association=association, year=year).first()
    if ledger is None:
        raise LedgerMissing(association, year)
    return ledger


def _same_day_last_year(date: datetime.date) -> datetime.date:
    try:
        return date.replace(year=date.year - 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year - 1, day=28)


@dataclass
class _Stored:
    """What the figures of a set of ledgers read: the digest, the balances, names, the mapping."""

    accounts: dict[int, dict[str, str]]
    balances: dict[int, list[tuple[str, int, str, Decimal]]]
    object_names: dict[int, dict[str, str]]
    movements: dict[int, digest.Movements]
    overrides: list[tuple[str, str, str, str]]
    orientation: dict[str, str]


def _stored(association: Association, ledgers: list[LedgerYear], up_to: dict[int, datetime.date]) -> _Stored:
    """Six queries, however many ledgers and voucher rows (plus one for a day within a month)."""
    ids = [ledger.pk for ledger in ledgers]
    accounts: dict[int, dict[str, str]] = defaultdict(dict)
    for ledger_id, number, name in LedgerAccount.objects.filter(ledger__in=ids).values_list(
        "ledger", "number", "name"
    ):
        accounts[ledger_id][number] = name
    balances: dict[int, list] = defaultdict(list)
    for ledger_id, *balance in LedgerBalance.objects.filter(ledger__in=ids).values_list(
        "ledger", "kind", "year_index", "account", "amount"
    ):
        balances[ledger_id].append(tuple(balance))
    names: dict[int, dict[str, str]] = defaultdict(dict)
    for ledger_id, object_id, name in LedgerObject.objects.filter(
        ledger__in=ids, dimension=association.project_dimension
    ).values_list("ledger", "object_id", "name"):
        names[ledger_id][object_id] = name
    return _Stored(
        accounts=accounts,
        balances=balances,
        object_names=names,
        movements=digest.movements(ledgers, up_to),
        overrides=list(
            AccountMapping.objects.filter(association=association).values_list(
                "prefix", "line", "orientation", "cost_kind"
            )
        ),
        orientation=object_orientation(association),
    )


def _figures(
    association: Association,
    ledger: LedgerYear,
    previous_ledger: LedgerYear | None,
    up_to: datetime.date | None,
    stored: _Stored,
) -> YearFigures:
    accounts = dict(stored.accounts.get(ledger.pk, {}))
    balances = stored.balances.get(ledger.pk, [])
    for _kind, _index, number, _amount in balances:
        accounts.setdefault(number, "")
    chart = chart_of(ledger.chart)
    mappings = {number: resolve(number, name, chart, stored.overrides) for number, name in accounts.items()}
    if previous_ledger is not None:
        # Last year's accounts that this year's file lacks, for last year's project costs.
        previous_chart = chart_of(previous_ledger.chart)
        for number, name in stored.accounts.get(previous_ledger.pk, {}).items():
            if number not in mappings:
                mappings[number] = resolve(number, name, previous_chart, stored.overrides)

    def figure(number):
        return AccountFigure(number, accounts.get(number, ""), mappings.get(number))

    results: dict[str, AccountFigure] = {}
    closing: dict[str, AccountFigure] = {}
    opening: dict[str, Decimal] = {}
    has_previous_results = has_previous_balances = False
    for kind, index, number, amount in balances:
        if kind == LedgerBalance.Kind.RESULT:
            # A report up to a date takes this year's (and last year's) results from the vouchers.
            if up_to is None:
                target = results.setdefault(number, figure(number))
                if index == 0:
                    target.current = amount
                else:
                    target.previous = amount
                    has_previous_results = True
            continue
        target = closing.setdefault(number, figure(number))
        if kind == LedgerBalance.Kind.CLOSING and index == 0:
            target.current = amount
        elif kind == LedgerBalance.Kind.CLOSING and index == -1:
            target.previous = amount
            has_previous_balances = True
        elif kind == LedgerBalance.Kind.OPENING and index == 0:
            opening[number] = amount

    moved = stored.movements[ledger.pk]
    previous_moved = stored.movements.get(previous_ledger.pk) if previous_ledger is not None else None
    if up_to is not None:
        for number, amount in moved.by_account.items():
            if classify_account(number, None) == "result":
                results.setdefault(number, figure(number)).current = amount
        if previous_moved is not None:
            has_previous_results = True
            for number, amount in previous_moved.by_account.items():
                if classify_account(number, None) == "result":
                    results.setdefault(number, figure(number)).previous = amount
    return YearFigures(
        association=association,
        ledger=ledger,
        up_to=up_to,
        results=results,
        balances=closing,
        opening=opening,
        projects=moved.projects(),
        previous_projects=previous_moved.projects() if previous_moved is not None else None,
        project_names=stored.object_names.get(ledger.pk, {}),
        object_orientation=stored.orientation,
        has_previous_results=has_previous_results,
        has_previous_balances=has_previous_balances,
        mappings=mappings,
    )


def year_figures(association: Association, year: int, up_to: datetime.date | None = None) -> YearFigures:
    """The year's figures from its digest (raises LedgerMissing), with last year's beside.

    A fixed number of queries, whatever the number of voucher rows.
    """
    ledgers = {
        ledger.year: ledger
        for ledger in LedgerYear.objects.filter(association=association, year__in=[year, year - 1])
    }
    ledger = ledgers.get(year)
    if ledger is None:
        raise LedgerMissing(association, year)
    if up_to is not None and up_to >= ledger.end_date:
        up_to = None
    previous_ledger = ledgers.get(year - 1)
    limits = {}
    if up_to is not None:
        limits[ledger.pk] = up_to
        if previous_ledger is not None:
            limits[previous_ledger.pk] = _same_day_last_year(up_to)
    stored = _stored(association, list(ledgers.values()), limits)
    return _figures(association, ledger, previous_ledger, up_to, stored)


def figures_for_years(association: Association, years=None) -> dict[int, YearFigures]:
    """{year: YearFigures} for every imported year (or those of `years`), in a fixed number of queries."""
    ledgers = LedgerYear.objects.filter(association=association)
    if years is not None:
        years = set(years)
        ledgers = ledgers.filter(year__in=years | {year - 1 for year in years})
    by_year = {ledger.year: ledger for ledger in ledgers}
    if not by_year:
        return {}
    stored = _stored(association, list(by_year.values()), {})
    return {
        year: _figures(association, ledger, by_year.get(year - 1), None, stored)
        for year, ledger in sorted(by_year.items())
        if years is None or year in years
    }


# --- What an initiative costs ----------------------------------------------------------------------

# The one definition of a project object's (so an initiative's) cost for a year: the sum of its
# rows on result accounts mapped to an operating cost line or to depreciation. Not income booked
# on the object (a grant for the project is the förbund's income), not financial items, not
# balance-sheet rows (a receivable or a supplier's invoice on the object), not unmapped accounts
# (shown on the "unmapped" line). Transfers between objects on a cost account move the cost from
# one to the other. See docs/architecture.md, "What an initiative costs".
INITIATIVE_COST_LINES = frozenset({*COST_LINES, ReportLine.COST_DEPRECIATION})


def counts_as_initiative_cost(mapping: Mapping | None) -> bool:
    return mapping is not None and mapping.line in INITIATIVE_COST_LINES


def initiative_costs(figures: YearFigures, previous: bool = False) -> dict[str, Decimal] | None:
    """{project object: its cost for the year} (positive), for the objects with rows on a cost
    account; None for last year when its vouchers are not here."""
    projects = figures.previous_projects if previous else figures.projects
    if projects is None:
        return None
    costs = {}
    for obj, accounts in projects.items():
        counted = [
            amount
            for number, amount in accounts.items()
            if counts_as_initiative_cost(figures.mappings.get(number))
        ]
        if counted:
            costs[obj] = sum(counted, ZERO)
    return costs


# --- Income statement -------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    current: Decimal | None
    previous: Decimal | None = None
    budget: Decimal | None = None
    level: int = 0  # 0 a line, 1 a subtotal, 2 a total
    note: str = ""

    @property
    def difference(self) -> Decimal | None:
        if self.budget is None or self.current is None:
            return None
        return self.current - self.budget


def _shown(totals: dict[str, Decimal], lines) -> Decimal:
    return -sum((totals.get(line, ZERO) for line in lines), ZERO)


@dataclass
class IncomeStatement:
    rows: list[Row]
    result: Decimal
    previous_result: Decimal | None
    income_notes: list[Row]
    cost_notes: list[Row]


def income_statement(figures: YearFigures) -> IncomeStatement:
    current = figures.result_by_line()
    previous = figures.result_by_line(previous=True) if figures.has_previous_results else None

    def amounts(lines):
        return _shown(current, lines), (_shown(previous, lines) if previous is not None else None)

    unmapped_income_lines = [UNMAPPED]
    income = amounts(INCOME_LINES)
    costs = amounts(COST_LINES)
    depreciation = amounts([ReportLine.COST_DEPRECIATION])
    unmapped = amounts(unmapped_income_lines)
    net = tuple(
        None if None in (a, b, c, d) else a + b + c + d
        for a, b, c, d in zip(income, costs, depreciation, unmapped, strict=True)
    )
    financial_income = amounts([ReportLine.FINANCIAL_INCOME])
    financial_costs = amounts([ReportLine.FINANCIAL_COSTS])
    result = tuple(
        None if None in (a, b, c) else a + b + c
        for a, b, c in zip(net, financial_income, financial_costs, strict=True)
    )
    rows = [
        Row("income", str(_("Operating income")), *income, note="income"),
        Row("costs", str(_("Operating costs")), *costs, note="costs"),
    ]
    if any(depreciation):
        rows.append(Row("depreciation", str(_("Depreciation")), *depreciation))
    if any(unmapped):
        rows.append(Row(UNMAPPED, str(_("Accounts not mapped to a report line")), *unmapped))
    rows += [
        Row("net_cost", str(_("Net operating cost")), *net, level=1),
        Row("financial_income", str(_("Financial income")), *financial_income),
        Row("financial_costs", str(_("Financial costs")), *financial_costs),
        Row("before_extraordinary", str(_("Result before extraordinary items")), *result, level=1),
        Row("result", str(_("Result for the year")), *result, level=2),
    ]
    income_notes = [
        Row(line.value, str(line.label), *amounts([line])) for line in ReportLine if line in INCOME_LINES
    ]
    cost_notes = [
        Row(line.value, str(line.label), *amounts([line]))
        for line in ReportLine
        if line in COST_LINES or line == ReportLine.COST_DEPRECIATION
    ]
    drop_empty = [row for row in income_notes if row.current or row.previous]
    return IncomeStatement(
        rows=rows,
        result=result[0],
        previous_result=result[1],
        income_notes=drop_empty,
        cost_notes=[row for row in cost_notes if row.current or row.previous],
    )


# --- Balance sheet --------------------------------------------------------------------------------------


@dataclass
class BalanceSheet:
    assets: list[Row]
    total_assets: Row
    equity_opening: Row
    result: Row
    total_equity: Row
    liabilities: list[Row]
    total_equity_and_liabilities: Row
    unmapped: list[AccountFigure]

    @property
    def rows(self) -> list[Row]:
        return [
            *self.assets,
            self.total_assets,
            self.equity_opening,
            self.result,
            self.total_equity,
            *self.liabilities,
            self.total_equity_and_liabilities,
        ]

    @property
    def balances(self) -> bool:
        """Assets equal equity (with the year's result) plus liabilities, to the öre."""
        return self.total_assets.current == self.total_equity_and_liabilities.current


def balance_sheet(figures: YearFigures, statement: IncomeStatement | None = None) -> BalanceSheet:
    statement = statement or income_statement(figures)
    current: dict[str, Decimal] = defaultdict(Decimal)
    previous: dict[str, Decimal] = defaultdict(Decimal)
    for figure in figures.balances.values():
        current[figure.line] += figure.current
        if figure.previous is not None:
            previous[figure.line] += figure.previous
    has_previous = figures.has_previous_balances

    def line_row(line, sign=1):
        return Row(
            line.value, str(line.label), sign * current[line], sign * previous[line] if has_previous else None
        )

    assets = [
        line_row(line) for line in ReportLine if line in ASSET_LINES and (current[line] or previous[line])
    ]
    total_assets = sum((current[line] for line in ASSET_LINES), ZERO)
    previous_assets = sum((previous[line] for line in ASSET_LINES), ZERO)
    liabilities = [
        line_row(line, -1)
        for line in ReportLine
        if line in LIABILITY_LINES and (current[line] or previous[line])
    ]
    total_liabilities = -sum((current[line] for line in LIABILITY_LINES), ZERO)
    previous_liabilities = -sum((previous[line] for line in LIABILITY_LINES), ZERO)
    if current.get(UNMAPPED) or previous.get(UNMAPPED):
        liabilities.append(
            Row(
                UNMAPPED,
                str(_("Accounts not mapped to a report line")),
                -current[UNMAPPED],
                -previous[UNMAPPED],
            )
        )
    # Before the closing entries the year's result is still on the result accounts, not in
    # equity: then all balance accounts sum to minus the result. After closing they sum to zero.
    closed = sum(current.values(), ZERO) == 0
    equity_accounts = -current[ReportLine.EQUITY]
    opening_equity = equity_accounts - statement.result if closed else equity_accounts
    previous_closed = sum(previous.values(), ZERO) == 0
    previous_equity = -previous[ReportLine.EQUITY]
    previous_result = statement.previous_result
    if has_previous and previous_result is not None:
        previous_opening = previous_equity - previous_result if previous_closed else previous_equity
    else:
        previous_opening = previous_equity if has_previous else None
    total_equity = opening_equity + statement.result
    previous_total_equity = (
        previous_opening + previous_result
        if previous_opening is not None and previous_result is not None
        else None
    )
    unmapped_liability = -current[UNMAPPED]
    return BalanceSheet(
        assets=assets,
        total_assets=Row(
            "assets", str(_("Total assets")), total_assets, previous_assets if has_previous else None, level=2
        ),
        equity_opening=Row("equity", str(_("Equity")), opening_equity, previous_opening),
        result=Row("result", str(_("Result for the year")), statement.result, previous_result),
        total_equity=Row(
            "total_equity", str(_("Total equity")), total_equity, previous_total_equity, level=1
        ),
        liabilities=liabilities,
        total_equity_and_liabilities=Row(
            "total",
            str(_("Total equity, provisions and liabilities")),
            total_equity + total_liabilities + unmapped_liability,
            (previous_total_equity + previous_liabilities - previous[UNMAPPED])
            if previous_total_equity is not None
            else None,
            level=2,
        ),
        unmapped=[f for f in figures.unmapped if classify_account(f.number, None) != "result"],
    )


def project_cost_rows(figures: YearFigures) -> list[Row]:
    """Costs per project object (shown negative, as costs are), with the object's name."""
    costs = initiative_costs(figures)
    return [Row(obj, figures.project_names.get(obj, ""), -costs[obj]) for obj in sorted(costs)]


# --- Orientation of costs, and the key figures ------------------------------------------------------------


@dataclass
class CostSplit:
    individual: Decimal = ZERO
    structural: Decimal = ZERO
    office: Decimal = ZERO
    board: Decimal = ZERO
    unclassified: Decimal = ZERO

    @property
    def administration(self) -> Decimal:
        return self.office + self.board

    @property
    def total(self) -> Decimal:
        return self.individual + self.structural + self.administration + self.unclassified


def cost_split(figures: YearFigures) -> CostSplit:
    """Operating costs (with depreciation) by orientation; an initiative's object decides for its costs."""
    split = CostSplit()
    on_projects: dict[str, Decimal] = defaultdict(Decimal)
    for project, accounts in figures.projects.items():
        orientation = figures.object_orientation.get(project)
        if orientation is None:
            continue
        for number, amount in accounts.items():
            if counts_as_initiative_cost(figures.mappings.get(number)):
                _add(split, orientation, amount)
                on_projects[number] += amount
    for figure in figures.results.values():
        if not counts_as_initiative_cost(figure.mapping):
            continue
        rest = figure.current - on_projects.get(figure.number, ZERO)
        _add(split, figure.mapping.orientation, rest)
    return split


def _add(split: CostSplit, orientation: str, amount: Decimal) -> None:
    name = {
        Orientation.INDIVIDUAL: "individual",
        Orientation.STRUCTURAL: "structural",
        Orientation.OFFICE: "office",
        Orientation.BOARD: "board",
    }.get(orientation, "unclassified")
    setattr(split, name, getattr(split, name) + amount)


@dataclass
class KeyFigures:
    year: int
    contributions: Decimal
    total_costs: Decimal
    split: CostSplit
    equity: Decimal
    result: Decimal
    ceiling_percent: Decimal
    source: str = "ledger"  # or "previous": taken from the next year's file (#RES -1, #UB -1)
    notes: list[str] = field(default_factory=list)
    # The export date of a year still open: its equity is not the year-end equity, and its
    # contributions are the months so far, so the equity share is not judged against the ceiling.
    open_until: datetime.date | None = None

    # Shares are percentages rounded half up by finsam.money, as every page shows them; the
    # *_fraction properties are the exact values a workbook writes with a percent format.
    _share = staticmethod(percent_of)

    @property
    def equity_fraction(self) -> Decimal | None:
        return None if self.open_until else share_of(self.equity, self.contributions)

    @property
    def equity_share(self) -> Decimal | None:
        return as_percent(self.equity_fraction)

    @property
    def above_ceiling(self) -> bool:
        return self.equity_share is not None and self.equity_share > self.ceiling_percent

    @property
    def administration_fraction_of_contributions(self) -> Decimal | None:
        return share_of(self.split.administration, self.contributions)

    @property
    def administration_share_of_contributions(self) -> Decimal | None:
        return as_percent(self.administration_fraction_of_contributions)

    @property
    def administration_share_of_costs(self) -> Decimal | None:
        return self._share(self.split.administration, self.total_costs)

    @property
    def individual_share(self) -> Decimal | None:
        return self._share(self.split.individual, self.total_costs)

    @property
    def structural_share(self) -> Decimal | None:
        return self._share(self.split.structural, self.total_costs)

    @property
    def administration_share(self) -> Decimal | None:
        return self._share(self.split.administration, self.total_costs)


def key_figures(association: Association, year: int) -> KeyFigures:
    return key_figures_of(year_figures(association, year))


def key_figures_of(figures: YearFigures) -> KeyFigures:
    statement = income_statement(figures)
    sheet = balance_sheet(figures, statement)
    by_line = figures.result_by_line()
    split = cost_split(figures)
    return KeyFigures(
        year=figures.ledger.year,
        contributions=_shown(by_line, MEMBER_INCOME_LINES),
        total_costs=split.total,
        split=split,
        equity=sheet.total_equity.current,
        result=statement.result,
        ceiling_percent=figures.association.equity_ceiling_percent,
        open_until=figures.ledger.open_until,
    )


def key_figures_over_years(association: Association) -> list[KeyFigures]:
    """Every imported year, and the year before the earliest from that file's previous-year figures.

    All years from one read of their digests: a fixed number of queries, however many years.
    """
    by_year = figures_for_years(association)
    result = [key_figures_of(figures) for figures in by_year.values()]
    if by_year:
        earliest = by_year[min(by_year)]
        if earliest.has_previous_results and earliest.has_previous_balances:
            result.insert(0, _previous_year_figures(association, earliest))
    return result


def _previous_year_figures(association: Association, figures: YearFigures) -> KeyFigures:
    statement = income_statement(figures)
    sheet = balance_sheet(figures, statement)
    by_line = figures.result_by_line(previous=True)
    split = CostSplit()
    for figure in figures.results.values():
        if figure.previous and counts_as_initiative_cost(figure.mapping):
            _add(split, figure.mapping.orientation, figure.previous)
    return KeyFigures(
        year=figures.ledger.year - 1,
        contributions=_shown(by_line, MEMBER_INCOME_LINES),
        total_costs=split.total,
        split=split,
        equity=sheet.total_equity.previous or ZERO,
        result=statement.previous_result or ZERO,
        ceiling_percent=association.equity_ceiling_percent,
        source="previous",
    )


def costs_by_object(association: Association, years=None) -> dict[int, dict[str, Decimal]]:
    """Each project object's cost per year (positive, by `initiative_costs`), from the digests.

    Years without an imported ledger are absent from the result, so callers can tell "no
    ledger" from "no costs".
    """
    return {
        year: initiative_costs(figures) for year, figures in figures_for_years(association, years).items()
    }
