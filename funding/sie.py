"""Parser for SIE files, the Swedish plain-text accounting export (types 1-3, 4E and 4I).

Pure Python: no Django and no database, so the importing service can parse and validate a
whole year first and then write it in one transaction, or reject it with every problem at
once. `parse_sie(data)` returns a `SieFile` (with its `warnings`) or raises `SieError` with
the problems that block an import (the first `MAX_PROBLEMS`, most fundamental first, and a
count of the rest). `summarise(sie)` gives the figures for a preview.

The format, as specified by SIE-Gruppen ("SIE filformat, utgåva 4B"):

* One record per line: a label (``#KONTO``) followed by fields separated by spaces or
  tabs. A field may be quoted with double quotes; a quote inside is written ``\\"``.
  ``""`` is an empty field, used to skip an optional field. An object list is written in
  curly braces as pairs of dimension number and object id: ``{1 "UNG" 6 "P1"}``.
* Amounts use a decimal point, at most two decimals, and a leading minus for credit.
  Dates are ``YYYYMMDD``, periods ``YYYYMM``.
* Year indexes: ``0`` is the current fiscal year, ``-1`` the previous one and so on.
* A voucher is a ``#VER`` line followed by a line holding only ``{``, its rows
  (``#TRANS``, ``#RTRANS``, ``#BTRANS``) and a line holding only ``}``.
* Readers must ignore labels they do not know. We also ignore fields beyond the ones the
  specification defines, which is what keeps the format extensible.
* Types 1-3 hold balances (and period or object balances) but no vouchers; 4E a year's
  ledger with its vouchers; 4I only vouchers, for a bookkeeping program to take in. 4I has
  no label of its own: a ``#SIETYP 4`` file without any ``#UB`` or ``#RES`` is taken as 4I.

Errors and warnings: a defect in a record the import uses (``_UNUSED_LABELS`` lists the
others) is an error; a defect in any other record, a repeated voucher number, objects
created for undeclared ones, and notices such as "no vouchers" are warnings.

Encoding rule: ``#FORMAT PC8`` means IBM code page 437, which the specification
prescribes, but some programs write UTF-8, ISO-8859-1 or Windows-1252. A file is read as
UTF-8 when it starts with a UTF-8 byte order mark, or when it contains non-ASCII bytes that
decode as UTF-8 without error: the cp437 bytes for å, ä, ö, Å, Ä, Ö and é (0x80-0x9F) are
UTF-8 continuation bytes and can never start a UTF-8 character, so Swedish cp437 text is
practically never valid UTF-8. Otherwise the Swedish letters decide between cp437 and
Windows-1252 (see ``_decode``).

``#RTRANS`` / ``#BTRANS`` rows document rows added to or removed from a voucher after it
was registered. The specification requires every ``#RTRANS`` to be followed by an
identical ``#TRANS`` so that older readers see the added row; only ``#TRANS`` rows are
therefore booked, and ``#RTRANS`` / ``#BTRANS`` are kept on the voucher for reference.

``#KSUMMA``: a bare ``#KSUMMA`` opens a CRC-32 (polynomial 0xEDB88320, as zlib's) over the
label and field contents of every following record, in the file's character set, without
separators, quotes, braces or line ends; a closing ``#KSUMMA <number>`` must match it.
"""

from __future__ import annotations

import datetime
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

__all__ = [
    "MAX_PROBLEMS",
    "MESSAGES",
    "RESERVED_DIMENSIONS",
    "Account",
    "AccountingObject",
    "Dimension",
    "DimensionSummary",
    "SieError",
    "SieFile",
    "SieProblem",
    "SieSummary",
    "Transaction",
    "Voucher",
    "YearSummary",
    "account_balance_from_vouchers",
    "classify_account",
    "normalise_organisation_number",
    "parse_sie",
    "problem_rank",
    "rank_problems",
    "sie_kind",
    "summarise",
]

# At most this many problems are shown (the rest are counted), and at most MAX_WARNINGS
# warnings are kept. Problems beyond MAX_COLLECTED are only counted, which bounds memory.
MAX_PROBLEMS: Final = 20
MAX_WARNINGS: Final = 50
MAX_WARNINGS_OF_A_KIND: Final = 10
MAX_COLLECTED: Final = 1000

# The database's limits (funding/models.py): amounts are DecimalField(max_digits=14,
# decimal_places=2), account numbers, voucher series and numbers CharField(max_length=20),
# dimension numbers PositiveSmallIntegerField and object ids CharField(max_length=40).
# Checked here so that a file beyond them is refused with its line, not by the database.
MAX_AMOUNT: Final = Decimal(10) ** 12
MAX_CODE_LENGTH: Final = 20
MAX_OBJECT_ID_LENGTH: Final = 40
MAX_DIMENSION: Final = 32767

# How many bytes at the start are examined to tell text from binary junk.
_SNIFF_BYTES: Final = 65536

# ---------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------

# English renderings, keyed by problem code. The Django layer translates by code and
# formats the params itself (amounts are Decimal, dates are datetime.date).
MESSAGES: Final[dict[str, str]] = {
    "empty_file": "The file is empty.",
    "not_sie": "This is not an SIE file: the first line does not start with a #label.",
    "invalid_utf8": "The file starts with a UTF-8 byte order mark but is not valid UTF-8.",
    "unexpected_line": "The line does not start with a #label.",
    "unbalanced_quote": "A quotation mark is not closed.",
    "unbalanced_brace": "A curly brace is not matched.",
    "bad_object_list": "Invalid object list {value}: expected pairs of dimension number and object id.",
    "too_few_fields": "{label} needs at least {expected} fields, found {found}.",
    "expected_object_list": "{label}: field {position} must be an object list in curly braces.",
    "unexpected_object_list": "{label}: field {position} must not be an object list.",
    "empty_field": "{label}: field {position} must not be empty.",
    "bad_amount": 'Invalid amount "{value}": use a decimal point and at most two decimals.',
    "bad_quantity": 'Invalid quantity "{value}".',
    "bad_date": 'Invalid date "{value}": expected YYYYMMDD.',
    "bad_period": 'Invalid period "{value}": expected YYYYMM.',
    "bad_integer": 'Invalid number "{value}".',
    "bad_year_index": 'Invalid year index "{value}": expected 0, -1, -2 and so on.',
    "bad_account_type": 'Invalid account type "{value}": expected T, S, I or K.',
    "bad_year_range": "Fiscal year {year} ends on {end}, before it starts on {start}.",
    "duplicate_record": "{label} {key} is given twice (first on line {first_line}).",
    "duplicate_voucher": "Voucher {series} {number} is given twice (first on line {first_line}).",
    "ver_without_block": 'Voucher {series} {number} is not followed by a line with "{{".',
    "unclosed_block": 'The rows of voucher {series} {number} are not closed with a line with "}}".',
    "unexpected_brace": 'Unexpected line with "{value}".',
    "transaction_outside_voucher": "{label} outside a voucher.",
    "rtrans_without_trans": "#RTRANS is not followed by an identical #TRANS.",
    "voucher_unbalanced": "Voucher {series} {number} does not balance: its rows sum to {difference}.",
    "unknown_account": "Account {account} is not declared with #KONTO (used on {count} line(s), first here).",
    "unknown_dimension": (
        "Dimension {dimension} is not declared with #DIM (used on {count} line(s), first here)."
    ),
    "unknown_object": (
        'Object "{object}" of dimension {dimension} is not declared with #OBJEKT '
        "(used on {count} line(s), first here)."
    ),
    "missing_current_year": "The file has vouchers but no #RAR 0 (the current fiscal year).",
    "date_outside_year": "The date {date} is outside the fiscal year {start} to {end}.",
    "closing_balance_mismatch": (
        "Account {account}: #UB is {expected}, but #IB plus the vouchers give {computed}."
    ),
    "closing_balance_missing": (
        "Account {account}: there is no #UB, but #IB plus the vouchers give {computed}."
    ),
    "result_mismatch": "Account {account}: #RES is {expected}, but the vouchers give {computed}.",
    "result_missing": "Account {account}: there is no #RES, but the vouchers give {computed}.",
    "too_many_problems": "Stopped after {limit} problems.",
    "more_problems": "And {count} more problems.",
    # Refusals before the records are read.
    "binary_file": "This is not an SIE file: it holds binary data, not text.",
    "nul_byte": "The file holds a NUL byte (a binary zero), which a text file never has.",
    # The records as a whole.
    "import_file": (
        "This file holds transactions for import into a bookkeeping program (SIE 4I), "
        "not a year's ledger; export SIE 4E."
    ),
    "checksum_mismatch": "The checksum (#KSUMMA) is {expected}, but the file gives {computed}: the file was changed or damaged.",
    "checksum_unclosed": "The checksum (#KSUMMA) is opened here but never closed: the file is truncated.",
    "bad_checksum": 'Invalid checksum "{value}".',
    # Values beyond what the ledger can hold.
    "amount_too_large": 'The amount "{value}" is too large: at most 999 999 999 999.99.',
    "value_too_long": '{label}: the {what} "{value}" is longer than {limit} characters.',
    "bad_dimension": 'Invalid dimension number "{value}": expected 0 to 32767.',
    # Warnings: the file is imported, but the förbundschef should know.
    "no_vouchers": (
        "The file is SIE type {sie_type}: it holds balances and results but no vouchers, "
        "so figures per initiative (project objects) cannot come from it."
    ),
    "created_objects": (
        "{count} object(s) used without #OBJEKT were created, named by their code: {objects}."
    ),
    "unescaped_quote": "A quotation mark inside a field is not escaped with a backslash; it is read as part of the text.",
    "encoding_detected": "The file says #FORMAT {format} but is written in {encoding}; it was read as {encoding}.",
    "replacement_characters": (
        "The file holds replacement characters (\ufffd): letters were lost when it was converted "
        "before it reached us, so some names are wrong. The figures are not affected."
    ),
}


