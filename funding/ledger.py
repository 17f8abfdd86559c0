"""Import of the bookkeeping from SIE 4 files, all or nothing.

The parser (funding/sie.py) reads and checks the file; this module checks that it belongs to
the association, turns the parser's problems into Swedish messages with line numbers, and
replaces the year's ledger in one transaction.
"""

import dataclasses
import datetime
import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.formatting import format_number, format_organisation_number
from funding import ledger_store
from funding.digest import build_digest
from funding.models import LedgerYear
from funding.sie import SieError, SieFile, SieProblem, parse_sie, rank_problems
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
    "more_problems": gettext_lazy("And {count} more problems."),
    "binary_file": gettext_lazy("This is not an SIE file: it holds binary data, not text."),
    "nul_byte": gettext_lazy("The file holds a NUL byte (a binary zero), which a text file never has."),
    "import_file": gettext_lazy(
        "This file holds transactions for import into a bookkeeping program (SIE 4I), "
        "not a year's ledger; export SIE 4E."
    ),
    "checksum_mismatch": gettext_lazy(
        "The checksum (#KSUMMA) is {expected}, but the file gives {computed}: "
        "the file was changed or damaged."
    ),
    "checksum_unclosed": gettext_lazy(
        "The checksum (#KSUMMA) is opened here but never closed: the file is truncated."
    ),
    "bad_checksum": gettext_lazy('Invalid checksum "{value}".'),
    "amount_too_large": gettext_lazy('The amount "{value}" is too large: at most 999 999 999 999.99.'),
    "value_too_long": gettext_lazy('{label}: the {what} "{value}" is longer than {limit} characters.'),
    "bad_dimension": gettext_lazy('Invalid dimension number "{value}": expected 0 to 32767.'),
    "no_vouchers": gettext_lazy(
        "The file is SIE type {sie_type}: it holds balances and results but no vouchers, "
        "so figures per initiative (project objects) cannot come from it."
    ),
    "created_objects": gettext_lazy(
        "{count} object(s) used without #OBJEKT were created, named by their code: {objects}."
    ),
    "unescaped_quote": gettext_lazy(
        "A quotation mark inside a field is not escaped with a backslash; it is read as part of the text."
    ),
    "encoding_detected": gettext_lazy(
        "The file says #FORMAT {format} but is written in {encoding}; it was read as {encoding}."
    ),
    "replacement_characters": gettext_lazy(
        "The file holds replacement characters (\ufffd): letters were lost when it was converted "
        "before it reached us, so some names are wrong. The figures are not affected."
    ),
    # Checked here, not by the parser: whose ledger it is and which year.
    "organisation_number_missing": gettext_lazy(
        "The file has no organisation number (#ORGNR); it cannot be checked against the association."
    ),
    "other_organisation": gettext_lazy(
        "The file is the bookkeeping of organisation number {file}, not of {association} ({own})."
    ),
    "no_fiscal_year": gettext_lazy("The file has no fiscal year (#RAR 0)."),
}


# The kinds of value the parser names in "value_too_long".
VALUE_KINDS = {
    "account number": gettext_lazy("account number"),
    "voucher series": gettext_lazy("voucher series"),
    "voucher number": gettext_lazy("voucher number"),
    "object id": gettext_lazy("object id"),
}


# Said after importing a file without vouchers (SIE types 1-3, or a 4E file of an empty year).
NO_VOUCHERS_NOTICE = gettext_lazy(
    "The file has no vouchers: its balances and results were imported, but figures per "
    "initiative (project objects) cannot come from it. Export SIE 4E to get them."
)


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
    if "what" in params:
        params["what"] = str(VALUE_KINDS.get(params["what"], params["what"]))
    text = str(template).format(**params) if template else problem.message
    if problem.line:
        return _("Line %(line)s: %(message)s") % {"line": problem.line, "message": text}
    return text


def belongs_problems(sie: SieFile, *, organisation_number: str, association_name: str) -> list[SieProblem]:
    """Whose ledger and which year: the problems that make a readable file useless to this förbund.

    The file's number is compared in its 10-digit form (see normalise_organisation_number), so a
    12-digit "16…" or a sole trader's personal identity number matches.
    """
    problems = []
    if not sie.organisation_number:
        problems.append(SieProblem("organisation_number_missing"))
    elif sie.organisation_number != organisation_number:
        problems.append(
            SieProblem(
                "other_organisation",
                params={
                    "file": sie.organisation_number_as_written or sie.organisation_number,
                    "association": association_name or _("the förbund"),
                    "own": format_organisation_number(organisation_number),
                },
            )
        )
    if 0 not in sie.fiscal_years:
        problems.append(SieProblem("no_fiscal_year"))
    return problems


def check_sie(
    data: bytes, *, organisation_number: str | None, association_name: str = ""
) -> tuple[SieFile | None, list[SieProblem]]:
    """Parse a file and check it against a förbund: (what could be read, problems to show).

    `organisation_number` None checks the file against its own number: it must have one.

    The problems are ranked (see funding.sie.rank_problems): another company's ledger comes
    before the details of its lines. No problems means the file can be imported.
    """
    try:
        sie, problems, total = parse_sie(data), [], 0
    except SieError as error:
        sie, problems, total = error.sie, error.problems, error.total
    if sie is not None:
        if organisation_number is None:
            organisation_number = sie.organisation_number or ""
        own = belongs_problems(
            sie, organisation_number=organisation_number, association_name=association_name
        )
        codes = {problem.code for problem in problems}
        if codes & {"missing_current_year", "import_file"}:
            own = [problem for problem in own if problem.code != "no_fiscal_year"]
        if "import_file" in codes:
            # A 4I file rarely names its company; asking for a 4E export is the whole answer.
            own = [problem for problem in own if problem.code != "organisation_number_missing"]
        problems, total = own + problems, total + len(own)
    return sie, rank_problems(problems, total=total) if problems else []


def read_sie(association: Association, data: bytes) -> SieFile:
    """Parse and check a file; raise ValidationError listing the problems, with line numbers.

    Each message of the error carries its problem code (`error.error_list[i].code`).
    """
    sie, problems = check_sie(
        data, organisation_number=association.organisation_number, association_name=association.name
    )
    if problems or sie is None:
        raise ValidationError(
            [ValidationError(problem_message(problem), code=problem.code) for problem in problems]
        )
    # Texts longer than the ledger's columns are cut, as the import does for names.
    return dataclasses.replace(
        sie,
        company_name=(sie.company_name or "")[:200],
        program=(sie.program or "")[:200],
        chart_of_accounts=(sie.chart_of_accounts or "")[:40],
    )


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
    build_digest(ledger)  # the figures every page reads, in the same transaction
    return ledger
