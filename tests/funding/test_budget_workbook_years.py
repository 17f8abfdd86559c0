"""A budget workbook names its years, and one made for other years is refused on import."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funding import budgets
from funding.budgets import budget_table
from funding.documents.budget_xlsx import budget_workbook
from funding.models import Budget
from members.models import Association, User
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


def _upload(client, budget, content):
    upload = io.BytesIO(content)
    upload.name = "budget.xlsx"
    client.force_login(User.objects.get(username="kansli"))
    return client.post(
        reverse("funding:budget_import", args=["solleftea", budget.pk]), {"file": upload}, follow=True
    )


def test_the_workbook_names_its_years_in_the_header(demo):
    budget = Budget.objects.get(association__slug="solleftea", first_year=2025)
    sheet = load_workbook(io.BytesIO(budget_workbook(budget_table(budget))))["Budget"]
    assert [cell.value for cell in sheet[5][4:7]] == ["2025", "2026", "2027"]


def test_a_2025_workbook_is_refused_by_the_2027_budget_naming_both_years(client, demo):
    old = Budget.objects.get(association__slug="solleftea", first_year=2025)
    new = budgets.create_budget(association=Association.objects.get(slug="solleftea"), first_year=2027)
    before = sorted(new.lines.values_list("label", "amount_1", "amount_2", "amount_3"))
    page = _upload(client, new, budget_workbook(budget_table(old))).content.decode()
    assert "Arbetsboken gäller åren 2025–2027, men den här budgeten gäller 2027–2029" in page
    assert "Ingenting importerades" in page
    assert sorted(new.lines.values_list("label", "amount_1", "amount_2", "amount_3")) == before


def test_a_workbook_without_its_years_is_refused(client, demo):
    budget = Budget.objects.get(association__slug="solleftea", first_year=2025)
    book = load_workbook(io.BytesIO(budget_workbook(budget_table(budget))))
    book["Budget"]["F5"] = "År 2"
    edited = io.BytesIO()
    book.save(edited)
    page = _upload(client, budget, edited.getvalue()).content.decode()
    assert "Arbetsboken säger inte vilka år beloppen gäller" in page
    assert not Budget.objects.filter(association__slug="solleftea", first_year=2025, version=2).exists()


def test_the_budgets_own_workbook_is_still_imported(client, demo):
    budget = Budget.objects.get(association__slug="solleftea", first_year=2025)
    page = _upload(client, budget, budget_workbook(budget_table(budget))).content.decode()
    assert "Arbetsboken importerades till Budget 2025–2027, version 2" in page