@dataclass(frozen=True, slots=True)
class SieProblem:
    """One thing wrong with a file. `line` is 1-based, or None for the file as a whole."""

    code: str
    line: int | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code, self.code)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template

    def __str__(self) -> str:
        return self.message if self.line is None else f"Line {self.line}: {self.message}"


class SieError(Exception):
    """The file cannot be imported.

    `problems` lists the first MAX_PROBLEMS, the most fundamental first and then by line,
    followed by a "more_problems" entry counting the rest; `total` counts them all. `sie`
    is what could be read of the file (its header, years and records), or None when it is
    not an SIE file at all: it lets the caller check whose ledger it is before the details.
    """

    def __init__(
        self, problems: list[SieProblem], *, total: int | None = None, sie: SieFile | None = None
    ) -> None:
        self.problems = problems
        self.total = len(problems) if total is None else total
        self.sie = sie
        shown = " ".join(str(problem) for problem in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"Invalid SIE file: {shown}{more}")


# ---------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------

ObjectRef = tuple[int, str]  # (dimension number, object id)
ObjectList = tuple[ObjectRef, ...]
AccountClass = Literal["balance", "result"]

# Dimension numbers 1-19 are reserved by the specification and have a fixed meaning, so a
# file may use them without a #DIM line. 3-5 and 11-19 are reserved for future use.
RESERVED_DIMENSIONS: Final[dict[int, str]] = {
    1: "Kostnadsställe/resultatenhet",
    2: "Kostnadsbärare",
    6: "Projekt",
    7: "Anställd",
    8: "Kund",
    9: "Leverantör",
    10: "Faktura",
}


@dataclass(frozen=True, slots=True)
class Account:
    number: str
    name: str
    type: str | None = None  # #KTYP: T (asset), S (liability), I (income), K (cost)


@dataclass(frozen=True, slots=True)
class Dimension:
    number: int
    name: str
    parent: int | None = None  # set for #UNDERDIM


@dataclass(frozen=True, slots=True)
class AccountingObject:
    dimension: int
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Transaction:
    """A voucher row. `date` is the row's own date when given, else the voucher's date."""

    account: str
    amount: Decimal
    objects: ObjectList
    date: datetime.date
    text: str
    line: int
    quantity: Decimal | None = None
    sign: str | None = None


@dataclass(frozen=True, slots=True)
class Voucher:
    """A #VER. Only `transactions` (#TRANS) are booked; the other lists are history."""

    series: str
    number: str
    date: datetime.date
    text: str
    line: int
    transactions: list[Transaction]
    registration_date: datetime.date | None = None
    sign: str | None = None
    added_transactions: list[Transaction] = field(default_factory=list)  # #RTRANS
    removed_transactions: list[Transaction] = field(default_factory=list)  # #BTRANS


@dataclass(frozen=True)
class SieFile:
    program: str | None
    program_version: str | None
    format: str | None
    generated: datetime.date | None
    sie_type: int | None
    company_name: str | None
    organisation_number: str | None  # digits only
    chart_of_accounts: str | None  # #KPTYP, e.g. "BAS2024"
    encoding: str  # the encoding actually used to read the file: "utf-8" or "cp437"
    fiscal_years: dict[int, tuple[datetime.date, datetime.date]]
    accounts: dict[str, Account]
    sru_codes: dict[str, str]
    dimensions: dict[int, Dimension]
    objects: dict[ObjectRef, AccountingObject]
    opening_balances: dict[tuple[int, str], Decimal]  # #IB: (year index, account)
    closing_balances: dict[tuple[int, str], Decimal]  # #UB
    results: dict[tuple[int, str], Decimal]  # #RES
    object_opening_balances: dict[tuple[int, str, ObjectList], Decimal]  # #OIB
    object_closing_balances: dict[tuple[int, str, ObjectList], Decimal]  # #OUB
    period_balances: dict[tuple[int, str, str, ObjectList], Decimal]  # #PSALDO: (year, YYYYMM, ...)
    period_budgets: dict[tuple[int, str, str, ObjectList], Decimal]  # #PBUDGET
    vouchers: list[Voucher]
    unknown_labels: set[str]
    # What the import should say but that does not block it (see MESSAGES for the codes):
    # the first MAX_WARNINGS_OF_A_KIND of each code, at most MAX_WARNINGS, by line;
    # `warning_count` counts them all.
    warnings: list[SieProblem] = field(default_factory=list)
    warning_count: int = 0
    # Objects used in records but not declared with #OBJEKT, created named by their code.
    created_objects: list[ObjectRef] = field(default_factory=list)
    organisation_number_as_written: str | None = None  # #ORGNR as in the file, for display
    checksum_verified: bool = False  # True when the file has a #KSUMMA and it is right

    def year(self, index: int = 0) -> tuple[datetime.date, datetime.date]:
        """Start and end of the fiscal year with this index (0 current, -1 previous)."""
        try:
            return self.fiscal_years[index]
        except KeyError:
            raise KeyError(f"The file has no #RAR {index}") from None

    def account_class(self, number: str) -> AccountClass | None:
        account = self.accounts.get(number)
        return classify_account(number, account.type if account else None)


def classify_account(number: str, account_type: str | None = None) -> AccountClass | None:
    """Balance-sheet or result account: by #KTYP when given, else by the BAS account class.

    BAS: the first digit of a numeric account is its class; 1-2 are the balance sheet and
    3-8 the income statement. Anything else (class 0 or 9, non-numeric) is neither.
    """
    if account_type in ("T", "S"):
        return "balance"
    if account_type in ("I", "K"):
        return "result"
    if number.isdigit() and len(number) >= 4:
        if number[0] in "12":
            return "balance"
        if number[0] in "345678":
            return "result"
    return None


