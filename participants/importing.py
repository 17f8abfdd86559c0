"""Import of enrolments from a spreadsheet (xlsx, or CSV in UTF-8 with ";"), all or nothing.

The file has exactly these headers in row 1:

    kod;kön;födelseår;insats;inskriven;avslutad;avslutsorsak;försörjning_före;försörjning_efter

one row per enrolment. Rows are matched on (kod, insats, inskriven), so importing the same file
again changes nothing. Every problem is listed by row and column, the file's and the register's
in one answer, and nothing is imported if there is any. A cell that looks like a Swedish personal identity number refuses the whole file,
and its value is never repeated in a message or written to a log.
"""

import csv
import datetime
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from finsam import excel
from finsam.formulas import from_csv_text
from initiatives.models import Initiative
from members.models import Association
from participants.models import EndReason, Enrolment, Gender, IncomeSource, Participant

HEADERS = [
    "kod",
    "kön",
    "födelseår",
    "insats",
    "inskriven",
    "avslutad",
    "avslutsorsak",
    "försörjning_före",
    "försörjning_efter",
]
MAX_ROWS = 200_000

# Separators people type inside a personal identity number: hyphen, plus, full stop, spaces and
# every Unicode dash (en and em dash, minus sign, full-width hyphen after NFKC).
_SEPARATOR = r"[-+.\s\u2010-\u2015\u2212\ufe58\ufe63]"
# Runs of digits with separators between them, e.g. "85-01-01-1234" or "850101 – 1234".
_DIGIT_RUN = re.compile(rf"(?<!\d)\d(?:{_SEPARATOR}*\d)*(?!\d)")
_NOT_A_DIGIT = re.compile(r"\D")


