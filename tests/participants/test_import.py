"""Import of enrolments: well-formed files in every accepted form, re-import changing nothing, and
each kind of bad file refused whole, with row and column, and a personal identity number never echoed."""

import io
import logging

import pytest
from django.core.management import CommandError, call_command

from participants import services
from participants.importing import ImportRejected
from participants.models import AccessLog, Enrolment, Participant
from tests.participants.conftest import HAND_ROWS, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def run_import(association, content, filename="deltagare.csv"):
    return services.import_file(
        association=association,
        content=content,
        filename=filename,
        initiatives=association.initiatives.all(),
        user=None,
    )


def register(association):
    return sorted(
        Enrolment.objects.filter(initiative__association=association).values_list(
            "participant__code",
            "participant__gender",
            "participant__birth_year",
            "initiative__code",
            "start_date",
            "end_date",
            "end_reason",
            "income_before",
            "income_after",
        )
    )


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (csv_bytes(HAND_ROWS), "deltagare.csv"),  # as Swedish Excel saves "CSV UTF-8": BOM, CRLF
        (csv_bytes(HAND_ROWS, bom=False, newline="\n"), "deltagare.csv"),
        (xlsx_bytes(HAND_ROWS), "deltagare.xlsx"),
    ],
    ids=["csv-bom-crlf", "csv-lf", "xlsx"],
)
def test_a_well_formed_file_is_imported_row_for_row(association, steget, vagen, content, filename):
    result = run_import(association, content, filename)
    assert (result.created, result.updated, result.unchanged, result.participants_created) == (10, 0, 0, 8)
    rows = register(association)
    assert len(rows) == 10
    first = next(row for row in rows if row[0] == "P04")
    assert [str(value) for value in first] == [
        "P04",
        "M",
        "1970",
        "steget",
        "2025-02-01",
        "2025-11-30",
        "arbetssokande",
        "sjukersattning",
        "a_kassa",
    ]
    ongoing = next(row for row in rows if row[0] == "P07")
    assert ongoing[5] is None and ongoing[6] == "" and ongoing[8] == ""


def test_importing_the_same_rows_again_changes_nothing_and_a_changed_row_is_updated(
    association, steget, vagen
):
    run_import(association, csv_bytes(HAND_ROWS))
    before = register(association)
    again = run_import(association, xlsx_bytes(HAND_ROWS), "igen.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)
    assert register(association) == before
    assert Participant.objects.filter(association=association).count() == 8
    # P02's enrolment has now ended: the same row (code, initiative, start) with its end.
    changed = [row[:] for row in HAND_ROWS]
    changed[1][5:] = ["2025-10-31", "studier", "sjukpenning", "studiemedel"]
    result = run_import(association, csv_bytes(changed))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 9)
    p02 = Enrolment.objects.get(participant__code="P02")
    assert (str(p02.end_date), p02.end_reason, p02.income_after) == ("2025-10-31", "studier", "studiemedel")


def rejected(association, rows, **kwargs):
    """Import a file that must be refused; return its problems and prove no row was written.

    The refusal itself is logged, with how many problems it had and nothing of what they were.
    """
    content = csv_bytes(rows, **kwargs)
    before = register(association), list(AccessLog.objects.values_list("pk", flat=True))
    with pytest.raises(ImportRejected) as refusal:
        run_import(association, content)
    assert register(association) == before[0]
    refused = AccessLog.objects.exclude(pk__in=before[1]).get()
    assert (refused.action, refused.rows, refused.problems) == ("refused", 0, len(refusal.value.problems))
    return refusal.value.problems


GOOD = ["P10", "K", "1988", "steget", "2025-03-01", "", "", "forsorjningsstod", ""]


def with_cells(**cells):
    row = list(GOOD)
    columns = ["kod", "kön", "födelseår", "insats", "inskriven", "avslutad", "avslutsorsak", "före", "efter"]
    for name, value in cells.items():
        row[columns.index(name)] = value
    return row


@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        (with_cells(insats="okand"), "insats", "okänd insats okand"),
        (with_cells(kön="Q"), "kön", "är inte K, M eller X"),
        (with_cells(födelseår="88"), "födelseår", "fyra siffror"),
        (with_cells(avslutsorsak="pension"), "avslutsorsak", "okänd avslutsorsak pension"),
        (with_cells(före="lotto"), "försörjning_före", "okänd försörjning lotto"),
        (
            with_cells(avslutad="2025-02-01", avslutsorsak="arbete", efter="lon"),
            "avslutad",
            "slutar innan den börjar",
        ),
        (with_cells(avslutsorsak="arbete"), "avslutsorsak", "avslutsorsak utan avslutsdatum"),
        (with_cells(avslutad="2025-06-01", efter="lon"), "avslutsorsak", "saknar avslutsorsak"),
        (with_cells(inskriven="2023-12-31"), "inskriven", "utanför insatsens period"),
        (with_cells(inskriven="1 mars 2025"), "inskriven", "ÅÅÅÅ-MM-DD"),
        (with_cells(kod=""), "kod", "koden saknas"),
    ],
    ids=[
        "unknown-initiative",
        "unknown-gender",
        "two-digit-birth-year",
        "unknown-end-reason",
        "unknown-income-source",
        "end-before-start",
        "reason-without-end",
        "end-without-reason",
        "outside-the-period",
        "not-a-date",
        "no-code",
    ],
)
def test_each_kind_of_bad_row_refuses_the_whole_file_naming_row_and_column(
    association, steget, vagen, bad_row, column, words
):
    problems = rejected(association, [*HAND_ROWS, bad_row])
    row_number = len(HAND_ROWS) + 2  # the header is row 1
    assert any(
        problem.startswith(f"Rad {row_number}, kolumn {column}:") and words in problem for problem in problems
    ), problems
    assert Participant.objects.count() == 0


