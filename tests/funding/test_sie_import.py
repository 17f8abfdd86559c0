"""Import of the bookkeeping: everything or nothing, and every problem named with its line."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from funding.ledger import import_sie
from funding.models import LedgerBalance, LedgerYear, VoucherRow
from funding.statements import balance_sheet, income_statement, year_figures
from tests.funding.sie_files import VOUCHERS, sie_file

pytestmark = pytest.mark.django_db


def test_a_file_with_vouchers_imports_and_its_statements_balance(sofint):
    ledger = import_sie(association=sofint, data=sie_file(), file_name="sofint-2010.se")
    assert (ledger.year, ledger.voucher_count, ledger.encoding) == (2010, 6, "cp437")
    assert VoucherRow.objects.filter(ledger=ledger, project="UNG").get().amount == 250_000
    figures = year_figures(sofint, 2010)
    statement = income_statement(figures)
    rows = {row.key: row for row in statement.rows}
    assert rows["income"].current == 800_000
    assert rows["costs"].current == -550_000
    assert rows["financial_income"].current == 1_000
    assert statement.result == 251_000
    assert rows["income"].previous == 380_000 and rows["costs"].previous == -300_000
    sheet = balance_sheet(figures, statement)
    assert sheet.balances
    assert sheet.total_assets.current == 1_621_000
    assert sheet.equity_opening.current == 1_000_000 and sheet.total_equity.current == 1_251_000
    notes = {row.key: row.current for row in statement.income_notes}
    assert notes == {"income_state": 400_000, "income_region": 200_000, "income_municipalities": 200_000}


def test_reimporting_a_year_replaces_it(sofint):
    first = import_sie(association=sofint, data=sie_file(), file_name="a.se")
    second = import_sie(association=sofint, data=sie_file(), file_name="b.se")
    assert LedgerYear.objects.get().file_name == "b.se"
    assert not LedgerBalance.objects.filter(ledger_id=first.pk).exists()
    assert VoucherRow.objects.filter(ledger=second).count() == 14


def test_a_utf8_file_is_read_too(sofint):
    data = sie_file().decode("cp437").encode("utf-8")
    ledger = import_sie(association=sofint, data=b"\xef\xbb\xbf" + data, file_name="utf8.se")
    assert (
        ledger.encoding == "utf-8" and ledger.accounts.get(number="1650").name == "Mervärdesskattefordringar"
    )


def problems(data, association):
    with pytest.raises(ValidationError) as error:
        import_sie(association=association, data=data, file_name="fel.se")
    assert not LedgerYear.objects.exists()
    return [message.replace("\xa0", " ") for message in error.value.messages]


def test_a_bad_line_is_named_with_its_line_number(sofint):
    bad = VOUCHERS.replace("#TRANS 3010 {} -400000.00", "#TRANS 3010 {} -400000,00")
    data = sie_file(vouchers=bad)
    line = data.decode("cp437").splitlines().index("#TRANS 3010 {} -400000,00") + 1
    messages = problems(data, sofint)
    assert messages == [
        f'Rad {line}: Ogiltigt belopp "-400000,00": använd decimalpunkt och högst två decimaler.'
    ]


def test_an_unbalanced_voucher_is_refused(sofint):
    bad = VOUCHERS.replace("#TRANS 2440 {} -250000.00", "#TRANS 2440 {} -240000.00")
    messages = problems(sie_file(vouchers=bad, suppliers="-360000.00"), sofint)
    assert any("Verifikation A 3 balanserar inte: raderna summerar till 10 000,00" in m for m in messages), (
        messages
    )


def test_balances_that_disagree_with_the_vouchers_are_refused(sofint):
    messages = problems(sie_file(bank="1600000.00"), sofint)
    assert any(
        "Konto 1930: #UB är 1 600 000,00, men #IB plus verifikationerna ger 1 621 000,00." in m
        for m in messages
    ), messages
    assert all(m.startswith("Rad ") for m in messages)


def test_a_result_that_disagrees_with_the_vouchers_is_refused(sofint):
    messages = problems(sie_file(projects="380000.00"), sofint)
    assert any(
        "Konto 4010: #RES är 380 000,00, men verifikationerna ger 370 000,00." in m for m in messages
    ), messages


def test_another_organisations_file_is_refused(sofint):
    messages = problems(sie_file(orgnr="212000-1967"), sofint)
    assert messages == [
        "Filen är bokföringen för organisationsnummer 212000-1967, inte för "
        "Samordningsförbundet i norra Örebro län (222000-1818)."
    ]


def test_an_unclosed_voucher_and_an_unknown_account_are_both_reported(sofint):
    bad = VOUCHERS.replace("#TRANS 6550 {} 150000.00", "#TRANS 6551 {} 150000.00").replace(
        '#VER A 6 20101231 "Ränta"\n{', '#VER A 6 20101231 "Ränta"\n'
    )
    messages = problems(sie_file(vouchers=bad), sofint)
    assert any("Konto 6551 är inte deklarerat med #KONTO" in m for m in messages), messages
    assert any("Verifikation A 6 följs inte av en rad med" in m for m in messages), messages


def test_something_that_is_not_sie_is_refused(sofint):
    assert problems("Detta är ett brev".encode(), sofint) == [
        "Det här är ingen SIE-fil: första raden börjar inte med en #etikett."
    ]


def test_the_command_imports_and_fails_with_a_message(sofint, tmp_path):
    good = tmp_path / "sofint-2010.se"
    good.write_bytes(sie_file())
    out = io.StringIO()
    call_command("import_sie", str(good), "--association", "sofint", stdout=out)
    assert "Bokföringen för 2010 importerades: 6 verifikationer." in out.getvalue()
    bad = tmp_path / "fel.se"
    bad.write_bytes(sie_file(orgnr="212000-1967"))
    with pytest.raises(CommandError, match=r"Inget importerades från fel\.se"):
        call_command("import_sie", str(bad), "--association", "sofint")
    with pytest.raises(CommandError, match="Det finns ingen fil"):
        call_command("import_sie", str(tmp_path / "saknas.se"), "--association", "sofint")
    assert LedgerYear.objects.get().file_name == "sofint-2010.se"


def test_the_upload_page_lists_every_problem(client, sofint, sofint_office):
    client.force_login(sofint_office)
    upload = io.BytesIO(sie_file(bank="1600000.00", projects="380000.00"))
    upload.name = "fel.se"
    response = client.post(reverse("funding:ledger_upload", args=["sofint"]), {"file": upload})
    page = response.content.decode().replace("\xa0", " ")
    assert "Filen importerades inte" in page
    assert "Konto 1930: #UB är 1 600 000,00" in page and "Konto 4010: #RES är 380 000,00" in page
    assert not LedgerYear.objects.exists()


def test_the_upload_page_imports_and_shows_the_statements(client, sofint, sofint_office):
    client.force_login(sofint_office)
    upload = io.BytesIO(sie_file())
    upload.name = "sofint-2010.se"
    preview = client.post(reverse("funding:ledger_upload", args=["sofint"]), {"file": upload})
    assert not LedgerYear.objects.exists()  # nothing changes before the office confirms
    response = client.post(preview.url + "bekrafta/", follow=True)
    page = response.content.decode().replace("\xa0", " ")
    assert "Bokföringen för 2010 importerades" in page
    assert "Balansräkningen balanserar." in page
    assert "251 000" in page


def test_only_the_office_imports(client, sofint, board_member, outsider):
    for user in (board_member, outsider):
        client.force_login(user)
        assert client.get(reverse("funding:ledger_upload", args=["sofint"])).status_code == 404
