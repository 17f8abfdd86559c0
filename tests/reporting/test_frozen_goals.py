"""Goals belong to a year and are frozen once the förbund's annual report for that year is adopted."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives import services as initiative_services
from initiatives.models import Goal, GoalYearLock, Initiative
from participants import services as participant_services
from participants.models import Survey
from reporting import services
from tests.documents import page_text, pdf_text
from tests.world import organisation

pytestmark = pytest.mark.django_db
FROZEN = "Målen för 2009 är låsta: årsredovisningen för 2009 är antagen"


@pytest.fixture
def goals(sofint, lead):
    initiative = initiative_services.save_initiative(
        initiative=Initiative(
            association=sofint,
            code="samcoach",
            name="SamCoach",
            kind=Initiative.Kind.INDIVIDUAL,
            owner=organisation(sofint, "Lindesbergs kommun"),
            start_date=datetime.date(2009, 1, 1),
        ),
        leads=[lead],
    )
    made = {}
    for year in (2009, 2010):
        made[year] = initiative_services.save_goal(
            goal=Goal(
                association=sofint,
                initiative=initiative,
                year=year,
                text=f"Minst 80 % till arbete {year}",
                target=Decimal(80),
                unit="percent",
                outcome=Decimal(82),
            )
        )
    return made


def test_an_adopted_annual_report_freezes_its_years_goals(draft_2009, goals, lead, sofint_office, client):
    services.share(report=draft_2009)
    services.adopt(report=draft_2009, meeting_date=datetime.date(2010, 6, 2), paragraph=4, place="Nora")
    assert GoalYearLock.objects.filter(association=draft_2009.association, year=2009).exists()
    goal = goals[2009]
    client.force_login(lead)
    url = reverse("initiatives:goal_outcome", args=["sofint", "samcoach", goal.pk])
    response = client.post(url, {"outcome": "87", "outcome_note": "Omräknat"})
    assert response.status_code == 200 and FROZEN in page_text(response)
    goal.refresh_from_db()
    assert goal.outcome == Decimal(82)
    # The next year is still open, and a goal cannot be moved into the frozen year.
    later = goals[2010]
    assert (
        client.post(
            reverse("initiatives:goal_outcome", args=["sofint", "samcoach", later.pk]), {"outcome": "87"}
        ).status_code
        == 302
    )
    later.refresh_from_db()
    assert later.outcome == Decimal(87)
    later.year = 2009
    with pytest.raises(ValidationError, match="Målen för 2009 är låsta"):
        initiative_services.save_goal(goal=later)


def test_a_second_adoption_of_a_correction_keeps_the_year_frozen_calmly(sofint):
    initiative_services.freeze_goal_year(association=sofint, year=2009, reference="2010-06-02 § 4")
    initiative_services.freeze_goal_year(association=sofint, year=2009, reference="2010-06-20 § 2")
    assert GoalYearLock.objects.get(association=sofint, year=2009).reference == "2010-06-02 § 4"


def test_the_initiative_page_keeps_the_adopted_reports_measured_outcome_when_the_data_changes(
    draft_2009, goals, lead, client
):
    # A goal measured by the participants' survey: 8 of 10 agree, 80 %, when the report is adopted.
    initiative = goals[2009].initiative
    initiative_services.save_goal(
        goal=Goal(
            association=initiative.association,
            initiative=initiative,
            year=2009,
            text="Deltagarna upplever stödet som användbart",
            target=Decimal(75),
            unit="percent",
            source="survey",
        )
    )
    question = "Jag har fått ett stöd som varit till nytta för mig"
    participant_services.save_survey(
        survey=Survey(
            initiative=initiative, year=2009, question=question, participants=12, respondents=10, agreeing=8
        )
    )
    services.share(report=draft_2009)
    services.adopt(report=draft_2009, meeting_date=datetime.date(2010, 6, 2), paragraph=4, place="Nora")
    archived = " ".join(pdf_text(draft_2009.documents.get(format="pdf").content).split())
    assert "Deltagarna upplever stödet som användbart — minst 75 % 80 % Uppfyllt" in archived
    # Later answers to the survey arrive: 20 of 20 more agree, which would make it 93,3 %.
    participant_services.save_survey(
        survey=Survey(
            initiative=initiative,
            year=2009,
            question="Jag har fått ett bra bemötande",
            participants=25,
            respondents=20,
            agreeing=20,
        )
    )
    client.force_login(lead)
    page = page_text(client.get(reverse("initiatives:initiative_detail", args=["sofint", "samcoach"])))
    assert "Mål 2010" in page and page.index("Mål 2010") < page.index("Mål 2009")  # newest year first
    row = page[page.index("Deltagarna upplever stödet som användbart") :][:120]
    assert "80 %" in row and "93,3 %" not in row
