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


def is_whole_ore(amount: Decimal) -> bool:
    """Whether an amount has no more decimals than öre (12.50 yes, 12.505 no); finite amounts only."""
    return amount == amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def round_krona(amount: Decimal) -> Decimal:
    """Whole kronor, half up: the figure a report shows for an amount."""
    return round_money(amount, 0)


def in_thousands(amount: Decimal | None) -> Decimal | None:
    """Whole thousands of kronor, half up (tkr, as the charts show amounts)."""
    return None if amount is None else round_money(amount / 1000, 0)


def average_kronor(total: Decimal | None, count: int) -> Decimal | None:
    """total / count in whole kronor, half up (cost per participant); None without a total or count."""
    if total is None or not count:
        return None
    return round_krona(Decimal(total) / count)


def to_precision(value: Decimal, places: int) -> Decimal:
    """Half up to a field's stored precision (decimal_places), so that the saved value is the value kept."""
    return round_money(value, places)


def share_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """part as an exact fraction of whole (49 of 400 is 0.1225); None when whole is zero.

    This is the value a workbook writes, with a percent number format: Excel rounds for
    display and keeps the exact share for anyone who computes with it.
    """
    if not whole:
        return None
    return Decimal(part) / Decimal(whole)


def round_percent(percent: Decimal | None, places: int = 1) -> Decimal | None:
    """A percentage as shown (12.25 -> 12.3), half up."""
    return None if percent is None else round_money(Decimal(percent), places)


def as_percent(share: Decimal | None, places: int = 1) -> Decimal | None:
    """An exact fraction as a percentage rounded half up: 0.1225 -> 12.3."""
    return None if share is None else round_percent(share * 100, places)


def percent_of(part: Decimal, whole: Decimal, places: int = 1) -> Decimal | None:
    """part as a percentage of whole, rounded half up; None when whole is zero."""
    return as_percent(share_of(part, whole), places)


def periodised(amount: Decimal | None, months: Decimal, year_months: int = 12) -> Decimal | None:
    """A year's budget for the months booked (amount × months / 12), in whole kronor, half up."""
    return None if amount is None else round_krona(Decimal(amount) * Decimal(months) / year_months)
