"""Budgets under double clicks and parallel clerks: a new budget, a revision, an adoption."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from funding import budgets
from funding.models import Budget, BudgetLine
from tests.races.racing import RACES, WORKERS, race

pytestmark = RACES


@pytest.fixture
def adopted_2027(sofint):
    budget = budgets.create_budget(association=sofint, first_year=2027)
    budgets.save_budget_line(
        line=BudgetLine(budget=budget, section="income", label="Staten", amount_1=Decimal(1_000_000))
    )
    return budgets.adopt_budget(
        budget=budget, adopted_on=datetime.date(2026, 11, 26), decision_reference="Styrelsen § 7"
    )


def versions(sofint, year):
    return list(Budget.objects.filter(association=sofint, first_year=year).order_by("version"))


def told(answers):
    return sorted(message for answer in answers for message in answer.messages)


def test_parallel_new_budgets_for_a_year_make_one_proposal(sofint, sofint_office):
    url = reverse("funding:budget_create", args=["sofint"])
    answers = race(sofint_office, lambda client: client.post(url, {"first_year": 2027}))

    (budget,) = versions(sofint, 2027)
    assert (budget.version, budget.status) == (1, "proposal")
    assert {answer.location for answer in answers} == {budget.get_absolute_url()}
    assert told(answers) == sorted(
        ["Budget 2027–2029, version 1 skapades som förslag."]
        + ["Budget 2027–2029, version 1 finns redan som förslag."] * (WORKERS - 1)
    )


def test_parallel_new_budgets_after_an_adopted_one_make_one_revision(sofint, sofint_office, adopted_2027):
    url = reverse("funding:budget_create", args=["sofint"])
    answers = race(sofint_office, lambda client: client.post(url, {"first_year": 2027}))

    assert [(budget.version, budget.status) for budget in versions(sofint, 2027)] == [
        (1, "adopted"),
        (2, "proposal"),
    ]
    assert told(answers).count("Budget 2027–2029, version 2 skapades som förslag.") == 1


def test_parallel_revisions_of_a_version_make_one_new_version(sofint, sofint_office, adopted_2027):
    url = reverse("funding:budget_revise", args=["sofint", adopted_2027.pk])
    answers = race(sofint_office, lambda client: client.post(url))

    first, revision = versions(sofint, 2027)
    assert (revision.version, revision.based_on, revision.lines.count()) == (2, first, 1)
    assert {answer.location for answer in answers} == {revision.get_absolute_url()}
    assert told(answers) == sorted(
        ["Version 2 skapades från den antagna budgeten."]
        + ["Version 2 reviderar redan version 1."] * (WORKERS - 1)
    )


def test_a_second_revise_after_the_first_answer_gives_the_same_version(sofint, sofint_office, adopted_2027):
    client = Client()
    client.force_login(sofint_office)
    url = reverse("funding:budget_revise", args=["sofint", adopted_2027.pk])
    first, second = client.post(url), client.post(url)

    assert len(versions(sofint, 2027)) == 2
    assert first["Location"] == second["Location"] == versions(sofint, 2027)[1].get_absolute_url()


def test_parallel_adoptions_adopt_once(sofint, sofint_office, adopted_2027):
    proposal = budgets.revise_budget(budget=adopted_2027)
    url = reverse("funding:budget_adopt", args=["sofint", proposal.pk])
    answers = race(
        sofint_office,
        lambda client: client.post(url, {"adopted_on": "2027-03-02", "decision_reference": "Styrelsen § 3"}),
    )

    proposal.refresh_from_db()
    assert (proposal.status, proposal.adopted_on) == ("adopted", datetime.date(2027, 3, 2))
    assert told(answers) == sorted(
        ["Budgeten antogs och är nu låst."] + ["Budgeten antogs redan 2027-03-02."] * (WORKERS - 1)
    )
