"""The bookkeeping shared by the demo ledger scripts: amounts, bank days, a ledger and SIE 4.

scripts/make_demo_ledgers.py (SOFINT) and scripts/make_demo_ledgers_solleftea.py (Sollefteå)
keep their books the same way: vouchers in series A, supplier invoices on 2440 with input VAT
on 1650 paid on their due dates, board fees with tax and employer contributions paid to
Skatteverket the month after, year-end accruals reversed on 1 January. Each script subclasses
Ledger with its förbund's chart, projects and export dates and adds what it keeps differently
(contributions, VAT refunds, board fees); sie_file writes any of them.

SIE signs: debit positive, credit negative.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import ClassVar

CHART = "BAS2014"
SERIES = "A"
PROJECT_DIMENSION = 6

# This writer runs on its own (python scripts/make_demo_ledgers.py), without the project on
# sys.path, so it rounds with Decimal here rather than through finsam.money; its output is
# fixed by the committed demo ledgers, which the tests compare it with.
CENT = Decimal("0.01")
KRONA = Decimal(1)
ZERO = Decimal("0.00")

# The accounts both förbund keep their books on.
VAT, PREPAID, BANK, EQUITY = "1650", "1790", "1930", "2010"
PAYABLES, TAX, CONTRIBUTIONS, ACCRUED = "2440", "2710", "2730", "2990"
ROUNDING, PROJECT_COSTS, INTEREST = "3740", "4010", "8310"

EMPLOYER_RATE = Decimal("0.3142")  # arbetsgivaravgifter, the same in 2009-2011 and 2024-2026
TAX_RATE = Decimal("0.30")  # tax withheld on board fees (sidoinkomst)

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def money(value: int | str | Decimal) -> Decimal:
    """An amount in kronor with öre: money(1200), money("6020.55")."""
    return Decimal(str(value)).quantize(CENT)


def kronor(value: Decimal) -> Decimal:
    return value.quantize(KRONA, ROUND_HALF_UP).quantize(CENT)


def vat_of(net: Decimal, rate: int) -> Decimal:
    return (net * rate / 100).quantize(CENT, ROUND_HALF_UP)


def split(total: int | str | Decimal, weights: list[float | int]) -> list[Decimal]:
    """Whole kronor in proportion to the weights, summing exactly to the total."""
    amount = money(total)
    whole = sum(Decimal(str(w)) for w in weights)
    shares, cumulative, previous = [], Decimal(0), ZERO
    for weight in weights:
        cumulative += Decimal(str(weight))
        reached = kronor(amount * cumulative / whole) if cumulative < whole else amount
        shares.append(reached - previous)
        previous = reached
    return shares


# ---------------------------------------------------------------------------------------
# Calendar: Swedish bank days
# ---------------------------------------------------------------------------------------


def easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holidays(year: int) -> set[dt.date]:
    """Days the banks are closed, besides weekends (midsummer and Christmas eves included)."""
    sunday = easter(year)
    midsummer_eve = next(
        dt.date(year, 6, day) for day in range(19, 26) if dt.date(year, 6, day).weekday() == 4
    )
    return {
        dt.date(year, 1, 1),
        dt.date(year, 1, 6),
        sunday - dt.timedelta(days=2),
        sunday + dt.timedelta(days=1),
        dt.date(year, 5, 1),
        sunday + dt.timedelta(days=39),
        dt.date(year, 6, 6),
        midsummer_eve,
        dt.date(year, 12, 24),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
        dt.date(year, 12, 31),
    }


def bank_day(date: dt.date) -> dt.date:
    """The date itself, or the next day the bank is open."""
    while date.weekday() >= 5 or date in holidays(date.year):
        date += dt.timedelta(days=1)
    return date


def month_end(year: int, month: int) -> dt.date:
    return (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def last_bank_day(year: int, month: int) -> dt.date:
    date = month_end(year, month)
    while date.weekday() >= 5 or date in holidays(year):
        date -= dt.timedelta(days=1)
    return date


def tax_due(paid: dt.date) -> dt.date:
    """Tax and employer contributions for a month are due on the 12th of the next (17th in Jan, Aug)."""
    year, month = (paid.year + 1, 1) if paid.month == 12 else (paid.year, paid.month + 1)
    return bank_day(dt.date(year, month, 17 if month in (1, 8) else 12))


# ---------------------------------------------------------------------------------------
# The ledger
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    account: str
    amount: Decimal
    project: str | None = None


@dataclass
class Voucher:
    date: dt.date
    text: str
    rows: list[Row]
    registered: dt.date


@dataclass
class OpenInvoice:
    """A supplier invoice unpaid at the year's end, paid on its due date next year."""

    supplier: str
    number: str
    amount: Decimal
    due: dt.date


