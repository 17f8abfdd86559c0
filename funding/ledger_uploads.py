"""An SIE file is checked and previewed before anything changes, and imported when the office confirms.

`stage_sie` checks the file as the import would, keeps it with what the preview shows (the file's
own figures per year and, for a year imported before, what changes), and changes no ledger.
`confirm_sie` imports it; a second confirmation of the same upload (a double click, a second
tab) finds it imported and changes nothing.
"""

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funding import ledger as ledger_service
from funding.models import LedgerBalance, LedgerUpload, LedgerYear
from funding.sie import SieFile, summarise, year_result
from members.models import Association, User

# A file that waits longer than this for its confirmation is dropped at the next upload.
KEPT_FOR = datetime.timedelta(days=1)


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _stored_result(ledger: LedgerYear) -> Decimal:
    """The stored year's result by the same rule as the file's (funding.sie.year_result)."""
    results = LedgerBalance.objects.filter(ledger=ledger, kind=LedgerBalance.Kind.RESULT, year_index=0)
    return year_result(results.values_list("amount", flat=True))


def summary_of(sie: SieFile) -> dict:
    """What the preview shows of the file itself (funding.sie.summarise), as JSON kept with the upload."""
    summary = summarise(sie)
    return {
        "program": " ".join(filter(None, [summary.program, summary.program_version])),
        "kind": summary.kind,
        "company_name": summary.company_name,
        "organisation_number": summary.organisation_number_as_written or summary.organisation_number,
        "encoding": summary.encoding,
        "checksum_verified": summary.checksum_verified,
        "years": [
            {
                "index": year.index,
                "start": year.start.isoformat(),
                "end": year.end.isoformat(),
                "vouchers": year.vouchers,
                "result": _amount(year.result),
                "closing_balance": _amount(year.closing_balance_sum),
            }
            for year in summary.years
        ],
        "dimensions": [
            {"number": dimension.number, "name": dimension.name, "objects": dimension.objects}
            for dimension in summary.dimensions
        ],
        "warnings": [ledger_service.problem_message(problem) for problem in summary.warnings],
        "more_warnings": summary.warning_count - len(summary.warnings),
    }


@dataclass(frozen=True)
class Change:
    """What importing the upload changes: the year imported before, its figures and the file's."""

    year: int
    file_name: str
    imported_at: datetime.datetime
    vouchers_before: int
    vouchers_after: int
    result_before: Decimal
    result_after: Decimal | None


def change_of(upload: LedgerUpload) -> Change | None:
    """The year the file replaces, as it stands now; None when the year is new."""
    current = next((year for year in upload.summary.get("years", []) if year["index"] == 0), None)
    if current is None:
        return None
    year = datetime.date.fromisoformat(current["start"]).year
    existing = LedgerYear.objects.filter(association=upload.association, year=year).first()
    if existing is None:
        return None
    return Change(
        year=year,
        file_name=existing.file_name,
        imported_at=existing.imported_at,
        vouchers_before=existing.voucher_count,
        vouchers_after=current["vouchers"],
        result_before=_stored_result(existing),
        result_after=None if current["result"] is None else Decimal(current["result"]),
    )


def stage_sie(*, association: Association, data: bytes, file_name: str, uploaded_by: User) -> LedgerUpload:
    """Check a file and keep it for the preview; raise ValidationError listing its problems."""
    sie = ledger_service.read_sie(association, data)
    sha256 = hashlib.sha256(data).hexdigest()
    LedgerUpload.objects.waiting().filter(
        association=association, uploaded_at__lt=timezone.now() - KEPT_FOR
    ).delete()
    upload = LedgerUpload(
        association=association,
        file_name=file_name[:255],
        sha256=sha256,
        data=data,
        summary=summary_of(sie),
        uploaded_by=uploaded_by,
    )
    try:
        with transaction.atomic():
            upload.save()
    except IntegrityError:
        # The same file waits already (a double click, or a colleague): show that one.
        return LedgerUpload.objects.waiting().get(association=association, sha256=sha256)
    return upload


def confirm_sie(*, upload: LedgerUpload, confirmed_by: User) -> tuple[LedgerYear | None, bool]:
    """Import a waiting upload: (the ledger year, True), or (what it became, False) if already imported."""
    with transaction.atomic():
        upload = LedgerUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.imported_at is not None:
            return upload.imported_ledger, False
        if not upload.data:
            raise ValidationError(_("The file is no longer kept. Upload it again."))
        ledger = ledger_service.import_sie(
            association=upload.association,
            data=bytes(upload.data),
            file_name=upload.file_name,
            imported_by=confirmed_by,
        )
        upload.imported_at = timezone.now()
        upload.imported_ledger = ledger
        upload.data = b""
        upload.save(update_fields=["imported_at", "imported_ledger", "data"])
    return ledger, True