def test_overlapping_enrolments_of_one_person_in_one_initiative_are_refused(association, steget, vagen):
    overlapping = ["P02", "M", "1985", "steget", "2025-01-01", "", "", "sjukpenning", ""]
    problems = rejected(association, [*HAND_ROWS, overlapping])
    assert problems == ["Rad 12, kolumn inskriven: överlappar samma persons inskrivning i insatsen på rad 3."]
    # Against the register too: P02 is already enrolled from 2024-09-01 and has not ended.
    run_import(association, csv_bytes(HAND_ROWS))
    problems = rejected(association, [overlapping])
    assert problems == [
        "Rad 2, kolumn inskriven: överlappar personens inskrivning från 2024-09-01 som redan finns i registret."
    ]


def test_a_code_reused_with_another_gender_or_birth_year_is_refused(association, steget, vagen):
    run_import(association, csv_bytes(HAND_ROWS))
    problems = rejected(association, [["P07", "K", "1999", "steget", "2025-05-01", "", "", "ingen", ""]])
    assert problems == ["Rad 2, kolumn kön: koden är registrerad med ett annat kön eller födelseår."]


def test_every_problem_of_the_file_is_listed_not_only_the_first(association, steget, vagen):
    problems = rejected(association, [with_cells(kön="Q"), with_cells(insats="okand"), GOOD])
    assert [problem.split(":")[0] for problem in problems] == ["Rad 2, kolumn kön", "Rad 3, kolumn insats"]


@pytest.mark.parametrize("headers", [["kod", "kon"], ["kod;kön"], []], ids=["wrong", "one-cell", "empty"])
def test_a_file_without_exactly_the_headers_is_refused(association, steget, headers):
    problems = rejected(association, [GOOD], headers=headers or [""])
    assert problems == [
        "Rad 1 ska ha exakt dessa rubriker: "
        "kod;kön;födelseår;insats;inskriven;avslutad;avslutsorsak;försörjning_före;försörjning_efter."
    ]


def test_a_file_that_is_not_utf8_is_refused(association, steget):
    content = csv_bytes([GOOD], bom=False).decode("utf-8").encode("cp1252")
    with pytest.raises(ImportRejected) as refusal:
        run_import(association, content)
    assert "UTF-8" in refusal.value.problems[0]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("kod", "850709-9805"),
        ("kod", "198507099805"),
        ("kod", "19850709-9805"),
        ("kod", "8507099805"),
        ("kod", "Anna 850709-9805"),
        ("avslutsorsak", "850709+9805"),
        ("kod", "850769-9805"),  # a samordningsnummer: the day plus 60
    ],
)
def test_a_personal_identity_number_refuses_the_file_and_is_never_echoed_or_logged(
    association, steget, vagen, column, value, caplog
):
    row = with_cells(**{column: value})
    caplog.set_level(logging.DEBUG)
    problems = rejected(association, [*HAND_ROWS, row])
    assert problems == [
        f"Rad 12, kolumn {column}: cellen ser ut som ett personnummer. "
        "Registret får bara innehålla pseudonyma koder; ta bort det."
    ]
    digits = value.replace("-", "").replace("+", "")[-10:]
    everything = (
        " ".join(problems) + caplog.text + str(list(AccessLog.objects.values_list("what", flat=True)))
    )
    assert digits[:6] not in everything and digits[-4:] not in everything


def test_codes_and_dates_that_only_resemble_numbers_are_accepted(association, steget, vagen):
    rows = [with_cells(kod="A-0001"), with_cells(kod="2025-0001", inskriven="2025-04-01")]
    result = run_import(association, csv_bytes(rows))
    assert result.created == 2


def test_a_lead_may_import_only_into_their_own_initiatives(association, steget, vagen, lead):
    content = csv_bytes(HAND_ROWS)
    with pytest.raises(ImportRejected) as refusal:
        services.import_file(
            association=association, content=content, filename="d.csv", initiatives=[steget], user=lead
        )
    assert all("vagen" in problem for problem in refusal.value.problems)
    assert Enrolment.objects.count() == 0


def test_the_command_imports_and_refuses_like_the_page(association, steget, vagen, tmp_path):
    good = tmp_path / "deltagare.xlsx"
    good.write_bytes(xlsx_bytes(HAND_ROWS))
    out = io.StringIO()
    call_command("import_participants", str(good), association="norr", stdout=out)
    assert "10 nya inskrivningar, 0 ändrade, 0 oförändrade" in out.getvalue()
    call_command("import_participants", str(good), association="norr", stdout=out)
    assert "0 nya inskrivningar, 0 ändrade, 10 oförändrade" in out.getvalue()
    bad = tmp_path / "fel.csv"
    bad.write_bytes(csv_bytes([with_cells(kod="850709-9805")]))
    with pytest.raises(CommandError) as refusal:
        call_command("import_participants", str(bad), association="norr")
    assert "Rad 2, kolumn kod" in str(refusal.value) and "9805" not in str(refusal.value)
    assert Enrolment.objects.count() == 10
    entry = AccessLog.objects.filter(action="import").first()
    assert (entry.user, entry.rows, entry.what) == (None, 10, "Import av deltagare.xlsx")