def account_balance_from_vouchers(vouchers: Iterable[Voucher]) -> dict[str, Decimal]:
    """The sum of the booked rows (#TRANS) per account."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for voucher in vouchers:
        for transaction in voucher.transactions:
            totals[transaction.account] += transaction.amount
    return dict(totals)


def normalise_organisation_number(written: str) -> str:
    """The 10 digits that identify an organisation, from the forms a file may use.

    12 digits are the 10 with a century prefix: "16" for a legal person (165562651892), or
    "19"/"20" for a sole trader's personal identity number (197001011234). Anything else is
    returned as its digits, and then simply will not match a förbund's number.
    """
    digits = re.sub(r"[^0-9]", "", written)
    if len(digits) == 12 and digits[:2] in ("16", "19", "20"):
        return digits[2:]
    return digits


# The most fundamental problems first: not an SIE file at all, then the character set, then
# not a year's ledger (4I), whose ledger it is (checked by the importer), the checksum,
# which year; then by line.
_RANKS: Final[dict[str, int]] = {
    "empty_file": 0,
    "not_sie": 0,
    "binary_file": 0,
    "nul_byte": 0,
    "invalid_utf8": 1,
    "import_file": 2,
    "organisation_number_missing": 3,
    "other_organisation": 3,
    "checksum_mismatch": 4,
    "checksum_unclosed": 4,
    "missing_current_year": 5,
    "no_fiscal_year": 5,
    # Balances that disagree with the vouchers follow from a defect elsewhere (an unbalanced
    # or unreadable voucher) more often than not: that defect is shown first.
    "closing_balance_mismatch": 11,
    "closing_balance_missing": 11,
    "result_mismatch": 11,
    "result_missing": 11,
}
_LINE_RANK: Final = 10


def problem_rank(problem: SieProblem) -> int:
    return _RANKS.get(problem.code, _LINE_RANK)


def rank_problems(problems: Iterable[SieProblem], *, total: int | None = None) -> list[SieProblem]:
    """The problems to show: the most fundamental first, then by line, at most MAX_PROBLEMS.

    When there are more (`total` counts all, including ones not collected), a last
    "more_problems" entry says how many are not shown.
    """
    ordered = sorted(
        (p for p in problems if p.code != "more_problems"),
        key=lambda p: (problem_rank(p), p.line is None, p.line or 0),
    )
    total = len(ordered) if total is None else total
    shown = ordered[:MAX_PROBLEMS]
    if total > len(shown):
        shown.append(SieProblem("more_problems", None, {"count": total - len(shown)}))
    return shown


def parse_sie(data: bytes) -> SieFile:
    """Parse and validate an SIE 4 file; raise SieError listing every problem found."""
    return _Parser().parse(data)


# ---------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------

_UTF8_BOM: Final = b"\xef\xbb\xbf"
_FIRST_CHARACTER_RE: Final = re.compile(rb"[^ \t\r\n\f\x1a]")

# One token of a record: a quoted field, a brace, a bare field, or a quote that is never
# closed (inside quotes a backslash escapes the next character).
#
# A quote closes a field only where a field can end: before a separator, a brace or the
# line's end. A quote anywhere else cannot end the field by the grammar, so it is read as
# part of the text (some programs write `"Fordringar hos leverant"r"` for "leverantör").
_TOKEN_RE: Final = re.compile(r'"((?:[^"\\]++|\\.|"(?![\s{}]|$))*+)"(?=[\s{}]|$)|([{}])|([^\s"{}]+)|(")')
_UNESCAPED_QUOTE_RE: Final = re.compile(r'(?<!\\)"')
_UNESCAPE_RE: Final = re.compile(r'\\(["\\])')
_AMOUNT_RE: Final = re.compile(r"-?\d+(?:\.(\d+))?")
# Bounded, so that a thousand-digit "number" is a bad number and not Python's int limit.
_INTEGER_RE: Final = re.compile(r"-?[0-9]{1,9}")
_DIMENSION_RE: Final = re.compile(r"[0-9]{1,5}")
_DATE_RE: Final = re.compile(r"\d{8}")
_PERIOD_RE: Final = re.compile(r"\d{4}(0[1-9]|1[0-2])")

_ROW_LABELS: Final = frozenset({"#TRANS", "#RTRANS", "#BTRANS"})
_BALANCE_LABELS: Final = ("#IB", "#UB", "#RES", "#OIB", "#OUB", "#PSALDO", "#PBUDGET")
_KEPT_LABELS: Final = frozenset(
    {"#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN", "#ORGNR", "#KPTYP", "#RAR", "#KONTO", "#KTYP"}
    | {"#SRU", "#DIM", "#UNDERDIM", "#OBJEKT", "#VER", *_BALANCE_LABELS, *_ROW_LABELS}
)
# Labels of the specification that we accept but do not keep (#KSUMMA is not verified).
_IGNORED_LABELS: Final = frozenset(
    {"#FLAGGA", "#PROSA", "#FTYP", "#FNR", "#ADRESS", "#BKOD", "#TAXAR", "#OMFATTN", "#VALUTA", "#ENHET"}
    | {"#KSUMMA"}
)
_KNOWN_LABELS: Final = _KEPT_LABELS | _IGNORED_LABELS
# Records that end with a name, and how many fields come before it (see recover_name).
_NAMED_RECORDS: Final = {"#KONTO": 1, "#OBJEKT": 2, "#DIM": 1, "#FNAMN": 0}
# Records the import does not use: a defect in one of them is a warning, never a refusal.
_UNUSED_LABELS: Final = frozenset(
    {"#SRU", "#KTYP", "#KPTYP", "#UNDERDIM", "#OIB", "#OUB", "#PSALDO", "#PBUDGET"}
)

Field = str | tuple[str, ...]  # a scalar field or the raw items of an object list


class _LineError(Exception):
    """A problem with the current line; the main loop turns it into a SieProblem."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _tokenize(line: str, quirks: list[str] | None = None) -> list[Field]:
    """The fields of a record, the label first; `quirks` collects "unescaped_quote"."""
    if '"' not in line and "{" not in line and "}" not in line:
        return line.split()  # the common case, and much faster
    fields: list[Field] = []
    items: list[str] | None = None  # the open object list, if any
    for quoted, brace, bare, stray_quote in _TOKEN_RE.findall(line):
        if brace == "{":
            if items is not None:
                raise _LineError("unbalanced_brace")
            items = []
        elif brace == "}":
            if items is None:
                raise _LineError("unbalanced_brace")
            fields.append(tuple(items))
            items = None
        elif stray_quote:
            raise _LineError("unbalanced_quote")
        else:
            # findall gives "" for groups that did not take part; a bare token is never
            # empty, so an empty `bare` means the token was a (possibly empty) quoted field.
            value = bare or (_UNESCAPE_RE.sub(r"\1", quoted) if "\\" in quoted else quoted)
            if quirks is not None and '"' in quoted and _UNESCAPED_QUOTE_RE.search(quoted):
                quirks.append("unescaped_quote")
            (fields if items is None else items).append(value)
    if items is not None:
        raise _LineError("unbalanced_brace")
    return fields


# The Swedish letters å ä ö Å Ä Ö é as bytes in each single-byte encoding we read. Which
# set a file's non-ASCII bytes fall in tells cp437 from ISO-8859-1 / Windows-1252: read
# as cp437, Latin-1 "Ö" (0xD6) would show as "╓", and cp437 "ö" (0x94) as a quote mark.
_SWEDISH_CP437: Final = frozenset(b"\x86\x84\x94\x8f\x8e\x99\x82")
_SWEDISH_LATIN1: Final = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9")
# Control bytes that never occur in a text file (tab, LF, FF, CR and DOS's Ctrl-Z may).
_BINARY_BYTES: Final = bytes(set(range(32)) - {9, 10, 12, 13, 26})


