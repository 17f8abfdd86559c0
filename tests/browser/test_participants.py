"""The participant register through the pages: import a file (refused, then accepted), see the
rows, and read the statistics; the board sees only aggregates with charts."""

import re

from playwright.sync_api import expect

HEADER = "kod;kön;födelseår;insats;inskriven;avslutad;avslutsorsak;försörjning_före;försörjning_efter"


def sofint_file(rows: list[str]) -> dict:
    content = "\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n"
    return {"name": "deltagare.csv", "mimeType": "text/csv", "buffer": content.encode("utf-8")}


EPSILON_2009 = [
    f"E{n:02};{'K' if n % 2 else 'M'};{1975 + n};epsilon;2009-0{1 + n % 9}-01;"
    + (f"2009-12-{10 + n};arbete;sjukpenning;lon" if n <= 8 else ";;sjukpenning;")
    for n in range(1, 21)
]


def test_the_office_imports_a_file_and_reads_the_outcome(demo, login, live_server, axe):
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/sofint/deltagare/")
    expect(page.get_by_text("Inga inskrivningar.")).to_be_visible()
    page.get_by_role("link", name="Importera en fil").click()
    expect(page.get_by_role("heading", name="Importera inskrivningar från en fil")).to_be_visible()
    axe("import page")

    # A personal identity number refuses the file, and the page never repeats it.
    page.get_by_label("Fil").set_input_files(
        sofint_file([*EPSILON_2009, "850709-9805;K;1985;epsilon;2009-03-01;;;ingen;"])
    )
    page.get_by_role("button", name="Importera").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Ingenting importerades: 1 problem")
    expect(alert).to_contain_text("Rad 22, kolumn kod: cellen ser ut som ett personnummer")
    assert "9805" not in page.content()
    axe("import refused")

    page.get_by_label("Fil").set_input_files(sofint_file(EPSILON_2009))
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Filen importerades: 20 nya inskrivningar, 0 ändrade, 0 oförändrade."
    )
    expect(page.get_by_role("cell", name="E01", exact=True)).to_be_visible()
    axe("register")

    page.goto(f"{live_server.url}/forbund/sofint/deltagarstatistik/?ar=2009")
    # 20 enrolled during 2009, 8 ended, all to work: 40 % ended, 100 % of them to work or studies.
    expect(page.get_by_role("row", name=re.compile(r"^Deltagare under året 0 0 20$"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^Andel avslutade — — 40 %$"))).to_be_visible()
    axe("statistics, office")


def test_the_board_reads_the_outcome_with_charts_and_no_rows(demo, login, live_server, axe):
    page = login("styrelse")
    page.goto(f"{live_server.url}/forbund/solleftea/deltagarstatistik/?ar=2025")
    expect(page.get_by_role("heading", name="Deltagare och resultat 2025")).to_be_visible()
    expect(page.get_by_text("Endast sammanställningar; små antal döljs.")).to_be_visible()
    charts = page.locator(".charts img")
    expect(charts).to_have_count(3)
    assert all(width > 300 for width in charts.evaluate_all("images => images.map(i => i.naturalWidth)"))
    expect(page.get_by_role("row", name=re.compile(r"^SamCoach 85 55 55 64,7\s%"))).to_be_visible()
    axe("statistics, board")
    response = page.goto(f"{live_server.url}/forbund/solleftea/deltagare/")
    assert response.status == 404
