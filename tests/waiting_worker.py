"""Settings for a real worker process (tests/reporting/test_worker_killed.py): the test settings
with the database backend, and an invoice job that waits until the test opens a gate (a file),
so that the worker can be killed while the job runs, and the retry can finish on a second one.
The gate is the job's parameter `gate` or, for jobs started through a server, FINSAM_TEST_GATE."""

import os
import time
from pathlib import Path

from django.apps import AppConfig

from finsam.settings_test import *  # noqa: F403
from finsam.settings_test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.waiting_worker.WaitingJobConfig"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
GATE_TIMEOUT_SECONDS = 60


class WaitingJobConfig(AppConfig):
    name = "tests.waiting_worker"
    label = "waiting_worker"

    def ready(self) -> None:
        from reporting import jobs

        def wait_for_gate(job, progress):
            gate = Path(job.parameters.get("gate") or os.environ["FINSAM_TEST_GATE"])
            deadline = time.monotonic() + GATE_TIMEOUT_SECONDS
            while not gate.exists():  # beats like a real job while it works
                if time.monotonic() > deadline:
                    raise jobs.JobRefused("The gate was never opened.")
                progress(11, "Väntar på grinden…")
                time.sleep(0.05)
            return "klart.txt", "text/plain", b"klart"

        jobs.RUNNERS["invoices"] = wait_for_gate
