"""The annual report's review flow through the pages: the office drafts and writes, the board
comments, the office records the adoption; the archived PDF's SHA-256 is shown and it downloads."""

import hashlib
import re
from pathlib import Path

from playwright.sync_api import expect

from reporting.sections import ANNUAL


def test_draft_comment_adopt_and_download(demo, login, live_server, axe, browser):
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/sofint/rapporter/")
    axe("report list")
    # The list's own search and filter form has a year too: fill in the form that makes a draft.
    create = page.locator("form").filter(has=page.get_by_role("button", name="Skapa utkastet"))
    create.get_by_label("Typ").select_option("annual")
    create.get_by_label("År", exact=True).fill("2011")
    create.get_by_role("button", name="Skapa utkastet").click()
    expect(page.get_by_role("heading", name="Årsredovisning 2011")).to_be_visible()
    expect(page.get_by_text("9 avsnitt är tomma")).to_be_visible()
    axe("draft")
    for spec in ANNUAL:
        page.locator(f"#avsnitt-{spec.key}").get_by_role("link", name=re.compile("^Skriv")).click()
        page.get_by_label("Text").fill(f"Kansliets text om {spec.key}.\n\n## Mer\n\nFler ord.")
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_role("status")).to_contain_text("Avsnittet sparades.")
    expect(page.get_by_text("avsnitt är tom")).to_have_count(0)
    page.get_by_role("button", name="Dela med styrelsen").click()
    expect(page.get_by_role("status")).to_contain_text("Rapporten är delad med styrelsen.")
    report_url = page.url

    board = browser.new_context(bypass_csp=True, locale="sv-SE").new_page()
    board.goto(f"{live_server.url}/konto/logga-in/")
    board.get_by_label("Användarnamn").fill("styrelse")
    board.get_by_label("Lösenord").fill("finsam-demo-2025")
    board.get_by_role("button", name="Logga in").click()
    board.goto(report_url)
    board.get_by_label("Kommentera ”Årets verksamhet”").fill("Nämn ESF-projektet SAMS.")
    board.locator("#avsnitt-activity").get_by_role("button", name="Kommentera").click()
    expect(board.get_by_role("status")).to_contain_text("Din kommentar sparades.")
    expect(board.locator("#avsnitt-activity")).to_contain_text("Nämn ESF-projektet SAMS.")
    expect(board.get_by_role("link", name=re.compile("^Skriv"))).to_have_count(0)

    page.goto(report_url)
    expect(page.locator("#avsnitt-activity")).to_contain_text("Nämn ESF-projektet SAMS.")
    page.get_by_role("link", name="Registrera styrelsens antagande").click()
    page.get_by_label("Styrelsemöte").fill("2012-03-22")
    page.get_by_label("Paragraf (§)").fill("6")
    page.get_by_label("Ort för underskrift").fill("Lindesberg")
    page.get_by_role("button", name="Anta och arkivera").click()
    expect(page.get_by_role("status")).to_contain_text("Rapporten är antagen och arkiverad.")
    digest = page.locator("code.hash").inner_text()
    axe("adopted report")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF (som antagen)").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == digest
