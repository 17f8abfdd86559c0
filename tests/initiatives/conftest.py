"""An association with initiatives, a lead, and a board meeting."""

import datetime

import pytest

from initiatives import services
from initiatives.models import Initiative
from members.models import BoardMeeting, Role
from tests.factories import RoleFactory, UserFactory
from tests.world import organisation


@pytest.fixture
def lead(sofint):
    user = UserFactory(username="ledare")
    RoleFactory(user=user, kind=Role.Kind.LEAD, association=sofint)
    return user


@pytest.fixture
def other_lead(sofint):
    user = UserFactory(username="annan-ledare")
    RoleFactory(user=user, kind=Role.Kind.LEAD, association=sofint)
    return user


@pytest.fixture
def sofint_board(sofint):
    return RoleFactory(kind=Role.Kind.BOARD, association=sofint).user


@pytest.fixture
def kvinnoprojektet(sofint, lead):
    return services.save_initiative(
        initiative=Initiative(
            association=sofint,
            code="kvinnoprojektet",
            name="Kvinnoprojektet",
            accounting_object="KVI",
            kind=Initiative.Kind.INDIVIDUAL,
            owner=organisation(sofint, "Lindesbergs kommun"),
            start_date=datetime.date(2010, 1, 1),
            end_date=datetime.date(2012, 12, 31),
        ),
        co_parties=[organisation(sofint, "Försäkringskassan")],
        leads=[lead],
    )


@pytest.fixture
def pris(sofint, other_lead):
    return services.save_initiative(
        initiative=Initiative(
            association=sofint,
            code="pris",
            name="PRIS",
            accounting_object="PRI",
            kind=Initiative.Kind.STRUCTURAL,
            owner=organisation(sofint, "Region Örebro län"),
        ),
        leads=[other_lead],
    )


@pytest.fixture
def meeting(sofint):
    return services.save_meeting(meeting=BoardMeeting(association=sofint, date=datetime.date(2009, 12, 10)))
