"""Writing an imported year of the bookkeeping to the database, in bulk.

A year holds tens of thousands of vouchers and some 100 000 rows. On PostgreSQL they are
streamed from the parsed file into COPY: no model instance per row and no SQL statement per
batch, so the import's time and memory stay close to the parser's own. On SQLite (`make run`,
the default test run) they go through bulk_create, a batch of vouchers with their rows at a time.
Both paths store the same values: texts cut to the field's length, the project object of the
association's project dimension, every object as `[[dimension, object id], …]`. The caller
holds the transaction, so an import is still all or nothing.
"""

import json
from collections.abc import Iterator, Sequence
from itertools import islice

from django.db import connection, models

from funding.models import LedgerAccount, LedgerBalance, LedgerObject, LedgerYear, Voucher, VoucherRow
from funding.sie import ObjectList, SieFile
from funding.sie import Voucher as ParsedVoucher
from members.models import Association

# Vouchers per bulk_create on SQLite (about four rows each): bounded memory, few statements.
BATCH_SIZE = 2000

VOUCHER_FIELDS = ("id", "ledger", "series", "number", "date", "text")
ROW_FIELDS = ("ledger", "voucher", "account", "amount", "date", "text", "project", "object_refs")


def delete_year(*, association: Association, year: int) -> None:
    """Remove a year's ledger and everything in it."""
    ledger = LedgerYear.objects.filter(association=association, year=year).first()
    if ledger is None:
        return
    # One DELETE per table: the cascade of Voucher.delete() would first load every voucher to
    # find its rows, and then delete by lists of primary keys.
    with connection.cursor() as cursor:
        for model in (VoucherRow, Voucher):
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.get_field("ledger").column)
            # Names from the models' metadata, quoted; the value is a parameter.
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [ledger.pk])  # noqa: S608
    ledger.delete()


def store_entries(*, ledger: LedgerYear, sie: SieFile, project_dimension: int) -> None:
    """Store the file's accounts, balances, objects, vouchers and rows in `ledger`."""
    store_chart(ledger=ledger, sie=sie)
    if connection.vendor == "postgresql":
        copy_vouchers(ledger=ledger, vouchers=sie.vouchers, project_dimension=project_dimension)
    else:
        create_vouchers(ledger=ledger, vouchers=sie.vouchers, project_dimension=project_dimension)


def store_chart(*, ledger: LedgerYear, sie: SieFile) -> None:
    """Accounts, the balances of this year and the last, and the objects: a few hundred rows."""
    LedgerAccount.objects.bulk_create(
        LedgerAccount(ledger=ledger, number=account.number, name=account.name[:200], type=account.type or "")
        for account in sie.accounts.values()
    )
    balances = [
        (LedgerBalance.Kind.OPENING, sie.opening_balances),
        (LedgerBalance.Kind.CLOSING, sie.closing_balances),
        (LedgerBalance.Kind.RESULT, sie.results),
    ]
    LedgerBalance.objects.bulk_create(
        LedgerBalance(ledger=ledger, kind=kind, year_index=year_index, account=account, amount=amount)
        for kind, values in balances
        for (year_index, account), amount in values.items()
        if year_index in (0, -1)
    )
    LedgerObject.objects.bulk_create(
        LedgerObject(
            ledger=ledger,
            dimension=item.dimension,
            object_id=item.id[:40],
            name=item.name[:200],
            dimension_name=getattr(sie.dimensions.get(item.dimension), "name", "")[:100],
        )
        for item in sie.objects.values()
    )


class _RowObjects:
    """A row's project, its object list as stored and that list as JSON, worked out once per
    distinct list: the parser hands out the same few hundred object lists for all the rows."""

    def __init__(self, project_dimension: int) -> None:
        self.project_dimension = project_dimension
        self.known: dict[ObjectList, tuple[str, list[list], str]] = {}

    def __call__(self, objects: ObjectList) -> tuple[str, list[list], str]:
        try:
            return self.known[objects]
        except KeyError:
            project = next((code for number, code in objects if number == self.project_dimension), "")
            refs = [list(pair) for pair in objects]
            stored = self.known[objects] = (project[:40], refs, json.dumps(refs))
            return stored


def copy_vouchers(*, ledger: LedgerYear, vouchers: Sequence[ParsedVoucher], project_dimension: int) -> None:
    """PostgreSQL: the vouchers, then their rows, each by one COPY."""
    row_objects = _RowObjects(project_dimension)
    with connection.cursor() as cursor:
        # The rows need their voucher's key, and COPY returns none: take the keys from the
        # table's sequence first (one query; the values need not be consecutive).
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [Voucher._meta.db_table, Voucher._meta.pk.column, len(vouchers)],
        )
        voucher_ids = [pk for (pk,) in cursor.fetchall()]
        with cursor.copy(_copy_statement(Voucher, VOUCHER_FIELDS)) as copy:
            for pk, voucher in zip(voucher_ids, vouchers, strict=True):
                copy.write_row(
                    (pk, ledger.pk, voucher.series, voucher.number, voucher.date, voucher.text[:300])
                )
        with cursor.copy(_copy_statement(VoucherRow, ROW_FIELDS)) as copy:
            for voucher_id, voucher in zip(voucher_ids, vouchers, strict=True):
                for row in voucher.transactions:
                    project, _refs, refs_json = row_objects(row.objects)
                    copy.write_row(
                        (
                            ledger.pk,
                            voucher_id,
                            row.account,
                            row.amount,
                            row.date,
                            row.text[:300],
                            project,
                            refs_json,
                        )
                    )


def _copy_statement(model: type[models.Model], field_names: Sequence[str]) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in field_names)
    return f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"


def create_vouchers(*, ledger: LedgerYear, vouchers: Sequence[ParsedVoucher], project_dimension: int) -> None:
    """Any database: bulk_create, a batch of vouchers and then their rows at a time."""
    row_objects = _RowObjects(project_dimension)
    for batch in _batches(vouchers, BATCH_SIZE):
        created = Voucher.objects.bulk_create(
            Voucher(ledger=ledger, series=v.series, number=v.number, date=v.date, text=v.text[:300])
            for v in batch
        )
        rows = []
        for voucher, parsed_voucher in zip(created, batch, strict=True):
            for row in parsed_voucher.transactions:
                project, refs, _json = row_objects(row.objects)
                rows.append(
                    VoucherRow(
                        ledger=ledger,
                        voucher=voucher,
                        account=row.account,
                        amount=row.amount,
                        date=row.date,
                        text=row.text[:300],
                        project=project,
                        object_refs=refs,
                    )
                )
        VoucherRow.objects.bulk_create(rows)


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
