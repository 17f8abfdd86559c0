"""Invoices in the browser: the office issues and credits; a member downloads from the portal."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from funding import services
from funding.models import Contribution, Invoice
from members.models import Association
from tests.documents import pdf_text


def test_member_representative_downloads_own_invoice_pdf_from_the_portal(demo, login, live_server, axe):
    page = login("medlem")
    expect(page.get_by_role("heading", name="Väntar på dig")).to_be_visible()
    page.get_by_role("link", name="Våra fakturor").click()
    expect(page.get_by_role("heading", name="Våra fakturor")).to_be_visible()
    axe("portal")
    # Försäkringskassan is a member of both förbund: both send it invoices.
    expect(page.get_by_role("cell", name="Samordningsförbundet i Sollefteå").first).to_be_visible()
    expect(page.get_by_role("cell", name="Samordningsförbundet i norra Örebro län").first).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Faktura \d+$")).first.click()
    axe("portal invoice")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    download = download_info.value
    assert re.fullmatch(r"faktura-\d+\.pdf", download.suggested_filename)
    assert Path(download.path()).read_bytes()[:4] == b"%PDF"
    assert page.goto(f"{live_server.url}/forbund/sofint/fakturor/").status == 404


def test_office_sees_the_calculation_and_credits_an_invoice(demo, login, live_server, axe):
    page = login("kansli")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("link", name="SOFINT").click()
    page.get_by_role("navigation", name=re.compile("Meny för")).get_by_role(
        "link", name="Medlemsbidrag"
    ).click()
    axe("contributions")
    page.get_by_role("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Beräkningen steg för steg")).to_be_visible()
    expect(page.get_by_text("De beräknade andelarna summerar exakt till totalen.")).to_be_visible()
    axe("contribution")
    page.get_by_role("link", name="Visa fakturorna").click()
    axe("invoice list")
    page.get_by_role("link", name=re.compile(r"^Faktura \d+$")).first.click()
    axe("invoice")
    page.get_by_label("Skäl").fill("Fel period")
    page.get_by_role("button", name="Utfärda kreditfaktura").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Kreditfaktura \d+ utfärdades"))
    expect(page.get_by_role("heading", name=re.compile(r"^Kreditfaktura \d+$"))).to_be_visible()


def test_office_start_page_points_to_the_overdue_invoice(demo, login, live_server, axe):
    page = login("kansli")
    link = page.get_by_role("link", name=re.compile(r"förfall(en|na) faktur")).first
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", name="Förfallna fakturor")).to_be_visible()
    expect(page.get_by_role("cell", name="Ljusnarsbergs kommun").first).to_be_visible()
    axe("overdue")


def test_office_chooses_a_later_quarter_previews_a_draft_and_confirms_once(demo, login, live_server, axe):
    next_year = timezone.localdate().year + 1
    sofint = Association.objects.get(slug="sofint")
    contribution = services.save_contribution(
        contribution=Contribution(
            association=sofint,
            year=next_year,
            state_amount=Decimal(1_652_000),
            split_method="population",
            population_date=datetime.date(2024, 12, 31),
            rounding_unit=Decimal(100),
        )
    )
    services.create_invoice_drafts(contribution=contribution)
    page = login("kansli")
    page.goto(f"{live_server.url}/forbund/sofint/fakturor/?year={next_year}&status=draft")
    page.get_by_role("link", name="Välj och utfärda utkast").click()
    expect(page.get_by_role("heading", name=f"Utfärda fakturor {next_year}")).to_be_visible()
    axe("issuing review")
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    page.get_by_role("checkbox", name=f"{next_year}, kvartal 4").check()
    page.get_by_role("button", name="Visa de valda utkasten").click()
    table = page.get_by_role("table").nth(1)
    expect(table.get_by_role("cell", name=f"{next_year}-10-01").first).to_be_visible()
    expect(table.get_by_role("cell", name=f"{next_year}, kvartal 1")).to_have_count(0)
    with page.expect_download() as download_info:
        table.get_by_role("link", name=re.compile("^PDF")).first.click()
    preview = Path(download_info.value.path()).read_bytes()
    assert "UTKAST – inte en giltig faktura" in pdf_text(preview)
    confirm = page.get_by_role("button", name=re.compile(r"^Utfärda \d+ fakturor, summa [\d ]+ kr$"))
    count = int(re.search(r"Utfärda (\d+)", confirm.inner_text()).group(1))
    axe("issuing review with drafts")
    confirm.dblclick()
    # The browser shows the answer to whichever of the two submits finishes last: the first's
    # "issued", or the second's calm "already issued, numbers …". Either way, issued once.
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(f"{count} fakturor utfärdades|Fakturorna har redan utfärdats, nummer")
    )
    issued = Invoice.objects.filter(association=sofint, share__contribution=contribution).exclude(number=None)
    assert issued.count() == count
    assert set(issued.values_list("due_date", flat=True)) == {datetime.date(next_year, 10, 1)}
