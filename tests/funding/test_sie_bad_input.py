"""Hostile and broken SIE input: refused with a Swedish message naming the line, never a
database error, nothing written; junk refused quickly with bounded memory."""

import io
import time
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from funding.ledger import import_sie, read_sie
from funding.models import LedgerAccount, LedgerBalance, LedgerObject, LedgerYear, Voucher, VoucherRow
from funding.sie import MAX_PROBLEMS, SieError, parse_sie
from tests.funding.sie_files import VOUCHERS, sie_file

pytestmark = pytest.mark.django_db

LEDGER_TABLES = (LedgerYear, LedgerAccount, LedgerBalance, LedgerObject, Voucher, VoucherRow)


def counts() -> list[int]:
    return [model.objects.count() for model in LEDGER_TABLES]


def refusal(data: bytes, association) -> list[ValidationError]:
    before = counts()
    with pytest.raises(ValidationError) as caught:
        import_sie(association=association, data=data, file_name="fel.se")
    assert counts() == before
    return caught.value.error_list


def line_of(marker: str, data: bytes) -> int:
    return data.decode("cp437").splitlines().index(marker) + 1


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("#TRANS 1930 {} 400000.00", "#TRANS 1930 {} 1000000000000.00", "amount_too_large"),
        ("#TRANS 1930 {} 400000.00", "#TRANS 193000000000000000000 {} 400000.00", "value_too_long"),
        ("#TRANS 1930 {} 400000.00", '#TRANS 1930 {40000 "UNG"} 400000.00', "bad_dimension"),
        ("#TRANS 1930 {} 400000.00", '#TRANS 1930 {-6 "UNG"} 400000.00', "bad_dimension"),
        ("#TRANS 1930 {} 400000.00", f'#TRANS 1930 {{6 "{"U" * 41}"}} 400000.00', "value_too_long"),
    ],
)
def test_values_beyond_the_ledgers_limits_are_refused_with_their_line(sofint, old, new, code):
    data = sie_file(vouchers=VOUCHERS.replace(old, new, 1))
    [error, *_] = refusal(data, sofint)
    assert error.code == code
    assert error.message.startswith(f"Rad {line_of(new, data)}:")


def test_a_long_voucher_number_is_refused_with_its_line(sofint):
    header = next(line for line in VOUCHERS.splitlines() if line.startswith("#VER A 1 "))
    new = header.replace("#VER A 1 ", "#VER A 123456789012345678901 ")
    data = sie_file(vouchers=VOUCHERS.replace(header, new))
    [error, *_] = refusal(data, sofint)
    assert error.code == "value_too_long" and error.message.startswith(f"Rad {line_of(new, data)}:")


def test_object_ids_alike_in_their_first_40_characters_are_refused(sofint):
    long = "P" * 40
    bad = VOUCHERS.replace('{6 "UNG"}', f'{{6 "{long}A"}}', 1).replace('{6 "SIG"}', f'{{6 "{long}B"}}', 1)
    assert {error.code for error in refusal(sie_file(vouchers=bad), sofint)} == {"value_too_long"}


def test_a_nul_byte_is_refused_naming_its_line(sofint):
    data = sie_file().replace(b"#KONTO 1930", b"#KONTO 19\x0030")
    [error] = refusal(data, sofint)
    assert error.code == "nul_byte"
    line = data[: data.index(b"\x00")].count(b"\n") + 1
    assert error.message.startswith(f"Rad {line}:")


def test_binary_junk_is_refused_quickly_with_bounded_memory(sofint):
    junk = bytes(range(256)) * (50 * 1024 * 1024 // 256)  # 50 MB
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SieError) as caught:
        parse_sie(junk)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.code for p in caught.value.problems] == ["nul_byte"]
    assert elapsed < 2 and peak < 5 * 1024 * 1024


def test_a_large_text_that_is_not_sie_is_refused_quickly_with_bounded_memory():
    text = b"Detta ar ett brev. " * (50 * 1024 * 1024 // 19)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SieError) as caught:
        parse_sie(text)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.code for p in caught.value.problems] == ["not_sie"]
    assert elapsed < 2 and peak < 5 * 1024 * 1024


def test_control_characters_without_nul_are_binary():
    junk = b"#FLAGGA 0\r\n" + bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 1000
    with pytest.raises(SieError) as caught:
        parse_sie(junk)
    assert [p.code for p in caught.value.problems] == ["binary_file"]


def test_an_empty_upload_says_so(sofint):
    assert [error.code for error in refusal(b"", sofint)] == ["empty_file"]
    assert [error.code for error in refusal(b"\r\n  \r\n", sofint)] == ["empty_file"]


