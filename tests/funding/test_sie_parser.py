"""The SIE 4 parser (funding/sie.py): pure Python, no database.

Files are written as text here and encoded the way a bookkeeping program would: cp437
(#FORMAT PC8) with CR LF line endings, or UTF-8. Problem lines are looked up by a marker
in the text rather than hard-coded, so the sample can grow without breaking the tests.
"""

import datetime
import textwrap
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funding.sie import (
    MAX_PROBLEMS,
    SieError,
    SieFile,
    SieProblem,
    account_balance_from_vouchers,
    classify_account,
    parse_sie,
)

# A small but complete year: two fiscal years, balances for both, dimensions, objects
# and three vouchers. 1930: 150 000 + 500 000 - 230 000 = 420 000; 2440: -20 000 - 20 000.
SAMPLE = """\
    #FLAGGA 0
    #PROGRAM "Visma Administration" 2024.1
    #FORMAT PC8
    #GEN 20250115 "Anna Ekonom"
    #SIETYP 4
    #PROSA "Bokslut för Finsam"
    #FNAMN "Samordningsförbundet Norr"
    #ORGNR 222000-1234
    #RAR 0 20240101 20241231
    #RAR -1 20230101 20231231
    #KPTYP BAS2024
    #KONTO 1930 "Företagskonto"
    #KTYP 1930 T
    #SRU 1930 7281
    #KONTO 2440 "Leverantörsskulder"
    #KONTO 3010 "Bidrag från Försäkringskassan"
    #KONTO 5410 "Förbrukningsinventarier"
    #KONTO 7010 "Lönekostnader"
    #DIM 1 "Kostnadsställe"
    #DIM 6 "Projekt"
    #OBJEKT 1 "UNG" "Unga vuxna"
    #OBJEKT 6 "P1" "Projekt Ett"
    #IB -1 1930 100000.00
    #UB -1 1930 150000.00
    #RES -1 3010 -400000.00
    #RES -1 7010 350000.00
    #IB 0 1930 150000.00
    #IB 0 2440 -20000.00
    #UB 0 1930 420000.00
    #UB 0 2440 -40000.00
    #RES 0 3010 -500000.00
    #RES 0 5410 20000.00
    #RES 0 7010 230000.00
    #VER A 1 20240115 "Bidrag från Försäkringskassan" 20240116
    {
    #TRANS 1930 {} 500000.00
    #TRANS 3010 {} -500000.00
    }
    #VER A 2 20240125 "Löner januari"
    {
    #TRANS 7010 {1 "UNG" 6 "P1"} 230000.00 20240125 "Lön"
    #TRANS 1930 {} -230000.00
    }
    #VER B 1 20240210 "Leverantörsfaktura"
    {
    #TRANS 5410 {1 "UNG"} 20000.00
    #TRANS 2440 {} -20000.00
    }
"""


def sie(text: str, encoding: str = "cp437") -> bytes:
    """The text as a program would write it: dedented, CR LF line endings, encoded."""
    return textwrap.dedent(text).replace("\n", "\r\n").encode(encoding)