def _sniff(data: bytes) -> SieProblem | None:
    """A refusal for data that is not text at all, found without decoding the whole file."""
    nul = data.find(b"\x00")
    if nul >= 0:
        return SieProblem("nul_byte", data.count(b"\n", 0, nul) + 1)
    head = data[:_SNIFF_BYTES]
    # More than one byte in a hundred a control character: binary junk, not a text file.
    if len(head) - len(head.translate(None, _BINARY_BYTES)) > len(head) // 100:
        return SieProblem("binary_file")
    return None


def _decode(data: bytes) -> tuple[str, str, SieProblem | None]:
    """Decode by the rule in the module docstring: (text, encoding, problem)."""
    if data.startswith(_UTF8_BOM):
        body = data[len(_UTF8_BOM) :]
        try:
            return body.decode("utf-8"), "utf-8", None
        except UnicodeDecodeError as error:
            line = body.count(b"\n", 0, error.start) + 1
            return body.decode("utf-8", errors="replace"), "utf-8", SieProblem("invalid_utf8", line)
    if data.isascii():
        return data.decode("ascii"), "cp437", None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    counts = {byte: data.count(bytes([byte])) for byte in _SWEDISH_CP437 | _SWEDISH_LATIN1}
    cp437 = sum(counts[byte] for byte in _SWEDISH_CP437)
    latin1 = sum(counts[byte] for byte in _SWEDISH_LATIN1)
    if latin1 > cp437:
        # Windows-1252 is ISO-8859-1 plus printable characters in 0x80-0x9F; five of those
        # bytes are undefined in it, and then the file can only be ISO-8859-1.
        try:
            return data.decode("cp1252"), "cp1252", None
        except UnicodeDecodeError:
            return data.decode("iso-8859-1"), "iso-8859-1", None
    return data.decode("cp437"), "cp437", None


@dataclass(slots=True)
class _OpenVoucher:
    """A #VER being read. `valid` is False when its header could not be parsed."""

    line: int
    valid: bool = False
    series: str = ""
    number: str = ""
    date: datetime.date | None = None
    text: str = ""
    registration_date: datetime.date | None = None
    sign: str | None = None
    block_line: int | None = None  # the line of its "{", once seen
    complete: bool = True  # False when a row could not be parsed
    transactions: list[Transaction] = field(default_factory=list)
    added: list[Transaction] = field(default_factory=list)
    removed: list[Transaction] = field(default_factory=list)
    pending_rtrans: Transaction | None = None  # an #RTRANS waiting for its duplicate #TRANS

    def identity(self) -> dict[str, str]:
        return {"series": self.series, "number": self.number}


