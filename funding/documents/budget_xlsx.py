"""The budget as an Excel workbook in the layout of seed 003, and its import back.

The workbook is meant to be edited and imported again: each line carries its key in the last
column ("rad:12"; empty for a new line), sums and the remaining room are marked as computed
and skipped on import, and the budgeted result row is read back. Costs are negative, as in
the seed document.
"""

import datetime
from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from finsam import excel
from finsam.money import is_whole_ore
from funding.budgets import BudgetTable
from funding.models import BudgetLine

KEY_COLUMN = 8
SHEET = "Budget"
HEADER_ROW = 5
YEAR_COLUMNS = "EFG"


def _signed(amount: Decimal, cost: bool) -> Decimal:
    return -amount if cost else amount


def budget_workbook(table: BudgetTable) -> bytes:
    budget = table.budget
    workbook = excel.new_workbook()
    sheet = workbook.create_sheet(SHEET)
    status = (
        _("Adopted %(date)s (%(decision)s)")
        % {"date": budget.adopted_on, "decision": budget.decision_reference}
        if budget.is_adopted
        else _("Proposal")
    )
    excel.write_title(sheet, f"{budget.association.name}: {budget}", status)
    excel.write_cell(
        sheet, 3, 1, _("Edit amounts and lines and import the file again; computed rows are not read.")
    )
    # The year headers are what the import checks (check_workbook_years): keep them in row 5.
    row = excel.write_header(
        sheet,
        HEADER_ROW,
        [
            _("Section"),
            _("Line"),
            _("Compared with"),
            _("Accounting object"),
            *map(str, budget.years),
            _("Key"),
        ],
    )
    amount = {5: excel.WHOLE_AMOUNT, 6: excel.WHOLE_AMOUNT, 7: excel.WHOLE_AMOUNT}
    for section in table.sections:
        for line in section.lines:
            row = excel.write_row(
                sheet,
                row,
                [
                    section.label,
                    line.label,
                    line.get_measure_display() if line.measure else None,
                    line.accounting_object or None,
                    *[_signed(value, section.is_cost) for value in line.amounts],
                    f"rad:{line.pk}",
                ],
                amount,
            )
        row = excel.write_row(
            sheet,
            row,
            [
                section.label,
                _("Total %(section)s") % {"section": section.label.lower()},
                None,
                None,
                *[_signed(value, section.is_cost) for value in section.totals],
                "summa",
            ],
            amount,
            total=True,
        )
    row = excel.write_row(
        sheet,
        row,
        [
            None,
            _("Remaining undecided room of the year's funds"),
            None,
            None,
            *[-value for value in table.room],
            "beräknat",
        ],
        amount,
        total=True,
    )
    excel.write_row(
        sheet, row, [None, _("Budgeted result"), None, None, *table.result, "resultat"], amount, total=True
    )
    excel.set_widths(sheet, [26, 44, 30, 14, 14, 14, 14, 10])
    from openpyxl.styles import Font

    sheet.column_dimensions["H"].font = Font(color="808080")
    return excel.to_bytes(workbook)


def _year(value) -> int | None:
    text = str(value if value is not None else "").strip().removesuffix(".0")
    return int(text) if text.isdigit() and len(text) == 4 else None


def workbook_years(content: bytes) -> list[int | None]:
    """The years the workbook's amount columns are for, from its header row (None where missing)."""
    try:
        sheet = excel.open_workbook(content)[SHEET]
    except KeyError:
        raise ValidationError(_("The workbook has no sheet named %(sheet)s.") % {"sheet": SHEET}) from None
    except excel.NotAWorkbook:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    except (ValueError, TypeError, SyntaxError, OSError, BadZipFile, IndexError):
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    first = ord(YEAR_COLUMNS[0]) - ord("A") + 1
    try:
        header = next(
            sheet.iter_rows(
                min_row=HEADER_ROW, max_row=HEADER_ROW, min_col=first, max_col=first + 2, values_only=True
            ),
            (),
        )
    except (ValueError, TypeError, KeyError, SyntaxError, OSError, BadZipFile, IndexError, AttributeError):
        # A damaged sheet, or a number cell holding NaN: the same answer as the lines' reader gives.
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from None
    header = tuple(header) + (None,) * (3 - len(header))
    return [_year(value) for value in header]


