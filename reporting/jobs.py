"""Long work run by the task worker, with progress a page can show and the file it makes.

`start` records a Job and enqueues the task once the transaction commits; the worker (or, with
the default immediate backend, the request itself) runs `run`, which updates the job's
progress as it goes and stores the finished file on the job. A failure is stored as a message,
never lost: the page shows it.

A worker that dies (killed, out of memory, the machine restarted) leaves its job "running". The
job's heartbeat is set with every step of progress; a running job without one for
JOB_HEARTBEAT_LIMIT_SECONDS, or a job still queued after JOB_QUEUE_LIMIT_SECONDS, is marked failed
with a reason (`fail_dead`, run when a job page is read and whenever a worker starts a job).
A failed job can be run again (`retry`): every kind only makes a file from data already there
(a report's document, a year's issued invoices as a zip), so running it twice issues nothing twice.
"""

import datetime
import io
import logging
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.pdf import RenderFailed
from funding.documents.invoice_pdf import invoice_filename, invoice_pdf
from funding.documents.invoice_xml import invoice_xml
from funding.models import Invoice
from members import notifications
from members.models import Association, Notification, User
from reporting import documents
from reporting.models import Job, Report

logger = logging.getLogger(__name__)
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"

# What each kind makes, for the message when it fails.
WHAT = {
    "report": gettext_lazy("The report's document"),
    "invoices": gettext_lazy("The invoices' PDF and XML files"),
}


class JobRefused(Exception):
    """The job cannot make its file from the data as it is; the message (translated) says why."""


def start(*, association: Association, user: User, kind: str, title: str, **parameters) -> Job:
    from reporting.tasks import run_job

    job = Job.objects.create(
        association=association, user=user, kind=kind, title=title, parameters=parameters
    )
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def retry(*, job: Job) -> bool:
    """Queue a failed job again with the same parameters; False if it is not failed (any more).

    The update is conditional, so a double click or two open tabs queue it once."""
    from reporting.tasks import run_job

    queued = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
        status=Job.Status.QUEUED,
        progress=0,
        message="",
        heartbeat_at=timezone.now(),  # queued again now: the queue limit counts from here
        finished_at=None,
    )
    if queued:
        transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return bool(queued)


def fail_dead(jobs=None, *, waiting: bool = True) -> int:
    """Mark failed the jobs whose worker has died or (with `waiting`) that no worker took up."""
    jobs = Job.objects.all() if jobs is None else jobs
    now = timezone.now()
    heartbeat_limit = settings.JOB_HEARTBEAT_LIMIT_SECONDS
    queue_limit = settings.JOB_QUEUE_LIMIT_SECONDS
    silent = now - datetime.timedelta(seconds=heartbeat_limit)
    dead = jobs.filter(status=Job.Status.RUNNING).filter(
        Q(heartbeat_at__lt=silent) | Q(heartbeat_at=None, created_at__lt=silent)
    )
    count = dead.update(
        status=Job.Status.FAILED,
        message=_(
            "The job stopped: the worker running it gave no sign of life for %(seconds)s seconds. "
            "Nothing was changed; try again."
        )
        % {"seconds": heartbeat_limit},
        finished_at=now,
    )
    if waiting:
        late = now - datetime.timedelta(seconds=queue_limit)
        unstarted = jobs.filter(status=Job.Status.QUEUED).filter(
            Q(heartbeat_at__lt=late) | Q(heartbeat_at=None, created_at__lt=late)
        )
        count += unstarted.update(
            status=Job.Status.FAILED,
            message=_(
                "The job waited more than %(minutes)s minutes without being started: no worker took it "
                "up. Try again; if it waits again, contact the administrator."
            )
            % {"minutes": queue_limit // 60},
            finished_at=now,
        )
    if count:
        logger.warning("%s background jobs were marked failed: worker dead or missing", count)
    return count


def _progress(job: Job, attempt: int, percent: int, message: str) -> None:
    Job.objects.filter(pk=job.pk, attempt=attempt, status=Job.Status.RUNNING).update(
        progress=percent, message=message[:300], heartbeat_at=timezone.now()
    )


def run(job_id: str) -> None:
    # A worker that is alive takes up what waits, late or not; it only clears up after dead ones.
    fail_dead(waiting=False)
    job = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).first()
    if job is None:
        return  # already run, or removed
    attempt = job.attempt + 1
    # Taken with a conditional update: of two workers given the same job, one runs it.
    if not Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, progress=1, attempt=attempt, heartbeat_at=timezone.now()
    ):
        return
    mine = Job.objects.filter(pk=job.pk, attempt=attempt, status=Job.Status.RUNNING)
    step = [_("Starting…")]

    def progress(percent: int, message: str) -> None:
        step[0] = message
        _progress(job, attempt, percent, message)

    try:
        filename, content_type, content = RUNNERS[job.kind](job, progress)
    except JobRefused as refusal:
        if mine.update(status=Job.Status.FAILED, message=str(refusal)[:300], finished_at=timezone.now()):
            _tell_finished(job, done=False)
        return
    except Exception as error:
        logger.exception("Job %s failed", job.pk)
        what = WHAT.get(job.kind, _("The file"))
        cause = _("laying out the PDF failed") if isinstance(error, RenderFailed) else step[0].rstrip("…")
        if mine.update(
            status=Job.Status.FAILED,
            message=(
                _(
                    "%(what)s could not be made (%(cause)s). Nothing was changed; try again, and if "
                    "it fails again, contact the administrator."
                )
                % {"what": what, "cause": cause}
            )[:300],
            finished_at=timezone.now(),
        ):
            _tell_finished(job, done=False)
        return
    if mine.update(
        status=Job.Status.DONE,
        progress=100,
        message=_("Done."),
        filename=filename,
        content_type=content_type,
        result=content,
        heartbeat_at=timezone.now(),
        finished_at=timezone.now(),
    ):
        _tell_finished(job, done=True)


