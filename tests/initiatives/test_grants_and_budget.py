"""Board decisions grant amounts per year; they flow into draft budgets, never adopted ones."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import budgets
from funding.budgets import budget_table
from funding.documents.budget_xlsx import budget_workbook, read_budget_workbook
from funding.models import BudgetLine
from initiatives import services
from initiatives.models import Initiative
from members.models import Decision

pytestmark = pytest.mark.django_db


def grant(meeting, initiative, amounts, paragraph=8, granted=True):
    return services.record_decision(
        decision=Decision(meeting=meeting, paragraph=paragraph, title=initiative.name, text="Beviljas."),
        initiative=initiative,
        granted=granted,
        amounts={year: Decimal(amount) for year, amount in amounts.items()},
    )


def initiative_line(budget, initiative):
    return budget.lines.get(source=f"grant:{initiative.pk}")


def test_a_grant_moves_the_initiative_to_granted_and_into_the_draft_budget(sofint, kvinnoprojektet, meeting):
    draft = budgets.create_budget(association=sofint, first_year=2010)
    grant(meeting, kvinnoprojektet, {2010: 890_000, 2011: 890_000, 2012: 890_000})
    kvinnoprojektet.refresh_from_db()
    assert kvinnoprojektet.status == Initiative.Status.GRANTED
    line = initiative_line(draft, kvinnoprojektet)
    assert line.amounts == [890_000, 890_000, 890_000]
    assert (line.section, line.measure, line.accounting_object) == ("initiatives", "initiative", "KVI")


def test_a_new_budget_starts_with_the_granted_amounts(sofint, kvinnoprojektet, pris, meeting):
    grant(meeting, kvinnoprojektet, {2010: 890_000, 2011: 890_000})
    grant(meeting, pris, {2011: 950_000}, paragraph=9)
    budget = budgets.create_budget(association=sofint, first_year=2011)
    assert budget_table(budget).sections[1].totals == [1_840_000, 0, 0]


def test_changing_a_decision_changes_the_draft_and_not_the_adopted_budget(sofint, kvinnoprojektet, meeting):
    adopted = budgets.create_budget(association=sofint, first_year=2010)
    grant(meeting, kvinnoprojektet, {2010: 890_000})
    budgets.save_budget_line(
        line=BudgetLine(
            budget=adopted,
            section="income",
            label="Staten",
            measure="income_state",
            amount_1=Decimal(1_450_000),
        )
    )
    budgets.adopt_budget(budget=adopted, adopted_on=datetime.date(2009, 12, 10), decision_reference="§ 7")
    draft = budgets.revise_budget(budget=adopted)
    grant_record = kvinnoprojektet.grants.get()
    services.change_grant(grant=grant_record, amounts={2010: Decimal(800_000)}, conditions="Sänkt")
    assert initiative_line(draft, kvinnoprojektet).amount_1 == 800_000
    assert initiative_line(adopted, kvinnoprojektet).amount_1 == 890_000


def test_a_rejection_moves_the_initiative_to_rejected_and_adds_no_line(sofint, kvinnoprojektet, meeting):
    draft = budgets.create_budget(association=sofint, first_year=2010)
    grant(meeting, kvinnoprojektet, {}, granted=False)
    kvinnoprojektet.refresh_from_db()
    assert kvinnoprojektet.status == Initiative.Status.REJECTED
    assert not draft.lines.filter(source__startswith="grant:").exists()


def test_a_grant_needs_an_amount(kvinnoprojektet, meeting):
    with pytest.raises(ValidationError):
        grant(meeting, kvinnoprojektet, {})


def test_an_edited_workbook_does_not_change_what_the_board_granted(sofint, kvinnoprojektet, meeting):
    draft = budgets.create_budget(association=sofint, first_year=2010)
    grant(meeting, kvinnoprojektet, {2010: 890_000})
    lines, results = read_budget_workbook(budget_workbook(budget_table(draft)))
    for line in lines:
        line.amount_1 = Decimal(1)
    budgets.replace_lines(budget=draft, lines=lines, planned_results=results)
    assert initiative_line(draft, kvinnoprojektet).amount_1 == 890_000
    assert draft.lines.filter(source__startswith="grant:").count() == 1
