"""Several associations side by side, with the same definitions (seed 001's recommendation).

Counts from 1 to 4 are suppressed: the comparison is meant to be shared.
"""

from dataclasses import dataclass
from decimal import Decimal

from funding.models import Contribution
from funding.statements import LedgerMissing, key_figures
from members.models import Association
from participants.disclosure import Disclosed, disclose
from participants.statistics import year_statistics


@dataclass
class Column:
    association: Association
    contributions: Decimal | None
    figures: Disclosed
    administration_share: Decimal | None
    equity_share: Decimal | None
    has_ledger: bool
    # The two shares as exact fractions, for the workbook's percent cells.
    administration_fraction: Decimal | None = None
    equity_fraction: Decimal | None = None

    @property
    def has_participants(self) -> bool:
        return self.figures.figures.participants > 0

    @property
    def has_data(self) -> bool:
        return self.has_ledger or self.has_participants or bool(self.contributions)


@dataclass
class ComparisonTable:
    year: int
    columns: list[Column]


def comparison_table(associations: list[Association], year: int) -> ComparisonTable:
    columns = []
    for association in sorted(associations, key=lambda association: association.name):
        contributions = sum(
            (
                contribution.total
                for contribution in Contribution.objects.filter(association=association, year=year)
            ),
            Decimal(0),
        )
        try:
            figures = key_figures(association, year)
        except LedgerMissing:
            figures = None
        statistics = year_statistics(association, year).total
        columns.append(
            Column(
                association=association,
                contributions=figures.contributions if figures else (contributions or None),
                figures=disclose(statistics, suppress=True),
                administration_share=figures.administration_share_of_contributions if figures else None,
                equity_share=figures.equity_share if figures else None,
                has_ledger=figures is not None,
                administration_fraction=figures.administration_fraction_of_contributions if figures else None,
                equity_fraction=figures.equity_fraction if figures else None,
            )
        )
    return ComparisonTable(year=year, columns=columns)
