"""A list page in the browser: search, sort by a column header, and the Excel export of what is shown."""

import re
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from funding.models import Invoice


def amounts_on_the_page(page) -> list[Decimal]:
    cells = page.locator("table.table tbody tr td.num").all_inner_texts()
    return [Decimal(re.sub(r"[^\d,-]", "", text.replace("−", "-")).replace(",", ".")) for text in cells]


def test_the_office_searches_sorts_and_exports_the_invoice_list(demo, login, live_server, axe, tmp_path):
    year = Invoice.objects.filter(association__slug="sofint").latest("period_start").period_start.year
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/sofint/fakturor/?year={year}")
    tools = page.get_by_role("search", name="Sök och filtrera")
    tools.get_by_role("textbox", name="Sök").fill("kommun")
    tools.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("textbox", name="Sök")).to_have_value("kommun")
    members = page.locator("table.table tbody tr td:nth-child(2)").all_inner_texts()
    assert members and all("kommun" in member for member in members)

    header = page.get_by_role("columnheader", name="Belopp")
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    page.get_by_role("columnheader", name="Belopp").get_by_role("link").click()
    expect(page.get_by_role("columnheader", name="Belopp")).to_have_attribute("aria-sort", "descending")
    shown = amounts_on_the_page(page)
    assert shown == sorted(shown, reverse=True) and len(shown) == len(members)
    expect(page.get_by_role("textbox", name="Sök")).to_have_value("kommun")  # the search survives the sort
    page.screenshot(path=str(Path(tmp_path) / "invoice-list.png"), full_page=True)
    axe("invoice list, searched and sorted")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exportera till Excel").click()
    download = download_info.value
    assert download.suggested_filename == f"fakturor-sofint-{year}.xlsx"
    saved = Path(tmp_path) / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == members or sorted(row[1] for row in rows) == sorted(members)
    assert all(isinstance(row[6], (int, float)) for row in rows)
    assert [Decimal(str(row[6])) for row in rows] == shown
