"""Outcome against budget, for the year and up to a date, per line and per initiative."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from funding import budgets
from funding.ledger import import_sie
from funding.models import BudgetLine
from funding.outcome import outcome_report
from funding.statements import key_figures_over_years
from tests.documents import flat_text
from tests.funding.sie_files import sie_file

pytestmark = pytest.mark.django_db


def line(budget, section, label, measure, amount, accounting_object=""):
    return budgets.save_budget_line(
        line=BudgetLine(
            budget=budget,
            section=section,
            label=label,
            measure=measure,
            accounting_object=accounting_object,
            amount_1=Decimal(amount),
        )
    )


@pytest.fixture
def ledger_2010(sofint):
    return import_sie(association=sofint, data=sie_file(), file_name="sofint-2010.se")


@pytest.fixture
def budget_2010(sofint):
    budget = budgets.create_budget(association=sofint, first_year=2010)
    line(budget, "income", "Staten", "income_state", 400_000)
    line(budget, "income", "Landstinget", "income_region", 200_000)
    line(budget, "income", "Kommunerna", "income_municipalities", 200_000)
    line(budget, "initiatives", "Ungdomscoach", "initiative", 300_000, "UNG")
    line(budget, "administration", "Kansli", "office", 160_000)
    line(budget, "administration", "Styrelse", "board", 30_000)
    return budgets.adopt_budget(
        budget=budget, adopted_on=datetime.date(2009, 11, 26), decision_reference="§ 9"
    )


def by_label(lines):
    return {line.label: line for line in lines}


def test_the_whole_year_against_the_budget(ledger_2010, budget_2010, sofint):
    report = outcome_report(sofint, 2010)
    summary = {line.key: line for line in report.summary}
    assert (summary["income"].budget, summary["income"].outcome, summary["income"].previous) == (
        800_000,
        800_000,
        380_000,
    )
    # The undecided room (800 000 − 300 000 − 190 000 = 310 000) is budgeted as a cost, so the budgeted result is 0.
    assert summary["costs"].budget == -800_000 and summary["costs"].outcome == -550_000
    assert summary["result"].budget == 0 and summary["result"].outcome == 251_000
    assert report.result == 251_000
    lines = by_label(report.lines)
    assert (lines["Kansli"].budget, lines["Kansli"].outcome, lines["Kansli"].difference) == (
        -160_000,
        -150_000,
        10_000,
    )
    assert (lines["Styrelse"].budget, lines["Styrelse"].outcome) == (-30_000, -30_000)
    assert lines["Staten"].outcome == 400_000
    initiatives = by_label(report.initiatives)
    assert (initiatives["Ungdomscoach (UNG)"].budget, initiatives["Ungdomscoach (UNG)"].outcome) == (
        -300_000,
        -250_000,
    )
    assert initiatives["Summa insatser"].budget == -300_000
    # Sigma has costs on its object but no budget line: listed, not dropped.
    assert [(line.key, line.outcome) for line in report.other_objects] == [("SIG", -120_000)]


def test_up_to_30_april(ledger_2010, budget_2010, sofint):
    report = outcome_report(sofint, 2010, datetime.date(2010, 4, 30))
    summary = {line.key: line for line in report.summary}
    assert summary["income"].outcome == 800_000
    assert summary["costs"].outcome == -250_000
    assert summary["result"].outcome == 550_000
    assert summary["income"].budget == 800_000  # the whole year's budget
    assert summary["income"].previous is None  # no 2009 vouchers to cut at the same day
    assert by_label(report.lines)["Kansli"].outcome == 0
    assert report.other_objects == []


def test_without_a_budget_the_report_still_renders(ledger_2010, sofint):
    report = outcome_report(sofint, 2010)
    assert report.budget is None
    assert all(line.budget is None for line in report.summary)
    # Nothing granted either: the objects' costs are listed as objects without a budget line.
    assert report.initiatives == [] and report.initiative_budget_source == ""
    assert {line.key: line.outcome for line in report.other_objects} == {"UNG": -250_000, "SIG": -120_000}


def test_the_outcome_pdf_and_excel_through_the_command(ledger_2010, budget_2010, tmp_path):
    call_command(
        "render_report",
        "outcome",
        "--association",
        "sofint",
        "--year",
        "2010",
        "--output",
        str(tmp_path / "u.pdf"),
        stdout=io.StringIO(),
    )
    text = flat_text((tmp_path / "u.pdf").read_bytes())
    assert "Utfall mot budget 2010" in text
    assert "Årets resultat 0 251 000 251 000 80 000" in text  # budget, outcome, difference, last year
    call_command(
        "render_report",
        "outcome",
        "--association",
        "sofint",
        "--year",
        "2010",
        "--date",
        "2010-08-31",
        "--output",
        str(tmp_path / "u.xlsx"),
        stdout=io.StringIO(),
    )
    rows = list(load_workbook(tmp_path / "u.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "Utfall mot budget 2010, till och med 2010-08-31"
    assert rows[2][0] == "Bokföring t.o.m. 2010-08-31"
    result_row = next(row for row in rows if row[0] == "Årets resultat")
    # Budget for the year, budget to date (8/12 of 0), outcome to date.
    assert result_row[1:4] == (0, 0, 550_000)


def test_a_year_without_a_ledger_is_a_clear_error(sofint, tmp_path):
    with pytest.raises(CommandError, match="har ingen importerad bokföring för 2012"):
        call_command(
            "render_report",
            "outcome",
            "--association",
            "sofint",
            "--year",
            "2012",
            "--output",
            str(tmp_path / "x.pdf"),
        )
    assert list(tmp_path.iterdir()) == []


def test_the_outcome_page_for_readers_and_404_for_others(
    client, ledger_2010, budget_2010, sofint_office, board_member, outsider
):
    url = reverse("funding:outcome", args=["sofint", 2010])
    client.force_login(sofint_office)
    page = client.get(url, {"up_to": "2010-08-31"}).content.decode().replace("\xa0", " ")
    assert "Utfall mot budget 2010, till och med 2010-08-31" in page and "Ungdomscoach (UNG)" in page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(sofint_office)
    assert client.get(reverse("funding:outcome", args=["sofint", 2031])).status_code == 404


def test_key_figures_with_the_equity_rule(ledger_2010, sofint):
    rows = key_figures_over_years(sofint)
    assert [row.year for row in rows] == [2009, 2010]
    figures = rows[1]
    assert figures.contributions == 800_000
    assert figures.equity == 1_251_000
    assert figures.equity_share == Decimal("156.4") and figures.above_ceiling
    assert figures.split.individual == 370_000  # both projects on class 4, individual by default
    assert figures.split.administration == 180_000
    assert figures.administration_share_of_contributions == Decimal("22.5")
    assert figures.administration_share_of_costs == Decimal("32.7")
