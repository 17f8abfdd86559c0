"""The job page shows progress without <meta http-equiv="refresh"> (an axe violation): with the
database task backend the job waits for the worker, and the page takes the new state in place."""

import re

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from members.models import Association
from reporting import jobs
from reporting.models import Job

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE_BACKEND)
def test_a_waiting_job_polls_politely_and_shows_the_outcome_without_a_reload(demo, login, live_server, axe):
    page = login("kansli")
    job = jobs.start(
        association=Association.objects.get(slug="sofint"),
        user=get_user_model().objects.get(username="kansli"),
        kind="invoices",
        title="Fakturor 2026",
        year=2026,
    )
    assert Job.objects.get(pk=job.pk).status == "queued"  # no worker runs in the test
    page.goto(f"{live_server.url}{reverse('reporting:job_detail', args=[job.pk])}")
    expect(page.get_by_role("status")).to_contain_text("Arbetar")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    axe("a waiting job")
    page.evaluate("window.reloaded = false")  # gone if the page reloads
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message="Arbetaren stoppades.")
    expect(page.get_by_role("status")).to_contain_text(re.compile("Arbetaren stoppades"), timeout=10_000)
    assert page.evaluate("window.reloaded") is False
    axe("the failed job, in place")