def check_workbook_years(content: bytes, years: list[int]) -> None:
    """Refuse a workbook made for other years: read into this budget it would shift every amount.

    The columns are the budget's first, second and third year, so a 2025–2027 workbook imported
    into the 2027–2029 budget would put 2025's amounts under 2027 without a word.
    """
    found = workbook_years(content)
    expected = {"first": years[0], "last": years[-1]}
    if None in found:
        raise ValidationError(
            _(
                "The workbook does not say which years its amounts are for: row %(row)s, columns E–G "
                "must be the budget's years %(first)s–%(last)s. Start from this budget's own Excel file."
            )
            % {"row": HEADER_ROW, **expected}
        )
    if found != list(years):
        raise ValidationError(
            _(
                "The workbook is for the years %(found_first)s–%(found_last)s, but this budget is for "
                "%(first)s–%(last)s. Nothing was imported, so no amount moves to another year. Download "
                "this budget's Excel file and copy the amounts into it, year by year."
            )
            % {"found_first": found[0], "found_last": found[-1], **expected}
        )


# What a budget line's amount field holds (max_digits=14, decimal_places=2): below 10^12 kronor.
MAX_AMOUNT = Decimal(10) ** 12


class NotAnAmount(ValueError):
    """A cell that cannot be read as an amount; the message says why, in Swedish."""


def _number(value, data_type: str | None = None) -> Decimal:
    """A cell's amount: numbers as they are, text with spaces or a decimal comma as typed in Sweden.

    Refused: formulas (the file keeps only what Excel last computed, or nothing), dates, truth
    values, NaN and infinities, amounts of 10^12 kronor or more and amounts with more decimals than
    öre (rounding them silently would import another figure than the one in the file).
    """
    if data_type == "f":
        raise NotAnAmount(_("the cell holds a formula; enter the amount itself."))
    if value in (None, ""):
        return Decimal(0)
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        raise NotAnAmount(_("the cell holds a date, not an amount."))
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise NotAnAmount(_("%(value)s is not an amount.") % {"value": value})
    text = str(value).replace("\xa0", "").replace(" ", "").replace("\u2212", "-").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise NotAnAmount(_("%(value)s is not an amount.") % {"value": value}) from None
    if not number.is_finite():
        raise NotAnAmount(_("%(value)s is not an amount.") % {"value": value})
    if abs(number) >= MAX_AMOUNT:
        raise NotAnAmount(_("the amount is too large (at most 999 999 999 999,99 kr)."))
    if not is_whole_ore(number):
        raise NotAnAmount(_("the amount has more decimals than öre (at most two)."))
    return number + Decimal("0.00")


def _read_cells(content: bytes) -> list[tuple]:
    """The sheet's rows as (value, data type) pairs for columns A–H, read in full before any is used.

    The sheet is parsed lazily as the rows are read, so a damaged sheet shows only here. A numeric
    cell whose text is no number (`NaN`, `inf`: Excel never writes them, an edited file can) stops
    openpyxl at that row; the row is named.
    """
    not_a_workbook = ValidationError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        sheet = excel.open_workbook(content, formulas=True)[SHEET]
    except KeyError:
        raise ValidationError(_("The workbook has no sheet named %(sheet)s.") % {"sheet": SHEET}) from None
    except (excel.NotAWorkbook, ValueError, TypeError, SyntaxError, OSError, BadZipFile, IndexError):
        raise not_a_workbook from None
    rows: list[tuple] = []
    try:
        for row in sheet.iter_rows(min_row=6, max_col=KEY_COLUMN):
            rows.append(tuple((cell.value, getattr(cell, "data_type", None)) for cell in row))
    except ValueError:
        raise ValidationError(
            _(
                "Sheet %(sheet)s, row %(row)s: a number cell holds something that is not a number (such as NaN)."
            )
            % {"sheet": SHEET, "row": 6 + len(rows)}
        ) from None
    except (TypeError, KeyError, SyntaxError, OSError, BadZipFile, IndexError, AttributeError):
        # SyntaxError: the XML parser's ParseError, for a damaged sheet.
        raise not_a_workbook from None
    return rows


