"""Workflow states follow their decisions and dates: a decided application says so, an initiative
whose period is over has ended, and a grant decided after the budget was adopted is flagged."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from funding import budgets
from initiatives import services
from initiatives.models import Application, Initiative
from members.models import BoardMeeting, Decision
from tests.documents import page_text

pytestmark = pytest.mark.django_db


def decide(meeting, initiative, granted=True, amounts=None, paragraph=8):
    return services.record_decision(
        decision=Decision(meeting=meeting, paragraph=paragraph, title=initiative.name, text="Beslut."),
        initiative=initiative,
        granted=granted,
        amounts=amounts if amounts is not None else ({2010: Decimal(890_000)} if granted else {}),
    )


@pytest.fixture
def prepared(kvinnoprojektet):
    application = Application.objects.create(
        initiative=kvinnoprojektet, first_year=2010, last_year=2012, status=Application.Status.SUBMITTED
    )
    return services.prepare_application(application=application)


def test_a_granted_application_no_longer_says_prepared_for_the_board(
    client, prepared, meeting, sofint_office
):
    client.force_login(sofint_office)
    assert "Kvinnoprojektet · Beredd för styrelsen" in page_text(client.get(prepared.get_absolute_url()))
    decide(meeting, prepared.initiative)
    page = page_text(client.get(prepared.get_absolute_url()))
    assert "Kvinnoprojektet · Beredd för styrelsen" not in page and "Kvinnoprojektet · Beviljad" in page
    detail = page_text(client.get(prepared.initiative.get_absolute_url()))
    assert "Ansökan 2010–2012 – Beviljad" in detail


def test_a_rejected_application_says_rejected(client, prepared, meeting, sofint_office):
    decide(meeting, prepared.initiative, granted=False)
    client.force_login(sofint_office)
    assert "Kvinnoprojektet · Avslagen" in page_text(client.get(prepared.get_absolute_url()))


def test_an_initiative_whose_period_is_over_has_ended(client, kvinnoprojektet, meeting, sofint_office):
    decide(meeting, kvinnoprojektet)  # granted; its period 2010–2012 is long over
    client.force_login(sofint_office)
    page = page_text(client.get(kvinnoprojektet.get_absolute_url()))
    assert "Individinriktad · Avslutad" in page
    url = reverse("initiatives:initiative_list", args=["sofint"])
    assert "Kvinnoprojektet" in page_text(client.get(url, {"status": "ended"}))
    assert "Kvinnoprojektet" not in page_text(client.get(url, {"status": "running"}))


def test_a_granted_initiative_runs_from_its_start_and_ends_with_its_period():
    initiative = Initiative(
        status=Initiative.Status.GRANTED,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    assert initiative.status_on(datetime.date(2023, 12, 31)) == Initiative.Status.GRANTED
    assert initiative.status_on(datetime.date(2025, 12, 31)) == Initiative.Status.RUNNING
    assert initiative.status_on(datetime.date(2026, 1, 1)) == Initiative.Status.ENDED
    initiative.status = Initiative.Status.PERMANENT
    assert initiative.status_on(datetime.date(2026, 1, 1)) == Initiative.Status.PERMANENT


def test_a_grant_decided_after_the_budget_was_adopted_is_flagged(
    client, sofint, kvinnoprojektet, pris, sofint_office
):
    year = timezone.localdate().year
    budget = budgets.create_budget(association=sofint, first_year=year)
    before = services.save_meeting(
        meeting=BoardMeeting(association=sofint, date=datetime.date(year - 1, 12, 10))
    )
    decide(before, pris, amounts={year: Decimal(950_000)}, paragraph=7)
    budgets.adopt_budget(budget=budget, adopted_on=datetime.date(year - 1, 12, 15), decision_reference="§ 9")
    later = services.save_meeting(
        meeting=BoardMeeting(association=sofint, date=datetime.date(year - 1, 12, 16))
    )
    client.force_login(sofint_office)
    assert "Beslut efter antagen budget" not in page_text(client.get(budget.get_absolute_url()))
    decide(later, kvinnoprojektet, amounts={year: Decimal(890_000), year + 1: Decimal(890_000)})
    page = page_text(client.get(budget.get_absolute_url()))
    flagged = page.split("informera styrelsen.")[1].split(f"Budget {year}–")[0]
    assert f"Kvinnoprojektet {year}: 890 000 kr, beslutat {year - 1}-12-16" in flagged
    assert f"Kvinnoprojektet {year + 1}" in flagged and pris.name not in flagged
    response = client.get(reverse("home"))
    items = {todo.text: todo.url for section in response.context["sections"] for todo in section.todos}
    assert (
        items[f"Budget {year}–{year + 2}, version 1: 2 beslut efter antagen budget"]
        == budget.get_absolute_url()
    )
