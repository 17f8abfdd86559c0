"""Money rules shared by every app: rounding and exact allocation.

Amounts are Decimal kronor with two places (öre). Nothing here uses float.
"""

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

ONE_KRONA = Decimal(1)
ZERO = Decimal(0)


def round_money(amount: Decimal, places: int = 2) -> Decimal:
    # Decimal defaults to half-even; Swedish amounts round 0.5 up.
    return amount.quantize(Decimal(10) ** -places, rounding=ROUND_HALF_UP)


def round_to_unit(amount: Decimal, unit: Decimal = ONE_KRONA) -> Decimal:
    """Round half up to a multiple of unit (1, 100 or 1 000 kronor)."""
    return (amount / unit).quantize(ONE_KRONA, rounding=ROUND_HALF_UP) * unit


def allocate(total: Decimal, weights: Sequence[Decimal], unit: Decimal = ONE_KRONA) -> list[Decimal]:
    """Split total in proportion to weights, in whole units, by the largest remainder.

    Each part first gets its exact share rounded down to the unit; the units left over
    go one each to the parts with the largest remainders (ties: the larger weight,
    then the earlier part). The parts always sum to total exactly. If total is not a
    multiple of unit, the odd amount below one unit goes to the part with the largest
    remainder, so nothing is lost or invented.
    """
    if not weights:
        raise ValueError("allocate() needs at least one weight")
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights, ZERO)
    if weight_sum == 0:
        raise ValueError("weights must not all be zero")
    if unit <= 0:
        raise ValueError("unit must be positive")
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    whole_units = (magnitude / unit).to_integral_value(rounding=ROUND_FLOOR)
    odd_amount = magnitude - whole_units * unit

    exact = [whole_units * weight / weight_sum for weight in weights]
    floors = [share.to_integral_value(rounding=ROUND_FLOOR) for share in exact]
    order = sorted(
        range(len(weights)),
        key=lambda index: (-(exact[index] - floors[index]), -weights[index], index),
    )
    left_over = int(whole_units - sum(floors, ZERO))
    for index in order[:left_over]:
        floors[index] += 1
    parts = [units * unit for units in floors]
    if odd_amount:
        parts[order[0]] += odd_amount
    return [sign * part for part in parts]


def percent_of(part: Decimal, whole: Decimal, places: int = 1) -> Decimal | None:
    """part as a percentage of whole, rounded half up; None when whole is zero."""
    if not whole:
        return None
    return round_money(part * 100 / whole, places)
