"""User text in the funding workbooks (budget, outcome, contributions and invoices) comes back as
plain text, never as a formula, and amounts stay numbers."""

import pytest
from django.urls import reverse

from funding import budgets
from funding.budgets import budget_table
from funding.documents.budget_xlsx import budget_workbook, read_budget_workbook
from funding.ledger import import_sie
from tests.documents import HOSTILE, assert_text_stays_text
from tests.funding.sie_files import sie_file
from tests.funding.test_outcome import line

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_sofint(sofint):
    sofint.name = HOSTILE
    sofint.save()
    return sofint


@pytest.fixture
def hostile_budget(hostile_sofint):
    budget = budgets.create_budget(association=hostile_sofint, first_year=2010)
    line(budget, "income", HOSTILE, "income_state", 400_000)
    line(budget, "administration", "@SUM(A1:A9)", "office", 160_000)
    return budget


def test_the_budget_workbook_keeps_names_and_lines_as_text_and_reads_back_the_same(hostile_budget):
    content = budget_workbook(budget_table(hostile_budget))
    assert_text_stays_text(content)
    assert_text_stays_text(content, "@SUM(A1:A9)")
    lines, _results = read_budget_workbook(content)
    assert {item.label for item in lines} >= {HOSTILE, "@SUM(A1:A9)"}


def test_the_outcome_workbook_keeps_the_name_as_text(client, hostile_budget, sofint_office):
    import_sie(association=hostile_budget.association, data=sie_file(), file_name="sofint-2010.se")
    client.force_login(sofint_office)
    response = client.get(reverse("funding:outcome_document", args=["sofint", 2010, "xlsx"]))
    assert response.status_code == 200
    assert_text_stays_text(response.content)


def test_the_contributions_workbook_keeps_member_names_as_text(
    client, issued_q1, hostile_sofint, sofint_office
):
    member = issued_q1[0].organisation
    member.name = '=HYPERLINK("http://x")'
    member.save()
    client.force_login(sofint_office)
    response = client.get(reverse("funding:year_workbook", args=["sofint", 2026]))
    assert response.status_code == 200
    assert_text_stays_text(response.content)
    assert_text_stays_text(response.content, '=HYPERLINK("http://x")')
