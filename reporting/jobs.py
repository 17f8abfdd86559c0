"""Long work run by the task worker, with progress a page can show and the file it makes.

`start` records a Job and enqueues the task once the transaction commits; the worker (or, with
the default immediate backend, the request itself) runs `run`, which updates the job's
progress as it goes and stores the finished file on the job. A failure is stored as a message,
never lost: the page shows it.
"""

import io
import logging
import zipfile
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.documents.invoice_pdf import invoice_filename, invoice_pdf
from funding.documents.invoice_xml import invoice_xml
from funding.models import Invoice
from members.models import Association, User
from reporting import documents
from reporting.models import Job, Report

logger = logging.getLogger(__name__)
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"


def start(*, association: Association, user: User, kind: str, title: str, **parameters) -> Job:
    from reporting.tasks import run_job

    job = Job.objects.create(
        association=association, user=user, kind=kind, title=title, parameters=parameters
    )
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def _progress(job: Job, percent: int, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(progress=percent, message=message[:300])


def run(job_id: str) -> None:
    job = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).first()
    if job is None:
        return  # already run, or removed
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=1)
    try:
        filename, content_type, content = RUNNERS[job.kind](job, lambda p, m: _progress(job, p, m))
    except Exception as error:
        logger.exception("Job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            message=str(error)[:300] or _("The job failed."),
            finished_at=timezone.now(),
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        progress=100,
        message=_("Done."),
        filename=filename,
        content_type=content_type,
        result=content,
        finished_at=timezone.now(),
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
        raise ValueError(_("There are no issued invoices for %(year)s.") % {"year": year})
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
