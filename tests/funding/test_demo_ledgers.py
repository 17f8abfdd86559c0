"""SOFINT's ledgers as SIE 4 files: the 2009 test ledger and the 2010 and 2011 demo years.

scripts/make_demo_ledgers.py writes them. The 2009 file must reproduce the annual report
2009 (seed 004) to the krona, and each demo year must continue the year before. Every figure
is summed here from the parsed file (vouchers for the current year, #RES / #IB / #UB for
the rest), never taken from the generator. No database.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from finsam.money import round_krona
from funding.sie import SieFile, account_balance_from_vouchers, parse_sie

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    2009: ROOT / "tests" / "data" / "sofint-2009.se",
    2010: ROOT / "fixtures" / "demo" / "sofint-2010.se",
    2011: ROOT / "fixtures" / "demo" / "sofint-2011.se",
}
YEARS = sorted(FILES)
PROJECT_DIMENSION = 6
ZERO = Decimal(0)


@functools.cache
def ledger(year: int) -> SieFile:
    return parse_sie(FILES[year].read_bytes())


def kronor(amount: Decimal) -> int:
    return int(round_krona(amount))


def results(year: int, index: int = 0) -> dict[str, Decimal]:
    """Result accounts (ledger sign): the vouchers for the current year, #RES for earlier ones."""
    sie = ledger(year)
    if index == 0:
        amounts = account_balance_from_vouchers(sie.vouchers)
    else:
        amounts = {account: amount for (i, account), amount in sie.results.items() if i == index}
    return {account: amount for account, amount in amounts.items() if sie.account_class(account) == "result"}


def balances(sie: SieFile, values: dict[tuple[int, str], Decimal], index: int) -> dict[str, Decimal]:
    return {
        account: amount
        for (i, account), amount in values.items()
        if i == index and sie.account_class(account) == "balance"
    }


def opening(year: int, index: int = 0) -> dict[str, Decimal]:
    sie = ledger(year)
    return balances(sie, sie.opening_balances, index)


def closing(year: int, index: int = 0) -> dict[str, Decimal]:
    sie = ledger(year)
    return balances(sie, sie.closing_balances, index)


def total(amounts: dict[str, Decimal], where: Callable[[str], bool]) -> Decimal:
    return sum((amount for account, amount in amounts.items() if where(account)), ZERO)


def income_statement(amounts: dict[str, Decimal]) -> dict[str, Decimal]:
    """As the annual report shows it: income positive, costs as positive amounts."""
    return {
        "operating_income": -total(amounts, lambda a: a[0] == "3"),
        "operating_costs": total(amounts, lambda a: a[0] in "4567"),
        "financial_income": -total(amounts, lambda a: "80" <= a[:2] <= "83"),
        "financial_costs": total(amounts, lambda a: "84" <= a[:2] <= "87"),
        "result": -total(amounts, lambda a: True),
    }


def balance_sheet(amounts: dict[str, Decimal]) -> dict[str, Decimal]:
    """Assets, equity before the year's result and liabilities, all as positive amounts."""
    return {
        "assets": total(amounts, lambda a: a[0] == "1"),
        "equity": -total(amounts, lambda a: a[:2] in ("20", "21")),
        "liabilities": -total(amounts, lambda a: "22" <= a[:2] <= "29"),
    }


def project_costs(year: int) -> dict[str, Decimal]:
    costs: dict[str, Decimal] = defaultdict(Decimal)
    for voucher in ledger(year).vouchers:
        for row in voucher.transactions:
            for dimension, object_id in row.objects:
                if dimension == PROJECT_DIMENSION:
                    costs[object_id] += row.amount
    return dict(costs)


def costs_up_to(year: int, last_day: datetime.date) -> Decimal:
    return sum(
        (
            row.amount
            for voucher in ledger(year).vouchers
            if voucher.date <= last_day
            for row in voucher.transactions
            if row.account[0] in "4567"
        ),
        ZERO,
    )


