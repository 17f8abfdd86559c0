"""Seed 004's project table: with a ledger whose project objects carry costs, each initiative's
outcome beside its budget, and the totals."""

from pathlib import Path

import pytest
from django.urls import reverse

from finsam.money import round_krona
from funding.ledger import import_sie
from funding.outcome import outcome_report
from funding.statements import key_figures
from initiatives.models import Initiative
from initiatives.selectors import cost_table, project_table
from members.models import Association, User
from tests.demo import load_demo

pytestmark = pytest.mark.django_db
LEDGER_2009 = Path(__file__).resolve().parents[1] / "data" / "sofint-2009.se"


@pytest.fixture
def sofint_2009(db):
    load_demo()
    sofint = Association.objects.get(slug="sofint")
    import_sie(association=sofint, data=LEDGER_2009.read_bytes(), file_name=LEDGER_2009.name)
    return sofint


def whole(amount):
    return None if amount is None else round_krona(amount)


def test_the_2009_project_table_is_seed_004s(sofint_2009, client):
    table = project_table(sofint_2009, 2009)
    rows = {row.accounting_object: (whole(row.outcome), whole(row.budget)) for row in table.rows}
    assert rows == {
        "EPS": (206_190, 200_000),
        "SIG": (200_693, 215_000),
        "UNG": (420_337, 463_000),
        "LIN": (86_910, 176_000),
        "PSH": (226_069, 240_000),
        "PSL": (615_000, 615_000),
        "PSN": (240_000, 240_000),
        "PAY": (200_829, 200_000),
        "LJU": (0, None),  # a 2008 project: its 2008 budget shows in the previous-year column
    }
    assert whole(table.total.budget) == 2_349_000
    assert whole(table.total.outcome) == 2_196_028
    assert whole(table.total.previous_budget) == 3_342_800
    assert table.other_objects == []
    client.force_login(User.objects.get(username="kansli"))
    page = (
        client.get(reverse("initiatives:project_costs", args=["sofint", 2009]))
        .content.decode()
        .replace("\xa0", " ")
    )
    assert "2 349 000" in page and "2 196 028" in page and "Totalsumma projekt" in page


def test_structural_initiatives_count_as_structural_in_the_key_figures(sofint_2009):
    split = key_figures(sofint_2009, 2009).split
    assert whole(split.structural) == 200_829  # the Payoff evaluation
    assert whole(split.individual) == 2_196_028 - 200_829


def test_the_cost_report_takes_the_outcome_from_the_project_object(sofint_2009):
    epsilon = Initiative.objects.get(association=sofint_2009, code="epsilon")
    table = cost_table(epsilon, 2009)
    assert table.from_ledger
    assert whole(table.outcome) == 206_190
    # Booked on the funded-initiatives account, which says nothing of the cost kind.
    assert {row.kind: whole(row.outcome) for row in table.rows}["services"] == 0
    assert whole(table.unspecified) == 206_190


def test_the_2009_outcome_report_compares_each_initiative_with_its_granted_amount(sofint_2009, client):
    """No adopted budget covers 2009: the outcome report takes each initiative's granted amount, as
    the annual report's project table does, and says so."""
    report = outcome_report(sofint_2009, 2009)
    assert report.budget is None and report.initiative_budget_source == "granted"
    table = project_table(sofint_2009, 2009)
    expected = {row.accounting_object: row for row in table.rows if row.budget is not None}
    lines = {line.key: line for line in report.initiatives if not line.level}
    assert set(lines) == set(expected)
    for obj, row in expected.items():
        assert (lines[obj].outcome, lines[obj].budget) == (-row.outcome, -row.budget)
    total = report.initiatives[-1]
    assert total.level == 2
    assert (whole(-total.outcome), whole(-total.budget)) == (2_196_028, 2_349_000)
    assert report.initiatives_caption == "Per insats (Beviljat belopp)"
    client.force_login(User.objects.get(username="kansli"))
    page = client.get(reverse("funding:outcome", args=["sofint", 2009])).content.decode().replace("\xa0", " ")
    assert "2 196 028" in page and "2 349 000" in page and "Beviljat belopp" in page
