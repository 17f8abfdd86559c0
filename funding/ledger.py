"""Import of the bookkeeping from SIE 4 files, all or nothing.

The parser (funding/sie.py) reads and checks the file; this module checks that it belongs to
the association, turns the parser's problems into Swedish messages with line numbers, and
replaces the year's ledger in one transaction.
"""

import datetime
import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.formatting import format_number, format_organisation_number
from funding import ledger_store
from funding.models import LedgerYear
from funding.sie import SieError, SieFile, SieProblem, parse_sie
from members.models import Association, User

# Swedish texts for the parser's problem codes (the parser's own texts are English).
PROBLEM_TEXTS = {
    "empty_file": gettext_lazy("The file is empty."),
    "not_sie": gettext_lazy("This is not an SIE file: the first line does not start with a #label."),
    "invalid_utf8": gettext_lazy("The file starts with a UTF-8 byte order mark but is not valid UTF-8."),
    "unexpected_line": gettext_lazy("The line does not start with a #label."),
    "unbalanced_quote": gettext_lazy("A quotation mark is not closed."),
    "unbalanced_brace": gettext_lazy("A curly brace is not matched."),
    "bad_object_list": gettext_lazy(
        "Invalid object list {value}: expected pairs of dimension number and object id."
    ),
    "too_few_fields": gettext_lazy("{label} needs at least {expected} fields, found {found}."),
    "expected_object_list": gettext_lazy("{label}: field {position} must be an object list in curly braces."),
    "unexpected_object_list": gettext_lazy("{label}: field {position} must not be an object list."),
    "empty_field": gettext_lazy("{label}: field {position} must not be empty."),
    "bad_amount": gettext_lazy('Invalid amount "{value}": use a decimal point and at most two decimals.'),
    "bad_quantity": gettext_lazy('Invalid quantity "{value}".'),
    "bad_date": gettext_lazy('Invalid date "{value}": expected YYYYMMDD.'),
    "bad_period": gettext_lazy('Invalid period "{value}": expected YYYYMM.'),
    "bad_integer": gettext_lazy('Invalid number "{value}".'),
    "bad_year_index": gettext_lazy('Invalid year index "{value}": expected 0, -1, -2 and so on.'),
    "bad_account_type": gettext_lazy('Invalid account type "{value}": expected T, S, I or K.'),
    "bad_year_range": gettext_lazy("Fiscal year {year} ends on {end}, before it starts on {start}."),
    "duplicate_record": gettext_lazy("{label} {key} is given twice (first on line {first_line})."),
    "duplicate_voucher": gettext_lazy(
        "Voucher {series} {number} is given twice (first on line {first_line})."
    ),
    "ver_without_block": gettext_lazy('Voucher {series} {number} is not followed by a line with "{{".'),
    "unclosed_block": gettext_lazy(
        'The rows of voucher {series} {number} are not closed with a line with "}}".'
    ),
    "unexpected_brace": gettext_lazy('Unexpected line with "{value}".'),
    "transaction_outside_voucher": gettext_lazy("{label} outside a voucher."),
    "rtrans_without_trans": gettext_lazy("#RTRANS is not followed by an identical #TRANS."),
    "voucher_unbalanced": gettext_lazy(
        "Voucher {series} {number} does not balance: its rows sum to {difference}."
    ),
    "unknown_account": gettext_lazy(
        "Account {account} is not declared with #KONTO (used on {count} line(s), first here)."
    ),
    "unknown_dimension": gettext_lazy(
        "Dimension {dimension} is not declared with #DIM (used on {count} line(s), first here)."
    ),
    "unknown_object": gettext_lazy(
        'Object "{object}" of dimension {dimension} is not declared with #OBJEKT (used on {count} line(s), first here).'
    ),
    "missing_current_year": gettext_lazy("The file has vouchers but no #RAR 0 (the current fiscal year)."),
    "date_outside_year": gettext_lazy("The date {date} is outside the fiscal year {start} to {end}."),
    "closing_balance_mismatch": gettext_lazy(
        "Account {account}: #UB is {expected}, but #IB plus the vouchers give {computed}."
    ),
    "closing_balance_missing": gettext_lazy(
        "Account {account}: there is no #UB, but #IB plus the vouchers give {computed}."
    ),
    "result_mismatch": gettext_lazy(
        "Account {account}: #RES is {expected}, but the vouchers give {computed}."
    ),
    "result_missing": gettext_lazy("Account {account}: there is no #RES, but the vouchers give {computed}."),
    "too_many_problems": gettext_lazy("Stopped after {limit} problems."),
}


def _shown(value) -> str:
    if isinstance(value, Decimal):
        return format_number(value, 2)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def problem_message(problem: SieProblem) -> str:
    """A Swedish message for one problem, starting with its line number when it has one."""
    template = PROBLEM_TEXTS.get(problem.code)
    params = {key: _shown(value) for key, value in problem.params.items()}
    text = str(template).format(**params) if template else problem.message
    if problem.line:
        return _("Line %(line)s: %(message)s") % {"line": problem.line, "message": text}
    return text


def _check_belongs(association: Association, sie: SieFile) -> list[str]:
    problems = []
    if not sie.organisation_number:
        problems.append(
            _("The file has no organisation number (#ORGNR); it cannot be checked against the association.")
        )
    elif sie.organisation_number != association.organisation_number:
        problems.append(
            _(
                "The file is the bookkeeping of organisation number %(file)s, not of %(association)s (%(own)s)."
            )
            % {
                "file": format_organisation_number(sie.organisation_number),
                "association": association.name,
                "own": association.organisation_number_display,
            }
        )
    if 0 not in sie.fiscal_years:
        problems.append(_("The file has no fiscal year (#RAR 0)."))
    return problems


def read_sie(association: Association, data: bytes) -> SieFile:
    """Parse and check a file; raise ValidationError listing every problem, with line numbers."""
    try:
        sie = parse_sie(data)
    except SieError as error:
        raise ValidationError([problem_message(problem) for problem in error.problems]) from None
    problems = _check_belongs(association, sie)
    if problems:
        raise ValidationError(problems)
    return sie


@transaction.atomic
def import_sie(
    *, association: Association, data: bytes, file_name: str, imported_by: User | None = None
) -> LedgerYear:
    """Import (or re-import) a year of the bookkeeping. Nothing is kept of a rejected file."""
    sie = read_sie(association, data)
    start, end = sie.year(0)
    previous = sie.fiscal_years.get(-1, (None, None))
    # Lock the association row: two imports of the same year cannot interleave.
    Association.objects.select_for_update().filter(pk=association.pk).first()
    ledger_store.delete_year(association=association, year=start.year)
    ledger = LedgerYear.objects.create(
        association=association,
        year=start.year,
        start_date=start,
        end_date=end,
        previous_start=previous[0],
        previous_end=previous[1],
        chart=sie.chart_of_accounts or "",
        company_name=sie.company_name or "",
        organisation_number=sie.organisation_number or "",
        program=sie.program or "",
        generated_on=sie.generated,
        file_name=file_name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=sie.encoding,
        voucher_count=len(sie.vouchers),
        imported_by=imported_by,
    )
    ledger_store.store_entries(ledger=ledger, sie=sie, project_dimension=association.project_dimension)
    return ledger
