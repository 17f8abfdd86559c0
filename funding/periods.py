"""Invoicing periods of a year and the OCR payment reference."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from stdnum import luhn


@dataclass(frozen=True)
class Period:
    code: str  # "year", "H1", "Q3": what commands and forms take
    index: int  # 0-based position in the year
    count: int  # periods in the year
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.count == 1:
            return str(self.start.year)
        if self.count == 2:
            return _("%(year)s, half year %(number)s") % {"year": self.start.year, "number": self.index + 1}
        return _("%(year)s, quarter %(number)s") % {"year": self.start.year, "number": self.index + 1}


def _last_day(year: int, month: int) -> datetime.date:
    return (datetime.date(year + month // 12, month % 12 + 1, 1)) - datetime.timedelta(days=1)


def periods_of(year: int, per: str) -> list[Period]:
    """The year's invoicing periods: one year, two half years or four quarters."""
    months = {"year": 12, "half_year": 6, "quarter": 3}[per]
    count = 12 // months
    prefix = {"year": "", "half_year": "H", "quarter": "Q"}[per]
    return [
        Period(
            code=f"{prefix}{index + 1}" if prefix else "year",
            index=index,
            count=count,
            start=datetime.date(year, index * months + 1, 1),
            end=_last_day(year, (index + 1) * months),
        )
        for index in range(count)
    ]


def invoice_dates(
    *, period_start: datetime.date, earliest: datetime.date, terms_days: int
) -> tuple[datetime.date, datetime.date]:
    """The invoice date and due date of an invoice for a period, issued on `earliest` or later.

    An invoice for a later period is dated the payment terms before its period starts, so it
    falls due on the period's first day rather than months ahead of it; a period that has
    started (or starts within the terms) is dated `earliest` and falls due the terms later.
    """
    invoice_date = max(earliest, period_start - datetime.timedelta(days=terms_days))
    return invoice_date, invoice_date + datetime.timedelta(days=terms_days)


def ocr_reference(number: int) -> str:
    """An OCR number for an invoice number: the digits, a length digit and a Luhn check digit.

    Bankgirot's "variable OCR with length check": the length digit is the total length
    (including itself and the check digit) modulo 10, so a mistyped length is caught as
    well as a mistyped digit.
    """
    digits = str(number)
    with_length = digits + str((len(digits) + 2) % 10)
    return with_length + luhn.calc_check_digit(with_length)


def is_valid_ocr(reference: str) -> bool:
    return (
        reference.isdigit()
        and 2 <= len(reference) <= 25
        and luhn.is_valid(reference)
        and int(reference[-2]) == len(reference) % 10
    )