class _Parser:
    """Reads a file line by line, then checks references and sums across records."""

    def __init__(self) -> None:
        self.problems: list[SieProblem] = []
        self.problem_count = 0
        self.warnings: list[SieProblem] = []
        self.warning_count = 0
        self.warning_kinds: dict[str, int] = {}
        self.created_objects: list[ObjectRef] = []
        self.organisation_number_as_written: str | None = None
        self.checksum: int | None = None  # the running CRC-32 while a #KSUMMA is open
        self.checksum_line: int | None = None
        self.checksum_verified = False
        self.quirks: list[str] = []
        self.encoding = "cp437"
        self.program: str | None = None
        self.program_version: str | None = None
        self.format: str | None = None
        self.generated: datetime.date | None = None
        self.sie_type: int | None = None
        self.company_name: str | None = None
        self.organisation_number: str | None = None
        self.chart_of_accounts: str | None = None
        self.fiscal_years: dict[int, tuple[datetime.date, datetime.date]] = {}
        self.account_names: dict[str, str] = {}
        self.account_types: dict[str, str] = {}
        self.sru_codes: dict[str, str] = {}
        self.dimensions: dict[int, Dimension] = {}
        self.dimension_lines: dict[int, int] = {}
        self.objects: dict[ObjectRef, AccountingObject] = {}
        self.object_lines: dict[ObjectRef, int] = {}
        # #IB, #UB, #RES, #OIB, #OUB, #PSALDO, #PBUDGET, each keyed as documented on SieFile.
        self.balances: dict[str, dict[Any, Decimal]] = {label: {} for label in _BALANCE_LABELS}
        self.record_lines: dict[tuple[str, Any], int] = {}  # (label, key) -> line
        self.vouchers: list[Voucher] = []
        self.voucher_lines: dict[tuple[str, str], int] = {}
        self.unknown_labels: set[str] = set()
        # Set when a voucher row or a balance could not be read. Sums are then unreliable
        # and the consistency check would only repeat the original problem, so it is skipped.
        self.incomplete = False
        self.voucher: _OpenVoucher | None = None
        # Files repeat the same few hundred dates and object lists; parse each once.
        self.date_cache: dict[str, datetime.date] = {}
        self.objects_cache: dict[tuple[str, ...], ObjectList] = {}
        self.handlers: dict[str, Callable[[str, list[Field], int], None]] = {
            "#PROGRAM": self.on_program,
            "#FORMAT": self.on_format,
            "#GEN": self.on_gen,
            "#SIETYP": self.on_sietyp,
            "#FNAMN": self.on_fnamn,
            "#ORGNR": self.on_orgnr,
            "#KPTYP": self.on_kptyp,
            "#RAR": self.on_rar,
            "#KONTO": self.on_konto,
            "#KTYP": self.on_ktyp,
            "#SRU": self.on_sru,
            "#DIM": self.on_dim,
            "#UNDERDIM": self.on_underdim,
            "#OBJEKT": self.on_objekt,
            "#IB": self.on_balance,
            "#UB": self.on_balance,
            "#RES": self.on_balance,
            "#OIB": self.on_object_balance,
            "#OUB": self.on_object_balance,
            "#PSALDO": self.on_period_balance,
            "#PBUDGET": self.on_period_balance,
            "#KSUMMA": self.on_ksumma,
        }

    def problem(self, code: str, line: int | None, **params: Any) -> None:
        # Every problem is counted; only the first MAX_COLLECTED are kept, bounding memory.
        self.problem_count += 1
        if len(self.problems) < MAX_COLLECTED:
            self.problems.append(SieProblem(code, line, params))

    def warn(self, code: str, line: int | None, **params: Any) -> None:
        # A few of each kind, so that 200 of one kind cannot crowd out the others.
        self.warning_count += 1
        kind = self.warning_kinds[code] = self.warning_kinds.get(code, 0) + 1
        if kind <= MAX_WARNINGS_OF_A_KIND and len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(SieProblem(code, line, params))

    def report(self, record: str, code: str, line: int | None, **params: Any) -> None:
        """A problem, or only a warning when it is in a record the import does not use."""
        (self.warn if record in _UNUSED_LABELS else self.problem)(code, line, **params)

    # -- driver -----------------------------------------------------------------------

    def parse(self, data: bytes) -> SieFile:
        readable = self.read(data)
        if readable and self.is_import_file():
            # A 4I file lacks balances by design: listing each missing #UB would bury the reason.
            kept = [p for p in self.problems if problem_rank(p) < problem_rank(SieProblem("import_file"))]
            self.problems, self.problem_count = kept, len(kept)
            self.problem("import_file", None)
        elif readable:
            self.validate()
        if self.problems:
            shown = rank_problems(self.problems, total=self.problem_count)
            raise SieError(shown, total=self.problem_count, sie=self.result() if readable else None)
        return self.result()

    def is_import_file(self) -> bool:
        """SIE 4I: vouchers for a bookkeeping program to take in, without a year's balances.

        The specification gives 4I files the extension .SI but no record of their own, so the
        content decides: #SIETYP 4 without a single #UB or #RES.
        """
        return self.sie_type == 4 and not self.balances["#UB"] and not self.balances["#RES"]

    def read(self, data: bytes) -> bool:
        """Read every line; False when the data is not an SIE file at all."""
        refusal = _sniff(data)
        if refusal is None:
            # The first character that is not blank (searched, not copied: the file may be big).
            first = _FIRST_CHARACTER_RE.search(data, len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0)
            if first is None:
                refusal = SieProblem("empty_file")
            elif first[0] != b"#":
                refusal = SieProblem("not_sie")
        if refusal is not None:
            self.problem(refusal.code, refusal.line)
            return False
        text, self.encoding, decode_problem = _decode(data)
        if decode_problem:
            self.problem(decode_problem.code, decode_problem.line)
        # Old DOS programs may end the file with Ctrl-Z (0x1A), an end-of-file marker.
        text = text.rstrip("\x1a")
        # Lines end in CR LF per the specification; accept LF and, failing both, bare CR.
        lines = text.split("\n") if "\n" in text else text.split("\r")
        text_sample = "\ufffd" if "\ufffd" in text else ""
        del text
        for number, raw in enumerate(lines, 1):
            line = raw.strip()
            if line:
                self.read_line(line, number)
        if self.voucher is not None:
            if self.voucher.block_line is None:
                self.problem("ver_without_block", self.voucher.line, **self.voucher.identity())
                self.incomplete = True
                self.voucher = None
            else:
                self.problem("unclosed_block", self.voucher.block_line, **self.voucher.identity())
                self.close_voucher()
        if self.checksum is not None:
            self.problem("checksum_unclosed", self.checksum_line)
        if self.format and self.format.upper() == "PC8" and self.encoding != "cp437":
            self.warn("encoding_detected", None, format=self.format, encoding=self.encoding)
        if "\ufffd" in text_sample:
            self.warn("replacement_characters", None)
        if self.sie_type in (1, 2, 3) and not self.vouchers:
            self.warn("no_vouchers", None, sie_type=self.sie_type)
        return True

    def read_line(self, line: str, number: int) -> None:
        voucher = self.voucher
        if voucher is not None and voucher.block_line is None:
            if line == "{":
                voucher.block_line = number
                return
            self.problem("ver_without_block", voucher.line, **voucher.identity())
            self.incomplete = True
            self.voucher = voucher = None
        if line == "}" and voucher is not None:
            self.close_voucher()
            return
        if line in ("{", "}"):
            self.problem("unexpected_brace", number, value=line)
            return
        if line[0] != "#":
            self.problem("unexpected_line", number)
            return

        label = line.split(None, 1)[0].upper()
        if self.checksum is not None and label != "#KSUMMA":
            self.add_to_checksum(line)
        if voucher is not None:
            if label in _ROW_LABELS:
                self.read_row(voucher, label, line, number)
                return
            if label not in _KNOWN_LABELS:
                self.unknown_labels.add(label)
                return
            # A known record among the rows: the "}" is missing. Close the voucher, go on.
            self.problem("unclosed_block", voucher.block_line, **voucher.identity())
            self.close_voucher()

        try:
            if label == "#VER":
                self.open_voucher(line, number)
            elif label in self.handlers:
                self.handlers[label](label, self.tokenize(line, number, label), number)
            elif label in _ROW_LABELS:
                raise _LineError("transaction_outside_voucher", label=label)
            elif label not in _KNOWN_LABELS:
                self.unknown_labels.add(label)
        except _LineError as error:
            if label in _UNUSED_LABELS:
                self.warn(error.code, number, **error.params)
                return
            if label in _BALANCE_LABELS:
                self.incomplete = True
            self.problem(error.code, number, **error.params)

    def tokenize(self, line: str, number: int, label: str) -> list[Field]:
        try:
            fields = _tokenize(line, self.quirks)
        except _LineError as error:
            fields = self.recover_name(line, label, error)
            self.quirks.append("unescaped_quote")
        if self.quirks:
            self.quirks.clear()
            self.warn("unescaped_quote", number, label=label)
        return fields

    @staticmethod
    def recover_name(line: str, label: str, error: _LineError) -> list[Field]:
        """A record whose last field is a name, with unescaped quotes in that name.

        #KONTO, #OBJEKT, #DIM and #FNAMN end with a name, so whatever follows the fields
        before it is the name, quotes and all; SoftOne XE writes "F"rskott till Lind" Park"
        for an account name. Any other unreadable record stays an error.
        """
        before = _NAMED_RECORDS.get(label)
        if error.code != "unbalanced_quote" or before is None:
            raise error
        parts = line.split(None, before + 1)
        if len(parts) != before + 2 or any('"' in part for part in parts[1:-1]):
            raise error
        name = parts[-1]
        if not name.startswith('"'):
            return [*parts[:-1], name]  # Leverant"rsskulder
        # Quoted at both ends; one cut off after its opening quote stays an error.
        if len(name) < 2 or not name.endswith('"'):
            raise error
        return [*parts[:-1], name[1:-1]]

    def add_to_checksum(self, line: str) -> None:
        """CRC-32 over the label and the fields' contents: no separators, quotes or braces."""
        try:
            fields = _tokenize(line)
        except _LineError:
            fields = line.split()  # the line's own problem is reported by its handler
        text = "".join("".join(value) if isinstance(value, tuple) else value for value in fields)
        assert self.checksum is not None
        self.checksum = zlib.crc32(text.encode(self.encoding, errors="replace"), self.checksum)

    # -- field helpers ----------------------------------------------------------------
    # Positions are 1-based after the label, as in the specification and in messages.

    @staticmethod
    def require(label: str, fields: list[Field], count: int) -> None:
        if len(fields) - 1 < count:
            raise _LineError("too_few_fields", label=label, expected=count, found=len(fields) - 1)

    @staticmethod
    def text(label: str, fields: list[Field], position: int, *, required: bool = False) -> str:
        """A scalar field; "" when absent or empty (unless required)."""
        if position >= len(fields):
            return ""
        value = fields[position]
        if isinstance(value, tuple):
            raise _LineError("unexpected_object_list", label=label, position=position)
        if required and not value:
            raise _LineError("empty_field", label=label, position=position)
        return value

    def optional(self, label: str, fields: list[Field], position: int) -> str | None:
        return self.text(label, fields, position) or None

    def object_list(self, label: str, fields: list[Field], position: int) -> ObjectList:
        items = fields[position]
        if not isinstance(items, tuple):
            raise _LineError("expected_object_list", label=label, position=position)
        cached = self.objects_cache.get(items)
        if cached is not None:
            return cached
        shown = "{" + " ".join(items) + "}"
        if len(items) % 2:
            raise _LineError("bad_object_list", value=shown)
        parsed = tuple((self.dimension(items[i]), items[i + 1]) for i in range(0, len(items), 2))
        if not all(object_id for _, object_id in parsed):
            raise _LineError("bad_object_list", value=shown)
        for _, object_id in parsed:
            self.check_object_id(label, object_id)
        self.objects_cache[items] = parsed
        return parsed

    @staticmethod
    def amount(value: str) -> Decimal:
        match = _AMOUNT_RE.fullmatch(value)
        # More than two decimals only when the extra ones are zeros ("1.500"): öre is the
        # smallest unit, and rounding a booked amount silently is not an option.
        if not match or (match[1] and match[1][2:].strip("0")):
            raise _LineError("bad_amount", value=value)
        amount = Decimal(value)
        # Twelve characters cannot reach 10^12; most amounts are shorter, so skip the sum.
        if len(value) > 12 and abs(amount) >= MAX_AMOUNT:
            raise _LineError("amount_too_large", value=value)
        return amount

    @staticmethod
    def quantity(value: str | None) -> Decimal | None:
        if value is None:
            return None
        if not _AMOUNT_RE.fullmatch(value):
            raise _LineError("bad_quantity", value=value)
        return Decimal(value)

    def date(self, value: str) -> datetime.date:
        cached = self.date_cache.get(value)
        if cached is not None:
            return cached
        if not _DATE_RE.fullmatch(value):
            raise _LineError("bad_date", value=value)
        try:
            parsed = datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            raise _LineError("bad_date", value=value) from None
        self.date_cache[value] = parsed
        return parsed

    @staticmethod
    def integer(value: str) -> int:
        if not _INTEGER_RE.fullmatch(value):
            raise _LineError("bad_integer", value=value)
        return int(value)

    @staticmethod
    def dimension(value: str) -> int:
        if not _DIMENSION_RE.fullmatch(value) or int(value) > MAX_DIMENSION:
            raise _LineError("bad_dimension", value=value)
        return int(value)

    def code(
        self, label: str, fields: list[Field], position: int, what: str, *, required: bool = False
    ) -> str:
        """An account number, voucher series or voucher number: at most MAX_CODE_LENGTH."""
        value = self.text(label, fields, position, required=required)
        if len(value) > MAX_CODE_LENGTH:
            raise _LineError("value_too_long", label=label, what=what, value=value, limit=MAX_CODE_LENGTH)
        return value

    @staticmethod
    def year_index(value: str) -> int:
        if not _INTEGER_RE.fullmatch(value) or int(value) > 0:
            raise _LineError("bad_year_index", value=value)
        return int(value)

    @staticmethod
    def check_object_id(label: str, object_id: str) -> None:
        if len(object_id) > MAX_OBJECT_ID_LENGTH:
            raise _LineError(
                "value_too_long", label=label, what="object id", value=object_id, limit=MAX_OBJECT_ID_LENGTH
            )

    def remember(self, label: str, key: Any, line: int, shown: str) -> None:
        """Note the line of a keyed record; report the record if it was given before."""
        first = self.record_lines.setdefault((label, key), line)
        if first != line:
            self.report(label, "duplicate_record", line, label=label, key=shown, first_line=first)

    # -- header -----------------------------------------------------------------------

    def on_program(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 1)
        self.program = self.text(label, fields, 1, required=True)
        self.program_version = self.optional(label, fields, 2)

    def on_format(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 1)
        self.format = self.text(label, fields, 1, required=True)

    def on_gen(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 1)
        self.generated = self.date(self.text(label, fields, 1))

    def on_sietyp(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 1)
        self.sie_type = self.integer(self.text(label, fields, 1))

    def on_fnamn(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 1)
        self.company_name = self.text(label, fields, 1)

    def on_orgnr(self, label: str, fields: list[Field], line: int) -> None:
        # An empty #ORGNR is the same as none; whose ledger it is is decided by the importer.
        written = self.text(label, fields, 1).strip()
        self.organisation_number_as_written = written or None
        self.organisation_number = normalise_organisation_number(written) or None

    def on_ksumma(self, label: str, fields: list[Field], line: int) -> None:
        """#KSUMMA alone opens the checksum; #KSUMMA with a number, at the end, closes it."""
        if len(fields) == 1:
            self.checksum, self.checksum_line = 0, line
            return
        value = self.text(label, fields, 1)
        computed, self.checksum = self.checksum, None
        if computed is None:
            return  # a closing #KSUMMA without an opening one: nothing was summed
        if not re.fullmatch(r"[0-9]{1,10}", value):
            raise _LineError("bad_checksum", value=value)
        if int(value) != computed:
            raise _LineError("checksum_mismatch", expected=int(value), computed=computed)
        self.checksum_verified = True

    def on_kptyp(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 1)
        self.chart_of_accounts = self.text(label, fields, 1)

    def on_rar(self, label: str, fields: list[Field], line: int) -> None:
        """#RAR year-index start end."""
        self.require(label, fields, 3)
        index = self.year_index(self.text(label, fields, 1))
        start, end = self.date(self.text(label, fields, 2)), self.date(self.text(label, fields, 3))
        if end < start:
            raise _LineError("bad_year_range", year=index, start=start, end=end)
        self.remember(label, index, line, str(index))
        self.fiscal_years[index] = (start, end)

    # -- chart of accounts, dimensions and objects ------------------------------------

    def on_konto(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 2)
        self.account_names[self.code(label, fields, 1, "account number", required=True)] = self.text(
            label, fields, 2
        )

    def on_ktyp(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 2)
        number = self.text(label, fields, 1, required=True)
        account_type = self.text(label, fields, 2).upper()
        if account_type not in ("T", "S", "I", "K"):
            raise _LineError("bad_account_type", value=account_type)
        self.account_types[number] = account_type

    def on_sru(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 2)
        self.sru_codes[self.text(label, fields, 1, required=True)] = self.text(label, fields, 2)

    def on_dim(self, label: str, fields: list[Field], line: int) -> None:
        self.require(label, fields, 2)
        number = self.dimension(self.text(label, fields, 1))
        self.dimensions[number] = Dimension(number, self.text(label, fields, 2))

    def on_underdim(self, label: str, fields: list[Field], line: int) -> None:
        """#UNDERDIM number name parent-dimension."""
        self.require(label, fields, 3)
        number = self.dimension(self.text(label, fields, 1))
        parent = self.dimension(self.text(label, fields, 3))
        self.dimensions[number] = Dimension(number, self.text(label, fields, 2), parent)
        self.dimension_lines[number] = line

    def on_objekt(self, label: str, fields: list[Field], line: int) -> None:
        """#OBJEKT dimension object-id name."""
        self.require(label, fields, 3)
        dimension = self.dimension(self.text(label, fields, 1))
        object_id = self.text(label, fields, 2, required=True)
        self.check_object_id(label, object_id)
        name = self.text(label, fields, 3)
        self.objects[(dimension, object_id)] = AccountingObject(dimension, object_id, name)
        self.object_lines.setdefault((dimension, object_id), line)

    # -- balances ---------------------------------------------------------------------

    def on_balance(self, label: str, fields: list[Field], line: int) -> None:
        """#IB, #UB, #RES: year-index account amount [quantity]."""
        self.require(label, fields, 3)
        index = self.year_index(self.text(label, fields, 1))
        account = self.code(label, fields, 2, "account number", required=True)
        amount = self.amount(self.text(label, fields, 3))
        self.quantity(self.optional(label, fields, 4))
        self.remember(label, (index, account), line, f"{index} {account}")
        self.balances[label][(index, account)] = amount

    def on_object_balance(self, label: str, fields: list[Field], line: int) -> None:
        """#OIB, #OUB: year-index account {objects} amount [quantity]."""
        self.require(label, fields, 4)
        index = self.year_index(self.text(label, fields, 1))
        account = self.code(label, fields, 2, "account number", required=True)
        objects = self.object_list(label, fields, 3)
        amount = self.amount(self.text(label, fields, 4))
        self.quantity(self.optional(label, fields, 5))
        key = (index, account, objects)
        self.remember(label, key, line, f"{index} {account} {_show_objects(objects)}")
        self.balances[label][key] = amount

    def on_period_balance(self, label: str, fields: list[Field], line: int) -> None:
        """#PSALDO, #PBUDGET: year-index period account {objects} amount [quantity]."""
        self.require(label, fields, 5)
        index = self.year_index(self.text(label, fields, 1))
        period = self.text(label, fields, 2)
        if not _PERIOD_RE.fullmatch(period):
            raise _LineError("bad_period", value=period)
        account = self.code(label, fields, 3, "account number", required=True)
        objects = self.object_list(label, fields, 4)
        amount = self.amount(self.text(label, fields, 5))
        self.quantity(self.optional(label, fields, 6))
        key = (index, period, account, objects)
        self.remember(label, key, line, f"{index} {period} {account} {_show_objects(objects)}")
        self.balances[label][key] = amount

    # -- vouchers ---------------------------------------------------------------------

    def open_voucher(self, line: str, number: int) -> None:
        """#VER series number date [text] [registration-date] [sign].

        The voucher is opened even when its header is bad, so that its block is still
        consumed and its rows still checked.
        """
        label = "#VER"
        voucher = self.voucher = _OpenVoucher(number)
        fields = self.tokenize(line, number, label)
        self.require(label, fields, 3)
        # Series and number may be empty in an import file (4I): the importer numbers.
        voucher.series = self.code(label, fields, 1, "voucher series")
        voucher.number = self.code(label, fields, 2, "voucher number")
        voucher.date = self.date(self.text(label, fields, 3))
        voucher.text = self.text(label, fields, 4)
        registration_date = self.optional(label, fields, 5)
        voucher.registration_date = self.date(registration_date) if registration_date else None
        voucher.sign = self.optional(label, fields, 6)
        voucher.valid = True

    def read_row(self, voucher: _OpenVoucher, label: str, line: str, number: int) -> None:
        pending, voucher.pending_rtrans = voucher.pending_rtrans, None
        try:
            fields = _tokenize(line, self.quirks)
            if self.quirks:
                self.quirks.clear()
                self.warn("unescaped_quote", number, label=label)
            row = self.parse_row(label, fields, number, voucher.date or datetime.date.min)
        except _LineError as error:
            voucher.complete = False
            self.incomplete = True
            self.problem(error.code, number, **error.params)
            return

        # "Identical" is judged on what is booked: account, objects and amount.
        if pending is not None and not (
            label == "#TRANS"
            and (row.account, row.amount, row.objects) == (pending.account, pending.amount, pending.objects)
        ):
            self.problem("rtrans_without_trans", pending.line)
        if label == "#TRANS":
            voucher.transactions.append(row)
        elif label == "#RTRANS":
            voucher.added.append(row)
            voucher.pending_rtrans = row
        else:
            voucher.removed.append(row)

    def parse_row(
        self, label: str, fields: list[Field], line: int, voucher_date: datetime.date
    ) -> Transaction:
        """#TRANS account {objects} amount [date] [text] [quantity] [sign], likewise #RTRANS, #BTRANS."""
        self.require(label, fields, 3)
        row_date = self.optional(label, fields, 4)
        account = self.text(label, fields, 1, required=True)
        if len(account) > MAX_CODE_LENGTH:  # self.code(), inlined: this runs for every row
            raise _LineError(
                "value_too_long", label=label, what="account number", value=account, limit=MAX_CODE_LENGTH
            )
        return Transaction(
            account=account,
            objects=self.object_list(label, fields, 2),
            amount=self.amount(self.text(label, fields, 3)),
            date=self.date(row_date) if row_date else voucher_date,
            text=self.text(label, fields, 5),
            line=line,
            quantity=self.quantity(self.optional(label, fields, 6)),
            sign=self.optional(label, fields, 7),
        )

    def close_voucher(self) -> None:
        voucher, self.voucher = self.voucher, None
        assert voucher is not None
        if voucher.pending_rtrans is not None:
            self.problem("rtrans_without_trans", voucher.pending_rtrans.line)
        if not voucher.valid or voucher.date is None:
            self.incomplete = True
            return
        if voucher.number:
            first = self.voucher_lines.setdefault((voucher.series, voucher.number), voucher.line)
            # Both are booked: the figures do not depend on the number, and some programs
            # number automatic vouchers alike (BL Administration: series "#", number 1).
            if first != voucher.line:
                self.warn("duplicate_voucher", voucher.line, **voucher.identity(), first_line=first)
        if voucher.complete:
            difference = sum((row.amount for row in voucher.transactions), Decimal(0))
            if difference != 0:
                self.problem("voucher_unbalanced", voucher.line, **voucher.identity(), difference=difference)
        self.vouchers.append(
            Voucher(
                series=voucher.series,
                number=voucher.number,
                date=voucher.date,
                text=voucher.text,
                line=voucher.line,
                transactions=voucher.transactions,
                registration_date=voucher.registration_date,
                sign=voucher.sign,
                added_transactions=voucher.added,
                removed_transactions=voucher.removed,
            )
        )

    # -- checks across records --------------------------------------------------------

    def validate(self) -> None:
        # Undeclared references are reported once each, at their first use and with a
        # count: one missing #KONTO would otherwise fill the problem list on its own.
        # References from records the import does not use are kept apart: they only warn.
        unknown_accounts: dict[str, list[int]] = defaultdict(list)
        unknown_dimensions: dict[int, list[int]] = defaultdict(list)
        unused_accounts: dict[str, list[int]] = defaultdict(list)
        unused_dimensions: dict[int, list[int]] = defaultdict(list)
        undeclared_objects: dict[ObjectRef, int] = {}

        def check_dimension(dimension: int, line: int, used: bool = True) -> bool:
            if dimension in self.dimensions:
                return True
            if dimension in RESERVED_DIMENSIONS:  # usable without #DIM, see RESERVED_DIMENSIONS
                self.dimensions[dimension] = Dimension(dimension, RESERVED_DIMENSIONS[dimension])
                return True
            (unknown_dimensions if used else unused_dimensions)[dimension].append(line)
            return False

        def check_objects(objects: ObjectList, line: int, used: bool = True) -> None:
            # #OBJEKT is optional in 4E: an object used without one is created, named by its code.
            for ref in objects:
                if check_dimension(ref[0], line, used) and ref not in self.objects:
                    undeclared_objects.setdefault(ref, line)

        for number, line in self.dimension_lines.items():
            parent = self.dimensions[number].parent
            if parent is not None:
                check_dimension(parent, line, used=False)
        for (dimension, _), line in self.object_lines.items():
            check_dimension(dimension, line)

        for (label, key), line in self.record_lines.items():
            if label == "#RAR":
                continue
            account = key[2] if label in ("#PSALDO", "#PBUDGET") else key[1]
            used = label not in _UNUSED_LABELS
            if account not in self.account_names:
                (unknown_accounts if used else unused_accounts)[account].append(line)
            if label not in ("#IB", "#UB", "#RES"):
                check_objects(key[-1], line, used)

        current_year = self.fiscal_years.get(0)
        if self.vouchers and current_year is None:
            self.problem("missing_current_year", None)
        start, end = current_year or (datetime.date.min, datetime.date.max)
        for voucher in self.vouchers:
            if not start <= voucher.date <= end:
                self.problem("date_outside_year", voucher.line, date=voucher.date, start=start, end=end)
            for row in voucher.transactions:
                if row.account not in self.account_names:
                    unknown_accounts[row.account].append(row.line)
                if row.objects:
                    check_objects(row.objects, row.line)
                # A row without its own date has the voucher's, which was checked above.
                if row.date != voucher.date and not start <= row.date <= end:
                    self.problem("date_outside_year", row.line, date=row.date, start=start, end=end)

        for account, lines in unknown_accounts.items():
            self.problem("unknown_account", min(lines), account=account, count=len(lines))
        for dimension, lines in unknown_dimensions.items():
            self.problem("unknown_dimension", min(lines), dimension=dimension, count=len(lines))
        for account, lines in unused_accounts.items():
            self.warn("unknown_account", min(lines), account=account, count=len(lines))
        for dimension, lines in unused_dimensions.items():
            self.warn("unknown_dimension", min(lines), dimension=dimension, count=len(lines))
        if undeclared_objects:
            for dimension, object_id in undeclared_objects:
                self.objects[(dimension, object_id)] = AccountingObject(dimension, object_id, object_id)
            self.created_objects = sorted(undeclared_objects)
            shown = ", ".join(
                f'{dimension} "{object_id}"' for dimension, object_id in self.created_objects[:10]
            )
            more = len(self.created_objects) - 10
            self.warn(
                "created_objects",
                min(undeclared_objects.values()),
                count=len(self.created_objects),
                objects=shown + (f" … (+{more})" if more > 0 else ""),
            )

        # Only a file with vouchers (SIE 4) can be checked against its balances.
        if self.vouchers and not self.incomplete:
            self.check_consistency()

    def check_consistency(self) -> None:
        """#IB 0 + vouchers = #UB 0 for balance accounts; vouchers = #RES 0 for result accounts.

        A missing #IB, #UB or #RES counts as zero, since programs leave out zero balances;
        a missing one that should not be zero is reported without a line.
        """
        totals = account_balance_from_vouchers(self.vouchers)
        opening, closing, results = self.balances["#IB"], self.balances["#UB"], self.balances["#RES"]
        accounts = set(totals) | {account for index, account in (*opening, *closing, *results) if index == 0}
        zero = Decimal(0)
        for account in sorted(accounts):
            kind = classify_account(account, self.account_types.get(account))
            if kind == "balance":
                computed = opening.get((0, account), zero) + totals.get(account, zero)
                expected = closing.get((0, account))
                code, line = "closing_balance", self.record_lines.get(("#UB", (0, account)))
            elif kind == "result":
                computed = totals.get(account, zero)
                expected = results.get((0, account))
                code, line = "result", self.record_lines.get(("#RES", (0, account)))
            else:
                continue
            if expected is None:
                if computed != 0:
                    self.problem(f"{code}_missing", None, account=account, computed=computed)
            elif expected != computed:
                self.problem(f"{code}_mismatch", line, account=account, expected=expected, computed=computed)

    # -- result -----------------------------------------------------------------------

    def result(self) -> SieFile:
        return SieFile(
            program=self.program,
            program_version=self.program_version,
            format=self.format,
            generated=self.generated,
            sie_type=self.sie_type,
            company_name=self.company_name,
            organisation_number=self.organisation_number,
            chart_of_accounts=self.chart_of_accounts,
            encoding=self.encoding,
            fiscal_years=self.fiscal_years,
            accounts={
                number: Account(number, name, self.account_types.get(number))
                for number, name in self.account_names.items()
            },
            sru_codes=self.sru_codes,
            dimensions=self.dimensions,
            objects=self.objects,
            opening_balances=self.balances["#IB"],
            closing_balances=self.balances["#UB"],
            results=self.balances["#RES"],
            object_opening_balances=self.balances["#OIB"],
            object_closing_balances=self.balances["#OUB"],
            period_balances=self.balances["#PSALDO"],
            period_budgets=self.balances["#PBUDGET"],
            vouchers=self.vouchers,
            unknown_labels=self.unknown_labels,
            warnings=sorted(self.warnings, key=lambda p: (p.line is None, p.line or 0)),
            warning_count=self.warning_count,
            created_objects=self.created_objects,
            organisation_number_as_written=self.organisation_number_as_written,
            checksum_verified=self.checksum_verified,
        )


