"""The parts of the annual report (årsredovisning) computed from the ledger beyond the income
statement and balance sheet: cash flow statement, investment statement and the notes.

The Municipal Accounting Act (2018:597) asks a förbund's annual report for a cash flow
statement (kassaflödesanalys), an investment statement (investeringsredovisning) and notes
that show what each line of the statements holds. Everything here is computed from
funding.statements: the year's figures, its income statement and its balance sheet, so the
figures agree with the statements to the öre.

Signs follow the statements: income, assets and equity/liabilities positive, costs negative;
in the cash flow statement money coming in is positive. Account-level rows carry the account
number as their key and "number name" as their label.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from funding.accounts import COST_LINES, ReportLine
from funding.models import LedgerBalance, LedgerYear
from funding.statements import (
    UNMAPPED,
    AccountFigure,
    BalanceSheet,
    IncomeStatement,
    Row,
    YearFigures,
    year_figures,
)

ZERO = Decimal(0)

NOTE_TITLES = {
    "income": _("Operating income"),
    "costs": _("Operating costs"),
    "receivables": _("Receivables"),
    "cash": _("Cash and bank"),
    "equity": _("Equity"),
    "current_liabilities": _("Current liabilities"),
}

RECEIVABLE_LINES = {ReportLine.ASSET_RECEIVABLES, ReportLine.ASSET_INVESTMENTS}
# Balance lines the cash flow statement knows; any other (unmapped accounts, or an account the
# association mapped to a result line) is shown on its own row so the flow still reconciles.
_BALANCE_LINES = {
    ReportLine.ASSET_FIXED,
    ReportLine.ASSET_RECEIVABLES,
    ReportLine.ASSET_INVESTMENTS,
    ReportLine.ASSET_CASH,
    ReportLine.EQUITY,
    ReportLine.PROVISIONS,
    ReportLine.LIABILITY_LONG,
    ReportLine.LIABILITY_CURRENT,
}


def _sum(amounts) -> Decimal:
    return sum(amounts, ZERO)


def _label(figure: AccountFigure) -> str:
    return f"{figure.number} {figure.name}".strip()


# --- Opening and closing balances per report line ------------------------------------------------------


@dataclass
class _Year:
    """One year's balance lines at its start and end (ledger sign) and its depreciation."""

    opening: dict[str, Decimal]
    closing: dict[str, Decimal]
    depreciation: Decimal  # ledger sign: a cost, so positive

    def change(self, *lines) -> Decimal:
        return _sum(self.closing[line] - self.opening[line] for line in lines)


def _group(line: str) -> str:
    return line if line in _BALANCE_LINES else UNMAPPED


def _previous_opening(figures: YearFigures) -> tuple[dict[str, Decimal], dict[str, str]] | None:
    """Last year's opening balances (account -> amount) and the lines of their accounts, or None.

    YearFigures keeps last year's closing balances (#UB -1) but not its opening ones. They are
    in the file's own #IB -1 when the program wrote them, else in last year's imported ledger.
    """
    own = dict(
        LedgerBalance.objects.filter(
            ledger=figures.ledger, kind=LedgerBalance.Kind.OPENING, year_index=-1
        ).values_list("account", "amount")
    )
    lines = {number: figure.line for number, figure in figures.balances.items()}
    if own:
        return own, lines
    if not LedgerYear.objects.filter(association=figures.association, year=figures.ledger.year - 1).exists():
        return None
    previous = year_figures(figures.association, figures.ledger.year - 1)
    if not previous.opening:
        return None
    for number, figure in previous.balances.items():
        lines.setdefault(number, figure.line)
    return previous.opening, lines


