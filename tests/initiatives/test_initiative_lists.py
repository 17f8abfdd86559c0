"""The initiative and meeting lists: search, sort, filters and the Excel export, in scope."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import services
from initiatives.models import Initiative
from members.models import BoardMeeting, Decision
from tests.listing import exported, listed
from tests.world import organisation

pytestmark = pytest.mark.django_db


def grant(meeting, initiative, amount, paragraph):
    services.record_decision(
        decision=Decision(meeting=meeting, paragraph=paragraph, title=initiative.name, text="Beviljas."),
        initiative=initiative,
        amounts={2010: amount},
    )


@pytest.fixture
def granted(meeting, kvinnoprojektet, pris):
    grant(meeting, kvinnoprojektet, 250_000, 5)
    grant(meeting, pris, 1_388_000, 6)


def initiative_list(client, **query):
    return client.get(reverse("initiatives:initiative_list", args=["sofint"]), {"year": "2010", **query})


def test_search_filter_and_sort_the_initiatives(client, sofint_office, granted):
    client.force_login(sofint_office)
    assert [i.name for i in listed(initiative_list(client, sok="KVI"))] == ["Kvinnoprojektet"]
    assert [i.name for i in listed(initiative_list(client, kind="structural"))] == ["PRIS"]
    response = initiative_list(client, sortera="-granted")
    assert [i.name for i in listed(response)] == ["PRIS", "Kvinnoprojektet"]
    assert 'aria-sort="descending"' in response.content.decode()
    assert [i.name for i in listed(initiative_list(client, sortera="granted"))] == ["Kvinnoprojektet", "PRIS"]


def test_the_initiative_export_has_the_pages_granted_amounts_as_numbers(client, sofint_office, granted):
    client.force_login(sofint_office)
    page = listed(initiative_list(client, sortera="-granted"))
    rows = exported(initiative_list(client, sortera="-granted", export="xlsx"))
    assert rows[0][-1] == "Beviljat 2010"
    assert [row[-1] for row in rows[1:]] == [1_388_000, 250_000]
    assert [Decimal(row[-1]) for row in rows[1:]] == [i.granted_in_year for i in page]
    assert rows[2][4] == datetime.datetime(2010, 1, 1)


def test_a_lead_exports_only_their_own_initiatives(client, lead, granted):
    client.force_login(lead)
    rows = exported(initiative_list(client, export="xlsx"))
    assert [row[0] for row in rows[1:]] == ["Kvinnoprojektet"]


def test_the_meeting_list_filters_by_year_searches_sorts_and_exports(client, sofint_office, sofint, meeting):
    services.save_meeting(
        meeting=BoardMeeting(association=sofint, date=datetime.date(2010, 3, 4), place="Nora")
    )
    services.save_meeting(
        meeting=BoardMeeting(association=sofint, date=datetime.date(2010, 9, 1), place="Lindesberg")
    )
    client.force_login(sofint_office)
    url = reverse("initiatives:meeting_list", args=["sofint"])
    assert [m.date.year for m in listed(client.get(url, {"year": "2009"}))] == [2009]
    assert [m.place for m in listed(client.get(url, {"sok": "nora"}))] == ["Nora"]
    assert [m.place for m in listed(client.get(url, {"year": "2010", "sortera": "place"}))] == [
        "Lindesberg",
        "Nora",
    ]
    rows = exported(client.get(url, {"year": "2010", "export": "xlsx"}))
    assert rows[1:] == [
        (datetime.datetime(2010, 9, 1), "Lindesberg"),
        (datetime.datetime(2010, 3, 4), "Nora"),
    ]
    assert client.get(url, {"year": "abc", "sortera": "x"}).status_code == 200


def test_another_forbunds_office_cannot_export_the_meetings(client, outsider, meeting):
    client.force_login(outsider)
    url = reverse("initiatives:meeting_list", args=["sofint"])
    assert client.get(url, {"export": "xlsx"}).status_code == 404


def test_initiative_export_queries_as_often_with_more_initiatives(
    client, sofint_office, granted, meeting, django_assert_max_num_queries
):
    client.force_login(sofint_office)
    with CaptureQueriesContext(connection) as context:
        exported(initiative_list(client, sortera="owner", export="xlsx"))
    for number in range(20):
        initiative = services.save_initiative(
            initiative=Initiative(
                association=meeting.association,
                code=f"insats-{number}",
                name=f"Insats {number}",
                kind="individual",
                owner=organisation(meeting.association, "Nora kommun"),
            )
        )
        grant(meeting, initiative, 1000, 10 + number)
    with django_assert_max_num_queries(len(context.captured_queries)):
        assert len(exported(initiative_list(client, sortera="owner", export="xlsx"))) == 23