def _show_objects(objects: ObjectList) -> str:
    return "{" + " ".join(f'{dimension} "{object_id}"' for dimension, object_id in objects) + "}"


# ---------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearSummary:
    """One fiscal year (#RAR) as the file states it.

    `index` is the year index (0 current, -1 previous). `vouchers` counts the vouchers dated
    within the year (a 4E file has them for year 0 only). `result` is the year's result with
    a profit positive: the negated sum of its #RES (SIE writes income as negative amounts),
    or, when the file has no #RES for the year, of the booked rows on result accounts; None
    when neither exists. `closing_balance_sum` and `opening_balance_sum` add up its #UB and
    #IB (None without any); a balanced ledger's closing balances sum to 0 minus the result.
    """

    index: int
    start: datetime.date
    end: datetime.date
    vouchers: int
    result: Decimal | None
    closing_balance_sum: Decimal | None
    opening_balance_sum: Decimal | None


@dataclass(frozen=True, slots=True)
class DimensionSummary:
    """A dimension (#DIM, or a reserved one used): how many objects, how many of them created."""

    number: int
    name: str
    objects: int
    created: int


@dataclass(frozen=True)
class SieSummary:
    """What a file is, for a preview before importing (inspect_sie, the upload page).

    Fields: `program` and `program_version` (#PROGRAM); `sie_type` (#SIETYP, None when
    absent) and `kind`, the type as people say it ("1", "2", "3", "4E" or "4I");
    `company_name` (#FNAMN); `organisation_number` (10 digits, as matched against a
    förbund) and `organisation_number_as_written` (#ORGNR as in the file); `encoding` (the
    character set the file was read in: "cp437", "utf-8", "cp1252" or "iso-8859-1");
    `checksum_verified` (a #KSUMMA was present and right); `generated` (#GEN); `years`, one
    YearSummary per #RAR, the current year first; `voucher_count` (all vouchers);
    `dimensions`, one DimensionSummary per dimension with objects, by number;
    `created_objects`, (dimension, object id) of objects used without #OBJEKT; `warnings`
    (at most MAX_WARNINGS SieProblems) and `warning_count` (all of them).
    """

    program: str | None
    program_version: str | None
    sie_type: int | None
    kind: str
    company_name: str | None
    organisation_number: str | None
    organisation_number_as_written: str | None
    encoding: str
    checksum_verified: bool
    generated: datetime.date | None
    years: list[YearSummary]
    voucher_count: int
    dimensions: list[DimensionSummary]
    created_objects: list[ObjectRef]
    warnings: list[SieProblem]
    warning_count: int


