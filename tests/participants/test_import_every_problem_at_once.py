"""A refused participant file lists every problem in one answer: a personal identity number, the
file's own mistakes and what the register says against it (issue 15: the number hid 8 others)."""

import pytest

from participants.importing import ImportRejected
from participants.models import AccessLog, Enrolment, Participant
from tests.participants.conftest import HAND_ROWS, csv_bytes
from tests.participants.test_import import register, run_import, with_cells

pytestmark = pytest.mark.django_db

PERSONAL_NUMBER = "850709-9805"


def test_a_personal_identity_number_and_eight_other_errors_are_all_reported_by_row(
    association, steget, vagen
):
    run_import(association, csv_bytes(HAND_ROWS))
    before = register(association)
    rows = [
        with_cells(kod=PERSONAL_NUMBER),  # row 2
        with_cells(kod="P20", kön="Q"),  # 3
        with_cells(kod="P21", insats="okand"),  # 4
        with_cells(kod="P22", födelseår="85"),  # 5
        with_cells(kod="P23", inskriven="igår"),  # 6
        ["P07", "K", "1999", "steget", "2025-06-01", "", "", "ingen", ""],  # 7: P07 is a man born 1999
        ["P02", "M", "1985", "steget", "2025-01-01", "", "", "sjukpenning", ""],  # 8: P02 is enrolled
        with_cells(kod="P24", avslutad="2025-04-01", avslutsorsak="arbete", efter="pengar"),  # 9
        with_cells(kod="P25", före="pengar"),  # 10
    ]
    with pytest.raises(ImportRejected) as refusal:
        run_import(association, csv_bytes(rows))
    problems = refusal.value.problems
    assert [problem.split(":")[0] for problem in problems] == [
        "Rad 2, kolumn kod",
        "Rad 3, kolumn kön",
        "Rad 4, kolumn insats",
        "Rad 5, kolumn födelseår",
        "Rad 6, kolumn inskriven",
        "Rad 9, kolumn försörjning_efter",
        "Rad 10, kolumn försörjning_före",
        "Rad 7, kolumn kön",
        "Rad 8, kolumn inskriven",
    ]
    assert "personnummer" in problems[0]
    assert "koden är registrerad med ett annat kön eller födelseår" in problems[7]
    assert "redan finns i registret" in problems[8]
    everything = " ".join(problems) + str(list(AccessLog.objects.values_list("what", flat=True)))
    assert "850709" not in everything and "9805" not in everything
    assert register(association) == before
    assert not Participant.objects.filter(code__in=["P20", "P21", "P22", "P23", "P24", "P25"]).exists()
    assert Enrolment.objects.filter(initiative__association=association).count() == len(HAND_ROWS)