def _years(figures: YearFigures) -> tuple[_Year, _Year | None]:
    """This year's balance lines and, where last year's opening balances are known, last year's."""
    lines = {number: figure.line for number, figure in figures.balances.items()}
    opening: dict[str, Decimal] = defaultdict(Decimal)
    closing: dict[str, Decimal] = defaultdict(Decimal)
    previous_closing: dict[str, Decimal] = defaultdict(Decimal)
    for number, amount in figures.opening.items():
        opening[_group(lines.get(number, UNMAPPED))] += amount
    for figure in figures.balances.values():
        closing[_group(figure.line)] += figure.current
        previous_closing[_group(figure.line)] += figure.previous or ZERO
    depreciation = [f for f in figures.results.values() if f.line == ReportLine.COST_DEPRECIATION]
    current = _Year(opening, closing, _sum(f.current for f in depreciation))
    known = _previous_opening(figures) if figures.has_previous_balances else None
    if known is None or not figures.has_previous_results:
        return current, None
    amounts, previous_lines = known
    previous_opening: dict[str, Decimal] = defaultdict(Decimal)
    for number, amount in amounts.items():
        previous_opening[_group(previous_lines.get(number, UNMAPPED))] += amount
    previous = _Year(previous_opening, previous_closing, _sum(f.previous or ZERO for f in depreciation))
    return current, previous


# --- Cash flow statement ----------------------------------------------------------------------------


@dataclass
class CashFlow:
    """The cash flow statement (kassaflödesanalys), indirect method.

    Each section's rows end with its subtotal (level 1). `previous` is None on every row when
    last year's opening balances are not known: a year's file has last year's closing balances
    (#UB -1) but its opening balances (#IB -1) only if the program wrote them, or if last year's
    ledger is imported too.
    """

    operating: list[Row]
    investing: list[Row]
    financing: list[Row]
    cash_flow: Row
    cash_at_start: Row
    cash_at_end: Row

    @property
    def rows(self) -> list[Row]:
        return [
            *self.operating,
            *self.investing,
            *self.financing,
            self.cash_flow,
            self.cash_at_start,
            self.cash_at_end,
        ]

    @property
    def has_previous(self) -> bool:
        return self.cash_flow.previous is not None

    @property
    def difference(self) -> Decimal:
        """Liquid funds at the start plus the year's cash flow minus those at the end; zero when
        the statement reconciles. Not zero when the result of the income statement is not what
        moved the balance accounts (a result account on no statement line, or a file without
        vouchers whose #RES and #UB disagree)."""
        return self.cash_at_start.current + self.cash_flow.current - self.cash_at_end.current

    @property
    def previous_difference(self) -> Decimal | None:
        if not self.has_previous:
            return None
        return self.cash_at_start.previous + self.cash_flow.previous - self.cash_at_end.previous

    @property
    def balances(self) -> bool:
        """Start plus cash flow equals end to the öre, in both years where shown."""
        return self.difference == 0 and self.previous_difference in (None, ZERO)


def _flow(year: _Year, result: Decimal, closing_equity: Decimal) -> dict[str, Decimal]:
    """One year's column of the cash flow statement. Every change is closing minus opening in
    ledger sign, so an increase of an asset is negative and of a liability positive."""
    column = {
        "result": result,
        "depreciation": year.depreciation,
        "provisions": -year.change(ReportLine.PROVISIONS),
    }
    column["before_working_capital"] = _sum(column.values())
    column["receivables"] = -year.change(*RECEIVABLE_LINES)
    column["current_liabilities"] = -year.change(ReportLine.LIABILITY_CURRENT)
    column[UNMAPPED] = -year.change(UNMAPPED)
    column["operating"] = (
        column["before_working_capital"]
        + column["receivables"]
        + column["current_liabilities"]
        + column[UNMAPPED]
    )
    # Depreciation lowered the fixed assets without cash: added back, what is left is bought.
    column["investments"] = -(year.change(ReportLine.ASSET_FIXED) + year.depreciation)
    column["investing"] = column["investments"]
    column["long_term_liabilities"] = -year.change(ReportLine.LIABILITY_LONG)
    # Equity changes only by the result, unless something was booked on it directly.
    column["equity_other"] = closing_equity - (-year.opening[ReportLine.EQUITY]) - result
    column["financing"] = column["long_term_liabilities"] + column["equity_other"]
    column["cash_flow"] = column["operating"] + column["investing"] + column["financing"]
    column["cash_at_start"] = year.opening[ReportLine.ASSET_CASH]
    column["cash_at_end"] = year.closing[ReportLine.ASSET_CASH]
    return column