def _tell_finished(job: Job, *, done: bool) -> None:
    """Mail the job's user that it has finished, once per job (a retry that succeeds is not mailed)."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": job.title,
            "link": notifications.absolute_url(reverse("reporting:job_detail", args=[job.pk])),
        }
        if done:
            subject = _("Ready: %(title)s") % values
            body = _("The file is ready to download:\n\n%(link)s\n") % values
        else:
            subject = _("Failed: %(title)s") % values
            body = _("The job failed. The page says why and lets you try again:\n\n%(link)s\n") % values
        body += "\n" + _("You can turn these messages off under E-mail notifications in the app.")
        notifications.notify(
            record=job,
            notification=Notification.JOB_FINISHED,
            recipients=[notifications.Recipient.of(job.user)],
            subject=subject,
            body=body,
        )


def _report_document(job: Job, progress: Callable[[int, str], None]) -> tuple[str, str, bytes]:
    report = Report.objects.select_related("association").get(pk=job.parameters["report"])
    file_format = job.parameters["format"]
    progress(10, _("Computing the figures from the bookkeeping and the register…"))
    document = documents.rendering(report.association, report.kind, report.period_end, report)
    progress(40, _("Laying out the document…"))
    if file_format == "pdf":
        content, content_type = documents.document_pdf(document), PDF
    else:
        content, content_type = documents.workbook(document), XLSX
    progress(95, _("Storing the file…"))
    return documents.filename(report, file_format, draft=True), content_type, content


def _invoice_batch(job: Job, progress: Callable[[int, str], None]) -> tuple[str, str, bytes]:
    year = job.parameters["year"]
    invoices = list(
        Invoice.objects.filter(association=job.association)
        .issued()
        .for_year(year)
        .select_related("association", "organisation")
        .order_by("number")
    )
    if not invoices:
        raise JobRefused(_("There are no issued invoices for %(year)s.") % {"year": year})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, invoice in enumerate(invoices, start=1):
            archive.writestr(invoice_filename(invoice, "pdf"), invoice_pdf(invoice))
            archive.writestr(invoice_filename(invoice, "xml"), invoice_xml(invoice))
            progress(
                int(index * 95 / len(invoices)),
                _("%(done)s of %(count)s invoices rendered") % {"done": index, "count": len(invoices)},
            )
    return f"fakturor-{job.association.slug}-{year}.zip", ZIP, buffer.getvalue()


RUNNERS = {"report": _report_document, "invoices": _invoice_batch}
