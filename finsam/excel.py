"""Shared helpers for Excel documents (openpyxl): real numbers with Swedish-looking formats."""

from __future__ import annotations

import datetime
import functools
import io
from decimal import Decimal
from typing import TYPE_CHECKING
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise

from finsam import uploads
from finsam.formulas import starts_like_formula

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import WriteOnlyCell
    from openpyxl.worksheet.worksheet import Worksheet

# openpyxl is imported when a workbook is made or read, not when the app starts: a page that
# makes no workbook, and every command that makes none, does not wait for it.

AMOUNT = "#,##0.00"
WHOLE_AMOUNT = "#,##0"
PERCENT = "0.0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INTEGER = "0"



@functools.cache
def _styles() -> dict:
    from openpyxl.styles import Border, Font, PatternFill, Side

    return {
        "HEADER_FONT": Font(bold=True, color="FFFFFF"),
        "HEADER_FILL": PatternFill("solid", fgColor="0B4F71"),
        "TITLE_FONT": Font(bold=True, size=14),
        "TOTAL_FONT": Font(bold=True),
        "TOTAL_BORDER": Border(top=Side(style="medium")),
    }


def __getattr__(name: str):
    """The shared styles (`excel.TOTAL_FONT`, ...), made the first time one is used."""
    try:
        return _styles()[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def new_workbook() -> Workbook:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def write_cell(sheet: Worksheet, row: int, column: int, value):
    """Write one cell. Text is always stored as a string, never as a formula, however it starts
    (a name like `=HYPERLINK(...)` stays text); numbers and dates stay what they are."""
    value = _cell_value(value)
    return _keep_text(sheet.cell(row=row, column=column, value=value), value)


def write_only_cell(sheet: Worksheet, value, number_format: str | None = None, bold=False) -> WriteOnlyCell:
    """A cell for a write-only sheet (`sheet.append`), under the same rules as `write_cell`."""
    from openpyxl.cell.cell import WriteOnlyCell

    value = _cell_value(value)
    cell = _keep_text(WriteOnlyCell(sheet, value=value), value)
    if number_format and value is not None:
        cell.number_format = number_format
    if bold:
        cell.font = _styles()["TOTAL_FONT"]
    return cell


def _cell_value(value):
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        # Control characters (a form feed in a name) are not allowed in the file's XML.
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Excel has no time zones: write the time as a Swedish user reads it.
        value = timezone.make_naive(timezone.localtime(value))
    return value


def _keep_text(cell, value):
    if isinstance(value, str):
        # openpyxl stores text that starts with "=" as a formula and "#N/A" as an error: keep it text.
        cell.data_type = "s"
        # So that Excel keeps it text when the user edits the cell and presses Enter.
        cell.quotePrefix = starts_like_formula(value)
    return cell


def write_title(sheet: Worksheet, title: str, subtitle: str = "") -> int:
    """Title rows at the top; returns the next free row."""
    write_cell(sheet, 1, 1, title).font = _styles()["TITLE_FONT"]
    if subtitle:
        write_cell(sheet, 2, 1, subtitle)
    return 4


def write_header(sheet: Worksheet, row: int, headers: list[str]) -> int:
    from openpyxl.styles import Alignment

    for column, header in enumerate(headers, start=1):
        cell = write_cell(sheet, row, column, str(header))
        cell.font = _styles()["HEADER_FONT"]
        cell.fill = _styles()["HEADER_FILL"]
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    return row + 1


def write_row(
    sheet: Worksheet, row: int, values: list, formats: dict[int, str] | None = None, total=False
) -> int:
    """Write one row; formats maps 1-based column -> number format. Lazy labels become text."""
    for column, value in enumerate(values, start=1):
        cell = write_cell(sheet, row, column, value)
        if formats and column in formats and value is not None:
            cell.number_format = formats[column]
        if total:
            cell.font = _styles()["TOTAL_FONT"]
            cell.border = _styles()["TOTAL_BORDER"]
    return row + 1


def set_widths(sheet: Worksheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fraction(percent: Decimal | None) -> Decimal | None:
    """16.5 (percent) -> 0.165, for cells formatted as percentages."""
    return None if percent is None else percent / 100


class NotAWorkbook(Exception):
    """The uploaded file is not an .xlsx workbook."""


def open_workbook(content: bytes, *, formulas: bool = False):
    """Open an uploaded workbook read-only with its values (not formulas), once its table of
    contents shows it does not unpack to too much (finsam.uploads).

    With formulas=True a formula cell gives its formula (data type "f") instead of the value
    Excel last computed, for importers that refuse formulas rather than trust a cached value."""
    try:
        uploads.check_workbook(content)
    except ValidationError as error:
        raise NotAWorkbook(" ".join(error.messages)) from error
    try:
        from openpyxl import load_workbook

        return load_workbook(io.BytesIO(content), data_only=not formulas, read_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise NotAWorkbook(str(error)) from error
