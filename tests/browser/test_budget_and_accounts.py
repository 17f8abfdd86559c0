"""Budget, bookkeeping, outcome and key figures in the browser, with the accessibility check."""

import re

from playwright.sync_api import expect


def test_office_reads_the_adopted_budget_and_revises_it(demo, login, live_server, axe):
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/solleftea/budget/")
    axe("budget list")
    page.get_by_role("link", name=re.compile("Budget 2025–2027, version 1")).click()
    expect(page.get_by_role("cell", name="−745 000 kr")).to_be_visible()
    expect(page.get_by_role("cell", name="−1 996 500 kr")).to_be_visible()
    axe("budget")
    page.get_by_role("button", name="Revidera: gör en ny version").click()
    expect(page.get_by_role("heading", name="Budget 2025–2027, version 2")).to_be_visible()
    page.get_by_role("link", name="Ändra Styrelse").click()
    page.get_by_label("2026").fill("95000")
    page.get_by_role("button", name="Spara").click()
    # The revision also carries the initiatives decided during 2025, which used up the 2026 room:
    # ten thousand more for the board overdraws it, and the page says so.
    expect(page.get_by_role("cell", name=re.compile(r"^10\s000\skr Över budget$"))).to_be_visible()


def test_office_reads_the_outcome_up_to_31_august_and_key_figures(demo, login, live_server, axe):
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/sofint/bokforing/")
    axe("bookkeeping")
    page.get_by_role("link", name="2010", exact=True).click()
    expect(page.get_by_text("Balansräkningen balanserar.")).to_be_visible()
    axe("ledger year")
    page.get_by_role("link", name="Utfall mot budget").first.click()
    page.get_by_role("link", name="31 augusti").click()
    expect(
        page.get_by_role("heading", name="Utfall mot budget 2010, till och med 2010-08-31")
    ).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Kvinnoprojektet"))).to_be_visible()
    axe("outcome")
    page.goto(f"{live_server.url}/forbund/sofint/nyckeltal/")
    expect(page.get_by_role("row", name=re.compile("^2009"))).to_be_visible()
    axe("key figures")


def test_board_member_reads_the_budget_but_cannot_import(demo, login, live_server, axe):
    page = login("styrelse")
    page.goto(f"{live_server.url}/forbund/solleftea/budget/")
    expect(page.get_by_role("button", name="Nytt budgetförslag")).to_have_count(0)
    assert page.goto(f"{live_server.url}/forbund/sofint/bokforing/importera/").status == 404
