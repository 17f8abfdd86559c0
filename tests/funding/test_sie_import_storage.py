"""How an imported ledger's vouchers and rows are stored: by COPY on PostgreSQL, by bulk_create
elsewhere, with the same values either way."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from funding import ledger_store
from funding.ledger import import_sie
from funding.models import LedgerYear, Voucher, VoucherRow
from funding.sie import parse_sie
from tests.funding.sie_files import VOUCHERS, sie_file

pytestmark = pytest.mark.django_db

LONG_OBJECT = "P" * 40  # the longest object id a ledger takes (a longer one is refused)
LONG_TEXT = "Å" * 350
# A voucher that adds nothing to any account (so the file's balances still hold), with what is
# hard to store: two objects on a row, an object id as long as its field, texts longer than theirs, the row's
# own date, and a text with a quote, a tab and a backslash (COPY escapes the last two).
ODD_VOUCHER = f"""#VER B 7 20101115 "{LONG_TEXT}"
{{
#TRANS 4010 {{1 "K1" 6 "UNG"}} 500.00 20101116 "Faktura \\"Örebro\\"\tflik \\\\ slut"
#TRANS 4010 {{6 "{LONG_OBJECT}"}} -500.00
}}
"""
OBJECTS = f'#OBJEKT 1 "K1" "Kansliet"\n#OBJEKT 6 "{LONG_OBJECT}" "Långt id"\n'


def odd_file() -> bytes:
    return sie_file(vouchers=VOUCHERS + ODD_VOUCHER, extra=OBJECTS)


def stored_rows(ledger: LedgerYear) -> list[tuple]:
    return list(
        VoucherRow.objects.filter(ledger=ledger)
        .order_by("voucher__date", "voucher__number", "pk")
        .values_list(
            "voucher__series",
            "voucher__number",
            "voucher__date",
            "voucher__text",
            "account",
            "amount",
            "date",
            "text",
            "project",
            "object_refs",
        )
    )


def test_the_rows_are_stored_as_the_file_gives_them(sofint):
    ledger = import_sie(association=sofint, data=odd_file(), file_name="udda.se")
    rows = stored_rows(ledger)
    assert len(rows) == 16 and Voucher.objects.filter(ledger=ledger).count() == 7
    assert rows[5] == (
        "A",
        "3",
        datetime.date(2010, 3, 1),
        "Ungdomscoach, faktura",
        "4010",
        Decimal("250000.00"),
        datetime.date(2010, 3, 1),
        "",
        "UNG",
        [[6, "UNG"]],
    )
    odd = [row for row in rows if row[0] == "B"]
    assert odd == [
        (
            "B",
            "7",
            datetime.date(2010, 11, 15),
            "Å" * 300,
            "4010",
            Decimal("500.00"),
            datetime.date(2010, 11, 16),
            'Faktura "Örebro"\tflik \\ slut',
            "UNG",
            [[1, "K1"], [6, "UNG"]],
        ),
        (
            "B",
            "7",
            datetime.date(2010, 11, 15),
            "Å" * 300,
            "4010",
            Decimal("-500.00"),
            datetime.date(2010, 11, 15),
            "",
            "P" * 40,
            [[6, LONG_OBJECT]],
        ),
    ]


def test_the_project_is_the_object_of_the_associations_project_dimension(sofint):
    sofint.project_dimension = 1
    sofint.save()
    ledger = import_sie(association=sofint, data=odd_file(), file_name="udda.se")
    projects = VoucherRow.objects.filter(ledger=ledger).exclude(project="").values_list("project", flat=True)
    assert list(projects) == ["K1"]


def test_a_reimport_leaves_only_the_new_vouchers_and_rows(sofint):
    import_sie(association=sofint, data=odd_file(), file_name="a.se")
    ledger = import_sie(association=sofint, data=sie_file(), file_name="b.se")
    assert Voucher.objects.count() == Voucher.objects.filter(ledger=ledger).count() == 6
    assert VoucherRow.objects.count() == VoucherRow.objects.filter(ledger=ledger).count() == 14


def empty_ledger(association, year: int) -> LedgerYear:
    return LedgerYear.objects.create(
        association=association,
        year=year,
        start_date=datetime.date(year, 1, 1),
        end_date=datetime.date(year, 12, 31),
        file_name="udda.se",
        sha256="0" * 64,
        encoding="cp437",
    )


only_on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")


@only_on_postgresql
def test_copy_and_bulk_create_store_the_same_rows(sofint):
    sie = parse_sie(odd_file())
    copied, created = empty_ledger(sofint, 2010), empty_ledger(sofint, 2011)
    ledger_store.copy_vouchers(ledger=copied, vouchers=sie.vouchers, project_dimension=6)
    ledger_store.create_vouchers(ledger=created, vouchers=sie.vouchers, project_dimension=6)
    assert len(stored_rows(copied)) == 16 and stored_rows(copied) == stored_rows(created)


@pytest.mark.parametrize(
    "store",
    [pytest.param(ledger_store.copy_vouchers, marks=only_on_postgresql), ledger_store.create_vouchers],
)
def test_a_year_without_vouchers_stores_none(sofint, store):
    store(ledger=empty_ledger(sofint, 2010), vouchers=[], project_dimension=6)
    assert not Voucher.objects.exists() and not VoucherRow.objects.exists()
