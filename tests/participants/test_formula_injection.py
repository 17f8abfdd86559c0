"""User text in the participants app's workbooks and CSV files comes back as plain text, never as a
formula a spreadsheet program would run."""

import csv
import io

import pytest
from django.urls import reverse

from participants import services
from tests.documents import HOSTILE, assert_text_stays_text
from tests.participants.conftest import HAND_ROWS, csv_bytes

pytestmark = pytest.mark.django_db

CODES = ["=1+2", "+46", "-01", "@SUM(A1)"]  # leading tabs and CRs are stripped on import


@pytest.fixture
def hostile(association, steget, vagen, granted):
    association.name = HOSTILE
    association.save()
    steget.name = HOSTILE
    steget.save()
    rows = [*HAND_ROWS, *[[code, *HAND_ROWS[1][1:]] for code in CODES]]
    services.import_file(
        association=association,
        content=csv_bytes(rows),
        filename="d.csv",
        initiatives=association.initiatives.all(),
        user=None,
    )
    return association


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("participants:national_follow_up", ["norr", 2025]),
        ("participants:statistics_document", ["norr", 2025, "xlsx"]),
        ("participants:template", ["norr", "xlsx"]),
    ],
)
def test_names_in_the_workbooks_are_text(client, hostile, office_user, name, args, verified_login):
    verified_login(office_user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert_text_stays_text(response.content)


def test_the_comparison_workbook_keeps_the_forbunds_name_as_text(
    client, hostile, office_user, verified_login
):
    verified_login(office_user)
    response = client.get(
        reverse("participants:comparison_document", args=["xlsx"]),
        {"year": 2025, "associations": [hostile.pk]},
    )
    assert response.status_code == 200
    assert_text_stays_text(response.content)


def test_codes_in_the_csv_export_start_with_an_apostrophe_and_import_again_unchanged(
    client, hostile, office_user, verified_login
):
    verified_login(office_user)
    content = b"".join(client.get(reverse("participants:export", args=["norr"])).streaming_content)
    cells = [
        row[0] for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";")
    ]
    for code in CODES:
        assert "'" + code in cells
    assert "P01" in cells  # ordinary codes are untouched
    again = services.import_file(
        association=hostile,
        content=content,
        filename="export.csv",
        initiatives=hostile.initiatives.all(),
        user=None,
    )
    assert again.created == 0 and again.updated == 0
