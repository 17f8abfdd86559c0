"""factory_boy factories for the whole domain. Identifiers are valid (Luhn) by construction."""

import datetime

import factory
from stdnum import luhn

from members.models import (
    Association,
    BoardSeat,
    BoardTerm,
    GroupMember,
    Membership,
    Organisation,
    PopulationFigure,
    Role,
    User,
)


# The prefixes are chosen so that no generated number can be one the tests and the demo use
# (SOFINT's 222000-1818, Lindesberg's 212000-1967, ...): a sequence reaches those after a few
# hundred objects in one test process.
def luhn_number(prefix: str, n: int, length: int = 10) -> str:
    base = f"{prefix}{n:0{length - len(prefix) - 1}d}"
    return base + luhn.calc_check_digit(base)


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Samordningsförbundet Test {n}")
    slug = factory.Sequence(lambda n: f"forbund-{n}")
    organisation_number = factory.Sequence(lambda n: luhn_number("2229", n))
    bankgiro = factory.Sequence(lambda n: luhn_number("5", n, length=8))
    city = "Teststad"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    organisation_number = factory.Sequence(lambda n: luhn_number("2129", n))
    kind = Organisation.Kind.MUNICIPALITY


class PopulationFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationFigure

    organisation = factory.SubFactory(OrganisationFactory)
    reference_date = datetime.date(2024, 12, 31)
    population = 10_000


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    association = factory.SubFactory(AssociationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    start_date = datetime.date(2005, 7, 1)


class BoardSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardSeat
        skip_postgeneration_save = True

    association = factory.SubFactory(AssociationFactory)
    appointed_by = factory.SubFactory(OrganisationFactory)
    kind = BoardSeat.Kind.ORDINARY

    @factory.post_generation
    def membership(self, create, extracted, **kwargs):
        if (
            create
            and not Membership.objects.filter(
                association=self.association, organisation=self.appointed_by
            ).exists()
        ):
            MembershipFactory(association=self.association, organisation=self.appointed_by)


class BoardTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardTerm

    seat = factory.SubFactory(BoardSeatFactory)
    person_name = factory.Sequence(lambda n: f"Ledamot {n}")
    start_date = datetime.date(2023, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    association = factory.SubFactory(AssociationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    person_name = factory.Sequence(lambda n: f"Beredare {n}")
    start_date = datetime.date(2023, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct horse battery")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = Role.Kind.OFFICE
    association = factory.SubFactory(AssociationFactory)
    valid_from = datetime.date(2020, 1, 1)