# -- every file ----------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_file_is_sie_4_in_code_page_437_with_crlf(year):
    data = FILES[year].read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 0
    assert "Örebro".encode("cp437") in data
    sie = ledger(year)
    assert sie.encoding == "cp437"
    assert sie.format == "PC8"
    assert sie.sie_type == 4
    assert sie.program == "Finsam demo"
    assert sie.company_name == "Samordningsförbundet i norra Örebro län"
    assert sie.organisation_number == "2220001818"
    assert sie.chart_of_accounts == "BAS2014"
    assert sie.fiscal_years == {
        0: (datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
        -1: (datetime.date(year - 1, 1, 1), datetime.date(year - 1, 12, 31)),
    }
    assert sie.dimensions[PROJECT_DIMENSION].name == "Projekt"
    assert sie.accounts["4010"].name == "Projektkostnader, finansierade insatser"
    assert sie.objects[(PROJECT_DIMENSION, "PRI")].name == "PRIS, Närpsykiatri Rehabilitering"


@pytest.mark.parametrize("year", YEARS)
def test_vouchers_are_numbered_in_date_order(year):
    vouchers = ledger(year).vouchers
    assert len(vouchers) >= 150
    assert {voucher.series for voucher in vouchers} == {"A"}
    assert [voucher.number for voucher in vouchers] == [str(n) for n in range(1, len(vouchers) + 1)]
    dates = [voucher.date for voucher in vouchers]
    assert dates == sorted(dates)


@pytest.mark.parametrize("year", YEARS)
def test_project_costs_are_booked_on_4010_with_a_project(year):
    for voucher in ledger(year).vouchers:
        for row in voucher.transactions:
            has_project = any(dimension == PROJECT_DIMENSION for dimension, _ in row.objects)
            assert has_project == (row.account == "4010"), (voucher.number, row)


@pytest.mark.parametrize("year", YEARS)
def test_balance_sheets_balance(year):
    # Opening balances include last year's result; closing ones balance with this year's.
    assert sum(opening(year).values(), ZERO) == 0
    assert sum(closing(year).values(), ZERO) + sum(results(year).values(), ZERO) == 0
    assert sum(closing(year, -1).values(), ZERO) + sum(results(year, -1).values(), ZERO) == 0


# -- 2009: the annual report 2009 (seed 004) ---------------------------------------------


def test_2009_income_statement_reproduces_the_annual_report():
    statement = income_statement(results(2009))
    assert statement["operating_income"] == Decimal("2900002.00")
    assert statement["operating_costs"] == Decimal("2927829.00")
    assert kronor(statement["operating_costs"]) == 2_927_829
    assert kronor(statement["operating_income"] - statement["operating_costs"]) == -27_827
    assert kronor(statement["financial_income"]) == 1_425
    assert kronor(statement["financial_costs"]) == 67
    assert kronor(statement["result"]) == -26_469


def test_2009_income_note():
    amounts = results(2009)
    # Not 2: the contributions by payer and "Öresavrundningar -2" (an income of 2 kr).
    assert {account: -amounts[account] for account in ("3010", "3020", "3030", "3740")} == {
        "3010": Decimal(1_450_000),
        "3020": Decimal(725_000),
        "3030": Decimal(725_000),
        "3740": Decimal(2),
    }


def test_2009_cost_note_rounds_to_the_annual_report():
    amounts = results(2009)
    note = {
        "Förbrukningsinventarier": ["5410"],
        "Resor och konferenser": ["5800"],
        "Revision": ["6420"],
        "Licenser och avgifter": ["6540"],
        "Tidningar, tidskrifter": ["6970"],
        "Arvoden och ersättningar": ["7240", "7510"],
        "Representation": ["6071"],
        "Övriga främmande tjänster": ["4010", "6550", "6990"],
    }
    shown = {item: kronor(sum((amounts[a] for a in accounts), ZERO)) for item, accounts in note.items()}
    assert shown == {
        "Förbrukningsinventarier": 6_021,
        "Resor och konferenser": 25_510,
        "Revision": 54_768,
        "Licenser och avgifter": 750,
        "Tidningar, tidskrifter": 721,
        "Arvoden och ersättningar": 68_353,
        "Representation": 14_540,
        "Övriga främmande tjänster": 2_757_167,
    }
    # Every cost account is in the note. The rounded items sum to one krona more than the
    # statement, as in the report; the exact amounts sum to the statement's figure.
    assert {a for a in amounts if a[0] in "4567"} == {a for accounts in note.values() for a in accounts}
    assert sum(shown.values()) == 2_927_830
    assert kronor(total(amounts, lambda a: a[0] in "4567")) == 2_927_829


def test_2009_project_costs_reproduce_the_project_report():
    costs = project_costs(2009)
    assert {project: kronor(amount) for project, amount in costs.items()} == {
        "EPS": 206_190,
        "SIG": 200_693,
        "UNG": 420_337,
        "LIN": 86_910,
        "PSH": 226_069,
        "PSL": 615_000,
        "PSN": 240_000,
        "PAY": 200_829,
    }
    assert kronor(sum(costs.values(), ZERO)) == 2_196_028 == kronor(results(2009)["4010"])


def test_2009_projects_are_spread_over_the_year():
    invoices: dict[str, set[datetime.date]] = defaultdict(set)
    for voucher in ledger(2009).vouchers:
        for row in voucher.transactions:
            if row.objects:
                invoices[row.objects[0][1]].add(voucher.date)
    assert all(len(dates) >= 2 for dates in invoices.values()), invoices
    assert len(invoices["UNG"]) >= 4 and len(invoices["PSN"]) >= 4


def test_2009_balance_sheet_reproduces_the_annual_report():
    balances_2009 = closing(2009)
    assert balances_2009["1650"] == Decimal(232_907)
    assert balances_2009["1930"] == Decimal(1_150_049)
    assert {account: -balances_2009[account] for account in ("2440", "2710", "2730", "2990")} == {
        "2440": Decimal(275_097),
        "2710": Decimal(5_520),
        "2730": Decimal(6_067),
        "2990": Decimal(20_000),
    }
    sheet = balance_sheet(balances_2009)
    result = -sum(results(2009).values(), ZERO)
    assert sheet["assets"] == Decimal(1_382_956)
    assert sheet["liabilities"] == Decimal(306_684)
    assert sheet["equity"] == Decimal(1_102_741)  # "Eget kapital", before the year's result
    assert result == Decimal(-26_469)
    assert sheet["equity"] + result == Decimal(1_076_272)  # "Summa eget kapital"
    assert sheet["assets"] == sheet["equity"] + result + sheet["liabilities"]


def test_2009_opens_on_the_balance_sheet_of_2008():
    balances_2008 = opening(2009)
    assert balances_2008 == {
        "1650": Decimal(126_722),
        "1930": Decimal(1_717_682),
        "2010": Decimal(-1_102_741),
        "2440": Decimal(-741_663),
    }
    sheet = balance_sheet(balances_2008)
    assert sheet["assets"] == Decimal(1_844_404) == sheet["equity"] + sheet["liabilities"]


def test_2009_compares_with_2008():
    statement = income_statement(results(2009, -1))
    assert kronor(statement["operating_income"]) == 3_000_005
    assert kronor(statement["operating_costs"]) == 3_002_132
    assert kronor(statement["financial_income"]) == 86_889
    assert kronor(statement["financial_costs"]) == 0
    assert kronor(statement["result"]) == 84_762
    sheet = balance_sheet(closing(2009, -1))
    assert sheet["assets"] == Decimal(1_844_404)
    assert sheet["liabilities"] == Decimal(741_663)
    assert sheet["equity"] == Decimal(1_017_979)
    assert sheet["equity"] + statement["result"] == Decimal(1_102_741)


# -- 2010 and 2011: the demo years ------------------------------------------------------


@pytest.mark.parametrize("year", [2010, 2011])
def test_demo_year_opens_on_the_previous_years_closing(year):
    previous = year - 1
    previous_result = sum(results(previous).values(), ZERO)  # ledger sign: a surplus is negative
    expected = dict(closing(previous))
    expected["2010"] += previous_result  # the result is moved into equity
    assert opening(year) == {account: amount for account, amount in expected.items() if amount}
    # Last year's figures are repeated as the comparison year.
    assert closing(year, -1) == closing(previous)
    assert opening(year, -1) == opening(previous)
    assert results(year, -1) == {account: amount for account, amount in results(previous).items() if amount}


def test_2010_shows_2009_as_its_comparison_year():
    assert kronor(income_statement(results(2010, -1))["result"]) == -26_469
    assert balance_sheet(closing(2010, -1))["assets"] == Decimal(1_382_956)
    assert -opening(2010)["2010"] == Decimal(1_076_272)


def test_demo_results():
    result_2010 = income_statement(results(2010))["result"]
    result_2011 = income_statement(results(2011))["result"]
    assert Decimal(-100_000) < result_2010 < Decimal(100_000)
    assert result_2011 > 0  # a surplus: equity grows
    equity_2011 = balance_sheet(closing(2011))["equity"] + result_2011
    assert equity_2011 == Decimal(1_076_272) + result_2010 + result_2011


def test_demo_contributions():
    for year, state, county, municipalities in [
        (2010, 1_450_000, 725_000, 725_000),
        (2011, 1_480_000, 740_000, 740_000),
    ]:
        amounts = results(year)
        assert (-amounts["3010"], -amounts["3020"], -amounts["3030"]) == (state, county, municipalities)


def test_demo_projects_are_the_decided_ones():
    assert project_costs(2010) == {
        "KVI": Decimal(812_400),
        "PRI": Decimal(934_750),
        "PSH": Decimal(152_300),
        "PSL": Decimal(283_300),
        "PSN": Decimal(148_900),
    }
    assert project_costs(2011) == {"KVI": Decimal(876_200), "PRI": Decimal(957_300)}


def test_praktiksamordnare_end_in_august_2010():
    last = max(
        voucher.date
        for voucher in ledger(2010).vouchers
        for row in voucher.transactions
        if row.objects and row.objects[0][1] in ("PSH", "PSL", "PSN")
    )
    assert last <= datetime.date(2010, 9, 30)


@pytest.mark.parametrize("year", [2010, 2011])
def test_interim_outcomes_differ_from_the_full_year(year):
    april = costs_up_to(year, datetime.date(year, 4, 30))
    august = costs_up_to(year, datetime.date(year, 8, 31))
    full = costs_up_to(year, datetime.date(year, 12, 31))
    assert full == total(results(year), lambda a: a[0] in "4567")
    assert Decimal("0.2") < april / full < Decimal("0.45")
    assert Decimal("0.5") < august / full < Decimal("0.8")
