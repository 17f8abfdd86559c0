"""Budget workbook values that are no amounts: NaN, infinities, 10^12 kronor or more, more
decimals than öre, formulas and dates are refused naming sheet and cell, and nothing changes."""

import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from funding import budgets
from funding.budgets import budget_table
from funding.documents.budget_xlsx import budget_workbook, read_budget_workbook
from funding.models import Budget, BudgetLine
from tests.factories import AssociationFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget():
    association = AssociationFactory(slug="ljusdal")
    budget = budgets.create_budget(association=association, first_year=2026)
    budgets.save_budget_line(
        line=BudgetLine(
            budget=budget,
            section=BudgetLine.Section.INCOME,
            label="Statligt bidrag",
            amount_1=Decimal(500_000),
        )
    )
    budgets.save_budget_line(
        line=BudgetLine(
            budget=budget,
            section=BudgetLine.Section.ADMINISTRATION,
            label="Kansli",
            amount_1=Decimal(200_000),
        )
    )
    return budget


def row_of(sheet, label: str) -> int:
    return next(row[0].row for row in sheet.iter_rows(min_row=6) if row[1].value == label)


def edited(budget, **cells) -> bytes:
    """The exported workbook with cells set; `E_Kansli=-5` sets column E of the line Kansli."""
    book = load_workbook(io.BytesIO(budget_workbook(budget_table(budget))))
    sheet = book["Budget"]
    for name, value in cells.items():
        column, label = name.split("_", 1)
        sheet[f"{column}{row_of(sheet, label)}"] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def refusal(content: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        read_budget_workbook(content)
    return error.value.messages


# Float NaN and infinities cannot be written with openpyxl (it leaves the cell empty): they are
# put into the file's XML below.
NOT_AN_AMOUNT = [
    ("NaN", "NaN är inget belopp."),
    ("-inf", "-inf är inget belopp."),
    ("-Infinity", "-Infinity är inget belopp."),
    (-1e12, "beloppet är för stort (högst 999 999 999 999,99 kr)."),
    (-(10**15), "beloppet är för stort (högst 999 999 999 999,99 kr)."),
    ("-1 000 000 000 000", "beloppet är för stort (högst 999 999 999 999,99 kr)."),
    (-12.345, "beloppet har fler decimaler än öre (högst två)."),
    ("-12,345", "beloppet har fler decimaler än öre (högst två)."),
    ("-1e-30", "beloppet har fler decimaler än öre (högst två)."),
    ("=-100*2", "cellen innehåller en formel; skriv in själva beloppet."),
    ("=SUM(E6:E7)", "cellen innehåller en formel; skriv in själva beloppet."),
    (datetime.date(2026, 1, 1), "cellen innehåller ett datum, inte ett belopp."),
    (datetime.datetime(2026, 1, 1, 12, 0), "cellen innehåller ett datum, inte ett belopp."),
    (True, "True är inget belopp."),
]


@pytest.mark.parametrize(("value", "message"), NOT_AN_AMOUNT, ids=[repr(value) for value, _ in NOT_AN_AMOUNT])
def test_a_value_that_is_no_amount_is_refused_naming_sheet_and_cell(budget, value, message):
    content = edited(budget, F_Kansli=value)
    sheet = load_workbook(io.BytesIO(content))["Budget"]
    assert refusal(content) == [f"Bladet Budget, cell F{row_of(sheet, 'Kansli')}: {message}"]


def test_the_budgeted_result_row_is_checked_like_the_lines(budget):
    content = edited(budget, **{"G_Beräknat resultat": "NaN"})
    assert refusal(content) == [
        f"Bladet Budget, cell G{row_of(load_workbook(io.BytesIO(content))['Budget'], 'Beräknat resultat')}: "
        "NaN är inget belopp."
    ]


def test_amounts_up_to_the_limit_with_ore_are_accepted(budget):
    lines, _results = read_budget_workbook(edited(budget, E_Kansli="-999 999 999 999,99", F_Kansli=-12.5))
    kansli = next(line for line in lines if line.label == "Kansli")
    assert kansli.amounts == [Decimal("999999999999.99"), Decimal("12.50"), Decimal(0)]


def test_a_formula_in_a_text_cell_is_refused(budget):
    content = edited(budget, B_Kansli='=HYPERLINK("http://example.com","x")')
    problems = refusal(content)
    assert any("cellen innehåller en formel; skriv in själva texten." in problem for problem in problems), (
        problems
    )
    assert all(problem.startswith("Bladet Budget, cell B") for problem in problems)


def with_raw_value(content: bytes, cell: str, raw: str) -> bytes:
    """The workbook with a numeric cell's stored text replaced, as an edited file can have it."""
    source = zipfile.ZipFile(io.BytesIO(content))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text, count = re.subn(rf'(<c r="{cell}"[^>]*>)<v>[^<]*</v>', rf"\1<v>{raw}</v>", text)
                assert count == 1
                data = text.encode()
            target.writestr(item, data)
    return target_buffer.getvalue()


@pytest.mark.parametrize("raw", ["NaN", "inf", "-inf", "1e400", "1.5e12"])
def test_nan_or_infinity_stored_in_a_number_cell_is_refused_naming_the_sheet(budget, raw):
    content = edited(budget)
    row = row_of(load_workbook(io.BytesIO(content))["Budget"], "Kansli")
    problems = refusal(with_raw_value(content, f"E{row}", raw))
    assert len(problems) == 1 and problems[0].startswith("Bladet Budget, ")
    assert f"cell E{row}:" in problems[0] or f"rad {row}:" in problems[0]


def test_the_import_page_refuses_the_workbook_in_swedish_and_changes_nothing(client, budget):
    office = RoleFactory(association=budget.association).user
    client.force_login(office)
    before = list(budget.lines.values_list("label", "amount_1", "amount_2", "amount_3"))
    upload = io.BytesIO(edited(budget, F_Kansli="NaN", E_Kansli=-(10**13)))
    upload.name = "budget.xlsx"
    response = client.post(
        reverse("funding:budget_import", args=[budget.association.slug, budget.pk]), {"file": upload}
    )
    assert response.status_code == 200
    page = response.content.decode().replace("\xa0", " ")
    assert "Ingenting importerades" in page or "Inget importerades" in page
    assert "beloppet är för stort" in page and "NaN är inget belopp." in page
    assert list(budget.lines.values_list("label", "amount_1", "amount_2", "amount_3")) == before
    assert Budget.objects.filter(association=budget.association).count() == 1
