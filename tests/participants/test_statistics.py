"""The outcome statistics give exactly the counts, shares and costs computed by hand from the file
(see conftest), on the page, in the PDF and in the Excel workbook."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from finsam.money import round_krona
from funding.ledger import import_sie
from initiatives import services as initiative_services
from initiatives.models import Goal, Initiative
from participants import services
from participants.documents import participants_report, report_pdf, report_workbook
from participants.models import Survey
from participants.statistics import year_statistics
from tests.documents import page_text, pdf_text, rows, workbook
from tests.participants.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_the_initiatives_figures_are_the_hand_counts(association, imported):
    statistics = year_statistics(association, 2025)
    figures = {item.initiative.code: item for item in statistics.initiatives}
    steget, vagen = figures["steget"], figures["vagen"]
    assert (steget.participants, steget.new, steget.ended) == (6, 5, 4)
    assert steget.share_ended == Decimal("66.7")
    assert dict(steget.by_reason) == {"arbete": 1, "studier": 1, "arbetssokande": 1, "ohalsa": 1}
    assert (steget.costs, steget.cost_source) == (Decimal(600_000), "granted")
    assert (steget.cost_per_participant, steget.cost_per_ended) == (Decimal(100_000), Decimal(150_000))
    assert (vagen.participants, vagen.new, vagen.ended, vagen.share_ended) == (2, 2, 1, Decimal(50))
    assert dict(vagen.by_reason) == {"arbete_med_stod": 1}
    assert (vagen.cost_per_participant, vagen.cost_per_ended) == (Decimal(100_000), Decimal(200_000))


def test_the_associations_total_counts_each_person_once(association, imported):
    total = year_statistics(association, 2025).total
    assert (total.participants, total.new, total.ended) == (7, 6, 4)
    assert total.share_ended == Decimal("57.1")
    assert dict(total.by_group) == {"work_or_studies": 2, "ready": 1, "other": 1}
    assert (total.share_work_or_studies, total.share_ready) == (Decimal(50), Decimal(25))
    assert (total.costs, total.cost_per_participant, total.cost_per_ended) == (
        Decimal(800_000),
        Decimal(114_286),
        Decimal(200_000),
    )
    assert dict(total.by_gender) == {"K": 3, "M": 3, "X": 1}
    assert dict(total.by_age) == {"16–29": 2, "30–49": 3, "50–64": 2}
    assert dict(total.transitions) == {
        ("social_assistance", "self_support"): 1,  # P01: försörjningsstöd -> lön
        ("self_support", "self_support"): 1,  # P03 at the end of Vägen: studiemedel -> lön med stöd
        ("ill_health", "labour_market"): 1,  # P04: sjukersättning -> a-kassa
        ("social_assistance", "ill_health"): 1,  # P05: försörjningsstöd -> sjukpenning
    }
    assert total.share_self_support == Decimal(50)


def test_the_previous_year_is_counted_on_its_own(association, imported):
    total = year_statistics(association, 2024).total
    # P01, P02, P08 in Steget; only P08 ended (avbrott). No grant for 2024: no cost per participant.
    assert (total.participants, total.new, total.ended, dict(total.by_reason)) == (3, 3, 1, {"avbrott": 1})
    assert total.cost_per_participant is None


def test_costs_come_from_the_bookkeeping_where_the_year_is_imported(sofint, sofint_office):
    """SOFINT's 2009 ledger (seed 004) has 206 190 kr on Projekt Epsilon's object."""
    epsilon = initiative_services.save_initiative(
        initiative=Initiative(
            association=sofint,
            code="epsilon",
            name="Projekt Epsilon",
            accounting_object="EPS",
            kind=Initiative.Kind.INDIVIDUAL,
            owner=sofint.memberships.first().organisation,
            start_date="2007-01-01",
            end_date="2009-12-31",
        )
    )
    epsilon.refresh_from_db()
    ledger = Path(__file__).resolve().parents[1] / "data" / "sofint-2009.se"
    import_sie(association=sofint, data=ledger.read_bytes(), file_name=ledger.name)
    people = [
        [
            f"E{n:02}",
            "K" if n % 2 else "M",
            "1980",
            "epsilon",
            "2009-02-01",
            end,
            reason,
            "sjukpenning",
            after,
        ]
        for n, (end, reason, after) in enumerate(
            [("2009-10-01", "arbete", "lon")] * 3 + [("", "", "")] * 7, start=1
        )
    ]
    services.import_file(
        association=sofint, content=csv_bytes(people), filename="e.csv", initiatives=[epsilon], user=None
    )
    figures = year_statistics(sofint, 2009).initiatives[0]
    assert figures.cost_source == "ledger"
    assert round_krona(figures.costs) == 206_190
    assert (figures.cost_per_participant, figures.cost_per_ended) == (Decimal(20_619), Decimal(68_730))


def test_page_pdf_and_excel_give_the_hand_counts_to_the_office(client, association, imported, office_user):
    client.force_login(office_user)
    page = page_text(client.get(reverse("participants:statistics", args=["norr"]), {"ar": 2025}))
    for expected in ["57,1 %", "66,7 %", "114 286 kr", "200 000 kr", "100 000 kr", "150 000 kr"]:
        assert expected in page
    assert "<5" not in page

    report = participants_report(association, 2025, suppress=False)
    text = pdf_text(report_pdf(report))
    assert "Deltagare och resultat 2025" in text and "INTERNT: innehåller små antal" in text
    assert "Steget 6 5 4 66,7 % 2 1 600 000 kr" in text
    assert "Vägen 2 2 1 50 % 1 0 200 000 kr" in text
    assert "114 286 kr 200 000 kr" in text

    book = workbook(report_workbook(report))
    initiatives = {row[0]: list(row[1:]) for row in rows(book["Insatser"]) if row and row[0]}
    assert initiatives["Steget"][:4] == [6, 5, 4, pytest.approx(4 / 6)]
    assert initiatives["Alla insatser (varje person en gång)"][:3] == [7, 6, 4]
    assert initiatives["Alla insatser (varje person en gång)"][9:] == [114_286, 200_000]
    summary = {row[0]: list(row[1:]) for row in rows(book["Sammanfattning"]) if row and row[0]}
    assert summary["Deltagare under året"] == [0, 3, 7]
    assert summary["Andel avslutade, %"][2] == pytest.approx(4 / 7)


def test_the_render_report_command_writes_the_same_figures(association, imported, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "deltagare.xlsx"
    call_command(
        "render_report", "participants", association="norr", year=2025, output=str(target), internal=True
    )
    book = workbook(target.read_bytes())
    initiatives = {row[0]: list(row[1:]) for row in rows(book["Insatser"]) if row and row[0]}
    assert initiatives["Steget"][:3] == [6, 5, 4]
    published = tmp_path / "deltagare.pdf"
    call_command("render_report", "participants", association="norr", year=2025, output=str(published))
    text = pdf_text(published.read_bytes())
    assert "Vägen <5 <5 <5" in text
    assert "INTERNT" not in text


def test_survey_coverage_and_agreement_evaluate_a_goal(association, imported, steget):
    survey = services.save_survey(
        survey=Survey(
            initiative=steget,
            year=2025,
            question="Jag har fått ett stöd som varit till stor nytta för mig",
            participants=40,
            respondents=30,
            agreeing=25,
        )
    )
    assert (survey.coverage_percent, survey.agreeing_percent) == (Decimal(75), Decimal("83.3"))
    goal = initiative_services.save_goal(
        goal=Goal(
            association=association,
            initiative=steget,
            year=2025,
            text="80 % upplever stödet som mycket användbart",
            unit="percent",
            target=Decimal(80),
            source="survey",
        )
    )
    from participants.goals import goal_outcome

    assert goal_outcome(goal) == Decimal("83.3")
    assert goal.assess(goal_outcome(goal)) == "fulfilled"


def self_support_goal(association):
    """The board's goal for 2025: 70 % of those who ended reach some self-support."""
    return initiative_services.save_goal(
        goal=Goal(
            association=association,
            year=2025,
            text="70 % av de avslutade når någon egen försörjning",
            unit="percent",
            target=Decimal(70),
            source="self_support",
        )
    )