def test_many_warnings_never_hide_the_real_defect(sofint):
    noise = "".join(f"#SRU {3000 + number}\n" for number in range(200))  # #SRU without its code
    bad = VOUCHERS.replace("#TRANS 3010 {} -400000.00", "#TRANS 3010 {} -400000,00")
    data = sie_file(vouchers=noise + bad)
    errors = refusal(data, sofint)
    assert [error.code for error in errors] == ["bad_amount"]
    assert errors[0].message.startswith(f"Rad {line_of('#TRANS 3010 {} -400000,00', data)}:")


def test_at_most_twenty_problems_are_shown_and_the_rest_counted(sofint):
    bad = VOUCHERS.replace("{} ", "{} x", 1)
    rows = "".join(f"#IB -1 1930 {number},00\n" for number in range(30))
    errors = refusal(sie_file(vouchers=rows + bad), sofint)
    assert len(errors) == MAX_PROBLEMS + 1
    assert errors[-1].code == "more_problems" and errors[-1].message == "Och 11 problem till."


def test_another_companys_ledger_comes_before_the_lines(sofint):
    bad = VOUCHERS.replace("#TRANS 3010 {} -400000.00", "#TRANS 3010 {} -400000,00")
    errors = refusal(sie_file(vouchers=bad, orgnr="212000-1967"), sofint)
    assert [error.code for error in errors] == ["other_organisation", "bad_amount"]


@pytest.mark.parametrize("written", ["16222000-1818", "162220001818", "222000-1818"])
def test_a_twelve_digit_organisation_number_matches(sofint, written):
    ledger = import_sie(association=sofint, data=sie_file(orgnr=written), file_name="a.se")
    assert ledger.organisation_number == "2220001818"
    assert read_sie(sofint, sie_file(orgnr=written)).organisation_number_as_written == written


def test_a_sole_traders_personal_number_matches_its_ten_digits(sofint):
    sofint.organisation_number = "7001011234"
    sofint.save()
    assert read_sie(sofint, sie_file(orgnr="19700101-1234")).organisation_number == "7001011234"


def test_a_4i_file_is_refused_with_one_message(sofint):
    data = sie_file().replace(b"#UB ", b"#XUB ").replace(b"#RES ", b"#XRES ")
    assert [error.message for error in refusal(data, sofint)] == [
        "Filen innehåller transaktioner för inläsning i ett bokföringsprogram (SIE 4I), "
        "inte ett års bokföring; exportera SIE 4E."
    ]


# -- inspect_sie -----------------------------------------------------------------------


def test_inspect_sie_describes_an_importable_file_and_writes_nothing(sofint, tmp_path):
    path = tmp_path / "sofint-2010.se"
    path.write_bytes(sie_file())
    before = counts()
    out = io.StringIO()
    call_command("inspect_sie", str(path), "--association", "sofint", stdout=out)
    text = out.getvalue().replace("\xa0", " ")
    assert counts() == before
    assert "Program: Testprogram 1.0" in text
    assert "SIE-typ: 4E" in text
    assert "Organisationsnummer: 222000-1818" in text
    assert "Teckenuppsättning: cp437" in text
    assert "Räkenskapsår 0, 2010-01-01–2010-12-31: 6 verifikationer, resultat 251 000,00" in text
    assert "Dimension 6 Projekt: 2 objekt (0 skapade)" in text
    assert "Filen kan läsas in i ett förbund med organisationsnummer 222000-1818." in text


def test_inspect_sie_checks_against_the_files_own_number_or_the_one_given(tmp_path):
    path = tmp_path / "a.se"
    path.write_bytes(sie_file())
    out = io.StringIO()
    call_command("inspect_sie", str(path), stdout=out)
    assert "Filen kan läsas in" in out.getvalue()
    with pytest.raises(CommandError) as caught:
        call_command("inspect_sie", str(path), "--organisation-number", "212000-1967", stdout=io.StringIO())
    assert "Filen kan inte läsas in:" in str(caught.value)
    assert "inte för förbundet (212000-1967)" in str(caught.value)
    assert caught.value.returncode == 1


def test_inspect_sie_lists_the_problems_of_a_bad_file_and_exits_1(sofint, tmp_path):
    path = tmp_path / "fel.se"
    path.write_bytes(sie_file(bank="1600000.00"))
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("inspect_sie", str(path), "--association", "sofint", stdout=io.StringIO())
    assert "Konto 1930: #UB är 1" in str(caught.value).replace("\xa0", " ")
    assert counts() == before
