"""Sollefteå's demo ledgers: 2025 closed, and 2026 to 31 August for the interim report.

scripts/make_demo_ledgers_solleftea.py writes them. The files must be exactly what the script
writes now, import into the demo association `solleftea` through the upload page's import,
map every account to a report line, balance, and carry the intended costs on each
initiative's accounting object. Figures are read back through the app (statements, outcome),
never taken from the generator, except for the byte-for-byte comparison.
"""

import datetime
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from finsam.money import round_krona
from funding.ledger import import_sie
from funding.models import LedgerYear
from funding.outcome import outcome_report
from funding.statements import balance_sheet, costs_by_object, income_statement, key_figures, year_figures
from members.models import Association, User
from tests.demo import load_demo
from tests.documents import page_text

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_demo_ledgers_solleftea.py"
FILES = {
    2025: ROOT / "fixtures" / "demo" / "solleftea-2025.se",
    2026: ROOT / "fixtures" / "demo" / "solleftea-2026.se",
}
INTERIM = datetime.date(2026, 8, 31)

# Costs per project object (kr): the granted amounts of fixtures/demo/initiatives.toml, 90-100 %
# used in 2025, and eight months of 2026's. SAMSJ and UNGA are the decisions that used the
# budget's undecided room.
COSTS_2025 = {
    "SAMC": 827_000,
    "PRAKT": 66_240,
    "FPH": 68_900,
    "LIVS": 147_600,
    "ANALYS": 20_600,
    "FRUKOST": 9_400,
    "KOMP": 14_200,
    "UTBDAG": 9_600,
    "FOLKH": 27_700,
    "NORRK": 29_100,
    "BEREDN": 18_800,
    "SAMSJ": 436_000,
    "UNGA": 296_000,
}
COSTS_2026 = {
    "SAMC": 551_333,
    "SAMSJ": 387_500,
    "UNGA": 364_000,
    "FRUKOST": 6_390,
    "ANALYS": 10_600,
    "BEREDN": 12_400,
    "FOLKH": 8_200,
}


def load_script():
    spec = importlib.util.spec_from_file_location("make_demo_ledgers_solleftea", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_the_files_are_what_the_script_writes():
    files, _summary = load_script().build()
    for year, path in FILES.items():
        data = path.read_bytes()
        assert files[year] == data, f"{path.name} differs: run scripts/make_demo_ledgers_solleftea.py"
        assert data.count(b"\n") == data.count(b"\r\n") > 0
        assert "Samordningsförbundet i Sollefteå".encode("cp437") in data
        assert b"#FORMAT PC8" in data and b"#SIETYP 4" in data and b'#DIM 6 "Projekt"' in data


@pytest.fixture
def solleftea(db):
    load_demo()
    association = Association.objects.get(slug="solleftea")
    for path in FILES.values():
        ledger = import_sie(association=association, data=path.read_bytes(), file_name=path.name)
        assert ledger.voucher_count >= 150
        assert ledger.organisation_number == "2220002121"
    return association


def whole(amount: Decimal) -> int:
    return int(round_krona(amount))


@pytest.mark.parametrize("up_to", [None, INTERIM])
def test_every_account_is_mapped_and_the_balance_sheets_balance(solleftea, up_to):
    years = LedgerYear.objects.filter(association=solleftea).values_list("year", flat=True)
    assert sorted(years) == [2025, 2026]
    for year in (2025, 2026):
        figures = year_figures(solleftea, year, up_to if year == 2026 else None)
        assert figures.unmapped == []
        assert balance_sheet(figures).balances


def test_costs_per_initiative_object(solleftea):
    costs = costs_by_object(solleftea)
    assert costs == {
        2025: {obj: Decimal(amount) for obj, amount in COSTS_2025.items()},
        2026: {obj: Decimal(amount) for obj, amount in COSTS_2026.items()},
    }


def test_2025_is_close_to_the_budget_with_equity_under_the_ceiling(solleftea):
    statement = income_statement(year_figures(solleftea, 2025))
    notes = {row.key: whole(row.current) for row in statement.income_notes}
    # Every contribution account maps to its payer's line by its name; the rest is öresavrundning.
    assert notes == {
        "income_state": 1_388_000,
        "income_region": 694_000,
        "income_municipalities": 694_000,
        "income_other": 3,
    }
    figures = key_figures(solleftea, 2025)
    assert figures.contributions == 2_776_000
    assert Decimal(-60_000) < figures.result < Decimal(60_000)
    assert Decimal(10) <= figures.equity_share <= Decimal(18)
    assert not figures.above_ceiling and figures.open_until is None  # exported 2026-02-27
    # 2024, the comparison year carried in the file, closes on the equity 2025 opens with.
    sheet = balance_sheet(year_figures(solleftea, 2025))
    assert whole(sheet.total_equity.previous) == whole(sheet.equity_opening.current) == 330_000

    report = outcome_report(solleftea, 2025)
    lines = {line.key: line for line in report.initiatives + report.lines if line.budget}
    for key in ("SAMC", "PRAKT", "FPH", "LIVS", "office", "board"):
        assert Decimal(90) <= lines[key].used_percent <= Decimal(100), (key, lines[key].used_percent)
    assert lines["income_state"].used_percent == lines["income_region_municipalities"].used_percent == 100
    # Every initiative of the adopted budget has its line; the two the board decided during 2025,
    # after the budget was adopted, are costs on objects that no budget line names.
    assert {line.key for line in report.other_objects} == {"SAMSJ", "UNGA"}


def test_the_interim_report_per_31_august_2026_has_two_thirds_of_the_year(solleftea):
    report = outcome_report(solleftea, 2026, up_to=INTERIM)
    assert report.up_to == INTERIM
    summary = {line.key: line for line in report.summary}
    lines = {line.key: line for line in report.initiatives + report.lines if line.budget}
    # The contributions are recognised a twelfth a month: eight twelfths of each, to the krona.
    contributions = [lines["income_state"], lines["income_region_municipalities"]]
    assert [whole(line.outcome) for line in contributions] == [925_333, 925_334]
    # 2025 up to the same day is beside it: the previous year's ledger is imported too.
    assert [whole(line.previous) for line in contributions] == [925_333, 925_334]
    assert Decimal(60) <= summary["costs"].used_percent <= Decimal(70)
    assert Decimal(0) < report.result < Decimal(80_000)
    assert whole(lines["SAMC"].outcome) == -551_333
    assert Decimal(55) <= lines["office"].used_percent <= Decimal(70)


def test_a_year_exported_before_its_end_is_not_judged_against_the_ceiling(solleftea, client):
    figures = key_figures(solleftea, 2026)
    # Eight months of contributions against the equity so far would read 23 %, "above the ceiling".
    assert figures.open_until == datetime.date(2026, 9, 10)
    assert figures.equity_share is None and not figures.above_ceiling
    office = User.objects.get(username="kansli")
    client.force_login(office)
    page = page_text(client.get(reverse("funding:key_figures", args=["solleftea"])))
    assert "2026 †" in page and "Över taket" not in page
    assert "Bokföringen för 2026 exporterades 2026-09-10, före årets slut" in page
    ledger_page = page_text(client.get(reverse("funding:ledger_detail", args=["solleftea", 2026])))
    assert "Exporterad 2026-09-10 (före årets slut: året hittills)" in ledger_page
    assert "Balansräkning Rad 2026-09-10 Ett år tidigare" in ledger_page  # balances at the export
