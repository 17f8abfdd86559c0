"""Any participant file, however made, is imported or refused with messages, never an exception;
a refused file changes nothing (hypothesis)."""

import contextlib
import datetime
import io

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participants import services
from participants.importing import HEADERS, ImportRejected
from tests.participants.conftest import HAND_ROWS, csv_bytes
from tests.participants.test_import import register

pytestmark = pytest.mark.django_db

# Each column's cells: the valid values of the seeds, near misses, and whatever text.
_ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=45)
_CELLS = [
    st.sampled_from(["P01", "P02", "P30", "", "850709-9805", "8507699805", "=1+1", "P\x00", "x" * 41]),
    st.sampled_from(["K", "M", "X", "", "Q", "k"]),
    st.sampled_from(["1990", "1985", "85", "", "abc", "1899", "9" * 25, "١٩٩٠"]),
    st.sampled_from(["steget", "vagen", "", "okand"]),
    st.sampled_from(["2025-01-15", "2024-09-01", "2025-02-30", "", "igår", "99999-01-01", "2025-1-1"]),
    st.sampled_from(["", "2025-06-30", "2024-01-01", "x"]),
    st.sampled_from(["", "arbete", "studier", "okänd"]),
    st.sampled_from(["forsorjningsstod", "lon", "", "pengar"]),
    st.sampled_from(["", "lon", "studiemedel", "pengar"]),
]
_ROW = st.tuples(*[cell | _ANY_TEXT for cell in _CELLS]).map(list) | st.lists(_ANY_TEXT, max_size=12)
_PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"))
_XLSX_ROW = st.tuples(
    *[
        cell.filter(lambda value: "\x00" not in value) | st.text(alphabet=_PRINTABLE, max_size=45)
        for cell in _CELLS
    ]
).map(list)


def workbook_bytes(rows, headers) -> bytes:
    """As Excel keeps a file: numbers as numbers, dates that are dates as dates, the rest text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        cells = [int(cell) if cell.isascii() and cell.isdigit() else cell for cell in row]
        for index in (4, 5):
            with contextlib.suppress(TypeError, ValueError):
                cells[index] = datetime.date.fromisoformat(cells[index])
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def participant_files(draw):
    kind = draw(st.sampled_from(["csv", "xlsx", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400)), draw(st.sampled_from(["deltagare.csv", "deltagare.xlsx"]))
    headers = draw(st.just(HEADERS) | st.lists(st.text(alphabet=_PRINTABLE, max_size=12), max_size=10))
    if kind == "xlsx":
        return workbook_bytes(draw(st.lists(_XLSX_ROW, max_size=8)), headers), "deltagare.xlsx"
    rows = draw(st.lists(_ROW, max_size=8))
    rows = [
        [cell.replace(";", ",").replace("\n", " ").replace("\r", " ").replace('"', "") for cell in row]
        for row in rows
    ]
    return csv_bytes(rows, bom=draw(st.booleans()), headers=headers), "deltagare.csv"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(upload=participant_files())
def test_any_file_is_imported_or_refused_with_messages_and_a_refused_one_changes_nothing(
    association, steget, vagen, upload
):
    content, filename = upload
    if not register(association):
        # A register to refuse against (overlaps, a code with another gender), kept for every example.
        services.import_file(
            association=association,
            content=csv_bytes(HAND_ROWS),
            filename="a.csv",
            initiatives=[steget, vagen],
            user=None,
        )
    with transaction.atomic():
        before = register(association)
        try:
            result = services.import_file(
                association=association,
                content=content,
                filename=filename,
                initiatives=association.initiatives.all(),
                user=None,
            )
        except ImportRejected as rejection:
            assert rejection.problems and all(
                isinstance(problem, str) and problem for problem in rejection.problems
            )
            assert register(association) == before
        else:
            assert result.rows >= 0
        transaction.set_rollback(True)
