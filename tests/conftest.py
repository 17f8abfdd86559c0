"""Personas and a small world of two associations, shared by every test.

`association` has three members (FK, the region, a municipality); `other_association`
is another förbund with its own members, so every boundary can be tested both ways.
"""

import datetime

import pytest

from members.models import Organisation, Role
from tests.factories import (
    AssociationFactory,
    BoardSeatFactory,
    BoardTermFactory,
    MembershipFactory,
    OrganisationFactory,
    PopulationFigureFactory,
    RoleFactory,
    UserFactory,
)
from tests.second_factor import log_in_verified
from tests.world import POPULATION_DATE, POPULATIONS, SEED_MUNICIPALITIES


@pytest.fixture
def association(db):
    association = AssociationFactory(name="Samordningsförbundet Norr", slug="norr")
    for name, kind in [
        ("Försäkringskassan Test", Organisation.Kind.SOCIAL_INSURANCE),
        ("Region Test", Organisation.Kind.REGION),
        ("Norrby kommun", Organisation.Kind.MUNICIPALITY),
    ]:
        organisation = OrganisationFactory(name=name, kind=kind)
        MembershipFactory(association=association, organisation=organisation)
        PopulationFigureFactory(organisation=organisation, population=12_345)
    return association


@pytest.fixture
def other_association(db):
    other = AssociationFactory(name="Samordningsförbundet Syd", slug="syd")
    MembershipFactory(association=other, organisation=OrganisationFactory(name="Söderby kommun"))
    seat = BoardSeatFactory(association=other, appointed_by=other.memberships.first().organisation)
    BoardTermFactory(seat=seat, person_name="Sydlig Ledamot")
    return other


@pytest.fixture
def municipality(association):
    return association.memberships.get(organisation__kind=Organisation.Kind.MUNICIPALITY).organisation


@pytest.fixture
def board_seat(association, municipality):
    seat = BoardSeatFactory(association=association, appointed_by=municipality)
    BoardTermFactory(
        seat=seat,
        person_name="Nordlig Ordförande",
        office="chair",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    return seat


def _user_with(kind, **scope):
    user = UserFactory()
    RoleFactory(user=user, kind=kind, **scope)
    return user


@pytest.fixture
def office_user(association):
    return _user_with(Role.Kind.OFFICE, association=association)


@pytest.fixture
def board_member(association):
    return _user_with(Role.Kind.BOARD, association=association)


@pytest.fixture
def auditor(association):
    return _user_with(Role.Kind.AUDITOR, association=association)


@pytest.fixture
def lead(association):
    return _user_with(Role.Kind.LEAD, association=association)


@pytest.fixture
def member_representative(municipality):
    return _user_with(Role.Kind.REPRESENTATIVE, association=None, organisation=municipality)


@pytest.fixture
def outsider(other_association):
    """Office staff of another förbund: a real user with real rights, just not here."""
    return _user_with(Role.Kind.OFFICE, association=other_association)


@pytest.fixture
def stranger(db):
    return UserFactory()


@pytest.fixture
def verified_login(client):
    """Log a user in as after their password and a verified authenticator code.

    Office staff and leads see participant rows only then (docs/roles.md).
    """

    def login(user):
        log_in_verified(client, user)
        return user

    return login


# --- A förbund shaped like SOFINT in seed 000: FK, AF, the region and four municipalities. ----------


def _member(association, name, kind, **membership):
    organisation = OrganisationFactory(
        name=name, kind=kind, street_address="Box 1", postal_code="711 80", city="Lindesberg"
    )
    MembershipFactory(
        association=association, organisation=organisation, buyer_reference=f"Ref {name}", **membership
    )
    return organisation


@pytest.fixture
def sofint(db):
    association = AssociationFactory(
        name="Samordningsförbundet i norra Örebro län",
        slug="sofint",
        organisation_number="2220001818",
        bankgiro="50501055",
        street_address="Kristinavägen 1",
        postal_code="711 30",
        city="Lindesberg",
        invoice_period="quarter",
    )
    _member(association, "Försäkringskassan", Organisation.Kind.SOCIAL_INSURANCE)
    _member(association, "Arbetsförmedlingen", Organisation.Kind.EMPLOYMENT_SERVICE)
    region = _member(association, "Region Örebro län", Organisation.Kind.REGION)
    PopulationFigureFactory(organisation=region, reference_date=POPULATION_DATE, population=307436)
    for name, percent in SEED_MUNICIPALITIES:
        municipality = _member(
            association, name, Organisation.Kind.MUNICIPALITY, agreed_share_percent=percent
        )
        PopulationFigureFactory(
            organisation=municipality, reference_date=POPULATION_DATE, population=POPULATIONS[name]
        )
    return association


@pytest.fixture
def sofint_office(sofint):
    user = UserFactory()
    RoleFactory(user=user, kind=Role.Kind.OFFICE, association=sofint)
    return user