def cash_flow_statement(figures: YearFigures, statement: IncomeStatement, sheet: BalanceSheet) -> CashFlow:
    """The year's cash flow: the result, adjusted for what moved no money, the change in working
    capital, investments and financing; liquid funds (ASSET_CASH) at the start and end.

    The result is the income statement's: before the closing entries it still sits on the
    result accounts, so the balance accounts' changes alone would miss it. Short-term
    investments count as receivables, not as liquid funds.

    The previous year's column needs last year's opening balances; they are usually not in
    the year's file (it has last year's closing balances, #UB -1), so `previous` may be None.
    """
    current_year, previous_year = _years(figures)
    current = _flow(current_year, statement.result, sheet.total_equity.current)
    previous = None
    if previous_year is not None and sheet.total_equity.previous is not None:
        previous = _flow(previous_year, statement.previous_result, sheet.total_equity.previous)

    def row(key, label, level=0):
        return Row(key, str(label), current[key], previous[key] if previous else None, level=level)

    def shown(key):
        return current[key] or (previous and previous[key])

    operating = [
        row("result", _("Result for the year")),
        row("depreciation", _("Adjustment for depreciation")),
        row("provisions", _("Adjustment for change in provisions")),
        row("before_working_capital", _("Funds from operations before change in working capital"), 1),
        row("receivables", _("Change in receivables")),
        row("current_liabilities", _("Change in current liabilities")),
    ]
    if shown(UNMAPPED):
        operating.append(row(UNMAPPED, _("Accounts not mapped to a report line")))
    operating.append(row("operating", _("Cash flow from operating activities"), 1))
    investing = [
        row("investments", _("Investments in fixed assets")),
        row("investing", _("Cash flow from investing activities"), 1),
    ]
    financing = [row("long_term_liabilities", _("Change in long-term liabilities"))]
    if shown("equity_other"):
        financing.append(row("equity_other", _("Other changes in equity")))
    financing.append(row("financing", _("Cash flow from financing activities"), 1))
    return CashFlow(
        operating=operating,
        investing=investing,
        financing=financing,
        cash_flow=row("cash_flow", _("Cash flow for the year"), 2),
        cash_at_start=row("cash_at_start", _("Liquid funds at the start of the year")),
        cash_at_end=row("cash_at_end", _("Liquid funds at the end of the year"), 2),
    )


# --- Investment statement ---------------------------------------------------------------------------


def investment_statement(figures: YearFigures) -> list[Row]:
    """The year's investments in fixed assets (investeringsredovisning): the increase of the
    fixed assets plus the year's depreciation, net of any sold. Empty when there are none in
    either year; `previous` is None when last year's opening balances are not known."""
    current_year, previous_year = _years(figures)

    def invested(year: _Year) -> Decimal:
        return year.change(ReportLine.ASSET_FIXED) + year.depreciation

    current = invested(current_year)
    previous = invested(previous_year) if previous_year is not None else None
    if not current and not previous:
        return []
    return [
        Row("investments", str(_("Investments in fixed assets")), current, previous),
        Row("total", str(_("Total")), current, previous, level=2),
    ]


# --- Notes ------------------------------------------------------------------------------------------


def _balance_note(figures: YearFigures, lines, sign: int = 1) -> list[Row]:
    """The balance accounts on the lines, closing balance this year and last, and their total."""
    has_previous = figures.has_previous_balances
    accounts = sorted(
        (f for f in figures.balances.values() if f.line in lines and (f.current or f.previous)),
        key=lambda figure: figure.number,
    )
    if not accounts:
        return []
    rows = [
        Row(
            f.number,
            _label(f),
            sign * f.current,
            sign * (f.previous or ZERO) if has_previous else None,
        )
        for f in accounts
    ]
    return [*rows, _total(rows, has_previous)]


