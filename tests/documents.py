"""Helpers to read generated documents back the way a user's program would."""

import html
import io
import re

from openpyxl import load_workbook
from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The PDF's text with runs of whitespace (and no-break spaces) as single spaces."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \u00a0\t]+", " ", text)


def pdf_pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def rows(sheet) -> list[tuple]:
    return [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]


def flat_text(content: bytes) -> str:
    """The PDF's text on one line: wrapped cells and lines joined by single spaces."""
    return " ".join(pdf_text(content).split())


def page_text(response) -> str:
    """A page's visible text on one line: tags removed, entities decoded, whitespace collapsed."""
    html_text = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[a-zA-Z/!][^>]*>", " ", html_text)).split())


HOSTILE = '=HYPERLINK("http://127.0.0.1:9/x","klick")'


def assert_text_stays_text(content: bytes, text: str = HOSTILE) -> None:
    """Opened again, the workbook holds `text` as plain text somewhere, and no formula anywhere."""
    book = workbook(content)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    holding = [cell for cell in cells if isinstance(cell.value, str) and text in cell.value]
    assert holding, f"{text!r} is not in the workbook"
    assert all(cell.data_type == "s" for cell in holding)
    assert any(cell.data_type == "n" and cell.value is not None for cell in cells), "numbers stay numbers"
