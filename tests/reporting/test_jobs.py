"""Long work runs as a task: the page shows its progress and then offers the finished file. With
the default (immediate) backend the task runs at once; in production the database backend queues
it for `manage.py db_worker`, exercised here too."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from members.models import Role
from reporting import jobs, services
from reporting.models import Job
from tests.documents import page_text, workbook
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_interim(sofint, ledger_2009):
    report = services.create_report(association=sofint, kind="interim", period_end=datetime.date(2009, 8, 31))
    services.share(report=report)
    return report


def test_a_draft_document_is_made_by_a_job_and_downloaded(
    client, shared_interim, sofint_office, django_capture_on_commit_callbacks
):
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:document", args=["sofint", shared_interim.pk, "xlsx"]))
    job = Job.objects.get()
    assert response.url == reverse("reporting:job_detail", args=[job.pk])
    assert (job.status, job.progress) == ("done", 100)
    page = page_text(client.get(response.url))
    assert "Filen är klar." in page and "delarsrapport-sofint-2009-08-31-utkast.xlsx" in page
    download = client.get(reverse("reporting:job_download", args=[job.pk]))
    book = workbook(download.content)
    assert "Utfall och prognos" in book.sheetnames
    assert download["Content-Disposition"].endswith('"delarsrapport-sofint-2009-08-31-utkast.xlsx"')


def test_the_page_shows_progress_and_polls_politely_while_running(client, sofint, sofint_office):
    job = Job.objects.create(
        association=sofint,
        user=sofint_office,
        kind="invoices",
        title="Fakturor 2009",
        parameters={"year": 2009},
        progress=40,
        status=Job.Status.RUNNING,
        message="Sätter dokumentet…",
    )
    client.force_login(sofint_office)
    html = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    # A meta refresh reloads the page under the user (axe: meta-refresh); a small script polls instead.
    assert 'http-equiv="refresh"' not in html
    assert "js/job-progress.js" in html and f'data-poll="{reverse("reporting:job_detail", args=[job.pk])}"' in html
    assert '<progress max="100" value="40"' in html and "Sätter dokumentet…" in html


# The worker closes connections that are not in autocommit mode, as a test transaction is
# not, so this test commits for real (PostgreSQL would otherwise lose its connection).
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_the_worker_runs_the_queued_job(
    sofint, sofint_office, shared_interim, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(
            association=sofint,
            user=sofint_office,
            kind="report",
            title="x",
            report=shared_interim.pk,
            format="pdf",
        )
    job.refresh_from_db()
    assert job.status == "queued"  # waiting for the worker, not run in the request
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, stdout=io.StringIO(), stderr=io.StringIO()
    )
    job.refresh_from_db()
    assert job.status == "done" and bytes(job.result).startswith(b"%PDF")


def test_a_failed_job_says_why(sofint, sofint_office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(
            association=sofint, user=sofint_office, kind="invoices", title="Fakturor 2031", year=2031
        )
    job.refresh_from_db()
    assert job.status == "failed" and job.message == "Det finns inga utställda fakturor för 2031."


def test_a_years_invoices_are_zipped_as_pdf_and_xml_in_the_background(
    client, issued_q1, sofint_office, django_capture_on_commit_callbacks
):
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:invoice_batch", args=["sofint", 2026]))
    job = Job.objects.get()
    assert response.url == reverse("reporting:job_detail", args=[job.pk]) and job.status == "done"
    names = zipfile.ZipFile(io.BytesIO(bytes(job.result))).namelist()
    assert len(names) == 2 * len(issued_q1) and {name.rsplit(".", 1)[1] for name in names} == {"pdf", "xml"}


def test_the_invoice_archive_page_offers_the_zip_and_lists_the_jobs_so_far(
    client, issued_q1, sofint, sofint_office, django_capture_on_commit_callbacks
):
    client.force_login(sofint_office)
    page = page_text(client.get(reverse("reporting:invoice_archive_year", args=["sofint", 2026])))
    assert "Fakturor 2026, PDF och XML" in page and "Alla utställda som PDF och XML (zip)" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:invoice_batch", args=["sofint", 2026]))
    page = page_text(client.get(reverse("reporting:invoice_archive_year", args=["sofint", 2026])))
    assert page.count("Fakturor 2026, PDF och XML") == 2  # the title, and the job done
    # The menu on the association's pages (funding's invoice list too) leads to it; the board cannot open it.
    invoices = client.get(reverse("funding:invoice_list", args=["sofint"])).content.decode()
    assert reverse("reporting:invoice_archive", args=["sofint"]) in invoices
    client.force_login(RoleFactory(kind=Role.Kind.BOARD, association=sofint).user)
    assert client.get(reverse("reporting:invoice_archive", args=["sofint"])).status_code == 404
