"""Swedish formats: `1 388 000 kr`, `16,5 %`, `−26 469`, organisation numbers with a dash."""

from decimal import Decimal

from finsam.formatting import (
    format_bankgiro,
    format_kronor,
    format_number,
    format_organisation_number,
    format_percent,
)

NBSP = "\u00a0"


def test_kronor_group_thousands_with_no_break_spaces():
    assert format_kronor(Decimal(1_388_000)) == f"1{NBSP}388{NBSP}000{NBSP}kr"


def test_ore_show_only_where_they_matter():
    # Invoices asked for öre and showed `413 000,00 kr` beside `1 388 000 kr` on every other page.
    assert format_kronor(Decimal("413000.00"), 2) == f"413{NBSP}000{NBSP}kr"
    assert format_kronor(Decimal("413000.50"), 2) == f"413{NBSP}000,50{NBSP}kr"
    assert format_kronor(Decimal("-37275.25"), 2) == f"\u221237{NBSP}275,25{NBSP}kr"
    assert format_kronor(Decimal("413000.50")) == f"413{NBSP}001{NBSP}kr"


def test_negative_amounts_use_a_minus_sign():
    assert format_number(Decimal(-26_469)) == "\u221226\u00a0469"


def test_percent_uses_a_decimal_comma_and_drops_zero_decimals():
    assert format_percent(Decimal("16.5")) == f"16,5{NBSP}%"
    assert format_percent(Decimal(46)) == f"46{NBSP}%"


def test_amounts_round_half_up_to_whole_kronor():
    assert format_number(Decimal("2900001.50")) == f"2{NBSP}900{NBSP}002"


def test_identifiers_get_their_dash():
    assert format_organisation_number("2220001818") == "222000-1818"
    assert format_bankgiro("50501055") == "5050-1055"
