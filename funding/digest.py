"""The ledger digest: a year's vouchers summed per account, project object and month, stored.

`build_digest(ledger)` is the one function that writes it. `funding.ledger.import_sie` calls it
at the end of the import, in the same transaction, and migration 0008 built it for the ledgers
imported before. Nothing else changes a ledger's vouchers (a new file replaces the whole year,
and its digest with it), so the digest cannot be stale.

What the digest does not store is applied when it is read, because it can change without a new
file: the account mapping (AccountMapping, the chart's defaults) and the project objects'
orientations (ProjectObjectOrientation, pushed by initiatives). They are a few rows per
association, read once per page, so a changed mapping shows on the next page without any rebuild.

The readers here return the ledger's own signs (debit positive); funding.statements turns them
into figures.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth

from funding.models import DigestAmount, LedgerYear, VoucherRow

ZERO = Decimal(0)


@transaction.atomic
def build_digest(ledger: LedgerYear) -> int:
    """(Re)build the ledger's digest from its voucher rows; returns the number of rows stored."""
    DigestAmount.objects.filter(ledger=ledger).delete()
    totals = (
        VoucherRow.objects.filter(ledger=ledger)
        .annotate(period=TruncMonth("date"))
        .values("account", "project", "period")
        .annotate(total=Sum("amount"))
        .values_list("account", "project", "period", "total")
        .order_by()
    )
    rows = [
        DigestAmount(ledger=ledger, account=account, project=project, month=_as_date(period), amount=total)
        for account, project, period, total in totals
    ]
    DigestAmount.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _month_end(date: datetime.date) -> bool:
    return (date + datetime.timedelta(days=1)).day == 1


class Movements:
    """A ledger's movements (sums of its vouchers) for the year or up to a day, ledger signs."""

    def __init__(self) -> None:
        self.by_account: dict[str, Decimal] = defaultdict(Decimal)
        self.by_project: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))

    def add(self, account: str, project: str, amount: Decimal) -> None:
        self.by_account[account] += amount
        if project:
            self.by_project[project][account] += amount

    def projects(self) -> dict[str, dict[str, Decimal]]:
        return {project: dict(accounts) for project, accounts in self.by_project.items()}


def movements(
    ledgers: Iterable[LedgerYear], up_to: dict[int, datetime.date] | None = None
) -> dict[int, Movements]:
    """{ledger id: Movements} for several ledgers from one query on the digest.

    `up_to` maps a ledger id to the last day to count; a day that is not a month end adds the
    voucher rows of its month up to that day (one more query, one month of rows).
    """
    ledgers = list(ledgers)
    up_to = up_to or {}
    result = {ledger.pk: Movements() for ledger in ledgers}
    if not ledgers:
        return result
    partial: dict[int, datetime.date] = {}
    for ledger_id, date in up_to.items():
        if not _month_end(date):
            partial[ledger_id] = date
    for ledger_id, account, project, month, amount in DigestAmount.objects.filter(
        ledger__in=[ledger.pk for ledger in ledgers]
    ).values_list("ledger", "account", "project", "month", "amount"):
        limit = up_to.get(ledger_id)
        if limit is not None and (
            month > limit or (ledger_id in partial and month.replace(day=1) == limit.replace(day=1))
        ):
            continue
        result[ledger_id].add(account, project, amount)
    if partial:
        for ledger_id, date in partial.items():
            rows = (
                VoucherRow.objects.filter(ledger_id=ledger_id, date__gte=date.replace(day=1), date__lte=date)
                .values("account", "project")
                .annotate(total=Sum("amount"))
                .values_list("account", "project", "total")
                .order_by()
            )
            for account, project, amount in rows:
                result[ledger_id].add(account, project, amount)
    return result
