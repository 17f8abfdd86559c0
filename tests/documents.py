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
