"""The allocation rule: whole kronor by largest remainder, always summing to the total."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finsam.money import allocate, round_money

SEED_000_SHARES = [Decimal("16.5"), Decimal("49.7"), Decimal("11.6"), Decimal("22.2")]


def test_seed_000_state_region_municipalities_split():
    assert allocate(Decimal(1_200_000), [Decimal(50), Decimal(25), Decimal(25)]) == [
        600_000,
        300_000,
        300_000,
    ]


def test_seed_000_municipal_split_by_agreed_percentages():
    assert allocate(Decimal(300_000), SEED_000_SHARES) == [49_500, 149_100, 34_800, 66_600]


def test_the_thousand_krona_unit_still_sums_exactly():
    parts = allocate(Decimal(300_000), SEED_000_SHARES, unit=Decimal(1000))
    assert parts == [49_000, 149_000, 35_000, 67_000]
    assert sum(parts) == 300_000


def test_leftover_kronor_go_to_the_largest_remainders():
    assert allocate(Decimal(100), [Decimal(1)] * 3) == [34, 33, 33]
    assert allocate(Decimal(10), [Decimal(1), Decimal(1), Decimal(2)]) == [3, 2, 5]


def test_an_amount_that_is_not_a_multiple_of_the_unit_keeps_its_odd_kronor():
    parts = allocate(Decimal(300_500), SEED_000_SHARES, unit=Decimal(1000))
    assert sum(parts) == Decimal(300_500)


def test_negative_totals_split_like_positive_ones():
    assert allocate(Decimal(-100), [Decimal(1)] * 3) == [-34, -33, -33]


def test_half_ore_rounds_up():
    assert round_money(Decimal("0.125")) == Decimal("0.13")
    assert round_money(Decimal("2.5"), 0) == Decimal(3)


@given(
    total=st.integers(min_value=0, max_value=50_000_000),
    populations=st.lists(st.integers(min_value=1, max_value=1_000_000), min_size=1, max_size=15),
    unit=st.sampled_from([1, 100, 1000]),
)
def test_population_splits_always_sum_to_the_total(total, populations, unit):
    parts = allocate(Decimal(total), [Decimal(p) for p in populations], unit=Decimal(unit))
    assert sum(parts) == total
    assert all(part >= 0 for part in parts)
    exact = [Decimal(total) * p / sum(populations) for p in populations]
    # No part is further than one unit from its exact share (plus the odd amount below a unit).
    assert all(abs(part - share) < 2 * unit for part, share in zip(parts, exact, strict=True))
