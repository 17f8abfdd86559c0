"""Swedish number formats for pages, PDFs and messages: `1 388 000 kr`, `16,5 %`.

Groups are separated by a no-break space so that an amount never wraps across lines,
and negative amounts use a real minus sign as Swedish typography does.
"""

from decimal import Decimal

from finsam.money import round_money

NBSP = "\u00a0"
MINUS = "\u2212"


def _group(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def format_number(value, places: int = 0) -> str:
    """`-26469` -> `−26 469`; places > 0 gives a decimal comma."""
    if value is None or value == "":
        return ""
    number = round_money(Decimal(value), places)
    sign = MINUS if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    text = _group(integer)
    if places:
        text += "," + fraction
    return sign + text


def _ore_places(value, places: int) -> int:
    # One amount format everywhere: öre only where they matter, so an invoice of whole kronor
    # reads `413 000 kr` as every other page does, and one of 413 000,50 keeps its öre.
    if places and round_money(Decimal(value), places) == round_money(Decimal(value), 0):
        return 0
    return places


def format_amount(value, places: int = 0) -> str:
    """Amount in kronor without unit, as in report tables; places=2 shows öre only when there are any."""
    if value is None or value == "":
        return ""
    return format_number(value, _ore_places(value, places))


def format_kronor(value, places: int = 0) -> str:
    """`1388000` -> `1 388 000 kr`; places=2 gives `413 000,50 kr` but `413 000 kr`."""
    if value is None or value == "":
        return ""
    return f"{format_amount(value, places)}{NBSP}kr"


def format_percent(value, places: int = 1) -> str:
    """`16.5` -> `16,5 %`; whole numbers keep no decimals: `46 %`."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if places and number == number.to_integral_value():
        places = 0
    return f"{format_number(number, places)}{NBSP}%"


def format_organisation_number(value: str) -> str:
    """`2220001818` -> `222000-1818`."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) == 10:
        return f"{digits[:6]}-{digits[6:]}"
    return str(value or "")


def format_bankgiro(value: str) -> str:
    """`56781234` -> `5678-1234`, `1234566` -> `123-4566`."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) in (7, 8):
        return f"{digits[:-4]}-{digits[-4:]}"
    return str(value or "")
