"""Any budget workbook, however edited, is imported or refused with messages, never an exception;
a refused one changes nothing (hypothesis)."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from funding import budgets
from funding.budgets import budget_table
from funding.documents.budget_xlsx import budget_workbook, read_budget_workbook
from funding.models import Budget, BudgetLine
from tests.factories import AssociationFactory
from tests.funding.test_budget_workbook_values import with_raw_value

pytestmark = pytest.mark.django_db

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**13), max_value=10**13),
    st.sampled_from(
        ["-35 000", "1 000,50", "NaN", "-inf", "Infinity", "1e400", "=1+1", "=SUM(E6:E9)", "summa"]
    ),
    st.sampled_from(
        ["Verksamhetens intäkter", "Kostnader för insatser", "Styrelse och kansli", "rad:1", "resultat"]
    ),
    _TEXT,
    st.dates(),
    st.datetimes(),
    st.booleans(),
)
_CELLS = st.dictionaries(
    st.tuples(st.integers(min_value=6, max_value=14), st.integers(min_value=1, max_value=8)),
    _VALUES,
    max_size=8,
)
_RAW = st.sampled_from(["NaN", "inf", "-inf", "1e400", "1.5e12", "12.345", "x"])


@pytest.fixture
def budget():
    association = AssociationFactory(slug="ange")
    budget = budgets.create_budget(association=association, first_year=2026)
    for section, label, amount in [
        (BudgetLine.Section.INCOME, "Statligt bidrag", 500_000),
        (BudgetLine.Section.ADMINISTRATION, "Kansli", 200_000),
    ]:
        budgets.save_budget_line(
            line=BudgetLine(budget=budget, section=section, label=label, amount_1=Decimal(amount))
        )
    return budget


def _lines(budget):
    return sorted(
        Budget.objects.filter(association=budget.association).values_list(
            "version", "lines__label", "lines__amount_1", "lines__amount_2", "lines__amount_3"
        ),
        key=str,
    )


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cells=_CELLS, raw=st.none() | _RAW, garbage=st.none() | st.binary(max_size=300))
def test_any_workbook_is_imported_or_refused_with_messages_and_a_refused_one_changes_nothing(
    budget, cells, raw, garbage
):
    book = load_workbook(io.BytesIO(budget_workbook(budget_table(budget))))
    sheet = book["Budget"]
    for (row, column), value in cells.items():
        sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()
    if raw is not None:
        sheet_cell = sheet.cell(row=7, column=5)
        if not isinstance(sheet_cell.value, int | float) or isinstance(sheet_cell.value, bool):
            sheet.cell(row=7, column=5, value=1)
            buffer = io.BytesIO()
            book.save(buffer)
        content = with_raw_value(buffer.getvalue(), "E7", raw)
    if garbage is not None:
        content = garbage
    before = _lines(budget)
    with transaction.atomic():
        try:
            lines, results = read_budget_workbook(content)
            budgets.replace_lines(budget=budget, lines=lines, planned_results=results)
        except ValidationError as refusal:
            assert refusal.messages and all(
                isinstance(message, str) and message for message in refusal.messages
            )
            assert _lines(budget) == before
        transaction.set_rollback(True)
