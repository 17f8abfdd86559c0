"""The one rule for text in spreadsheets: whatever would start a formula is kept as text."""

import pytest
from openpyxl import Workbook

from finsam import excel
from finsam.formulas import csv_text, from_csv_text
from tests.documents import workbook


@pytest.mark.parametrize("text", ["=1+2", "+46 70", "-2", "@SUM(A1)", "\t=1", "\r=1", "#N/A"])
def test_text_that_would_start_a_formula_is_stored_as_text(text):
    book = Workbook()
    excel.write_row(book.active, 1, [text, 12, "vanlig text"])
    cells = workbook(excel.to_bytes(book)).active[1]
    assert [(cell.value, cell.data_type) for cell in cells] == [(text, "s"), (12, "n"), ("vanlig text", "s")]


@pytest.mark.parametrize("text", ["=1+2", "+46 70", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_text_gets_an_apostrophe_and_reads_back_unchanged(text):
    assert csv_text(text) == "'" + text
    assert from_csv_text(csv_text(text)) == text


def test_ordinary_csv_values_are_untouched():
    assert [csv_text(value) for value in ["P01", "it's", 1990, ""]] == ["P01", "it's", 1990, ""]
    assert from_csv_text("'quoted") == "'quoted"


def test_a_control_character_in_a_name_does_not_break_the_workbook():
    book = Workbook()
    excel.write_title(book.active, "Förbund\x0c\x00 Norr")
    assert workbook(excel.to_bytes(book)).active["A1"].value == "Förbund Norr"