def test_outcome_goals_are_computed_from_the_register(association, imported, steget, office_user, client):
    goal = self_support_goal(association)
    from participants.goals import goal_outcome

    assert goal_outcome(goal) == Decimal(50)  # P01 and P03 of the four who ended
    assert goal.assess(goal_outcome(goal)) == "not_fulfilled"  # 50 is below 75 % of 70 (52,5)
    work = initiative_services.save_goal(
        goal=Goal(
            association=association,
            initiative=steget,
            year=2025,
            text="Hälften till arbete eller studier",
            unit="percent",
            target=Decimal(50),
            source="work_or_studies",
        )
    )
    assert goal_outcome(work) == Decimal(50)  # Steget: arbete, studier of four
    client.force_login(office_user)
    page = page_text(client.get(reverse("initiatives:goal_list_year", args=["norr", 2025])))
    assert (
        "minst 70 % 50 % (andel avslutade deltagare som nått någon form av egen försörjning) Ej uppfyllt"
        in page
    )


def test_outcomes_from_statistics_already_counted_do_not_read_the_register_again(
    association, imported, django_assert_max_num_queries
):
    """The annual report counts the year once for its participant tables and its goals."""
    from participants.goals import goal_outcomes
    from participants.statistics import years_statistics

    goal = self_support_goal(association)
    counted = years_statistics(association, [2025])
    with django_assert_max_num_queries(0):
        outcomes = goal_outcomes([goal], known_statistics={(association.pk, 2025): counted[2025]})
    assert outcomes == {goal.pk: Decimal(50)} == goal_outcomes([goal])


def test_the_national_follow_up_lists_each_initiative_with_its_participants(association, imported, steget):
    from participants.documents import national_follow_up

    steget.planned_participants = 8
    steget.save()
    book = workbook(national_follow_up(association, 2025))
    initiatives = {row[0]: list(row[1:]) for row in rows(book["Insatser"]) if row and row[0]}
    # Orientation, budget, actual cost (no ledger imported), budgeted and actual participants, K, M, X.
    assert initiatives["Steget"] == ["Individinriktad", 600_000, None, 8, 6, 3, 2, 1]
    assert initiatives["Vägen"] == ["Individinriktad", 200_000, None, None, 2, 1, 1, 0]
    association_sheet = {row[0]: row[1] for row in rows(book["Förbund"]) if row and row[0]}
    assert "Tilldelade medel (medlemmarnas bidrag)" in association_sheet


def test_an_interim_date_reads_the_register_as_it_stood_that_day(association, imported):
    """Up to 2025-06-30: P03's Vägen enrolment (from 07-01) is not there yet, P04's and P05's later
    endings are still open; P01 ended on 02-10 and P03 in Steget on 06-30."""
    from participants.statistics import years_statistics

    statistics = years_statistics(association, [2025], up_to=datetime.date(2025, 6, 30))[2025]
    figures = {item.initiative.code: item for item in statistics.initiatives}
    assert (figures["steget"].participants, figures["steget"].ended) == (6, 2)
    assert (figures["vagen"].participants, figures["vagen"].ended) == (1, 0)
    assert (statistics.total.participants, statistics.total.ended) == (7, 2)
    assert dict(statistics.total.by_reason) == {"arbete": 1, "studier": 1}