def _total(rows: list[Row], has_previous: bool) -> Row:
    return Row(
        "total",
        str(_("Total")),
        _sum(row.current for row in rows),
        _sum(row.previous for row in rows) if has_previous else None,
        level=2,
    )


def receivables_note(figures: YearFigures) -> list[Row]:
    """Receivables (fordringar), short-term investments included, per account."""
    return _balance_note(figures, RECEIVABLE_LINES)


def cash_note(figures: YearFigures) -> list[Row]:
    """Cash and bank (kassa och bank) per account."""
    return _balance_note(figures, {ReportLine.ASSET_CASH})


def current_liabilities_note(figures: YearFigures) -> list[Row]:
    """Current liabilities (kortfristiga skulder) per account, positive as on the balance sheet."""
    return _balance_note(figures, {ReportLine.LIABILITY_CURRENT}, sign=-1)


def cost_accounts_note(figures: YearFigures) -> list[Row]:
    """Operating costs per account, positive, with their total: the income statement's
    operating costs (depreciation, on its own line there, is not in it)."""
    has_previous = figures.has_previous_results
    accounts = sorted(
        (f for f in figures.results.values() if f.line in COST_LINES and (f.current or f.previous)),
        key=lambda figure: figure.number,
    )
    if not accounts:
        return []
    rows = [
        Row(f.number, _label(f), f.current, (f.previous or ZERO) if has_previous else None) for f in accounts
    ]
    return [*rows, _total(rows, has_previous)]


@dataclass
class EquityNote:
    """Equity (eget kapital): opening, the year's result, closing; iterates over its rows.

    The opening equity is the ledger's opening balances (#IB) of the equity accounts, and the
    closing equity the balance sheet's, so `holds` checks the ledger: opening plus result is
    closing. Where the opening balances are not known (last year, without #IB -1) the opening
    is the balance sheet's, which holds by construction.
    """

    opening: Row
    result: Row
    other: Row | None  # equity booked other than through the result; should not occur
    closing: Row

    @property
    def rows(self) -> list[Row]:
        return [row for row in (self.opening, self.result, self.other, self.closing) if row is not None]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def difference(self) -> Decimal:
        """Closing equity minus opening equity and the result; zero when the note holds."""
        return self.closing.current - self.opening.current - self.result.current

    @property
    def previous_difference(self) -> Decimal | None:
        if None in (self.opening.previous, self.result.previous, self.closing.previous):
            return None
        return self.closing.previous - self.opening.previous - self.result.previous

    @property
    def holds(self) -> bool:
        return self.difference == 0 and self.previous_difference in (None, ZERO)


def equity_note(figures: YearFigures, statement: IncomeStatement, sheet: BalanceSheet) -> EquityNote:
    """Equity at the start, the year's result and equity at the end, both years where known."""
    lines = {number: figure.line for number, figure in figures.balances.items()}

    def equity(amounts: dict[str, Decimal], lines_of: dict[str, str]) -> Decimal:
        return -_sum(
            amount for number, amount in amounts.items() if lines_of.get(number) == ReportLine.EQUITY
        )

    opening = equity(figures.opening, lines) if figures.opening else sheet.equity_opening.current
    previous_opening = sheet.equity_opening.previous
    if figures.has_previous_balances:
        known = _previous_opening(figures)
        if known is not None:
            previous_opening = equity(*known)
    closing = sheet.total_equity
    other = closing.current - opening - statement.result
    previous_other = (
        closing.previous - previous_opening - statement.previous_result
        if None not in (closing.previous, previous_opening, statement.previous_result)
        else None
    )
    return EquityNote(
        opening=Row("opening", str(_("Opening equity")), opening, previous_opening),
        result=Row("result", str(_("Result for the year")), statement.result, statement.previous_result),
        other=(
            Row("other", str(_("Other changes in equity")), other, previous_other)
            if other or previous_other
            else None
        ),
        closing=Row("closing", str(_("Closing equity")), closing.current, closing.previous, level=2),
    )
