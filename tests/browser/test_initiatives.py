"""An initiative goes from application to board decision to running, through the pages."""

import re

from playwright.sync_api import expect


def test_from_application_to_decision_to_running_with_its_history(demo, login, live_server, axe):
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/sofint/insatser/")
    axe("initiative list")
    page.get_by_role("link", name="Ny insats").click()
    page.get_by_label("Namn").fill("Arbetsträning Nora")
    page.get_by_label("Kod").fill("arbetstraning-nora")
    page.get_by_label("Objekt i bokföringen").fill("ATN")
    page.get_by_label("Typ").select_option("individual")
    page.get_by_label("Huvudman").select_option(label="Nora kommun")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Arbetsträning Nora")).to_be_visible()
    expect(page.get_by_text("Ansökan", exact=True).first).to_be_visible()

    page.get_by_role("link", name="Ny ansökan").click()
    page.get_by_label("Från år").fill("2027")
    page.get_by_label("Till år").fill("2027")
    for label, text in [
        ("Samverkansparter och period", "Nora kommun och Arbetsförmedlingen, 2027."),
        ("Syfte", "Fler i arbete."),
        ("Mål och målgrupp", "Minst 20 deltagare."),
        ("Plan", "Arbetsträning med handledare."),
        ("Uppföljningsplan", "Halvårsvis till styrelsen."),
    ]:
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Ansökan sparades")
    axe("application")
    page.get_by_role("button", name="Lämna in till kansliet").click()
    page.get_by_role("button", name="Beredd för styrelsen").click()
    expect(page.get_by_role("status")).to_contain_text("Ansökan är beredd för styrelsen")

    page.goto(f"{live_server.url}/forbund/sofint/moten/")
    page.get_by_role("link", name="Nytt möte").click()
    page.get_by_label("Datum").fill("2026-11-26")  # held: decisions are recorded after the meeting
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Registrera ett beslut").click()
    axe("decision form")
    page.get_by_label("Ärende").fill("Arbetsträning Nora 2027")
    page.get_by_label("Beslut").fill("Styrelsen beviljar Nora kommun medel för arbetsträning 2027.")
    page.get_by_label("Gäller insatsen").select_option(label="Arbetsträning Nora")
    page.get_by_label("Beviljat 2027").fill("300000")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("registrerades")
    expect(page.get_by_text(re.compile(r"Arbetsträning Nora: 2027 300\s000\skr"))).to_be_visible()

    page.goto(f"{live_server.url}/forbund/sofint/insatser/arbetstraning-nora/")
    expect(page.get_by_text("Beviljat", exact=True).first).to_be_visible()
    expect(page.get_by_role("cell", name="300 000 kr")).to_be_visible()
    page.get_by_label("Status").select_option("running")
    page.get_by_role("button", name="Ändra status").click()
    expect(page.get_by_role("status")).to_contain_text("Status är nu Pågående")
    history = page.locator("section.history")
    expect(history).to_contain_text("Karin Kansli")
    expect(history).to_contain_text("Pågående")
    axe("initiative")


def test_the_lead_sees_only_samcoach_and_writes_its_follow_up(demo, login, live_server, axe):
    page = login("insats")
    expect(page.get_by_role("link", name="SamCoach", exact=True)).to_be_visible()
    page.get_by_role("link", name="SamCoach", exact=True).click()
    axe("lead initiative")
    assert page.goto(f"{live_server.url}/forbund/solleftea/insatser/livsstilslyftet/").status == 404
    page.goto(f"{live_server.url}/forbund/solleftea/insatser/samcoach/uppfoljning/2026/")
    page.get_by_label(re.compile("^5\\. Hur har jämställdhetsperspektivet")).fill(
        "Statistiken följs per kön."
    )
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Uppföljningen sparades")
