"""Settings for a real worker process (tests/funding/test_sie_worker_killed.py): the test settings
with the database backend, and an SIE import that, once it has written the year (not yet
committed), waits until the test opens a gate (a file). So the worker is killed mid-import by
construction, and the retry can finish on a second worker with the gate open."""

import os
import time
from pathlib import Path

from django.apps import AppConfig

from finsam.settings_test import *  # noqa: F403
from finsam.settings_test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.funding.sie_worker.GatedImportConfig"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
GATE_TIMEOUT_SECONDS = 60


class GatedImportConfig(AppConfig):
    name = "tests.funding.sie_worker"
    label = "gated_sie_import"

    def ready(self) -> None:
        from funding import ledger

        real_import = ledger.import_sie
        gate = Path(os.environ["SIE_GATE"])

        def gated_import(**kwargs):
            ledger_year = real_import(**kwargs)
            gate.with_suffix(".entered").touch()  # the year is written, the transaction open
            deadline = time.monotonic() + GATE_TIMEOUT_SECONDS
            while not gate.exists():
                if time.monotonic() > deadline:
                    raise RuntimeError("The gate was never opened.")
                time.sleep(0.05)
            return ledger_year

        ledger.import_sie = gated_import
