"""A lead's start page lists last year's follow-ups and cost reports due; the office the
applications to prepare, the board those prepared for it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives import services
from initiatives.models import Application, FollowUp
from tests.documents import page_text

pytestmark = pytest.mark.django_db
LAST_YEAR = timezone.localdate().year - 1


def todos(client, user) -> dict[str, str]:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return {todo.text: todo.url for section in response.context["sections"] for todo in section.todos}


@pytest.fixture
def running(kvinnoprojektet):
    kvinnoprojektet.start_date = datetime.date(LAST_YEAR - 1, 1, 1)
    kvinnoprojektet.end_date = None
    return services.save_initiative(initiative=kvinnoprojektet, leads=kvinnoprojektet.leads.all())


def test_a_lead_sees_last_years_follow_up_and_cost_report_until_they_are_done(client, running, lead, pris):
    follow_up = f"Kvinnoprojektet: skriv och lämna in uppföljningen för {LAST_YEAR}"
    costs = f"Kvinnoprojektet: redovisa kostnaderna för {LAST_YEAR}"
    items = todos(client, lead)
    assert items[follow_up] == reverse("initiatives:follow_up", args=["sofint", "kvinnoprojektet", LAST_YEAR])
    assert items[costs] == reverse("initiatives:cost_report", args=["sofint", "kvinnoprojektet", LAST_YEAR])
    assert not any("PRIS" in text or pris.name in text for text in items)  # another lead's
    services.save_follow_up(follow_up=FollowUp(initiative=running, year=LAST_YEAR), submit=True)
    services.save_cost_reports(
        initiative=running, year=LAST_YEAR, rows={"wages": (Decimal(500_000), Decimal(480_000))}
    )
    items = todos(client, lead)
    assert follow_up not in items and costs not in items


def test_an_initiative_that_did_not_run_last_year_has_nothing_due(client, kvinnoprojektet, lead):
    assert not any("uppföljningen" in text for text in todos(client, lead))  # ran 2010–2012


def test_the_office_prepares_and_the_board_reads_applications(
    client, running, lead, sofint_office, sofint_board
):
    application = Application.objects.create(
        initiative=running, first_year=LAST_YEAR + 1, last_year=LAST_YEAR + 2, status="submitted"
    )
    prepare = f"Bered ansökan för Kvinnoprojektet ({LAST_YEAR + 1}–{LAST_YEAR + 2}) till styrelsen"
    prepared = f"Ansökan för Kvinnoprojektet ({LAST_YEAR + 1}–{LAST_YEAR + 2}) är beredd för styrelsen"
    assert todos(client, sofint_office)[prepare] == application.get_absolute_url()
    assert prepared not in todos(client, sofint_board)
    services.prepare_application(application=application)
    assert prepare not in todos(client, sofint_office)
    board_items = todos(client, sofint_board)
    assert board_items[prepared] == application.get_absolute_url()
    assert "Ansökan" in page_text(client.get(board_items[prepared]))
