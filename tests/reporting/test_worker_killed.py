"""A real worker process (`manage.py db_worker`, django-tasks-db, PostgreSQL) is killed while its
job runs: the job is found dead once its heartbeat is older than the limit, "Försök igen" queues it
again, and a second worker finishes it. The job waits for a gate the test opens, so the kill
happens mid-job by construction, not by timing."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from reporting import jobs
from reporting.models import Job

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker is tested on PostgreSQL"),
]
DEADLINE_SECONDS = 60


def _worker(*arguments, **options):
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.waiting_worker",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.1",
    ]
    return command + list(arguments), {"env": env, "cwd": settings.BASE_DIR, **options}


def _until(condition, what):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_worker_killed_mid_job_is_detected_and_a_second_worker_finishes_the_retry(
    client, sofint, sofint_office, tmp_path
):
    gate = tmp_path / "gate"
    job = jobs.start(
        association=sofint,
        user=sofint_office,
        kind="invoices",
        title="Fakturor 2026",
        year=2026,
        gate=str(gate),
    )
    command, options = _worker()
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options)
    try:
        _until(
            lambda: Job.objects.filter(pk=job.pk, status="running", progress=11).exists(), "the job to run"
        )
    finally:
        first.kill()
        first.wait(timeout=DEADLINE_SECONDS)
    job.refresh_from_db()
    assert job.status == "running" and job.attempt == 1  # what a dead worker leaves behind

    client.force_login(sofint_office)
    page = reverse("reporting:job_detail", args=[job.pk])
    with override_settings(JOB_HEARTBEAT_LIMIT_SECONDS=1):
        _until(lambda: "Försök igen" in client.get(page).content.decode(), "the job to be found dead")
    job.refresh_from_db()
    assert job.status == "failed" and "inget livstecken på 1 sekunder" in job.message

    gate.touch()
    client.post(reverse("reporting:job_retry", args=[job.pk]))
    client.post(reverse("reporting:job_retry", args=[job.pk]))  # a double click queues it once
    command, options = _worker("--batch")
    finished = subprocess.run(command, capture_output=True, timeout=DEADLINE_SECONDS, **options)
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]
    job.refresh_from_db()
    assert (job.status, job.attempt, bytes(job.result)) == ("done", 2, b"klart")
    assert "Filen är klar." in client.get(page).content.decode()
