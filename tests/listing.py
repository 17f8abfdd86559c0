"""Helpers for the list pages' tests: read a list's Excel export back, the page's rows and cells."""

import io

from openpyxl import load_workbook


def exported(response):
    """The export's rows (header first), read back with openpyxl from the streamed download."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def listed(response):
    return list(response.context["page"])
