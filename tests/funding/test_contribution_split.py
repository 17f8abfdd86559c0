"""Every member's contribution from the state's amount: the seeds' figures, exact to the krona."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from funding import services
from funding.contributions import ContributionRuleError, Member, calculate
from funding.models import Contribution
from tests.factories import (
    AssociationFactory,
    MembershipFactory,
    OrganisationFactory,
    PopulationFigureFactory,
)
from tests.world import POPULATION_DATE, organisation

pytestmark = pytest.mark.django_db


def amounts(contribution):
    return {
        share.organisation.name: share.amount for share in contribution.shares.select_related("organisation")
    }


def test_seed_000_first_year_splits_50_25_25_and_by_the_agreed_percentages(contribution_2026):
    assert contribution_2026.total == 1_200_000
    assert amounts(contribution_2026) == {
        "Försäkringskassan": 600_000,
        "Arbetsförmedlingen": 0,
        "Region Örebro län": 300_000,
        "Hällefors kommun": 49_500,
        "Lindesbergs kommun": 149_100,
        "Ljusnarsbergs kommun": 34_800,
        "Nora kommun": 66_600,
    }


def test_a_thousand_krona_unit_rounds_the_municipal_split_and_still_sums_exactly(sofint):
    contribution = services.save_contribution(
        contribution=Contribution(
            association=sofint,
            year=2026,
            state_amount=Decimal(600_000),
            split_method="agreed",
            rounding_unit=1000,
        )
    )
    municipal = {name: amount for name, amount in amounts(contribution).items() if "kommun" in name}
    # Seed 000 rounds its example by hand to 50/149/34/67 thousand, which no single rule gives;
    # the largest-remainder rule gives these, which also sum to 300 000.
    assert municipal == {
        "Hällefors kommun": 49_000,
        "Lindesbergs kommun": 149_000,
        "Ljusnarsbergs kommun": 35_000,
        "Nora kommun": 67_000,
    }
    assert sum(municipal.values()) == 300_000


def test_solleftea_2025_with_one_municipality():
    """Seed 003: the state's 1 388 000 kr, matched by the region and the municipality."""
    members = [
        Member(1, "Försäkringskassan", "social_insurance"),
        Member(2, "Arbetsförmedlingen", "employment_service"),
        Member(3, "Region Västernorrland", "region", 242148, POPULATION_DATE),
        Member(4, "Sollefteå kommun", "municipality", 18627, POPULATION_DATE),
    ]
    calculation = calculate(
        state_amount=Decimal(1_388_000), members=members, method="population", population_date=POPULATION_DATE
    )
    assert {line.member.name: line.amount for line in calculation.lines} == {
        "Försäkringskassan": 1_388_000,
        "Arbetsförmedlingen": 0,
        "Region Västernorrland": 694_000,
        "Sollefteå kommun": 694_000,
    }
    assert calculation.total == calculation.sum_of_shares == 2_776_000


def test_population_split_uses_the_figures_at_the_stated_date(sofint):
    contribution = services.save_contribution(
        contribution=Contribution(
            association=sofint, year=2026, state_amount=Decimal(1_652_000), population_date=POPULATION_DATE
        )
    )
    municipal = {name: amount for name, amount in amounts(contribution).items() if "kommun" in name}
    # By hand: 826 000 × population / 45 121 gives 121 773,72 / 426 262,94 / 85 600,41 / 192 362,94;
    # rounded down that is 825 997, and the three kronor left go to the largest remainders
    # (Lindesberg ,94, Nora ,94, Hällefors ,72).
    assert municipal == {
        "Hällefors kommun": 121_774,
        "Lindesbergs kommun": 426_263,
        "Ljusnarsbergs kommun": 85_600,
        "Nora kommun": 192_363,
    }
    assert sum(municipal.values()) == 826_000
    lindesberg = contribution.shares.get(organisation__name="Lindesbergs kommun")
    assert lindesberg.weight == 23285 and lindesberg.category_percent == Decimal("51.6057")


def test_a_missing_population_figure_is_named(sofint):
    PopulationFigureFactory(
        organisation=organisation(sofint, "Nora kommun"),
        reference_date=datetime.date(2025, 12, 31),
        population=1,
    )
    with pytest.raises(ValidationError) as error:
        services.save_contribution(
            contribution=Contribution(
                association=sofint,
                year=2026,
                state_amount=Decimal(1),
                population_date=datetime.date(2025, 12, 31),
            )
        )
    assert "Hällefors kommun, Lindesbergs kommun, Ljusnarsbergs kommun" in error.value.messages[0]
    assert not Contribution.objects.exists()