class ImportRejected(Exception):
    """The file was refused; `problems` are Swedish messages naming row and column."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    participants_created: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def _ascii_digits(value: str) -> str:
    """Full-width and other Unicode digits as 0-9, full-width punctuation as ASCII."""
    value = unicodedata.normalize("NFKC", value)
    return "".join(
        str(unicodedata.decimal(char)) if unicodedata.decimal(char, None) is not None else char
        for char in value
    )


def _is_identity_digits(digits: str) -> bool:
    """10 or 12 digits that begin with a real birth date: a personal identity number (personnummer),
    or a coordination number (samordningsnummer, the day plus 60).

    The check digit is not required: a personal number typed with one wrong digit still points at a
    person, and a pseudonymous code has no reason to look like a date followed by four digits.
    """
    if len(digits) == 12:
        if digits[:2] not in ("18", "19", "20"):
            return False
        date, serial = digits[:8], digits[8:]
    elif len(digits) == 10:
        date, serial = digits[:6], digits[6:]
    else:
        return False
    day = int(date[-2:])
    if day > 60:
        date = date[:-2] + f"{day - 60:02d}"
    try:
        personnummer.get_birth_date(f"{date}-{serial}")
    except ValidationError:
        return False
    return True


def looks_like_personal_number(value: str) -> bool:
    """Whether a cell holds something that reads as a Swedish personal or coordination number,
    whatever separators, dashes or digits it is written with; matched anywhere in the text."""
    return any(
        _is_identity_digits(_NOT_A_DIGIT.sub("", run.group()))
        for run in _DIGIT_RUN.finditer(_ascii_digits(value))
    )


def read_rows(content: bytes, filename: str) -> list[list[str]]:
    """Rows of cells as text, from an .xlsx workbook or a ;-separated UTF-8 file (BOM or not)."""
    if filename.lower().endswith(".xlsx") or content[:2] == b"PK":
        try:
            sheet = excel.open_workbook(content).worksheets[0]
        except (excel.NotAWorkbook, IndexError):
            raise ImportRejected([_("The file is not an Excel workbook (.xlsx).")]) from None
        return [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            [_("The file is not UTF-8 text. Save it as CSV UTF-8 (semicolon-separated).")]
        ) from None
    # A file this app exported has an apostrophe before text that would start a formula.
    return [
        [from_csv_text(cell) for cell in row]
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")
    ]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Row:
    number: int
    code: str
    gender: str
    birth_year: int
    initiative: Initiative
    start: datetime.date
    end: datetime.date | None
    end_reason: str
    income_before: str
    income_after: str


def parse(
    rows: list[list[str]], initiatives: dict[str, Initiative], association: Association | None = None
) -> list[Row]:
    """Check every cell, and with an association the rows against its register; return the rows,
    or raise ImportRejected with every problem of the file at once."""
    parsed, problems = _parse(rows, initiatives)
    if association is not None:
        # Also when the file has other problems (a personal identity number, a bad date): the
        # register's objections come in the same answer, not after the next upload.
        problems += register_problems(association, parsed)
    if problems:
        raise ImportRejected(problems)
    return parsed


def _parse(rows: list[list[str]], initiatives: dict[str, Initiative]) -> tuple[list[Row], list[str]]:
    problems: list[str] = []

    # Cells holding a personal identity number: named once, never echoed in another message.
    withheld: set[tuple[int, str]] = set()

    def problem(row_number, column, message):
        if (row_number, column) in withheld:
            return
        problems.append(
            _("Row %(row)s, column %(column)s: %(message)s")
            % {"row": row_number, "column": column, "message": message}
        )

    if (
        not rows
        or [cell.strip().lstrip("\ufeff") for cell in rows[0][: len(HEADERS)]] != HEADERS
        or any(cell.strip() for cell in rows[0][len(HEADERS) :])
    ):
        raise ImportRejected(
            [_("Row 1 must have exactly these headers: %(headers)s.") % {"headers": ";".join(HEADERS)}]
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRejected([_("The file has more than %(count)s rows.") % {"count": MAX_ROWS}])
    # A personal identity number refuses the file; the file's other problems are listed with it so
    # that one round trip fixes everything.
    for number, cells in enumerate(rows[1:], start=2):
        for column, value in zip(HEADERS, cells, strict=False):
            if looks_like_personal_number(value):
                problem(
                    number,
                    column,
                    _(
                        "the cell looks like a personal identity number. The register holds only pseudonymous codes; remove it."
                    ),
                )
                withheld.add((number, column))
            elif "\x00" in value:
                # PostgreSQL cannot store a NUL character; it is never part of a real value.
                problem(number, column, _("the cell contains a NUL character; remove it."))
                withheld.add((number, column))

    parsed: list[Row] = []
    genders, reasons, sources = set(Gender.values), set(EndReason.values), set(IncomeSource.values)
    this_year = datetime.date.today().year
    for number, cells in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in cells] + [""] * (len(HEADERS) - len(cells))
        if not any(cells):
            continue
        code, gender, birth, initiative_code, start, end, reason, before, after = cells[: len(HEADERS)]
        if not code:
            problem(number, "kod", _("the code is missing."))
        elif len(code) > 40:
            problem(number, "kod", _("the code is longer than 40 characters."))
        if gender not in genders:
            problem(number, "kön", _("%(value)s is not one of K, M, X.") % {"value": gender or "—"})
        birth_year = int(birth) if birth.isdigit() else None
        if birth_year is None or not 1900 <= birth_year <= this_year:
            problem(number, "födelseår", _("give the year of birth with four digits, e.g. 1987."))
        initiative = initiatives.get(initiative_code)
        if initiative is None:
            problem(number, "insats", _("unknown initiative %(value)s.") % {"value": initiative_code or "—"})
        elif initiative.kind != Initiative.Kind.INDIVIDUAL:
            problem(
                number,
                "insats",
                _("%(value)s is not an individual-oriented initiative.") % {"value": initiative_code},
            )
        start_date = _date(start)
        if start_date is None:
            problem(number, "inskriven", _("give the date as YYYY-MM-DD."))
        end_date = _date(end) if end else None
        if end and end_date is None:
            problem(number, "avslutad", _("give the date as YYYY-MM-DD."))
        if start_date and end_date and end_date < start_date:
            problem(number, "avslutad", _("the enrolment ends before it starts."))
        if reason and reason not in reasons:
            problem(number, "avslutsorsak", _("unknown end reason %(value)s.") % {"value": reason})
        if reason and not end:
            problem(number, "avslutsorsak", _("an end reason without an end date."))
        if end and not reason:
            problem(number, "avslutsorsak", _("the enrolment has ended but has no end reason."))
        if before not in sources:
            problem(
                number, "försörjning_före", _("unknown income source %(value)s.") % {"value": before or "—"}
            )
        if after and after not in sources:
            problem(number, "försörjning_efter", _("unknown income source %(value)s.") % {"value": after})
        if after and not end:
            problem(number, "försörjning_efter", _("an income source at the end without an end date."))
        if end and not after:
            problem(
                number, "försörjning_efter", _("the enrolment has ended but has no income source at the end.")
            )
        if (
            initiative is not None
            and start_date is not None
            and (
                (initiative.start_date and start_date < initiative.start_date)
                or (initiative.end_date and start_date > initiative.end_date)
            )
        ):
            problem(
                number,
                "inskriven",
                _("the enrolment starts outside the initiative's period (%(start)s – %(end)s).")
                % {"start": initiative.start_date or "…", "end": initiative.end_date or "…"},
            )
        if (
            code
            and initiative
            and start_date
            and birth_year
            and gender in genders
            and before in sources
            and not any((number, column) in withheld for column in HEADERS)
        ):
            parsed.append(
                Row(number, code, gender, birth_year, initiative, start_date, end_date, reason, before, after)
            )
    problems += _overlaps(parsed)
    return parsed, problems


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _overlaps(rows: list[Row]) -> list[str]:
    """Enrolments of the same person in the same initiative must not overlap within the file."""
    problems = []
    by_key: dict[tuple[str, int], list[Row]] = {}
    for row in rows:
        by_key.setdefault((row.code, row.initiative.pk), []).append(row)
    for group in by_key.values():
        group.sort(key=lambda row: row.start)
        for earlier, later in itertools.pairwise(group):
            if earlier.start == later.start:
                problems.append(
                    _(
                        "Row %(row)s, column %(column)s: the same enrolment is given twice (also on row %(other)s)."
                    )
                    % {"row": later.number, "column": "inskriven", "other": earlier.number}
                )
            elif earlier.end is None or earlier.end >= later.start:
                problems.append(
                    _(
                        "Row %(row)s, column %(column)s: overlaps the same person's enrolment in the initiative on row %(other)s."
                    )
                    % {"row": later.number, "column": "inskriven", "other": earlier.number}
                )
    return problems


@transaction.atomic
def import_enrolments(*, association: Association, rows: list[Row]) -> ImportResult:
    """Write parsed rows: new participants and enrolments, changed ones updated, the same ones left."""
    # One import per förbund at a time: a second (a double submit, a colleague) waits, then
    # finds the first one's rows and leaves them unchanged instead of inserting them again.
    Association.objects.select_for_update(no_key=True).filter(pk=association.pk).first()
    codes = {row.code for row in rows}
    participants = {
        p.code: p
        for p in Participant.objects.select_for_update().filter(association=association, code__in=codes)
    }
    existing = _registered_enrolments(participants.values(), rows)
    # Checked again under the lock: the register may have changed since the file was parsed.
    problems = _register_problems(rows, participants, existing)
    if problems:
        raise ImportRejected(problems)
    new = [
        Participant(association=association, code=row.code, gender=row.gender, birth_year=row.birth_year)
        for row in {row.code: row for row in rows if row.code not in participants}.values()
    ]
    for participant in Participant.objects.bulk_create(new):
        participants[participant.code] = participant
    created, changed, unchanged = [], [], 0
    for row in rows:
        participant = participants[row.code]
        values = {
            "end_date": row.end,
            "end_reason": row.end_reason,
            "income_before": row.income_before,
            "income_after": row.income_after,
        }
        enrolment = existing.get((participant.pk, row.initiative.pk, row.start))
        if enrolment is None:
            created.append(
                Enrolment(participant=participant, initiative=row.initiative, start_date=row.start, **values)
            )
        elif any(getattr(enrolment, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(enrolment, name, value)
            changed.append(enrolment)
        else:
            unchanged += 1
    Enrolment.objects.bulk_create(created, batch_size=2000)
    Enrolment.objects.bulk_update(
        changed, ["end_date", "end_reason", "income_before", "income_after"], batch_size=2000
    )
    return ImportResult(len(created), len(changed), unchanged, len(new))


def register_problems(association: Association, rows: list[Row]) -> list[str]:
    """What the register says against the rows: a code registered with another gender or birth
    year, an enrolment overlapping one already registered."""
    participants = {
        p.code: p
        for p in Participant.objects.filter(association=association, code__in={row.code for row in rows})
    }
    return _register_problems(rows, participants, _registered_enrolments(participants.values(), rows))


def _registered_enrolments(participants, rows: list[Row]) -> dict[tuple[int, int, datetime.date], Enrolment]:
    return {
        (e.participant_id, e.initiative_id, e.start_date): e
        for e in Enrolment.objects.filter(
            participant__in=list(participants), initiative__in={r.initiative for r in rows}
        )
    }


def _register_problems(rows: list[Row], participants: dict[str, Participant], existing) -> list[str]:
    """Rows of codes already registered, checked against the register (new codes have no history)."""
    problems = []
    for row in rows:
        participant = participants.get(row.code)
        if participant and (participant.gender, participant.birth_year) != (row.gender, row.birth_year):
            problems.append(
                _("Row %(row)s, column %(column)s: the code is registered with another gender or birth year.")
                % {"row": row.number, "column": "kön"}
            )
    registered: dict[tuple[int, int], list[Enrolment]] = {}
    for enrolment in existing.values():
        registered.setdefault((enrolment.participant_id, enrolment.initiative_id), []).append(enrolment)
    in_file = {
        (participants[row.code].pk, row.initiative.pk, row.start) for row in rows if row.code in participants
    }
    for row in rows:
        if row.code not in participants:
            continue
        key = (participants[row.code].pk, row.initiative.pk)
        for enrolment in registered.get(key, []):
            if (enrolment.participant_id, enrolment.initiative_id, enrolment.start_date) in in_file:
                continue
            if enrolment.start_date <= (row.end or datetime.date.max) and row.start <= (
                enrolment.end_date or datetime.date.max
            ):
                problems.append(
                    _(
                        "Row %(row)s, column %(column)s: overlaps the person's enrolment from %(start)s already in the register."
                    )
                    % {"row": row.number, "column": "inskriven", "start": enrolment.start_date.isoformat()}
                )
    return problems
