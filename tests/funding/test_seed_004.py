"""Seed 004 (SOFINT's annual report 2009) reproduces from a ledger with the same totals."""

from decimal import Decimal
from pathlib import Path

import pytest

from finsam.money import round_krona
from funding.ledger import import_sie
from funding.statements import balance_sheet, income_statement, key_figures, project_cost_rows, year_figures

pytestmark = pytest.mark.django_db
LEDGER_2009 = Path(__file__).resolve().parents[1] / "data" / "sofint-2009.se"


@pytest.fixture
def figures(sofint):
    import_sie(association=sofint, data=LEDGER_2009.read_bytes(), file_name=LEDGER_2009.name)
    return year_figures(sofint, 2009)


def whole(amount):
    return None if amount is None else round_krona(amount)


def test_the_income_statement_is_seed_004s(figures):
    statement = income_statement(figures)
    rows = {row.key: (whole(row.current), whole(row.previous)) for row in statement.rows}
    assert rows["income"] == (2_900_002, 3_000_005)
    assert rows["costs"] == (-2_927_829, -3_002_132)
    assert rows["net_cost"] == (-27_827, -2_127)
    assert rows["financial_income"] == (1_425, 86_889)
    assert rows["financial_costs"] == (-67, 0)
    assert rows["result"] == (-26_469, 84_762)


def test_the_income_note_is_seed_004s(figures):
    notes = {row.key: whole(row.current) for row in income_statement(figures).income_notes}
    assert notes == {
        "income_state": 1_450_000,
        "income_region": 725_000,
        "income_municipalities": 725_000,
        "income_other": 2,
    }


def test_the_balance_sheet_is_seed_004s_and_balances(figures):
    sheet = balance_sheet(figures)
    rows = {row.key: (whole(row.current), whole(row.previous)) for row in sheet.rows}
    assert rows["asset_receivables"] == (232_907, 126_722)
    assert rows["asset_cash"] == (1_150_049, 1_717_682)
    assert rows["assets"] == (1_382_956, 1_844_404)
    assert rows["equity"] == (1_102_741, 1_017_979)
    assert rows["result"] == (-26_469, 84_762)
    assert rows["total_equity"] == (1_076_272, 1_102_741)
    assert rows["liability_current"] == (306_684, 741_663)
    assert rows["total"] == (1_382_956, 1_844_404)
    assert sheet.balances


def test_project_costs_per_object_are_the_seeds_outcome_2009(figures):
    costs = {row.key: whole(-row.current) for row in project_cost_rows(figures)}
    assert costs == {
        "EPS": 206_190,
        "SIG": 200_693,
        "UNG": 420_337,
        "LIN": 86_910,
        "PSH": 226_069,
        "PSL": 615_000,
        "PSN": 240_000,
        "PAY": 200_829,
    }
    assert sum(costs.values()) == 2_196_028


def test_the_equity_share_is_flagged_above_the_ceiling(figures, sofint):
    figures_2009 = key_figures(sofint, 2009)
    assert whole(figures_2009.equity) == 1_076_272
    assert figures_2009.contributions == 2_900_000
    assert figures_2009.equity_share == Decimal("37.1")
    assert figures_2009.above_ceiling
