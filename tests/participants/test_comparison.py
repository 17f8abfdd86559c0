"""Several associations side by side, with the same definitions; one without data for the year is
shown as such, not left out."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import Association, User
from participants.comparison import comparison_table
from tests.demo import load_demo
from tests.documents import flat_text, page_text, rows, workbook

pytestmark = pytest.mark.django_db


def test_two_associations_side_by_side_and_one_without_data(association, imported, other_association):
    table = comparison_table([other_association, association], 2025)
    norr, syd = table.columns
    assert (norr.association.slug, syd.association.slug) == ("norr", "syd")
    assert (norr.has_data, syd.has_data) == (True, False)
    assert str(norr.figures.participants) == "7" and str(norr.figures.ended) == "<5"
    assert norr.figures.figures.cost_per_participant == 114_286


@pytest.fixture
def demo(db):
    load_demo()


def test_the_comparison_report_shows_both_demo_associations(demo, tmp_path):
    pdf = tmp_path / "jamforelse.pdf"
    call_command(
        "render_report",
        "comparison",
        associations="solleftea,sofint",
        year=2025,
        output=str(pdf),
        stdout=io.StringIO(),
    )
    text = flat_text(pdf.read_bytes())
    # Sollefteå has SamCoach's register: 85 persons in 2025, 55 ended. SOFINT's register is empty
    # in the demo: its column is there, with no participants.
    assert "Mått Sollefteå SOFINT Medlemmarnas bidrag, kr 2 776 000 kr 3 240 000 kr" in text
    assert "Deltagare under året 85 0 Andel avslutade 64,7 % —" in text
    assert "Kostnad per deltagare, kr 9 729 kr — Kostnad per avslutad deltagare, kr 15 036 kr —" in text
    # 2010: SOFINT's bookkeeping gives its shares; Sollefteå has no data for that year, and says so.
    call_command(
        "render_report",
        "comparison",
        associations="solleftea,sofint",
        year=2010,
        output=str(pdf),
        stdout=io.StringIO(),
    )
    text = flat_text(pdf.read_bytes())
    assert "Mått Sollefteå inga uppgifter för året SOFINT Medlemmarnas bidrag, kr — 2 900 000 kr" in text
    assert "Administration i andel av bidragen — 23,8 % Eget kapital i andel av bidragen — 34,3 %" in text
    xlsx = tmp_path / "jamforelse.xlsx"
    call_command(
        "render_report",
        "comparison",
        associations="solleftea,sofint",
        year=2025,
        output=str(xlsx),
        stdout=io.StringIO(),
    )
    sheet = {row[0]: list(row[1:]) for row in rows(workbook(xlsx.read_bytes()).active) if row and row[0]}
    assert sheet["Deltagare under året"][0] == 85
    # SOFINT's register is empty in the demo: shown as such, not left out.
    assert sheet["Deltagare under året"][1] in (0, None)
    kansli = User.objects.get(username="kansli")
    assert set(Association.objects.with_aggregates_for(kansli).values_list("slug", flat=True)) >= {
        "solleftea",
        "sofint",
    }


def test_the_comparison_page_for_the_office_of_both(demo, client):
    client.force_login(User.objects.get(username="kansli"))
    page = page_text(
        client.get(
            reverse("participants:comparison"),
            {
                "year": 2025,
                "associations": [
                    Association.objects.get(slug="solleftea").pk,
                    Association.objects.get(slug="sofint").pk,
                ],
            },
        )
    )
    assert "Förbund jämförda 2025" in page and "Deltagare under året 85" in page


def test_nothing_in_the_demo_register_is_suppressed(demo):
    from dataclasses import fields

    from participants.disclosure import Shown
    from participants.documents import participants_report

    solleftea = Association.objects.get(slug="solleftea")
    for year in (2024, 2025):
        report = participants_report(solleftea, year, suppress=True)
        samcoach = next(item for item in report.initiatives if item.initiative.code == "samcoach")
        assert samcoach.figures.participants >= 40
        for item in (report.total, samcoach):
            cells = []
            for item_field in fields(item):
                value = getattr(item, item_field.name)
                cells += value.values() if isinstance(value, dict) else [value]
            hidden = [cell for cell in cells if isinstance(cell, Shown) and cell.hidden]
            assert hidden == [], (year, hidden)
