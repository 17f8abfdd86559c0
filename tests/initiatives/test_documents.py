"""The application, the follow-up and the minutes' decision list as PDF."""

import datetime
from decimal import Decimal

import pytest

from initiatives import documents, services
from initiatives.models import Application, FollowUp
from members.models import Decision
from tests.documents import flat_text
from tests.world import organisation

pytestmark = pytest.mark.django_db


def test_the_application_pdf_follows_the_template(sofint, kvinnoprojektet):
    application = services.save_application(
        application=Application(
            initiative=kvinnoprojektet,
            first_year=2010,
            last_year=2011,
            parties="Lindesbergs kommun och Försäkringskassan, 2010–2011.",
            purpose="Stärka kvinnors väg till arbete.",
            goals="Minst 30 deltagare per år.",
            plan="Gruppverksamhet och individuellt stöd.",
            expected_effects="Minskat försörjningsstöd.",
            follow_up_plan="Halvårsvis till styrelsen.",
        ),
        costs={
            (2010, "wages"): Decimal(700_000),
            (2010, "premises"): Decimal(40_000),
            (2011, "wages"): Decimal(720_000),
        },
        commitments={organisation(sofint, "Lindesbergs kommun").pk: "Anställer projektledare."},
        by_office=True,
    )
    text = flat_text(documents.application_pdf(application))
    for expected in [
        "Ansökan: Kvinnoprojektet",
        "Samverkansparter och period",
        "Syfte Stärka kvinnors väg till arbete.",
        "Mål och målgrupp Minst 30 deltagare per år.",
        "Plan för aktiviteten",
        "Åtagande Lindesbergs kommun Anställer projektledare.",
        "Löner 700 000 kr 720 000 kr",
        "Lokaler 40 000 kr 0 kr",
        "Summa 740 000 kr 720 000 kr",
        "Prognos över effekter för samhället Minskat försörjningsstöd.",
        "Uppföljningsplan Halvårsvis till styrelsen.",
        "Org.nr 222000-1818",
    ]:
        assert expected in text, expected


def test_the_follow_up_pdf_has_the_seven_questions(kvinnoprojektet):
    follow_up = FollowUp(initiative=kvinnoprojektet, year=2010)
    for index, name in enumerate(FollowUp.QUESTIONS, start=1):
        setattr(follow_up, name, f"Svar nummer {index}.")
    services.save_follow_up(follow_up=follow_up)
    text = flat_text(documents.follow_up_pdf(follow_up))
    assert "Uppföljning 2010: Kvinnoprojektet" in text
    assert "1. Har respektive part fullföljt sina åtaganden" in text and "Svar nummer 1." in text
    assert (
        "7. Hur kommer erfarenheterna och kunskaperna att tas tillvara i ordinarie verksamhet? Svar nummer 7."
        in text
    )


def test_the_decision_list_pdf_lists_every_paragraph_with_its_grants(meeting, kvinnoprojektet):
    services.record_decision(
        decision=Decision(meeting=meeting, paragraph=7, title="Budget 2010", text="Fastställs.")
    )
    services.record_decision(
        decision=Decision(meeting=meeting, paragraph=8, title="Kvinnoprojektet", text="Beviljas."),
        initiative=kvinnoprojektet,
        conditions="Ett år i taget.",
        amounts={2010: Decimal(890_000), 2011: Decimal(890_000)},
    )
    text = flat_text(documents.decision_list_pdf(meeting))
    assert "Beslut vid styrelsemötet 2009-12-10" in text
    assert "7 Budget 2010 Fastställs." in text
    assert "Kvinnoprojektet: 2010 890 000 kr, 2011 890 000 kr (Ett år i taget.)" in text
    assert datetime.date(2009, 12, 10).isoformat() in text