@dataclass
class Payroll:
    """Tax and employer contributions withheld in a month, due to Skatteverket."""

    month: str
    tax: Decimal
    contributions: Decimal


@dataclass
class Adjustment:
    """A year-end entry on an accrual account, reversed on 1 January."""

    account: str  # the cost account
    balance_account: str  # 2990 (accrued cost) or 1790 (prepaid cost)
    amount: Decimal  # the year-end amount on the balance account, ledger sign
    text: str


@dataclass
class Carry:
    """What a closed year hands to the next."""

    opening: dict[str, Decimal]
    closing: dict[str, Decimal]
    results: dict[str, Decimal]
    invoices: list[OpenInvoice]
    payroll: dict[dt.date, Payroll]
    adjustments: list[Adjustment]

    @property
    def result(self) -> Decimal:
        """The year's result in ledger sign: negative for a surplus."""
        return sum(self.results.values(), ZERO)

    def next_opening(self) -> dict[str, Decimal]:
        """The closing balances with the year's result moved into equity (2010)."""
        opening = dict(self.closing)
        opening[EQUITY] = opening.get(EQUITY, ZERO) + self.result
        return {account: amount for account, amount in opening.items() if amount}


class Ledger:
    """One fiscal year (a calendar year) of vouchers in series A, up to its cut-off date.

    A förbund's subclass sets the class attributes below: whose books they are and the few
    things its books write differently.
    """

    company: ClassVar[str]
    organisation_number: ClassVar[str]
    accounts: ClassVar[dict[str, tuple[str, str]]]  # number -> (name, #KTYP)
    projects: ClassVar[dict[str, str]]  # the objects of dimension 6: code -> name
    generated: ClassVar[dict[int, dt.date]]  # #GEN: when each year's file was exported
    cutoffs: ClassVar[dict[int, dt.date]] = {}  # the last voucher date, where not 31 December
    invoice_base_year: ClassVar[int]  # suppliers' invoice numbers rise by 1000 a year after it
    interest_text: ClassVar[str]  # the bank's quarterly interest, with {quarter} and {year}
    bank_fee_account: ClassVar[str]

    def __init__(self, year: int, opening: dict[str, int | str | Decimal]) -> None:
        self.year = year
        self.start, self.end = dt.date(year, 1, 1), self.cutoffs.get(year, dt.date(year, 12, 31))
        self.opening = {account: money(amount) for account, amount in opening.items()}
        self.vouchers: list[Voucher] = []
        self.open_invoices: list[OpenInvoice] = []
        self.payroll: dict[dt.date, Payroll] = {}
        self.adjustments: list[Adjustment] = []
        self.invoice_counts: dict[tuple[str, dt.date], int] = defaultdict(int)

    # -- basics ---------------------------------------------------------------------

    def on(self, month_day: str) -> dt.date:
        """A date of this year from "MMDD"."""
        return dt.date(self.year, int(month_day[:2]), int(month_day[2:]))

    def book(self, date: dt.date, text: str, rows: list[Row], registered: dt.date | None = None) -> None:
        rows = [row for row in rows if row.amount]
        assert self.start <= date <= self.end, (date, text)
        assert sum(row.amount for row in rows) == 0, (date, text, rows)
        assert all(row.account in self.accounts for row in rows), rows
        assert all(row.project in self.projects for row in rows if row.project), rows
        self.vouchers.append(Voucher(date, text, rows, registered or date))

    def invoice_number(self, supplier: str, date: dt.date) -> str:
        """The supplier's invoice number: each supplier has its own series, rising with the date."""
        self.invoice_counts[(supplier, date)] += 1
        start = 10_000 + zlib.crc32(supplier.encode()) % 80_000
        day = date.timetuple().tm_yday
        series_year = self.year - self.invoice_base_year
        return str(start + series_year * 1000 + 2 * day + self.invoice_counts[(supplier, date)])

    # -- receipts -------------------------------------------------------------------

    def receive(self, date: dt.date, text: str, account: str, amount: Decimal) -> None:
        """Money into the bank, on the date or the next bank day."""
        self.book(bank_day(date), text, [Row(BANK, amount), Row(account, -amount)])

    def interest(self, amounts: list[int]) -> None:
        """Interest credited by the bank at the end of each quarter."""
        for quarter, amount in enumerate(amounts, 1):
            text = self.interest_text.format(quarter=quarter, year=self.year)
            rows = [Row(BANK, money(amount)), Row(INTEREST, -money(amount))]
            self.book(month_end(self.year, 3 * quarter), text, rows)

    # -- purchases ------------------------------------------------------------------

    def buy(
        self,
        month_day: str,
        supplier: str,
        text: str,
        account: str,
        net: int | str | Decimal,
        vat_rate: int = 25,
        *,
        project: str | None = None,
        vat: Decimal | None = None,
        terms: int = 30,
        rounded: bool = False,
    ) -> Decimal:
        """Book a supplier invoice and, when it falls due before the cut-off, its payment.

        `vat`: the invoice's VAT when it is not `vat_rate` of the net. `rounded`: the supplier
        rounds the invoice total to whole kronor (öresavrundning, booked on 3740). Returns the
        invoice total.
        """
        date = bank_day(self.on(month_day))
        net = money(net)
        vat = vat_of(net, vat_rate) if vat is None else vat
        gross = net + vat
        total = kronor(gross) if rounded else gross
        number = self.invoice_number(supplier, date)
        rows = [
            Row(account, net, project),
            Row(VAT, vat),
            Row(ROUNDING, total - gross),
            Row(PAYABLES, -total),
        ]
        self.book(date, f"Lev.faktura {supplier} {number}, {text}", rows)
        self.note_input_vat(date, vat)
        due = bank_day(date + dt.timedelta(days=terms))
        if due <= self.end:
            self.pay(due, supplier, number, total)
        else:
            self.open_invoices.append(OpenInvoice(supplier, number, total, due))
        return total

    def note_input_vat(self, date: dt.date, vat: Decimal) -> None:
        """Hook for a förbund that claims input VAT per period: a supplier invoice's VAT."""

    def pay(self, date: dt.date, supplier: str, number: str, amount: Decimal) -> None:
        self.book(date, f"Betalning {supplier} {number}", [Row(PAYABLES, amount), Row(BANK, -amount)])

    def project_invoices(
        self, project: str, supplier: str, invoices: list[tuple[str, str]], amounts: list[Decimal]
    ) -> None:
        """A project's invoices from its owner, without VAT: (date "MMDD", period text) each."""
        for (month_day, period), amount in zip(invoices, amounts, strict=True):
            text = f"{self.projects[project]}, {period}"
            self.buy(month_day, supplier, text, PROJECT_COSTS, amount, 0, project=project)

    def bank_fees(self, amount: int) -> None:
        """The bank's fee, drawn on the last bank day of every month up to the cut-off."""
        for month in range(1, 13):
            date = last_bank_day(self.year, month)
            if date > self.end:
                break
            text = f"Bankavgifter {MONTHS[month - 1]} {self.year}"
            self.book(date, text, [Row(self.bank_fee_account, money(amount)), Row(BANK, -money(amount))])

    # -- board fees and taxes -------------------------------------------------------

    def withhold(self, paid: dt.date, fees: Decimal, tax: int | None = None) -> tuple[Decimal, Decimal]:
        """The tax withheld on fees paid (30 % in whole kronor unless given) and the employer
        contributions on them, both due to Skatteverket the month after."""
        withheld = (fees * TAX_RATE).quantize(KRONA, ROUND_DOWN) if tax is None else money(tax)
        employer = kronor(fees * EMPLOYER_RATE)
        month = f"{MONTHS[paid.month - 1]} {paid.year}"
        pending = self.payroll.setdefault(tax_due(paid), Payroll(month, ZERO, ZERO))
        pending.tax += withheld
        pending.contributions += employer
        return withheld, employer

    def pay_tax(self, due: dt.date, payroll: Payroll) -> None:
        amount = payroll.tax + payroll.contributions
        text = f"Skatteverket, avdragen skatt och arbetsgivaravgifter {payroll.month}"
        rows = [Row(TAX, payroll.tax), Row(CONTRIBUTIONS, payroll.contributions), Row(BANK, -amount)]
        self.book(due, text, rows)

    # -- the year's start and end ---------------------------------------------------

    def settle_last_year(self, last: Carry) -> None:
        """Reverse last year's accruals, pay its open invoices and its December taxes."""
        for item in last.adjustments:
            rows = [Row(item.balance_account, -item.amount), Row(item.account, item.amount)]
            self.book(self.start, f"Återföring: {item.text}", rows)
        for invoice in last.invoices:
            self.pay(invoice.due, invoice.supplier, invoice.number, invoice.amount)
        for due, payroll in last.payroll.items():
            self.pay_tax(due, payroll)

    def adjust(self, account: str, balance_account: str, amount: int, text: str) -> None:
        """A year-end entry, registered when the books were closed: 2990 accrues, 1790 defers."""
        amount_on_balance = -money(amount) if balance_account == ACCRUED else money(amount)
        rows = [Row(account, -amount_on_balance), Row(balance_account, amount_on_balance)]
        self.book(self.end, text, rows, registered=self.generated[self.year] - dt.timedelta(days=14))
        self.adjustments.append(Adjustment(account, balance_account, amount_on_balance, text))

    def close(self) -> Carry:
        """Pay the taxes that fall due before the cut-off and hand the rest to the next year."""
        carried = {}
        for due, payroll in sorted(self.payroll.items()):
            if due <= self.end:
                self.pay_tax(due, payroll)
            else:
                carried[due] = payroll
        self.vouchers.sort(key=lambda voucher: voucher.date)  # stable: same-day order kept
        self.check_bank()
        return Carry(
            opening=dict(self.opening),
            closing=self.closing(),
            results=self.results(),
            invoices=list(self.open_invoices),
            payroll=carried,
            adjustments=list(self.adjustments),
        )

    # -- sums -----------------------------------------------------------------------

    def totals(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for voucher in self.vouchers:
            for row in voucher.rows:
                totals[row.account] += row.amount
        return totals

    def closing(self) -> dict[str, Decimal]:
        closing = dict(self.opening)
        for account, amount in self.totals().items():
            if account[0] in "12":
                closing[account] = closing.get(account, ZERO) + amount
        return {account: amount for account, amount in sorted(closing.items()) if amount}

    def results(self) -> dict[str, Decimal]:
        totals = self.totals()
        return {
            account: totals[account]
            for account in sorted(totals)
            if account[0] in "345678" and totals[account]
        }

    def project_totals(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for voucher in self.vouchers:
            for row in voucher.rows:
                if row.project:
                    totals[row.project] += row.amount
        return dict(totals)

    def check_bank(self) -> None:
        """The bank account is never overdrawn (vouchers in date order)."""
        balance = self.opening.get(BANK, ZERO)
        for voucher in self.vouchers:
            balance += sum((row.amount for row in voucher.rows if row.account == BANK), ZERO)
            assert balance >= 0, (voucher.date, voucher.text, balance)


def check_year(ledger: Ledger, carry: Carry, projects: dict[str, int], results: tuple[int, int]) -> None:
    """The projects cost what was intended, the result (income positive) lies within the range,
    the year has vouchers enough and its balance sheet balances."""
    assert ledger.project_totals() == {project: money(amount) for project, amount in projects.items()}
    low, high = results
    assert money(low) <= -carry.result <= money(high), carry.result  # shown with income positive
    assert len(ledger.vouchers) >= 150, len(ledger.vouchers)
    # The balance sheet balances: the balances sum to minus the result.
    assert sum(carry.closing.values(), ZERO) + carry.result == 0


# ---------------------------------------------------------------------------------------
# Writing SIE 4
# ---------------------------------------------------------------------------------------


def quoted(text: str) -> str:
    assert '"' not in text and "\\" not in text, text
    return f'"{text}"'


def amount(value: Decimal) -> str:
    return f"{value:.2f}"


def sie_file(
    ledger: Ledger,
    carry: Carry,
    previous_opening: dict[str, Decimal] | None,
    previous_closing: dict[str, Decimal],
    previous_results: dict[str, Decimal],
) -> bytes:
    """The year as a SIE 4 file: code page 437 (#FORMAT PC8), CR LF line endings."""
    year = ledger.year
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {quoted('Finsam demo')} 1.0",
        "#FORMAT PC8",
        f"#GEN {ledger.generated[year]:%Y%m%d}",
        "#SIETYP 4",
        f"#FNAMN {quoted(ledger.company)}",
        f"#ORGNR {ledger.organisation_number}",
        f"#KPTYP {CHART}",
        f"#RAR 0 {year}0101 {year}1231",
        f"#RAR -1 {year - 1}0101 {year - 1}1231",
    ]
    for number, (name, kind) in ledger.accounts.items():
        lines += [f"#KONTO {number} {quoted(name)}", f"#KTYP {number} {kind}"]
    lines.append(f"#DIM {PROJECT_DIMENSION} {quoted('Projekt')}")
    lines += [
        f"#OBJEKT {PROJECT_DIMENSION} {quoted(key)} {quoted(name)}" for key, name in ledger.projects.items()
    ]

    def balances(label: str, index: int, values: dict[str, Decimal]) -> None:
        lines.extend(f"#{label} {index} {account} {amount(values[account])}" for account in sorted(values))

    balances("IB", 0, carry.opening)
    balances("UB", 0, carry.closing)
    if previous_opening is not None:
        balances("IB", -1, previous_opening)
    balances("UB", -1, previous_closing)
    balances("RES", 0, carry.results)
    balances("RES", -1, previous_results)

    for number, voucher in enumerate(ledger.vouchers, 1):
        lines.append(
            f"#VER {SERIES} {number} {voucher.date:%Y%m%d} {quoted(voucher.text)} {voucher.registered:%Y%m%d}"
        )
        lines.append("{")
        for row in voucher.rows:
            objects = f'{{{PROJECT_DIMENSION} "{row.project}"}}' if row.project else "{}"
            lines.append(f"#TRANS {row.account} {objects} {amount(row.amount)}")
        lines.append("}")
    return ("\r\n".join(lines) + "\r\n").encode("cp437")  # strict: fails on a character PC8 lacks


def write_files(outputs: dict[int, Path], files: dict[int, bytes]) -> None:
    """Write each year's file to its path, overwriting it."""
    for year, data in files.items():
        outputs[year].parent.mkdir(parents=True, exist_ok=True)
        outputs[year].write_bytes(data)
