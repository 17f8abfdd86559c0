"""Each demo role logs in through the real login form, walks its main pages, and passes axe-core."""

import re

import pytest
from playwright.sync_api import expect


def visit(page, live_server, path, axe):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200, path
    axe(path)
    return page


def test_office_walks_members_board_and_groups(demo, login, live_server, axe):
    page = login("kansli")
    axe("start page")
    expect(page.get_by_role("heading", name="Samordningsförbundet i norra Örebro län")).to_be_visible()
    expect(page.get_by_role("heading", name="Samordningsförbundet i Sollefteå")).to_be_visible()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="SOFINT").click()
    expect(page.get_by_text("222000-1818", exact=True)).to_be_visible()
    axe("association")
    association_menu = page.get_by_role("navigation", name=re.compile("Meny för"))
    association_menu.get_by_role("link", name="Medlemmar", exact=True).click()
    expect(page.get_by_role("link", name="Lindesbergs kommun")).to_be_visible()
    axe("members")
    association_menu.get_by_role("link", name="Styrelse", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Styrelsen för"))).to_be_visible()
    axe("board")
    association_menu.get_by_role("link", name="Grupper").click()
    axe("groups")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Organisationer").click()
    expect(page.get_by_role("link", name="Region Örebro län")).to_be_visible()
    axe("organisations")


def test_office_adds_a_board_term_and_sees_a_clear_error_for_an_overlap(demo, login, live_server, axe):
    page = login("kansli")
    visit(page, live_server, "/forbund/solleftea/styrelse/", axe)
    page.get_by_role("link", name="Ledamot").first.click()
    page.get_by_role("link", name="Lägg till period").click()
    page.get_by_label("Namn").fill("Överlappande Person")
    page.get_by_label("Perioden börjar").fill("2024-01-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Formuläret kunde inte sparas")
    expect(page.get_by_text(re.compile("Perioden överlappar"))).to_be_visible()
    axe("form with errors")
    page.get_by_label("Perioden börjar").fill("2027-01-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Perioden för Överlappande Person sparades")
    expect(page.get_by_role("cell", name="Överlappande Person", exact=True)).to_be_visible()


def test_board_member_reads_but_cannot_edit(demo, login, live_server, axe):
    page = login("styrelse")
    axe("start page")
    visit(page, live_server, "/forbund/sofint/styrelse/", axe)
    expect(page.get_by_role("link", name="Lägg till plats")).to_have_count(0)
    assert page.goto(f"{live_server.url}/forbund/sofint/styrelse/platser/ny/").status == 404


def test_member_representative_sees_their_organisation_only(demo, login, live_server, axe):
    page = login("medlem")
    axe("start page")
    expect(page.get_by_role("heading", name="Försäkringskassan")).to_be_visible()
    expect(page.get_by_role("cell", name="Samordningsförbundet i Sollefteå").first).to_be_visible()
    assert page.goto(f"{live_server.url}/forbund/sofint/").status == 404


def test_auditor_reads_the_history(demo, login, live_server, axe):
    page = login("revisor")
    visit(page, live_server, "/forbund/sofint/", axe)
    expect(page.get_by_role("heading", name="Historik")).to_be_visible()


def test_initiative_lead_logs_in_to_an_empty_start(demo, login, live_server, axe):
    page = login("insats")
    axe("start page")
    expect(page.get_by_text("Insatsansvarig")).to_be_visible()
    assert page.goto(f"{live_server.url}/forbund/solleftea/medlemmar/").status == 404


@pytest.mark.parametrize("path", ["/konto/logga-in/"])
def test_login_page_is_accessible(page, live_server, axe, path, db):
    page.goto(f"{live_server.url}{path}")
    axe("login")
    expect(page.get_by_role("heading", name="Logga in i Finsam")).to_be_visible()
