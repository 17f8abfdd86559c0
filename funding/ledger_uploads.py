"""An SIE file is checked and previewed before anything changes, and imported when the office confirms.

`stage_sie` checks the file as the import would, keeps it with what the preview shows (the file's
own figures per year and, for a year imported before, what changes), and changes no ledger.
`confirm_sie` imports it; a second confirmation of the same upload (a double click, a second
tab) finds it imported and changes nothing.

A big file (over settings.SIE_BACKGROUND_BYTES) is checked and imported by the task worker
(funding/tasks.py), so that the request answers at once instead of outlasting the app server's
timeout: the upload's status says how far it has come and the preview page shows it.

A worker that dies (killed, out of memory, the machine restarted) leaves its upload "checking" or
"importing". The worker holds the upload's row lock while it works and PostgreSQL ends the lock with
the worker's connection, so an upload that is still busy JOB_HEARTBEAT_LIMIT_SECONDS after it was
handed over and is not locked has no worker: `fail_dead` marks it failed with the reason, and the
preview page offers to try again (`retry_upload`). The import is one transaction, so the dead
worker's import left nothing behind and the retry cannot import the file twice.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from funding import ledger as ledger_service
from funding.models import LedgerBalance, LedgerUpload, LedgerYear
from funding.sie import SieFile, summarise, year_result
from members.models import Association, User

logger = logging.getLogger(__name__)

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


def _in_background(data: bytes) -> bool:
    return len(data) > settings.SIE_BACKGROUND_BYTES


def stage_sie(*, association: Association, data: bytes, file_name: str, uploaded_by: User) -> LedgerUpload:
    """Keep a file for the preview, checked now or, when big, by the worker.

    A small file that cannot be imported raises ValidationError listing its problems and is not
    kept; a big one is kept as refused, with its problems, once the worker has checked it.
    """
    background = _in_background(data)
    summary, status = {}, LedgerUpload.Status.CHECKING
    if not background:
        summary, status = summary_of(ledger_service.read_sie(association, data)), LedgerUpload.Status.READY
    sha256 = hashlib.sha256(data).hexdigest()
    LedgerUpload.objects.waiting().filter(
        association=association, uploaded_at__lt=timezone.now() - KEPT_FOR
    ).delete()
    upload = LedgerUpload(
        association=association,
        file_name=file_name[:255],
        sha256=sha256,
        data=data,
        summary=summary,
        status=status,
        uploaded_by=uploaded_by,
        queued_at=timezone.now() if background else None,
    )
    try:
        with transaction.atomic():
            upload.save()
    except IntegrityError:
        # The same file waits already (a double click, or a colleague): show that one.
        return LedgerUpload.objects.waiting().get(association=association, sha256=sha256)
    if background:
        _enqueue(check_upload_task, upload.pk)
    return upload


def _enqueue(task, *args) -> None:
    # After the commit, so that the worker finds the row; the immediate backend runs it there.
    transaction.on_commit(lambda: task.enqueue(*args))


def check_upload(upload_id: int) -> None:
    """The worker's check of a big upload: ready with its summary, or refused with its problems.

    The row stays locked while the worker reads the file: a lock held is a worker alive (fail_dead).
    """
    fail_dead()
    with transaction.atomic():
        upload = (
            LedgerUpload.objects.select_for_update()
            .filter(pk=upload_id, status=LedgerUpload.Status.CHECKING)
            .first()
        )
        if upload is None:
            return  # checked already, or removed
        try:
            sie = ledger_service.read_sie(upload.association, bytes(upload.data))
        except ValidationError as error:
            LedgerUpload.objects.filter(pk=upload.pk).update(
                status=LedgerUpload.Status.REFUSED, problems=error.messages, data=b""
            )
        except Exception:
            logger.exception("Checking SIE upload %s failed", upload.pk)
            LedgerUpload.objects.filter(pk=upload.pk).update(
                status=LedgerUpload.Status.FAILED,
                message=_("The file could not be checked. Upload it again."),
            )
        else:
            LedgerUpload.objects.filter(pk=upload.pk).update(
                status=LedgerUpload.Status.READY, summary=summary_of(sie)
            )


def fail_dead(uploads=None) -> int:
    """Mark failed the uploads whose worker has died, or that no worker took up in time.

    Busy for longer than JOB_HEARTBEAT_LIMIT_SECONDS since it was handed over, and not locked: a
    worker at work on it holds the row's lock however long the file takes, so only uploads without
    a living worker are found (skip_locked also keeps this from waiting for one).
    """
    uploads = LedgerUpload.objects.all() if uploads is None else uploads
    limit = settings.JOB_HEARTBEAT_LIMIT_SECONDS
    silent = timezone.now() - datetime.timedelta(seconds=limit)
    busy = uploads.filter(status__in=[LedgerUpload.Status.CHECKING, LedgerUpload.Status.IMPORTING]).filter(
        Q(queued_at__lt=silent) | Q(queued_at=None, uploaded_at__lt=silent)
    )
    messages = {
        LedgerUpload.Status.CHECKING: _(
            "The check stopped: the worker checking the file gave no sign of life for %(seconds)s "
            "seconds. Nothing was changed; try again."
        ),
        LedgerUpload.Status.IMPORTING: _(
            "The import stopped: the worker importing the file gave no sign of life for %(seconds)s "
            "seconds. Nothing was imported; try again."
        ),
    }
    count = 0
    with transaction.atomic():
        for upload in busy.select_for_update(skip_locked=True).only("pk", "status"):
            count += LedgerUpload.objects.filter(pk=upload.pk, status=upload.status).update(
                status=LedgerUpload.Status.FAILED,
                message=messages[upload.status] % {"seconds": limit},
            )
    if count:
        logger.warning("%s SIE uploads were marked failed: worker dead or missing", count)
    return count


def retry_upload(*, upload: LedgerUpload, retried_by: User) -> bool:
    """Run a failed check or import again; False if it is not failed (any more) or has no file.

    The update is conditional, so a double click or two open tabs hand it over once. A file that
    was checked (it has a summary) is imported again, one that was not is checked again.
    """
    status = LedgerUpload.Status.IMPORTING if upload.summary else LedgerUpload.Status.CHECKING
    retried = (
        LedgerUpload.objects.filter(pk=upload.pk, status=LedgerUpload.Status.FAILED)
        .exclude(data=b"")
        .update(status=status, message="", queued_at=timezone.now())
    )
    if retried:
        if status == LedgerUpload.Status.IMPORTING:
            _enqueue(import_upload_task, upload.pk, retried_by.pk)
        else:
            _enqueue(check_upload_task, upload.pk)
    return bool(retried)


def _import(upload: LedgerUpload, user: User | None) -> LedgerYear:
    """Import a locked, ready upload and mark it imported (inside the caller's transaction)."""
    ledger = ledger_service.import_sie(
        association=upload.association,
        data=bytes(upload.data),
        file_name=upload.file_name,
        imported_by=user,
    )
    upload.status = LedgerUpload.Status.IMPORTED
    upload.imported_at = timezone.now()
    upload.imported_ledger = ledger
    upload.data = b""
    upload.message = ""
    upload.save(update_fields=["status", "imported_at", "imported_ledger", "data", "message"])
    return ledger


class Confirmed:
    """What a confirmation did: imported now, started in the background, or nothing (done before)."""

    IMPORTED = "imported"
    STARTED = "started"
    ALREADY = "already"


def confirm_sie(*, upload: LedgerUpload, confirmed_by: User) -> tuple[LedgerYear | None, str]:
    """Import a checked upload: (the ledger year, Confirmed.IMPORTED); a big one is started in the
    background (None, STARTED); one imported or being imported before gives (its year, ALREADY)."""
    with transaction.atomic():
        upload = LedgerUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.imported_at is not None or upload.status == LedgerUpload.Status.IMPORTING:
            return upload.imported_ledger, Confirmed.ALREADY
        if upload.status != LedgerUpload.Status.READY or not upload.data:
            raise ValidationError(_("The file cannot be imported. Upload it again."))
        if _in_background(upload.data):
            upload.status = LedgerUpload.Status.IMPORTING
            upload.queued_at = timezone.now()
            upload.save(update_fields=["status", "queued_at"])
            _enqueue(import_upload_task, upload.pk, confirmed_by.pk)
            return None, Confirmed.STARTED
        return _import(upload, confirmed_by), Confirmed.IMPORTED


def import_upload(upload_id: int, user_id: int | None) -> None:
    """The worker's import of a big upload that the office confirmed, all or nothing.

    The row stays locked until the import commits: a lock held is a worker alive (fail_dead), and a
    second import of the same upload waits for the first and then finds it imported.
    """
    fail_dead()
    try:
        with transaction.atomic():
            upload = (
                LedgerUpload.objects.select_for_update()
                .filter(pk=upload_id, status=LedgerUpload.Status.IMPORTING)
                .first()
            )
            if upload is None:
                return  # imported already, or removed
            _import(upload, User.objects.filter(pk=user_id).first())
    except ValidationError as error:
        LedgerUpload.objects.filter(pk=upload_id).update(
            status=LedgerUpload.Status.REFUSED, problems=error.messages, data=b""
        )
    except Exception:
        # The import rolled back; the file is still here, so the office can confirm again.
        logger.exception("Importing SIE upload %s failed", upload_id)
        LedgerUpload.objects.filter(pk=upload_id).update(
            status=LedgerUpload.Status.READY,
            message=_("The import failed and nothing was changed. Try again."),
        )


@task()
def check_upload_task(upload_id: int) -> None:
    check_upload(upload_id)


@task()
def import_upload_task(upload_id: int, user_id: int | None) -> None:
    import_upload(upload_id, user_id)