def test_agreed_percentages_must_add_up_to_100(sofint):
    sofint.memberships.filter(organisation__name="Nora kommun").update(agreed_share_percent=Decimal("22.1"))
    with pytest.raises(ValidationError) as error:
        services.save_contribution(
            contribution=Contribution(
                association=sofint, year=2026, state_amount=Decimal(1), split_method="agreed"
            )
        )
    assert error.value.messages == ["De överenskomna andelarna summerar till 99,9 %, inte 100 %."]


def test_without_forsakringskassan_there_is_no_state_half():
    with pytest.raises(ContributionRuleError) as error:
        calculate(
            state_amount=Decimal(100),
            members=[
                Member(1, "Region", "region"),
                Member(2, "Kommun", "municipality", agreed_percent=Decimal(100)),
            ],
            method="agreed",
        )
    assert error.value.messages == [
        "Försäkringskassan måste vara medlem under året: den betalar statens hälft."
    ]


def test_only_members_during_the_year_share(sofint):
    former = OrganisationFactory(name="Före detta kommun", kind="municipality")
    MembershipFactory(
        association=sofint,
        organisation=former,
        start_date=datetime.date(2005, 7, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    contribution = services.save_contribution(
        contribution=Contribution(
            association=sofint, year=2026, state_amount=Decimal(600_000), split_method="agreed"
        )
    )
    assert "Före detta kommun" not in amounts(contribution)


def test_an_agreed_amount_needs_a_reason_and_is_what_the_member_pays(contribution_2026):
    share = contribution_2026.shares.get(organisation__name="Nora kommun")
    with pytest.raises(ValidationError):
        services.set_agreed_amount(share=share, amount=Decimal(60_000), reason=" ")
    services.set_agreed_amount(share=share, amount=Decimal(60_000), reason="Styrelsens beslut 2026-02-01 § 4")
    share.refresh_from_db()
    assert share.amount == 60_000 and share.computed_amount == 66_600


def test_an_agreed_amount_survives_a_recalculation(contribution_2026):
    share = contribution_2026.shares.get(organisation__name="Nora kommun")
    services.set_agreed_amount(share=share, amount=Decimal(60_000), reason="Överenskommelse")
    contribution_2026.state_amount = Decimal(700_000)
    services.save_contribution(contribution=contribution_2026)
    share = contribution_2026.shares.get(organisation__name="Nora kommun")
    assert share.agreed_amount == 60_000 and share.computed_amount == Decimal("77700")


def test_a_supplementary_allocation_gets_its_own_shares(contribution_2026, sofint):
    extra = services.save_contribution(
        contribution=Contribution(
            association=sofint,
            year=2026,
            kind="supplementary",
            state_amount=Decimal(100_000),
            split_method="agreed",
        )
    )
    assert amounts(extra)["Lindesbergs kommun"] == Decimal("24850")
    assert sum(amounts(extra).values()) == 200_000


def test_a_second_annual_contribution_for_the_year_is_refused(contribution_2026, sofint):
    with pytest.raises(ValidationError):
        services.save_contribution(
            contribution=Contribution(
                association=sofint, year=2026, state_amount=Decimal(1), split_method="agreed"
            )
        )


@settings(max_examples=200, deadline=None)
@given(
    state=st.integers(min_value=1, max_value=20_000_000),
    populations=st.lists(st.integers(min_value=1, max_value=1_000_000), min_size=1, max_size=12),
    unit=st.sampled_from([1, 100, 1000]),
)
def test_population_splits_always_sum_exactly(state, populations, unit):
    members = [Member(0, "FK", "social_insurance"), Member(1, "Region", "region", 100, POPULATION_DATE)] + [
        Member(10 + index, f"Kommun {index}", "municipality", population, POPULATION_DATE)
        for index, population in enumerate(populations)
    ]
    calculation = calculate(
        state_amount=Decimal(state),
        members=members,
        method="population",
        unit=Decimal(unit),
        population_date=POPULATION_DATE,
    )
    assert calculation.sum_of_shares == 2 * state
    assert sum(line.amount for line in calculation.municipal_lines) == calculation.municipal_quarter
    assert calculation.region_quarter + calculation.municipal_quarter == state


def test_a_new_association_with_no_members_gets_a_clear_message(db):
    association = AssociationFactory()
    with pytest.raises(ValidationError) as error:
        services.save_contribution(
            contribution=Contribution(
                association=association, year=2026, state_amount=Decimal(1), split_method="agreed"
            )
        )
    assert "Ingen region är medlem under året." in error.value.messages