def read_budget_workbook(content: bytes) -> tuple[list[BudgetLine], list[Decimal]]:
    """Lines and budgeted results from an edited workbook; ValidationError lists every bad cell."""
    cells = _read_cells(content)
    sections = {str(label).lower(): value for value, label in BudgetLine.Section.choices}
    measures = {str(label).lower(): value for value, label in BudgetLine.Measure.choices if value}
    errors: list[str] = []
    lines: list[BudgetLine] = []
    results = [Decimal(0)] * 3

    def problem(row, column, message):
        errors.append(
            _("Sheet %(sheet)s, cell %(cell)s: %(message)s")
            % {"sheet": SHEET, "cell": f"{column}{row}", "message": message}
        )

    def text(row_number, column, value, limit):
        """A text cell: formulas and NUL characters are refused, the rest kept as typed."""
        value, data_type = value
        if data_type == "f":
            problem(row_number, column, _("the cell holds a formula; enter the text itself."))
            return ""
        if isinstance(value, datetime.datetime):
            value = value.date()
        text = "" if value is None else str(value).strip()
        if "\x00" in text:
            problem(row_number, column, _("the cell contains a NUL character; remove it."))
            return ""
        if len(text) > limit:
            problem(
                row_number,
                column,
                _("the text is longer than %(limit)s characters.") % {"limit": limit},
            )
        return text

    def amounts(row_number, values, sign):
        """Three amounts; sign is +1 (must not be negative), -1 (must not be positive) or 0 (any)."""
        parsed = []
        for column, (value, data_type) in zip("EFG", values, strict=True):
            try:
                number = _number(value, data_type)
            except NotAnAmount as error:
                problem(row_number, column, str(error))
                number = Decimal(0)
            if sign < 0 and number > 0:
                problem(row_number, column, _("Costs are entered as negative amounts."))
            if sign > 0 and number < 0:
                problem(row_number, column, _("Income is entered as a positive amount."))
            parsed.append(number)
        return parsed

    for row_number, row in enumerate(cells, start=6):
        row = tuple(row) + ((None, None),) * (KEY_COLUMN - len(row))
        values = row[4:7]
        key = str(row[KEY_COLUMN - 1][0] or "").strip()
        if key in ("summa", "beräknat") or all(value in (None, "") for value, _type in row):
            continue
        if key == "resultat":
            results = amounts(row_number, values, 0)
            continue
        section_label = text(row_number, "A", row[0], 200)
        section = sections.get(section_label.lower())
        if section is None:
            if section_label or row[0][1] != "f":
                problem(row_number, "A", _("Unknown section %(value)s.") % {"value": section_label or "—"})
            continue
        label = text(row_number, "B", row[1], 200)
        if not label and row[1][1] != "f":
            problem(row_number, "B", _("The line needs a name."))
        measure = ""
        measure_label = text(row_number, "C", row[2], 200)
        if measure_label:
            measure = measures.get(measure_label.lower(), "")
            if not measure:
                problem(row_number, "C", _("Unknown comparison %(value)s.") % {"value": measure_label})
        accounting_object = text(row_number, "D", row[3], 40)
        is_cost = section != BudgetLine.Section.INCOME
        parsed = [abs(value) for value in amounts(row_number, values, -1 if is_cost else 1)]
        line = BudgetLine(
            section=section,
            label=label,
            measure=measure,
            accounting_object=accounting_object,
            amount_1=parsed[0],
            amount_2=parsed[1],
            amount_3=parsed[2],
        )
        # The key ties a row to the line it was exported from (and so to its decision, if any).
        line.key_pk = int(key[4:]) if key.startswith("rad:") and key[4:].isdigit() and len(key) < 24 else None
        lines.append(line)
    if errors:
        raise ValidationError(errors)
    if not lines:
        raise ValidationError(_("The workbook has no budget lines."))
    return lines, results