def edit(old: str, new: str, text: str = SAMPLE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the sample"
    return text.replace(old, new)


def line_of(marker: str, text: str) -> int:
    """The 1-based number of the only line containing `marker`."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(lines) == 1, f"{marker!r} is on lines {lines}"
    return lines[0]


def problems_of(text: str) -> list[SieProblem]:
    with pytest.raises(SieError) as caught:
        parse_sie(sie(text))
    return caught.value.problems


def only_problem(text: str) -> SieProblem:
    problems = problems_of(text)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


def with_code(problems: list[SieProblem], code: str) -> list[SieProblem]:
    return [problem for problem in problems if problem.code == code]


@pytest.fixture
def sample() -> SieFile:
    return parse_sie(sie(SAMPLE))


# -- a well-formed file ----------------------------------------------------------------


def test_sample_is_written_in_code_page_437():
    data = sie(SAMPLE)
    assert "ö".encode("cp437") == b"\x94"
    assert b"L\x94nekostnader" in data
    assert b"\r\n" in data


def test_header(sample):
    assert sample.encoding == "cp437"
    assert sample.program == "Visma Administration"
    assert sample.program_version == "2024.1"
    assert sample.format == "PC8"
    assert sample.generated == datetime.date(2025, 1, 15)
    assert sample.sie_type == 4
    assert sample.company_name == "Samordningsförbundet Norr"
    assert sample.organisation_number == "2220001234"
    assert sample.chart_of_accounts == "BAS2024"


def test_swedish_names_are_decoded_from_cp437(sample):
    assert sample.accounts["7010"].name == "Lönekostnader"
    assert sample.accounts["3010"].name == "Bidrag från Försäkringskassan"
    assert sample.accounts["2440"].name == "Leverantörsskulder"
    assert sample.vouchers[1].text == "Löner januari"


def test_accounts_with_type_and_sru_code(sample):
    assert set(sample.accounts) == {"1930", "2440", "3010", "5410", "7010"}
    assert sample.accounts["1930"].type == "T"
    assert sample.accounts["7010"].type is None
    assert sample.sru_codes == {"1930": "7281"}
    assert sample.account_class("1930") == "balance"
    assert sample.account_class("7010") == "result"


def test_utf8_with_byte_order_mark():
    parsed = parse_sie(sie(SAMPLE, "utf-8-sig"))
    assert parsed.encoding == "utf-8"
    assert parsed.accounts["7010"].name == "Lönekostnader"
    assert parsed.accounts["3010"].name == "Bidrag från Försäkringskassan"
    assert parsed.program == "Visma Administration"  # the BOM is not part of #FLAGGA


def test_utf8_without_byte_order_mark_is_detected():
    parsed = parse_sie(sie(SAMPLE, "utf-8"))
    assert parsed.encoding == "utf-8"
    assert parsed.accounts["7010"].name == "Lönekostnader"


def test_fiscal_years(sample):
    assert sample.fiscal_years == {
        0: (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        -1: (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
    }
    assert sample.year(0) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert sample.year(-1)[0] == datetime.date(2023, 1, 1)
    with pytest.raises(KeyError):
        sample.year(-2)


def test_balances_and_results_for_both_years(sample):
    assert sample.opening_balances == {
        (-1, "1930"): Decimal("100000.00"),
        (0, "1930"): Decimal("150000.00"),
        (0, "2440"): Decimal("-20000.00"),
    }
    assert sample.closing_balances[(-1, "1930")] == Decimal("150000.00")
    assert sample.closing_balances[(0, "1930")] == Decimal("420000.00")
    assert sample.results[(-1, "3010")] == Decimal("-400000.00")
    assert sample.results[(0, "7010")] == Decimal("230000.00")


def test_dimensions_and_objects(sample):
    assert {number: dimension.name for number, dimension in sample.dimensions.items()} == {
        1: "Kostnadsställe",
        6: "Projekt",
    }
    assert sample.objects[(1, "UNG")].name == "Unga vuxna"
    assert sample.objects[(6, "P1")].name == "Projekt Ett"


def test_vouchers_and_transactions(sample):
    assert [(v.series, v.number, v.date) for v in sample.vouchers] == [
        ("A", "1", datetime.date(2024, 1, 15)),
        ("A", "2", datetime.date(2024, 1, 25)),
        ("B", "1", datetime.date(2024, 2, 10)),
    ]
    first = sample.vouchers[0]
    assert first.text == "Bidrag från Försäkringskassan"
    assert first.registration_date == datetime.date(2024, 1, 16)
    assert first.line == line_of("#VER A 1", SAMPLE)

    salary = sample.vouchers[1].transactions[0]
    assert salary.account == "7010"
    assert salary.amount == Decimal("230000.00")
    assert salary.objects == ((1, "UNG"), (6, "P1"))
    assert salary.text == "Lön"
    assert salary.line == line_of("#TRANS 7010", SAMPLE)

    payment = sample.vouchers[1].transactions[1]
    assert payment.objects == ()
    assert payment.date == datetime.date(2024, 1, 25)  # the voucher's date when not given
    assert payment.text == ""


def test_account_balance_from_vouchers(sample):
    assert account_balance_from_vouchers(sample.vouchers) == {
        "1930": Decimal("270000.00"),
        "2440": Decimal("-20000.00"),
        "3010": Decimal("-500000.00"),
        "5410": Decimal("20000.00"),
        "7010": Decimal("230000.00"),
    }


def test_classify_account():
    assert classify_account("1930") == "balance"
    assert classify_account("2999") == "balance"
    assert classify_account("3000") == "result"
    assert classify_account("8999") == "result"
    assert classify_account("9000") is None
    assert classify_account("9000", "K") == "result"
    assert classify_account("3010", "T") == "balance"  # #KTYP wins over the number


def test_lf_line_endings_are_accepted():
    parsed = parse_sie(textwrap.dedent(SAMPLE).encode("cp437"))
    assert len(parsed.vouchers) == 3


def test_dos_end_of_file_marker_is_ignored():
    assert len(parse_sie(sie(SAMPLE) + b"\x1a").vouchers) == 3


def test_import_file_vouchers_may_leave_the_number_empty():
    text = edit("#VER A 2 20240125", '#VER A "" 20240125')
    text = edit("#VER B 1 20240210", '#VER A "" 20240210', text)
    parsed = parse_sie(sie(text))
    assert [(v.series, v.number) for v in parsed.vouchers] == [("A", "1"), ("A", ""), ("A", "")]


# -- fields ----------------------------------------------------------------------------


def test_quoted_fields_with_spaces_and_escaped_quotes():
    text = edit('#KONTO 7010 "Lönekostnader"', '#KONTO 7010 "Lön \\"extra\\"  och\tmer"')
    text = edit('#OBJEKT 6 "P1" "Projekt Ett"', '#OBJEKT 6 "P 1" "Projekt \\"Ett\\""', text)
    text = edit('{1 "UNG" 6 "P1"}', '{1 UNG 6 "P 1"}', text)
    parsed = parse_sie(sie(text))
    assert parsed.accounts["7010"].name == 'Lön "extra"  och\tmer'
    assert parsed.objects[(6, "P 1")].name == 'Projekt "Ett"'
    assert parsed.vouchers[1].transactions[0].objects == ((1, "UNG"), (6, "P 1"))


def test_empty_quoted_field_skips_an_optional_field():
    text = edit('230000.00 20240125 "Lön"', '230000.00 "" "Lön"')
    row = parse_sie(sie(text)).vouchers[1].transactions[0]
    assert row.date == datetime.date(2024, 1, 25)
    assert row.text == "Lön"


def test_amount_with_trailing_zero_decimals_is_accepted():
    text = edit("#TRANS 1930 {} 500000.00", "#TRANS 1930 {} 500000.000")
    text = edit("#TRANS 3010 {} -500000.00", "#TRANS 3010 {} -500000", text)
    assert parse_sie(sie(text)).vouchers[0].transactions[0].amount == Decimal("500000")


def test_unknown_labels_are_ignored_but_recorded():
    text = edit("#SIETYP 4", '#SIETYP 4\n#FOO bar "baz qux"\n#NYHET')
    text = edit("#TRANS 3010 {} -500000.00", "#TRANS 3010 {} -500000.00\n#XTRANS 1 2 3", text)
    parsed = parse_sie(sie(text))
    assert parsed.unknown_labels == {"#FOO", "#NYHET", "#XTRANS"}
    assert len(parsed.vouchers[0].transactions) == 2


def test_known_labels_we_do_not_keep_are_not_unknown(sample):
    assert sample.unknown_labels == set()  # #FLAGGA and #PROSA are in the sample


def test_reserved_dimension_may_be_used_without_dim():
    text = edit('#DIM 1 "Kostnadsställe"\n', "")
    parsed = parse_sie(sie(text))
    assert parsed.dimensions[1].name == "Kostnadsställe/resultatenhet"


def test_object_balances_and_period_records():
    text = edit(
        "#IB 0 1930 150000.00",
        '#IB 0 1930 150000.00\n#OIB 0 7010 {1 "UNG"} 0.00\n#OUB 0 7010 {1 "UNG"} 230000.00\n'
        '#PSALDO 0 202401 7010 {} 230000.00\n#PBUDGET 0 202401 7010 {1 "UNG"} 250000.00',
    )
    parsed = parse_sie(sie(text))
    assert parsed.object_closing_balances == {(0, "7010", ((1, "UNG"),)): Decimal("230000.00")}
    assert parsed.period_balances == {(0, "202401", "7010", ()): Decimal("230000.00")}
    assert parsed.period_budgets == {(0, "202401", "7010", ((1, "UNG"),)): Decimal("250000.00")}


# -- #RTRANS and #BTRANS ---------------------------------------------------------------

SUPPLEMENTED = edit(
    '#TRANS 5410 {1 "UNG"} 20000.00\n    #TRANS 2440 {} -20000.00',
    '#TRANS 5410 {1 "UNG"} 15000.00\n'
    '    #RTRANS 5410 {1 "UNG"} 5000.00 20240215 "Tillägg"\n'
    '    #TRANS 5410 {1 "UNG"} 5000.00 20240215 "Tillägg"\n'
    "    #BTRANS 5410 {} 999.00\n"
    "    #TRANS 2440 {} -20000.00",
)


def test_rtrans_followed_by_its_trans_is_counted_once():
    parsed = parse_sie(sie(SUPPLEMENTED))  # #RES 0 5410 20000.00 still agrees
    invoice = parsed.vouchers[2]
    assert [row.amount for row in invoice.transactions] == [
        Decimal("15000.00"),
        Decimal("5000.00"),
        Decimal("-20000.00"),
    ]
    assert [row.amount for row in invoice.added_transactions] == [Decimal("5000.00")]
    assert [row.amount for row in invoice.removed_transactions] == [Decimal("999.00")]
    assert account_balance_from_vouchers(parsed.vouchers)["5410"] == Decimal("20000.00")


def test_rtrans_without_its_trans_is_a_problem():
    text = edit('    #TRANS 5410 {1 "UNG"} 5000.00 20240215 "Tillägg"\n', "", SUPPLEMENTED)
    problems = problems_of(text)
    assert with_code(problems, "rtrans_without_trans")[0].line == line_of("#RTRANS", text)


# -- problems, one at a time -----------------------------------------------------------


def test_bad_amount():
    text = edit("#TRANS 3010 {} -500000.00", "#TRANS 3010 {} -500000,00")
    problem = only_problem(text)  # no follow-up problems from the sums
    assert (problem.code, problem.line) == ("bad_amount", line_of("-500000,00", text))
    assert problem.params == {"value": "-500000,00"}
    assert problem.message == 'Invalid amount "-500000,00": use a decimal point and at most two decimals.'


def test_amount_with_three_decimals_is_bad():
    text = edit("#UB 0 2440 -40000.00", "#UB 0 2440 -40000.005")
    problem = only_problem(text)
    assert (problem.code, problem.line) == ("bad_amount", line_of("-40000.005", text))


def test_unbalanced_voucher():
    text = edit("#TRANS 1930 {} -230000.00", "#TRANS 1930 {} -220000.00")
    problems = problems_of(text)
    [problem] = with_code(problems, "voucher_unbalanced")
    assert problem.line == line_of("#VER A 2", text)
    assert problem.params == {"series": "A", "number": "2", "difference": Decimal("10000.00")}
    assert problem.message == "Voucher A 2 does not balance: its rows sum to 10000.00."


def test_unclosed_block_before_the_next_voucher():
    text = edit("#TRANS 1930 {} -230000.00\n    }\n", "#TRANS 1930 {} -230000.00\n")
    problem = only_problem(text)
    assert problem.code == "unclosed_block"
    assert problem.line == line_of("#VER A 2", text) + 1  # the line of its "{"
    assert problem.params == {"series": "A", "number": "2"}


def test_unclosed_block_at_end_of_file():
    text = SAMPLE.rstrip().removesuffix("}")
    problem = only_problem(text)
    assert (problem.code, problem.line) == ("unclosed_block", line_of("#VER B 1", text) + 1)


def test_voucher_without_block():
    text = edit('#VER A 2 20240125 "Löner januari"\n    {\n', '#VER A 2 20240125 "Löner januari"\n')
    problems = problems_of(text)
    assert with_code(problems, "ver_without_block")[0].line == line_of("#VER A 2", text)


def test_transaction_on_undeclared_account():
    text = edit('#TRANS 5410 {1 "UNG"} 20000.00', '#TRANS 5460 {1 "UNG"} 20000.00')
    problems = problems_of(text)
    [problem] = with_code(problems, "unknown_account")
    assert problem.line == line_of("#TRANS 5460", text)
    assert problem.params == {"account": "5460", "count": 1}


def test_undeclared_account_is_reported_once_with_a_count():
    text = edit("#TRANS 1930 {} 500000.00", "#TRANS 1999 {} 500000.00")
    text = edit("#TRANS 1930 {} -230000.00", "#TRANS 1999 {} -230000.00", text)
    [problem] = with_code(problems_of(text), "unknown_account")
    assert (problem.line, problem.params["count"]) == (line_of("#TRANS 1999 {} 500000.00", text), 2)


def test_closing_balance_disagreeing_with_opening_balance_and_vouchers():
    text = edit("#UB 0 1930 420000.00", "#UB 0 1930 420000.50")
    problem = only_problem(text)
    assert (problem.code, problem.line) == ("closing_balance_mismatch", line_of("#UB 0 1930", text))
    assert problem.params == {
        "account": "1930",
        "expected": Decimal("420000.50"),
        "computed": Decimal("420000.00"),
    }
    assert "1930" in problem.message and "420000.50" in problem.message


def test_result_disagreeing_with_vouchers():
    text = edit("#RES 0 7010 230000.00", "#RES 0 7010 231000.00")
    problem = only_problem(text)
    assert (problem.code, problem.line) == ("result_mismatch", line_of("#RES 0 7010", text))
    assert problem.params == {
        "account": "7010",
        "expected": Decimal("231000.00"),
        "computed": Decimal("230000.00"),
    }


def test_missing_closing_balance_and_result_are_reported_without_a_line():
    text = edit("#UB 0 2440 -40000.00\n", "")
    text = edit("#RES 0 5410 20000.00\n", "", text)
    problems = problems_of(text)
    assert [(p.code, p.line, p.params["account"]) for p in problems] == [
        ("closing_balance_missing", None, "2440"),
        ("result_missing", None, "5410"),
    ]


def test_consistency_is_not_checked_without_vouchers():
    text = SAMPLE[: SAMPLE.index("    #VER A 1")]
    text = edit("#UB 0 1930 420000.00", "#UB 0 1930 1.00", text)
    assert parse_sie(sie(text)).vouchers == []


def test_voucher_date_outside_the_fiscal_year():
    text = edit('#VER B 1 20240210 "Leverantörsfaktura"', '#VER B 1 20250210 "Leverantörsfaktura"')
    problem = only_problem(text)
    assert (problem.code, problem.line) == ("date_outside_year", line_of("#VER B 1", text))
    assert problem.params == {
        "date": datetime.date(2025, 2, 10),
        "start": datetime.date(2024, 1, 1),
        "end": datetime.date(2024, 12, 31),
    }


def test_transaction_date_outside_the_fiscal_year():
    text = edit('230000.00 20240125 "Lön"', '230000.00 20231231 "Lön"')
    problem = only_problem(text)
    assert (problem.code, problem.line) == ("date_outside_year", line_of("#TRANS 7010", text))


def test_vouchers_without_current_year():
    text = edit("#RAR 0 20240101 20241231\n", "")
    assert with_code(problems_of(text), "missing_current_year")[0].line is None


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('#KONTO 7010 "Lönekostnader"', '#KONTO 7010 "Lönekostnader', "unbalanced_quote"),
        ('#OBJEKT 1 "UNG" "Unga vuxna"', '#OBJEKT 1 "UNG" "Unga vuxna', "unbalanced_quote"),
        ("#TRANS 2440 {} -20000.00", "#TRANS 2440 { -20000.00", "unbalanced_brace"),
        ("#TRANS 2440 {} -20000.00", "#TRANS 2440 {{}} -20000.00", "unbalanced_brace"),
        ("#TRANS 2440 {} -20000.00", "#TRANS 2440 {1} -20000.00", "bad_object_list"),
        ("#TRANS 2440 {} -20000.00", "#TRANS 2440 -20000.00", "too_few_fields"),
        ("#TRANS 2440 {} -20000.00", "#TRANS 2440 0 -20000.00", "expected_object_list"),
        ("#TRANS 2440 {} -20000.00", "#TRANS 2440 {} -20000.00 20240231", "bad_date"),
        ("#RAR -1 20230101 20231231", "#RAR -1 2023-01-01 20231231", "bad_date"),
        ("#RAR -1 20230101 20231231", "#RAR -1 20231231 20230101", "bad_year_range"),
        ("#IB 0 2440 -20000.00", "#IB 1 2440 -20000.00", "bad_year_index"),
        ('#DIM 6 "Projekt"', '#DIM sex "Projekt"', "bad_dimension"),
        ('#DIM 6 "Projekt"', '#DIM 32768 "Projekt"', "bad_dimension"),
        ('{1 "UNG" 6 "P1"}', '{1 "UNG" -6 "P1"}', "bad_dimension"),
        ("#IB 0 2440 -20000.00", "#IB 0 2440 -1000000000000.00", "amount_too_large"),
        ("#IB 0 2440 -20000.00", "#IB 0 244000000000000000000 -20000.00", "value_too_long"),
        ('#VER B 1 20240210 "Lev', '#VER B 123456789012345678901 20240210 "Lev', "value_too_long"),
        ('#OBJEKT 6 "P1" "Projekt Ett"', f'#OBJEKT 6 "{"P" * 41}" "Projekt Ett"', "value_too_long"),
        ('#FNAMN "Samordningsförbundet Norr"', "#FNAMN {}", "unexpected_object_list"),
        ("#IB 0 2440 -20000.00", '#IB 0 "" -20000.00', "empty_field"),
        ("#RAR -1 20230101 20231231", "RAR -1 20230101 20231231", "unexpected_line"),
        ("#RES -1 7010 350000.00", "#RES -1 7010 350000.00\n    }", "unexpected_brace"),
        (
            "#RES -1 7010 350000.00",
            "#RES -1 7010 350000.00\n    #TRANS 1930 {} 1.00",
            "transaction_outside_voucher",
        ),
        ("#IB -1 1930 100000.00", "#IB -1 1930 100000.00\n    #IB -1 1930 100000.00", "duplicate_record"),
    ],
)
def test_malformed_line(old, new, code):
    text = edit(old, new)
    # The problem is on the last line of `new`.
    expected_line = text[: text.index(new)].count("\n") + 1 + new.count("\n")
    problems = problems_of(text)
    assert code in {p.code for p in problems}, [str(p) for p in problems]
    assert with_code(problems, code)[0].line == expected_line


def test_duplicate_voucher_number_is_booked_with_a_warning():
    text = edit('#VER B 1 20240210 "Leverantörsfaktura"', '#VER A 1 20240210 "Leverantörsfaktura"')
    parsed = parse_sie(sie(text))
    assert len(parsed.vouchers) == 3
    [warning] = with_code(parsed.warnings, "duplicate_voucher")
    assert warning.line == line_of('#VER A 1 20240210 "Lev', text)
    assert warning.params["first_line"] == line_of("#VER A 1 20240115", text)


def test_undeclared_object_is_created_and_undeclared_dimension_is_a_problem():
    text = edit('{1 "UNG" 6 "P1"}', '{1 "ÄLDRE" 20 "X"}')
    assert {p.code for p in problems_of(text)} == {"unknown_dimension"}
    parsed = parse_sie(sie(edit('{1 "UNG" 6 "P1"}', '{1 "ÄLDRE" 6 "P1"}')))
    assert parsed.created_objects == [(1, "ÄLDRE")]
    assert parsed.objects[(1, "ÄLDRE")].name == "ÄLDRE"
    [warning] = with_code(parsed.warnings, "created_objects")
    assert warning.line == line_of("#TRANS 7010", SAMPLE)


def test_defects_in_records_the_import_does_not_use_are_warnings():
    text = edit("#KTYP 1930 T", "#KTYP 1930 X\n    #SRU 2440\n    #PSALDO 0 202401 9999 {} 1.00")
    parsed = parse_sie(sie(text))
    assert {p.code for p in parsed.warnings} >= {"bad_account_type", "too_few_fields", "unknown_account"}


def test_not_an_sie_file():
    assert only_problem("Hej!\n#FLAGGA 0\n").code == "not_sie"
    with pytest.raises(SieError) as caught:
        parse_sie(b"")
    assert [p.code for p in caught.value.problems] == ["empty_file"]


# -- many problems ---------------------------------------------------------------------


def test_all_problems_are_reported_in_line_order():
    text = edit('230000.00 20240125 "Lön"', '230000.00 20240132 "Lön"', SAMPLE)
    text = edit("#TRANS 2440 {} -20000.00", "#TRANS 2440 {} -2000O.00", text)
    text = edit(
        '#VER A 1 20240115 "Bidrag från Försäkringskassan" 20240116', '#VER A 1 20240115 "Bidrag', text
    )
    text = edit('#TRANS 5410 {1 "UNG"} 20000.00', '#TRANS 5410 {1 "UNG"} 20000.00 20250101', text)
    problems = problems_of(text)
    assert [(p.code, p.line) for p in problems] == [
        ("unbalanced_quote", line_of("#VER A 1", text)),
        ("bad_date", line_of("20240132", text)),
        ("date_outside_year", line_of("20250101", text)),
        ("bad_amount", line_of("2000O.00", text)),
    ]


def test_problems_stop_at_the_limit():
    bad_lines = "".join(f"    #IB 0 1930 {number},00\n" for number in range(MAX_PROBLEMS + 50))
    problems = problems_of(SAMPLE + bad_lines)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].code == "more_problems"
    assert problems[-1].line is None
    assert problems[-1].message == "And 50 more problems."


def test_error_message_lists_the_first_problems():
    text = edit("#TRANS 3010 {} -500000.00", "#TRANS 3010 {} x")
    with pytest.raises(SieError) as caught:
        parse_sie(sie(text))
    line = line_of("#TRANS 3010 {} x", text)
    assert (
        str(caught.value)
        == f'Invalid SIE file: Line {line}: Invalid amount "x": use a decimal point and at most two decimals.'
    )


def test_problem_without_params_renders_its_template():
    assert SieProblem("missing_current_year").message.startswith("The file has vouchers but no #RAR 0")
    assert str(SieProblem("not_sie", 3)).startswith("Line 3: This is not an SIE file")


# -- scale -----------------------------------------------------------------------------


def test_a_large_file_parses():
    vouchers = "".join(
        f'    #VER C {n} 202406{n % 28 + 1:02} "Faktura {n}"\n    {{\n'
        f'    #TRANS 5410 {{1 "UNG"}} 100.25\n    #TRANS 2440 {{}} -100.25\n    }}\n'
        for n in range(1, 5001)
    )
    text = edit("#UB 0 2440 -40000.00", "#UB 0 2440 -541250.00")
    text = edit("#RES 0 5410 20000.00", "#RES 0 5410 521250.00", text)
    parsed = parse_sie(sie(text + vouchers))
    assert len(parsed.vouchers) == 5003
    assert account_balance_from_vouchers(parsed.vouchers)["5410"] == Decimal("521250.00")


# -- arbitrary input -------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(textwrap.dedent(SAMPLE).splitlines()) | st.text(
    alphabet='#{}"\\ \t0123456789-.ABTRANSVERÖ\x00\x1a', max_size=60
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=60), st.sampled_from(["cp437", "utf-8", "iso-8859-1"]))
def test_any_input_is_read_or_refused_with_problems_never_an_exception(lines, encoding):
    data = "\r\n".join(lines).encode(encoding, errors="replace")
    try:
        parsed = parse_sie(data)
    except SieError as error:
        assert error.problems and all(isinstance(p.message, str) for p in error.problems)
        assert len(error.problems) <= MAX_PROBLEMS + 1
    else:
        assert isinstance(parsed, SieFile)


def test_many_warnings_of_one_kind_leave_room_for_the_others():
    noise = "".join(f"    #SRU {3000 + number}\n" for number in range(200))
    parsed = parse_sie(sie(edit("    #KTYP 1930 T\n", noise + "    #KTYP 1930 X\n")))
    codes = [w.code for w in parsed.warnings]
    assert codes.count("too_few_fields") == 10 and "bad_account_type" in codes
    assert parsed.warning_count == 201
