"""The identity-number filter: a personal or coordination number is refused in every way it is
written, ordinary codes are not, and refusing one neither hides the file's other problems nor
repeats the number."""

import pytest
from django.urls import reverse

from participants.models import Enrolment
from tests.documents import page_text
from tests.participants.conftest import HAND_ROWS, csv_bytes
from tests.participants.test_import import GOOD, rejected, run_import, with_cells
from tests.participants.test_register_pages import form

pytestmark = pytest.mark.django_db

# Every number below has a valid check digit (Luhn), as a real one would.
WRITTEN_FORMS = [
    "850190-1238",  # coordination number (samordningsnummer): day 30 + 60
    "85-01-01-1236",
    "850101.1236",
    "850101\u20131236",  # en dash
    "850101\u20141236",  # em dash
    "850101 1236",
    "\uff18\uff15\uff10\uff11\uff10\uff11-\uff11\uff12\uff13\uff16",  # full-width digits
    "\uff18\uff15\uff10\uff11\uff10\uff11\uff0d\uff11\uff12\uff13\uff16",  # full-width hyphen too
    "\u0668\u0665\u0660\u0661\u0660\u0661\u0661\u0662\u0663\u0666",  # Arabic-Indic digits
    "19850101-1236",
    "198501011236",
    "Kalle 850101-1236",
]


@pytest.mark.parametrize("value", WRITTEN_FORMS)
def test_a_personal_number_in_any_written_form_refuses_the_file(association, steget, vagen, value):
    problems = rejected(association, [*HAND_ROWS, with_cells(kod=value)])
    assert problems == [
        "Rad 12, kolumn kod: cellen ser ut som ett personnummer. "
        "Registret får bara innehålla pseudonyma koder; ta bort det."
    ]


@pytest.mark.parametrize("value", WRITTEN_FORMS)
def test_a_personal_number_in_any_written_form_is_refused_on_the_page(
    client, association, steget, office_user, value, verified_login
):
    verified_login(office_user)
    response = client.post(reverse("participants:enrolment_create", args=["norr"]), form(steget, code=value))
    assert response.status_code == 200
    assert "Koden såg ut som ett personnummer och togs bort." in page_text(response)
    assert value not in response.content.decode()
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("code", ["SC-2025-017", "ABC123", "A-0001", "2025-0001", "P-19850101", "KOD 1234"])
def test_ordinary_codes_are_not_flagged(association, steget, vagen, code):
    result = run_import(association, csv_bytes([with_cells(kod=code)]))
    assert result.created == 1


def test_a_personal_number_is_reported_together_with_the_files_other_problems(association, steget, vagen):
    bad_rows = [
        with_cells(kod="850190-1238", kön="Q"),
        with_cells(kod="P20", födelseår="87"),
        with_cells(kod="P21", insats="okand"),
        with_cells(kod="P22", inskriven="1 mars"),
        with_cells(kod="P23", avslutad="2025-04-01"),
        with_cells(kod="P24", före="lotto"),
        with_cells(kod="P25", efter="lon"),
    ]
    problems = rejected(association, [GOOD, *bad_rows])
    assert problems[0].startswith("Rad 3, kolumn kod: cellen ser ut som ett personnummer.")
    assert problems[1:] == [
        "Rad 3, kolumn kön: Q är inte K, M eller X.",
        "Rad 4, kolumn födelseår: ange födelseåret med fyra siffror, t.ex. 1987.",
        "Rad 5, kolumn insats: okänd insats okand.",
        "Rad 6, kolumn inskriven: ange datumet som ÅÅÅÅ-MM-DD.",
        "Rad 7, kolumn avslutsorsak: inskrivningen är avslutad men saknar avslutsorsak.",
        "Rad 7, kolumn försörjning_efter: inskrivningen är avslutad men saknar försörjning vid avslut.",
        "Rad 8, kolumn försörjning_före: okänd försörjning lotto.",
        "Rad 9, kolumn försörjning_efter: en försörjning vid avslut utan avslutsdatum.",
    ]
    for problem in problems:
        assert "8501901238" not in problem.replace("-", "") and "1238" not in problem


def test_a_nul_byte_in_a_participant_code_gets_a_swedish_message(association, steget, vagen):
    problems = rejected(association, [with_cells(kod="P\x0001")])
    assert problems == ["Rad 2, kolumn kod: cellen innehåller ett NUL-tecken; ta bort det."]


def test_a_nul_byte_typed_on_the_page_gets_a_swedish_message(
    client, association, steget, office_user, verified_login
):
    verified_login(office_user)
    response = client.post(
        reverse("participants:enrolment_create", args=["norr"]), form(steget, code="N\x00-1")
    )
    assert response.status_code == 200
    assert "Null-tecken är inte tillåtna." in page_text(response)
    assert not Enrolment.objects.exists()
