"""Initiatives tells funding what it needs when it changes: orientations for the cost split, granted
amounts for the budgets. Funding reads only its own tables (no providers, no asking back)."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from finsam.money import round_krona
from funding import budgets
from funding.models import DecidedAmount, ProjectObjectOrientation
from funding.project_objects import object_orientation
from funding.statements import key_figures
from initiatives import services
from initiatives.models import Initiative
from tests.initiatives.test_project_table import sofint_2009  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_changing_an_initiatives_orientation_changes_the_cost_split(sofint_2009):  # noqa: F811
    payoff = Initiative.objects.get(association=sofint_2009, accounting_object="PAY")
    assert round_krona(key_figures(sofint_2009, 2009).split.structural) == 200_829
    payoff.kind = Initiative.Kind.INDIVIDUAL
    services.save_initiative(initiative=payoff)
    split = key_figures(sofint_2009, 2009).split
    assert split.structural == 0
    assert round_krona(split.individual) == 2_196_028
    assert object_orientation(sofint_2009)["PAY"] == "individual"


def test_a_new_accounting_object_moves_the_orientation_with_it(sofint_2009):  # noqa: F811
    payoff = Initiative.objects.get(association=sofint_2009, accounting_object="PAY")
    payoff.accounting_object = "PAX"
    services.save_initiative(initiative=payoff)
    orientations = object_orientation(sofint_2009)
    assert orientations["PAX"] == "structural" and "PAY" not in orientations
    # The ledger's PAY costs now belong to no initiative: individual by default, as unknown objects are.
    assert key_figures(sofint_2009, 2009).split.structural == 0


def test_set_initiative_line_sets_the_decided_line_of_every_draft_budget(sofint):
    # (Grants recorded through initiatives.services call it: tests/initiatives/test_grants_and_budget.py.)
    budget = budgets.create_budget(association=sofint, first_year=2010)
    budgets.set_initiative_line(
        association=sofint,
        source="grant:test",
        label="Kvinnoprojektet",
        accounting_object="KVI",
        amounts={2010: Decimal(300_000), 2011: Decimal(250_000), 2013: Decimal(0)},
    )
    line = budget.lines.get(source="grant:test")
    assert (line.amount_1, line.amount_2, line.amount_3) == (300_000, 250_000, 0)
    assert DecidedAmount.objects.filter(source="grant:test").count() == 2
    # A budget made later starts with the line as well: funding has it stored.
    later = budgets.create_budget(association=sofint, first_year=2011)
    assert later.lines.get(source="grant:test").amount_1 == 250_000
    budgets.set_initiative_line(
        association=sofint, source="grant:test", label="Kvinnoprojektet", accounting_object="KVI", amounts={}
    )
    assert not budget.lines.filter(source="grant:test").exists()


def test_the_data_migration_fills_the_stored_facts_for_existing_data(sofint_2009):  # noqa: F811
    stored_orientations = object_orientation(sofint_2009)
    stored_amounts = set(DecidedAmount.objects.values_list("source", "year", "amount"))
    ProjectObjectOrientation.objects.all().delete()
    DecidedAmount.objects.all().delete()
    migration = importlib.import_module("initiatives.migrations.0003_push_facts_to_funding")
    migration.push_down(django_apps, None)
    assert object_orientation(sofint_2009) == stored_orientations
    assert set(DecidedAmount.objects.values_list("source", "year", "amount")) == stored_amounts
    assert stored_amounts
