"""A new budget starts from the adopted plan's later years, and says so."""

from decimal import Decimal

import pytest
from django.urls import reverse

from funding.budgets import budget_table
from funding.models import Budget
from members.models import User
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


def _create(client, slug, year):
    client.force_login(User.objects.get(username="kansli"))
    response = client.post(reverse("funding:budget_create", args=[slug]), {"first_year": year}, follow=True)
    assert response.status_code == 200
    return Budget.objects.get(association__slug=slug, first_year=year), response.content.decode()


def _amounts(budget):
    return {line.label: line.amounts for line in budget.lines.all()}


def test_the_2011_budget_carries_the_adopted_2010_plans_later_years(client, demo):
    budget, page = _create(client, "sofint", 2011)
    amounts = _amounts(budget)
    # Seed: office 620 000 / 630 000 / 640 000 in the 2010–2012 plan; 2013 starts from 2012.
    assert amounts["Kansli (förbundschef, ekonomi, lokal)"] == [630_000, 640_000, 640_000]
    assert amounts["Statens bidrag (Försäkringskassan)"] == [1_450_000] * 3
    assert budget_table(budget).income == [2_900_000] * 3
    assert budget.prefilled_from == Budget.objects.get(association__slug="sofint", first_year=2010)
    assert (
        "Förifylld från Budget 2010–2012, version 1, antagen 2009-11-26: beloppen för 2011–2012 är planens, "
        "2013 utgår från planens 2012."
    ) in page.replace("&#x27;", "'")


def test_decided_lines_follow_the_decisions_not_the_plan(client, demo):
    budget, _page = _create(client, "solleftea", 2026)
    amounts = _amounts(budget)
    assert amounts["Staten"] == [1_388_000] * 3
    assert amounts["Kansli (inkl. ekonomihantering)"] == [689_500] * 3
    # SamCoach is granted for 2025 and 2026 only; one-year 2025 grants are not in the new budget.
    assert amounts["SamCoach"] == [Decimal(827_000), 0, 0]
    assert "Livsstilslyftet" not in amounts
    # The plan's line of zeros is left out; the decided line with the same name stays.
    labels = [(line.label, bool(line.source)) for line in budget.lines.all()]
    assert ("Samsjuklighetskoordinator", False) not in labels
    assert ("Samsjuklighetskoordinator", True) in labels


def test_a_budget_without_an_adopted_plan_starts_with_the_decisions_only(client, demo):
    budget, page = _create(client, "sofint", 2020)
    assert budget.prefilled_from is None
    assert "Kansli (förbundschef, ekonomi, lokal)" not in _amounts(budget)
    assert "Förifylld" not in page
