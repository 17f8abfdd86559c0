"""The three-year budget: seed 003's figures, versions, adoption, PDF and the Excel round trip."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from funding import budgets
from funding.budgets import budget_table
from funding.documents.budget_pdf import budget_pdf
from funding.documents.budget_xlsx import budget_workbook, read_budget_workbook
from funding.models import Budget, BudgetLine
from members.models import Association, Role, User
from tests.demo import load_demo
from tests.documents import flat_text, pdf_pages, pdf_text
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db

SEED_ROOM = [745_000, 1_169_500, 1_996_500]


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def solleftea_budget(demo):
    return Budget.objects.get(association__slug="solleftea", first_year=2025)


def test_the_solleftea_budget_gives_the_seeds_remaining_room_and_a_zero_result(solleftea_budget):
    table = budget_table(solleftea_budget)
    assert table.income == [2_776_000] * 3
    assert table.sections[1].totals == [1_251_500, 827_000, 0]  # initiatives
    assert table.sections[2].totals == [774_500] * 3  # board and office
    assert table.sections[3].totals == [5_000] * 3  # bank costs
    assert table.room == SEED_ROOM
    assert table.result == [0, 0, 0]
    assert solleftea_budget.is_adopted and str(solleftea_budget.adopted_on) == "2024-11-28"


def test_the_budget_pdf_shows_the_seed_layout_and_figures(solleftea_budget):
    text = flat_text(budget_pdf(budget_table(solleftea_budget)))
    for expected in [
        "Budget 2025–2027",
        "Verksamhetens intäkter",
        "Summa verksamhetens intäkter 2 776 000 kr 2 776 000 kr 2 776 000 kr",
        "Kostnader för insatser",
        "SamCoach −827 000 kr −827 000 kr 0 kr",
        "Summa kostnader för insatser −1 251 500 kr −827 000 kr 0 kr",
        "Summa styrelse och kansli −774 500 kr −774 500 kr −774 500 kr",
        "Bankkostnader −5 000 kr −5 000 kr −5 000 kr",
        "Kvarvarande beslutsutrymme av medelstilldelning för året −745 000 kr −1 169 500 kr −1 996 500 kr",
        "Beräknat resultat 0 kr 0 kr 0 kr",
        "Org.nr 222000-2121",
    ]:
        assert expected in text, expected
    assert pdf_pages(budget_pdf(budget_table(solleftea_budget))) == 1  # one page, as the seed's


def test_the_budget_excel_has_the_seeds_figures_as_numbers(solleftea_budget):
    book = load_workbook(io.BytesIO(budget_workbook(budget_table(solleftea_budget))))
    rows = {row[1]: row for row in book["Budget"].iter_rows(values_only=True) if row[1]}
    assert rows["Kvarvarande beslutsutrymme av medelstilldelning för året"][4:7] == (
        -745_000,
        -1_169_500,
        -1_996_500,
    )
    assert rows["Beräknat resultat"][4:7] == (0, 0, 0)
    assert rows["SamCoach"][4:7] == (-827_000, -827_000, 0)
    assert rows["Staten"][4:7] == (1_388_000, 1_388_000, 1_388_000)


def test_export_edit_import_gives_the_edited_budget(solleftea_budget):
    content = budget_workbook(budget_table(solleftea_budget))
    book = load_workbook(io.BytesIO(content))
    sheet = book["Budget"]
    for row in sheet.iter_rows(min_row=6):
        if row[1].value == "Styrelse":
            row[5].value = -90_000  # 2026
        if (
            row[1].value == "Samsjuklighetskoordinator" and not row[2].value
        ):  # the typed line, not the grant's
            row[4].value = "-35 000"  # typed as text, the Swedish way
        if row[1].value == "SamCoach":
            row[5].value = -1  # decided by the board: the workbook cannot change it
    sheet.insert_rows(12)
    for column, value in enumerate(
        ["Kostnader för insatser", "Ny insats 2026", None, None, 0, -50_000, 0, None], 1
    ):
        sheet.cell(row=12, column=column, value=value)
    edited = io.BytesIO()
    book.save(edited)
    lines, results = read_budget_workbook(edited.getvalue())
    revision = budgets.replace_lines(budget=solleftea_budget, lines=lines, planned_results=results)
    # The adopted budget is frozen: the import became version 2.
    assert revision.version == 2 and not revision.is_adopted and revision.based_on == solleftea_budget
    assert budget_table(solleftea_budget).room == SEED_ROOM
    amounts = {(line.label, line.source != ""): line.amounts for line in revision.lines.all()}
    assert amounts[("Styrelse", False)] == [85_000, 90_000, 85_000]
    assert amounts[("Samsjuklighetskoordinator", False)] == [35_000, 0, 0]
    assert amounts[("Ny insats 2026", False)] == [0, 50_000, 0]
    assert amounts[("SamCoach", True)] == [827_000, 827_000, 0]
    # A revision made now also carries the two initiatives the board decided during 2025 from the
    # undecided room (440 000 + 305 000 in 2025, 600 000 + 569 500 in 2026): the room is used up,
    # and the edits above overdraw it.
    assert amounts[("Samsjuklighetskoordinator", True)] == [440_000, 600_000, 0]
    assert budget_table(revision).room == [-35_000, -55_000, 1_996_500]
    # And the round trip holds: exporting the revision and importing it changes nothing.
    lines_again, _ = read_budget_workbook(budget_workbook(budget_table(revision)))
    assert sorted((line.section, line.label, line.amounts) for line in lines_again) == sorted(
        (line.section, line.label, line.amounts) for line in revision.lines.all()
    )


def test_a_bad_workbook_names_sheet_and_cell_and_changes_nothing(solleftea_budget):
    book = load_workbook(io.BytesIO(budget_workbook(budget_table(solleftea_budget))))
    sheet = book["Budget"]
    sheet["E9"] = 67_500  # a cost typed positive
    sheet["F10"] = "många"
    sheet["A11"] = "Okänt avsnitt"
    edited = io.BytesIO()
    book.save(edited)
    with pytest.raises(ValidationError) as error:
        read_budget_workbook(edited.getvalue())
    assert error.value.messages == [
        "Bladet Budget, cell E9: Kostnader anges som negativa belopp.",
        "Bladet Budget, cell F10: många är inget belopp.",
        "Bladet Budget, cell A11: Okänt avsnitt Okänt avsnitt.",
    ]
    assert Budget.objects.filter(association=solleftea_budget.association).count() == 1


def test_a_file_that_is_not_a_workbook_is_refused(db):
    with pytest.raises(ValidationError) as error:
        read_budget_workbook(b"not a zip")
    assert error.value.messages == ["Filen är inte en Excel-arbetsbok (.xlsx)."]


def test_an_adopted_budget_is_frozen_and_revised_as_a_new_version(solleftea_budget):
    line = solleftea_budget.lines.first()
    line.amount_1 = Decimal(1)
    with pytest.raises(ValidationError):
        budgets.save_budget_line(line=line)
    with pytest.raises(ValidationError):
        budgets.delete_budget_line(line=line)
    with pytest.raises(ValidationError):
        budgets.adopt_budget(
            budget=solleftea_budget, adopted_on=solleftea_budget.adopted_on, decision_reference="x"
        )
    revision = budgets.revise_budget(budget=solleftea_budget)
    # The revision carries the lines decided since: the two initiatives granted during 2025.
    assert revision.version == 2 and revision.lines.count() == solleftea_budget.lines.count() + 2
    revised_line = revision.lines.get(label="Styrelse")
    revised_line.amount_2 = Decimal(90_000)
    budgets.save_budget_line(line=revised_line)
    assert budget_table(revision).room[1] == -5_000
    assert budget_table(solleftea_budget).room[1] == 1_169_500


def test_a_negative_amount_is_refused(solleftea_budget):
    revision = budgets.revise_budget(budget=solleftea_budget)
    with pytest.raises(ValidationError):
        budgets.save_budget_line(
            line=BudgetLine(budget=revision, section="initiatives", label="Fel", amount_1=Decimal(-5))
        )


def test_the_budget_page_shows_versions_and_the_office_imports_through_it(client, solleftea_budget):
    office = User.objects.get(username="kansli")
    client.force_login(office)
    page = client.get(solleftea_budget.get_absolute_url()).content.decode().replace("\xa0", " ")
    assert "−745 000 kr" in page and "Antagen" in page
    content = budget_workbook(budget_table(solleftea_budget))
    upload = io.BytesIO(content)
    upload.name = "budget.xlsx"
    response = client.post(
        reverse("funding:budget_import", args=["solleftea", solleftea_budget.pk]),
        {"file": upload},
        follow=True,
    )
    assert "Arbetsboken importerades till Budget 2025–2027, version 2" in response.content.decode()


def test_who_sees_the_budget(client, solleftea_budget):
    association = Association.objects.get(slug="solleftea")
    url = solleftea_budget.get_absolute_url()
    board = RoleFactory(kind=Role.Kind.BOARD, association=association).user
    client.force_login(board)
    assert client.get(url).status_code == 200
    assert (
        client.post(reverse("funding:budget_revise", args=["solleftea", solleftea_budget.pk])).status_code
        == 404
    )
    for username in ("medlem", "insats"):
        client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == 404
    sofint_only = RoleFactory(kind=Role.Kind.OFFICE, association=Association.objects.get(slug="sofint")).user
    client.force_login(sofint_only)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("funding:budget_detail", args=["sofint", solleftea_budget.pk])).status_code == 404
    )


def test_render_report_budget_writes_pdf_and_excel(solleftea_budget, tmp_path):
    call_command(
        "render_report",
        "budget",
        "--association",
        "solleftea",
        "--year",
        "2025",
        "--output",
        str(tmp_path / "b.pdf"),
        stdout=io.StringIO(),
    )
    assert "−1 996 500 kr" in pdf_text((tmp_path / "b.pdf").read_bytes())
    call_command(
        "render_report",
        "budget",
        "--association",
        "solleftea",
        "--year",
        "2025",
        "--output",
        str(tmp_path / "b.xlsx"),
        stdout=io.StringIO(),
    )
    rows = list(load_workbook(tmp_path / "b.xlsx")["Budget"].iter_rows(values_only=True))
    assert any(
        row[1] == "Kvarvarande beslutsutrymme av medelstilldelning för året" and row[4] == -745_000
        for row in rows
    )