def sie_kind(sie: SieFile) -> str:
    """ "1" to "3", "4E" for a year's ledger with vouchers, "4I" for vouchers only (see _Parser)."""
    if sie.sie_type == 4:
        return "4E" if sie.closing_balances or sie.results else "4I"
    return str(sie.sie_type) if sie.sie_type is not None else ""


def summarise(sie: SieFile) -> SieSummary:
    """The figures of a file as the file itself states them; pure, see SieSummary."""
    zero = Decimal(0)
    years = []
    for index in sorted(sie.fiscal_years, reverse=True):
        start, end = sie.fiscal_years[index]
        results = [amount for (year, _), amount in sie.results.items() if year == index]
        vouchers = [voucher for voucher in sie.vouchers if start <= voucher.date <= end]
        if results:
            result: Decimal | None = year_result(results)
        elif vouchers:
            rows = account_balance_from_vouchers(vouchers)
            result = -sum(
                (amount for account, amount in rows.items() if sie.account_class(account) == "result"), zero
            )
        else:
            result = None
        closing = [amount for (year, _), amount in sie.closing_balances.items() if year == index]
        opening = [amount for (year, _), amount in sie.opening_balances.items() if year == index]
        years.append(
            YearSummary(
                index=index,
                start=start,
                end=end,
                vouchers=len(vouchers),
                result=result,
                closing_balance_sum=sum(closing, zero) if closing else None,
                opening_balance_sum=sum(opening, zero) if opening else None,
            )
        )
    counts: dict[int, int] = defaultdict(int)
    for dimension, _ in sie.objects:
        counts[dimension] += 1
    created: dict[int, int] = defaultdict(int)
    for dimension, _ in sie.created_objects:
        created[dimension] += 1
    dimensions = [
        DimensionSummary(
            number=number,
            name=getattr(sie.dimensions.get(number), "name", None) or RESERVED_DIMENSIONS.get(number, ""),
            objects=counts[number],
            created=created[number],
        )
        for number in sorted(counts)
    ]
    return SieSummary(
        program=sie.program,
        program_version=sie.program_version,
        sie_type=sie.sie_type,
        kind=sie_kind(sie),
        company_name=sie.company_name,
        organisation_number=sie.organisation_number,
        organisation_number_as_written=sie.organisation_number_as_written,
        encoding=sie.encoding,
        checksum_verified=sie.checksum_verified,
        generated=sie.generated,
        years=years,
        voucher_count=len(sie.vouchers),
        dimensions=dimensions,
        created_objects=list(sie.created_objects),
        warnings=list(sie.warnings),
        warning_count=sie.warning_count,
    )


def year_result(results: Iterable[Decimal]) -> Decimal:
    """A year's result from its #RES amounts, a profit positive (SIE writes income as negative)."""
    return -sum(results, Decimal(0))
