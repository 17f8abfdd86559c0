"""A job whose worker died is detected and marked failed with a reason; a failed job runs again
from its page ("Försök igen") without anything being made twice; a PDF that cannot be laid out
says so in Swedish, in a job and on a direct download."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from reporting import jobs
from reporting.models import Job
from tests.documents import page_text

pytestmark = pytest.mark.django_db


def _job(sofint, user, **fields):
    return Job.objects.create(
        association=sofint,
        user=user,
        kind="invoices",
        title="Fakturor 2026",
        parameters={"year": 2026},
        **fields,
    )


def _ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_a_running_job_without_a_heartbeat_for_longer_than_the_limit_is_failed_when_its_page_is_read(
    client, sofint, sofint_office
):
    job = _job(
        sofint, sofint_office, status=Job.Status.RUNNING, progress=11, attempt=1, heartbeat_at=_ago(121)
    )
    client.force_login(sofint_office)
    page = page_text(client.get(reverse("reporting:job_detail", args=[job.pk])))
    job.refresh_from_db()
    assert job.status == "failed" and job.progress == 11
    assert "arbetsprocessen som körde det gav inget livstecken på 120 sekunder" in job.message
    assert "Jobbet misslyckades" in page and "Försök igen" in page


def test_a_job_with_a_recent_heartbeat_keeps_running(client, sofint, sofint_office):
    job = _job(
        sofint, sofint_office, status=Job.Status.RUNNING, progress=40, attempt=1, heartbeat_at=_ago(100)
    )
    client.force_login(sofint_office)
    page = page_text(client.get(reverse("reporting:job_detail", args=[job.pk])))
    job.refresh_from_db()
    assert job.status == "running" and "Försök igen" not in page


@override_settings(JOB_HEARTBEAT_LIMIT_SECONDS=5)
def test_the_limit_is_a_setting_and_the_job_list_fails_dead_jobs_too(client, sofint, sofint_office):
    job = _job(sofint, sofint_office, status=Job.Status.RUNNING, attempt=1, heartbeat_at=_ago(6))
    client.force_login(sofint_office)
    client.get(reverse("reporting:job_list"))
    job.refresh_from_db()
    assert job.status == "failed" and "5 sekunder" in job.message


def test_a_job_queued_far_too_long_is_failed_but_a_worker_still_takes_up_a_late_one(
    client, sofint, sofint_office
):
    waiting = _job(sofint, sofint_office, created_at=_ago(3601))
    late = _job(sofint, sofint_office, created_at=_ago(3601))
    jobs.run(str(late.pk))  # a worker that is alive runs what waits for it
    late.refresh_from_db()
    assert late.status == "failed" and late.message == "Det finns inga utställda fakturor för 2026."
    client.force_login(sofint_office)
    client.get(reverse("reporting:job_detail", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.status == "failed" and "väntade i mer än 60 minuter" in waiting.message


def test_try_again_runs_the_same_job_once_and_a_second_click_does_nothing(
    client, issued_q1, sofint, sofint_office, django_capture_on_commit_callbacks
):
    job = _job(sofint, sofint_office, status=Job.Status.FAILED, attempt=1, message="Död")
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("reporting:job_retry", args=[job.pk]))
        again = client.post(reverse("reporting:job_retry", args=[job.pk]), follow=True)
    assert response.url == reverse("reporting:job_detail", args=[job.pk]) and len(callbacks) == 1
    assert "Jobbet har inte misslyckats" in page_text(again)
    job.refresh_from_db()
    assert (job.status, job.attempt, job.parameters) == ("done", 2, {"year": 2026})
    assert job.filename == "fakturor-sofint-2026.zip" and Job.objects.count() == 1


def test_try_again_is_a_post_and_only_for_the_users_own_visible_job(client, sofint, sofint_office, outsider):
    job = _job(sofint, sofint_office, status=Job.Status.FAILED)
    client.force_login(sofint_office)
    assert client.get(reverse("reporting:job_retry", args=[job.pk])).status_code == 405
    client.force_login(outsider)
    assert client.post(reverse("reporting:job_retry", args=[job.pk])).status_code == 404


def test_a_worker_taken_for_dead_that_wakes_up_writes_nothing_over_the_retry(sofint, sofint_office):
    job = _job(sofint, sofint_office, status=Job.Status.RUNNING, attempt=1, heartbeat_at=_ago(500))
    jobs.fail_dead()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempt=2, heartbeat_at=timezone.now())
    jobs._progress(job, 1, 90, "Den gamla körningen")  # the first attempt's late progress
    job.refresh_from_db()
    assert job.message != "Den gamla körningen" and job.attempt == 2


@pytest.fixture
def broken_weasyprint(monkeypatch):
    def fail(self, **options):
        raise RuntimeError("cairo: internal error at 0x7f00 in /usr/lib/secret/path")

    monkeypatch.setattr("weasyprint.HTML.write_pdf", fail)


def test_a_failed_render_in_a_job_says_what_failed_in_swedish_not_the_exception(
    client, issued_q1, sofint, sofint_office, broken_weasyprint, django_capture_on_commit_callbacks
):
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:invoice_batch", args=["sofint", 2026]))
    job = Job.objects.get()
    assert job.status == "failed"
    assert job.message.startswith(
        "Fakturornas PDF- och XML-filer kunde inte göras (sidlayouten för PDF misslyckades)"
    )
    page = page_text(client.get(response.url))
    assert "cairo" not in page and "RuntimeError" not in page and "Försök igen" in page


def test_a_direct_pdf_download_that_fails_answers_with_a_swedish_page(
    client, issued_q1, sofint_office, broken_weasyprint, caplog
):
    client.force_login(sofint_office)
    invoice = issued_q1[0]
    response = client.get(reverse("funding:invoice_document", args=["sofint", invoice.pk, "pdf"]))
    assert response.status_code == 500
    page = page_text(response)
    assert "Dokumentet kunde inte göras" in page and "cairo" not in page
    assert "cairo: internal error" in caplog.text  # the operator sees the cause in the log


def test_a_retried_old_job_waits_for_the_queue_limit_from_the_retry_not_from_its_creation(
    client, sofint, sofint_office
):
    job = _job(sofint, sofint_office, status=Job.Status.FAILED, attempt=1, created_at=_ago(7200))
    assert jobs.retry(job=job)  # queued again; no worker runs it in this test
    client.force_login(sofint_office)
    client.get(reverse("reporting:job_detail", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "queued" and job.created_at < _ago(7000)  # still listed when it was made
