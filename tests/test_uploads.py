"""Uploads have documented limits per kind (finsam.uploads): empty, binary and oversized files are
refused with a Swedish message, and a workbook is refused by its table of contents, before
anything inflates it, when it would unpack to too much."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finsam import excel, uploads
from funding.forms import UploadForm
from tests.documents import page_text
from tests.participants.conftest import HAND_ROWS, xlsx_bytes

MEGABYTE = 1024 * 1024


def _bomb(unpacked_megabytes: int) -> bytes:
    """A real workbook with one more sheet of zeros: a few hundred kB that unpack to much more."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes(HAND_ROWS))) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for member in source.infolist():
            bomb.writestr(member, source.read(member))
        with bomb.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as sheet:
            chunk = b"\0" * MEGABYTE
            for _ in range(unpacked_megabytes):
                sheet.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def bomb():
    return _bomb(1024)  # a gigabyte of sheet in about a megabyte


def _form(content: bytes, name: str, kind) -> UploadForm:
    return UploadForm({}, {"file": SimpleUploadedFile(name, content)}, kind=kind)


def test_a_workbook_that_unpacks_to_a_gigabyte_is_refused_fast_with_bounded_memory(bomb):
    assert len(bomb) < 3 * MEGABYTE
    tracemalloc.start()
    started = time.monotonic()
    form = _form(bomb, "budget.xlsx", uploads.BUDGET_WORKBOOK)
    valid = form.is_valid()
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert not valid and "Arbetsboken packas upp till mer än" in form.errors["file"][0]
    assert elapsed < 1 and peak < 10 * len(bomb) + 5 * MEGABYTE


def test_opening_a_bomb_directly_is_refused_too(bomb):
    with pytest.raises(excel.NotAWorkbook, match="packas upp"):
        excel.open_workbook(bomb)


def test_one_part_compressed_far_beyond_any_real_sheet_is_refused_even_when_small_overall():
    with pytest.raises(ValidationError, match="komprimerad mer än 200 gånger"):
        uploads.check_workbook(_bomb(20))  # 20 MB of zeros: within the total, not the ratio


def test_a_real_workbook_passes_the_check():
    uploads.check_workbook(xlsx_bytes(HAND_ROWS * 50))


@pytest.mark.parametrize(
    ("content", "name", "kind", "message"),
    [
        (b"", "bok.se", uploads.SIE, "Den skickade filen är tom."),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" * 100, "bok.se", uploads.SIE, "Filen är inte en textfil"),
        (
            b"#FLAGGA 0\r\n" * MEGABYTE,
            "bok.se",
            uploads.SIE,
            "Filen är större än 10 MB, gränsen för en SIE-fil.",
        ),
        (b"not a zip", "budget.xlsx", uploads.BUDGET_WORKBOOK, "Filen är inte en Excel-arbetsbok (.xlsx)."),
        (
            b"#FLAGGA 0\r\n",
            "budget.csv",
            uploads.BUDGET_WORKBOOK,
            "Filen är inte en Excel-arbetsbok (.xlsx).",
        ),
        (b"x" * (11 * MEGABYTE), "budget.xlsx", uploads.BUDGET_WORKBOOK, "Filen är större än 10 MB"),
    ],
)
def test_the_forms_refuse_empty_binary_and_oversized_files_in_swedish(content, name, kind, message):
    form = _form(content, name, kind)
    assert not form.is_valid() and form.errors["file"][0].startswith(message)


@pytest.mark.django_db
def test_an_empty_or_binary_sie_upload_answers_with_a_message(client, office_user, association):
    client.force_login(office_user)
    url = reverse("funding:ledger_upload", args=[association.slug])
    for content in [b"", bytes(range(256)) * 40]:
        page = page_text(client.post(url, {"file": SimpleUploadedFile("bok.se", content)}))
        assert "Den skickade filen är tom." in page or "Filen är inte en textfil" in page
