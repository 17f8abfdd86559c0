"""SOFINT (the seed's förbund) with its 2009 bookkeeping (seed 004's figures), a board, people in
every role, and a report with every section written."""

import datetime
from pathlib import Path

import pytest

from funding.ledger import import_sie
from members.models import BoardSeat, Organisation, Role
from reporting import services
from reporting.sections import specs_for
from tests.factories import BoardSeatFactory, BoardTermFactory, RoleFactory, UserFactory
from tests.funding.conftest import contribution_2026, issued_q1  # noqa: F401  (fixtures)

LEDGER_2009 = Path(__file__).resolve().parents[1] / "data" / "sofint-2009.se"
DEMO_2010 = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "sofint-2010.se"


def import_ledger(association, path):
    return import_sie(association=association, data=path.read_bytes(), file_name=path.name)


@pytest.fixture
def ledger_2009(sofint):
    return import_ledger(sofint, LEDGER_2009)


@pytest.fixture
def board(sofint):
    """Two ledamöter and an ersättare; the chair's term ends before the 2010 signing, so her successor signs."""
    region = sofint.memberships.get(organisation__kind=Organisation.Kind.REGION).organisation
    municipality = (
        sofint.memberships.filter(organisation__kind=Organisation.Kind.MUNICIPALITY).first().organisation
    )
    chair_seat = BoardSeatFactory(association=sofint, appointed_by=municipality, kind=BoardSeat.Kind.ORDINARY)
    BoardTermFactory(
        seat=chair_seat,
        person_name="Christina Pettersson",
        office="chair",
        start_date=datetime.date(2007, 1, 1),
        end_date=datetime.date(2010, 5, 31),
    )
    BoardTermFactory(
        seat=chair_seat,
        person_name="Ny Ordförande",
        office="chair",
        start_date=datetime.date(2010, 6, 1),
    )
    seat = BoardSeatFactory(association=sofint, appointed_by=region, kind=BoardSeat.Kind.ORDINARY)
    BoardTermFactory(seat=seat, person_name="Göran Strömqvist", start_date=datetime.date(2007, 1, 1))
    substitute = BoardSeatFactory(association=sofint, appointed_by=region, kind=BoardSeat.Kind.SUBSTITUTE)
    BoardTermFactory(
        seat=substitute, person_name="Ersättare Ersättarsson", start_date=datetime.date(2007, 1, 1)
    )


def _user(sofint, kind, **scope):
    user = UserFactory()
    RoleFactory(user=user, kind=kind, **(scope or {"association": sofint}))
    return user


@pytest.fixture
def board_member(sofint):
    return _user(sofint, Role.Kind.BOARD)


@pytest.fixture
def auditor(sofint):
    return _user(sofint, Role.Kind.AUDITOR)


@pytest.fixture
def representative(sofint):
    municipality = (
        sofint.memberships.filter(organisation__kind=Organisation.Kind.MUNICIPALITY).first().organisation
    )
    return _user(sofint, Role.Kind.REPRESENTATIVE, association=None, organisation=municipality)


@pytest.fixture
def lead(sofint):
    return _user(sofint, Role.Kind.LEAD)


def write_all_sections(report):
    for spec in specs_for(report.kind):
        services.save_section(
            report=report, key=spec.key, text=f"Text om {spec.key}.\n\n## Rubrik\n\nMer text."
        )


@pytest.fixture
def draft_2009(sofint, ledger_2009):
    report = services.create_report(association=sofint, kind="annual", period_end=datetime.date(2009, 12, 31))
    write_all_sections(report)
    return report
