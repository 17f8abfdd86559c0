"""Dates that cannot be true are refused with a message: an adoption, an auditors' statement or a
discharge in the future, a decision recorded for a meeting that has not been held."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives import services as initiative_services
from members.models import BoardMeeting, Decision
from reporting import services
from tests.documents import page_text

pytestmark = pytest.mark.django_db


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def test_an_adoption_in_the_future_is_refused(draft_2009, sofint_office, client):
    services.share(report=draft_2009)
    client.force_login(sofint_office)
    response = client.post(
        reverse("reporting:adopt", args=["sofint", draft_2009.pk]),
        {"meeting_date": tomorrow().isoformat(), "paragraph": 4, "place": "Lindesberg"},
    )
    assert response.status_code == 200
    assert "Antagandet kan inte dateras i framtiden." in page_text(response)
    draft_2009.refresh_from_db()
    assert draft_2009.status == "shared"


@pytest.fixture
def adopted_2009(draft_2009):
    services.share(report=draft_2009)
    return services.adopt(
        report=draft_2009, meeting_date=datetime.date(2010, 6, 2), paragraph=4, place="Lindesberg"
    )


def test_an_auditors_statement_in_the_future_is_refused(adopted_2009, auditor, client):
    client.force_login(auditor)
    response = client.post(
        reverse("reporting:auditor_statement", args=["sofint", adopted_2009.pk]),
        {"date": tomorrow().isoformat()},
        follow=True,
    )
    assert "Revisionsberättelsen kan inte dateras i framtiden." in page_text(response)
    assert not adopted_2009.auditor_statements.exists()


def test_a_discharge_in_the_future_or_before_the_adoption_is_refused(adopted_2009, sofint_office, client):
    member = adopted_2009.association.memberships.first().organisation
    client.force_login(sofint_office)
    url = reverse("reporting:discharge", args=["sofint", adopted_2009.pk])
    response = client.post(
        url, {"organisation": member.pk, "granted": "1", "date": tomorrow().isoformat()}, follow=True
    )
    assert "Beslutet kan inte dateras i framtiden." in page_text(response)
    response = client.post(
        url, {"organisation": member.pk, "granted": "1", "date": "2010-05-01"}, follow=True
    )
    assert "Ansvarsfrihet kan inte beslutas innan rapporten har antagits." in page_text(response)
    assert not adopted_2009.discharges.exists()


def test_decisions_wait_until_the_meeting_is_held_and_a_paragraph_is_taken_once(
    sofint, sofint_office, client
):
    planned = initiative_services.save_meeting(meeting=BoardMeeting(association=sofint, date=tomorrow()))
    client.force_login(sofint_office)
    response = client.post(
        reverse("initiatives:decision_create", args=["sofint", planned.pk]),
        {"paragraph": 1, "title": "Budget", "text": "Antas.", "granted": "1"},
    )
    assert response.status_code == 200
    assert "har inte hållits än; för in dess beslut efteråt." in page_text(response)
    assert not Decision.objects.exists()
    held = initiative_services.save_meeting(
        meeting=BoardMeeting(association=sofint, date=datetime.date(2009, 12, 10))
    )
    url = reverse("initiatives:decision_create", args=["sofint", held.pk])
    client.post(url, {"paragraph": 3, "title": "Budget", "text": "Antas.", "granted": "1"})
    again = client.post(url, {"paragraph": 3, "title": "Ekonomi", "text": "Läggs till handlingarna."})
    assert again.status_code == 200
    assert "Mötet har redan ett beslut med det här paragrafnumret." in page_text(again)
    assert Decision.objects.get().title == "Budget"
