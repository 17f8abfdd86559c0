"""A förbund with two individual-oriented initiatives and a register small enough to count by hand.

`HAND_ROWS` is the file used across these tests. For 2025, counted by hand:

Steget (granted 600 000 kr for 2025): P01 (two enrolments), P02, P03, P04, P05, P06 are enrolled
at some time in the year: 6 participants; newly enrolled P01 (again), P03, P04, P05, P06: 5;
ended P01, P03, P04, P05: 4 (arbete, studier, arbetssokande, ohalsa). Share ended 4/6 = 66,7 %;
100 000 kr per participant, 150 000 kr per ended participant. P08 ended in 2024 and is not counted.

Vägen (granted 200 000 kr): P03 and P07: 2 participants, 2 new, 1 ended (arbete_med_stod).

The förbund, each person once: P01–P07 = 7 participants, 6 newly enrolled, 4 ended (P03's last
ending is in Vägen, arbete_med_stod). Share ended 4/7 = 57,1 %; work or studies P01, P03 = 2 (50 %),
job-ready P04 = 1, other P05 = 1. Costs 800 000 kr: 114 286 kr per participant, 200 000 kr per
ended participant. Women P01, P03, P06 = 3, men P02, P04, P07 = 3, X P05 = 1. Ages at the first
enrolment counted in the year: 16–29 P03, P07 = 2; 30–49 P01, P02, P05 = 3; 50–64 P04, P06 = 2.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from initiatives import services
from initiatives.models import Initiative
from members.models import BoardMeeting, Decision, Role
from participants import services as participant_services
from participants.importing import HEADERS
from tests.factories import RoleFactory, UserFactory

HAND_ROWS = [
    ["P01", "K", "1990", "steget", "2024-03-01", "2025-02-10", "arbete", "forsorjningsstod", "lon"],
    ["P02", "M", "1985", "steget", "2024-09-01", "", "", "sjukpenning", ""],
    ["P03", "K", "2000", "steget", "2025-01-15", "2025-06-30", "studier", "aktivitetsstod", "studiemedel"],
    ["P04", "M", "1970", "steget", "2025-02-01", "2025-11-30", "arbetssokande", "sjukersattning", "a_kassa"],
    ["P05", "X", "1995", "steget", "2025-03-01", "2025-09-01", "ohalsa", "forsorjningsstod", "sjukpenning"],
    ["P06", "K", "1962", "steget", "2025-04-01", "", "", "a_kassa", ""],
    [
        "P03",
        "K",
        "2000",
        "vagen",
        "2025-07-01",
        "2025-12-15",
        "arbete_med_stod",
        "studiemedel",
        "lon_med_stod",
    ],
    ["P07", "M", "1999", "vagen", "2025-05-01", "", "", "ingen", ""],
    [
        "P08",
        "K",
        "1980",
        "steget",
        "2024-01-10",
        "2024-12-20",
        "avbrott",
        "forsorjningsstod",
        "forsorjningsstod",
    ],
    ["P01", "K", "1990", "steget", "2025-05-01", "", "", "lon", ""],
]


def csv_bytes(rows, *, bom=True, newline="\r\n", headers=HEADERS) -> bytes:
    text = newline.join(";".join(row) for row in [headers, *rows]) + newline
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def xlsx_bytes(rows, *, headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        # As Excel keeps them: the birth year a number, the dates real dates.
        cells = list(row)
        cells[2] = int(cells[2]) if cells[2].isdigit() else cells[2]
        for index in (4, 5):
            if cells[index]:
                cells[index] = datetime.date.fromisoformat(cells[index])
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _initiative(association, code, name, start, end, leads, obj=""):
    owner = association.memberships.first().organisation
    return services.save_initiative(
        initiative=Initiative(
            association=association,
            code=code,
            name=name,
            accounting_object=obj,
            kind=Initiative.Kind.INDIVIDUAL,
            owner=owner,
            start_date=start,
            end_date=end,
        ),
        leads=leads,
    )


@pytest.fixture
def other_lead(association):
    user = UserFactory(username="vagens-ledare")
    RoleFactory(user=user, kind=Role.Kind.LEAD, association=association)
    return user


@pytest.fixture
def steget(association, lead):
    return _initiative(
        association, "steget", "Steget", datetime.date(2024, 1, 1), datetime.date(2026, 12, 31), [lead]
    )


@pytest.fixture
def vagen(association, other_lead):
    return _initiative(
        association, "vagen", "Vägen", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), [other_lead]
    )


@pytest.fixture
def granted(association, steget, vagen):
    meeting = services.save_meeting(
        meeting=BoardMeeting(association=association, date=datetime.date(2024, 12, 10))
    )
    for paragraph, (initiative, amount) in enumerate([(steget, 600_000), (vagen, 200_000)], start=5):
        services.record_decision(
            decision=Decision(meeting=meeting, paragraph=paragraph, title=initiative.name, text="Beviljas."),
            initiative=initiative,
            amounts={2025: Decimal(amount)},
        )


@pytest.fixture
def imported(association, steget, vagen, granted):
    return participant_services.import_file(
        association=association,
        content=csv_bytes(HAND_ROWS),
        filename="deltagare.csv",
        initiatives=[steget, vagen],
        user=None,
    )
