"""Importing a ledger in the browser: the file is checked and previewed, and imported on confirmation."""

import re
from pathlib import Path

from playwright.sync_api import expect

DEMO_LEDGER = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "sofint-2011.se"


def test_office_previews_a_ledger_and_confirms_the_import(demo, login, live_server, axe):
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/sofint/bokforing/")
    page.get_by_role("link", name="Importera SIE-fil").click()
    page.get_by_label("Fil").set_input_files(DEMO_LEDGER)
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.get_by_role("heading", name="Kontrollera filen innan den importeras")).to_be_visible()
    # The demo already holds 2011: the page says what the import replaces, and nothing changed yet.
    expect(page.get_by_role("heading", name="2011 har importerats tidigare")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^2011 \(importeras\) 2011-01-01"))).to_be_visible()
    axe("ledger preview")
    page.get_by_role("button", name="Ersätt året med den här filen").click()
    expect(page.get_by_text(re.compile("Bokföringen för 2011 importerades"))).to_be_visible()
    expect(page.get_by_text("Balansräkningen balanserar.")).to_be_visible()
