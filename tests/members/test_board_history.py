"""The board register keeps every term, so "who sat on the board on a date" has an answer."""

import datetime

import pytest
from django.urls import reverse

from members.selectors import board_on, board_terms_during
from tests.factories import BoardSeatFactory, BoardTermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat_with_history(association, municipality):
    seat = BoardSeatFactory(association=association, appointed_by=municipality)
    BoardTermFactory(
        seat=seat,
        person_name="Första Ledamoten",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2022, 12, 31),
    )
    BoardTermFactory(
        seat=seat,
        person_name="Andra Ledamoten",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2024, 6, 30),
    )
    BoardTermFactory(
        seat=seat, person_name="Tredje Ledamoten", start_date=datetime.date(2024, 7, 1), end_date=None
    )
    return seat


def test_the_holder_on_a_date_is_the_term_covering_it(seat_with_history, association):
    holders = {
        datetime.date(2020, 5, 1): "Första Ledamoten",
        datetime.date(2024, 6, 30): "Andra Ledamoten",
        datetime.date(2024, 7, 1): "Tredje Ledamoten",
        datetime.date(2030, 1, 1): "Tredje Ledamoten",
    }
    for on, name in holders.items():
        assert [term.person_name for term in board_on(association, on).members] == [name]


def test_everyone_who_sat_during_2024_is_listed(seat_with_history, association):
    assert [term.person_name for term in board_terms_during(association, 2024)] == [
        "Andra Ledamoten",
        "Tredje Ledamoten",
    ]


def test_a_seat_without_a_holder_is_shown_vacant(association, municipality):
    BoardSeatFactory(association=association, appointed_by=municipality)
    board = board_on(association, datetime.date(2025, 1, 1))
    assert board.vacant == 1 and board.members == []


def test_the_board_page_answers_for_a_past_date(client, office_user, seat_with_history, association):
    client.force_login(office_user)
    page = client.get(
        reverse("members:board", args=[association.slug]), {"on": "2020-05-01"}
    ).content.decode()
    assert "Första Ledamoten" in page
    assert "Styrelsen 2020-05-01" in page


def test_only_members_appoint_seats(client, office_user, association, other_association):
    client.force_login(office_user)
    stranger_organisation = other_association.memberships.first().organisation
    response = client.post(
        reverse("members:seat_create", args=[association.slug]),
        {"appointed_by": stranger_organisation.pk, "kind": "ordinary"},
    )
    assert response.status_code == 200
    assert not association.board_seats.exists()
