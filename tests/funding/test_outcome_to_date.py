"""Outcome against the budget to date: a part year's bookkeeping beside the budget for its months."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funding.documents.outcome import outcome_pdf, outcome_workbook
from funding.outcome import months_between, outcome_report
from members.models import Association, User
from tests.demo import load_demo
from tests.documents import flat_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def solleftea(demo):
    return Association.objects.get(slug="solleftea")


def _by_label(lines):
    return {line.label: line for line in lines}


def test_eight_months_of_2026_are_compared_with_eight_twelfths_of_the_budget(solleftea):
    report = outcome_report(solleftea, 2026)
    assert report.booked_to == datetime.date(2026, 8, 31)  # the ledger was exported 2026-09-10
    assert report.is_part_year and report.months_label == "8/12"
    state = _by_label(report.lines)["Staten"]
    # 1 388 000 for the year; 8/12 of it is 925 333, and the eight months' state income is that.
    assert (state.budget, state.budget_to_date, state.outcome) == (1_388_000, 925_333, 925_333)
    assert state.difference_to_date == 0
    income = _by_label(report.summary)["Verksamhetens intäkter"]
    assert income.difference == pytest.approx(-925_335.25)  # what the page used to show as the difference
    assert income.budget_to_date == 1_850_667 and income.difference_to_date == pytest.approx(-2.25)
    assert _by_label(report.summary)["Årets resultat"].budget_to_date == 0


def test_a_closed_year_is_compared_with_the_whole_budget(solleftea):
    report = outcome_report(solleftea, 2025)
    assert report.booked_to == datetime.date(2025, 12, 31) and not report.is_part_year
    line = _by_label(report.lines)["Staten"]
    assert line.budget_to_date == line.budget


def test_a_chosen_date_within_the_booked_months_periodises_to_that_date(solleftea):
    report = outcome_report(solleftea, 2026, datetime.date(2026, 4, 30))
    assert report.booked_to == datetime.date(2026, 4, 30) and report.months_label == "4/12"
    assert _by_label(report.lines)["Staten"].budget_to_date == 462_667
    assert months_between(datetime.date(2026, 1, 1), datetime.date(2026, 2, 14)) == 1.5


def test_the_page_and_the_pdf_say_booked_up_to_and_show_the_budget_to_date(client, solleftea):
    client.force_login(User.objects.get(username="kansli"))
    page = client.get(reverse("funding:outcome", args=["solleftea", 2026])).content.decode()
    page = page.replace("\xa0", " ")
    assert "Bokföring t.o.m. 2026-08-31" in page
    assert "Budget t.o.m. 2026-08-31" in page and "Budget helår" in page
    assert "periodiserad per månad (8/12)" in page
    assert "925 333" in page and "−925 335" not in page
    text = flat_text(outcome_pdf(outcome_report(solleftea, 2026)))
    assert "Bokföring t.o.m. 2026-08-31" in text
    assert "Staten 1 388 000 925 333 925 333 0" in text


def test_the_workbook_has_the_budget_to_date_column(solleftea):
    sheet = load_workbook(io.BytesIO(outcome_workbook(outcome_report(solleftea, 2026)))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][0] == "Bokföring t.o.m. 2026-08-31"
    state = next(row for row in rows if row[0] == "Staten")
    assert state[1:5] == (1_388_000, 925_333, 925_333, 0)
