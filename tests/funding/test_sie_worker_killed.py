"""A big SIE file whose worker dies: a real worker (`manage.py db_worker`, django-tasks-db,
PostgreSQL) is killed while it imports the file; the upload is found failed with a Swedish reason,
"Försök igen" on its page hands it over once, a second worker imports it, and the year is there
exactly once. And a check whose worker vanished is found the same way, on any database."""

import datetime
import io
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from funding import ledger_uploads
from funding.models import LedgerUpload, LedgerYear, VoucherRow
from tests.factories import RoleFactory
from tests.funding.sie_files import sie_file

DEADLINE_SECONDS = 60


def _until(condition, what):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def _worker(gate, *arguments):
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.funding.sie_worker",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "SIE_GATE": str(gate),
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
    return [*command, *arguments], {"env": env, "cwd": settings.BASE_DIR}


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def _upload(client):
    file = io.BytesIO(sie_file())
    file.name = "sofint-2010.se"
    return client.post(reverse("funding:ledger_upload", args=["sofint"]), {"file": file})


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker is tested on PostgreSQL")
@override_settings(
    SIE_BACKGROUND_BYTES=100, TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)
def test_a_worker_killed_mid_import_leaves_nothing_and_the_retry_imports_the_year_once(
    client, sofint, sofint_office, tmp_path
):
    gate = tmp_path / "gate"
    client.force_login(sofint_office)
    page = _upload(client).url
    command, options = _worker(gate, "--batch")
    checked = subprocess.run(command, capture_output=True, timeout=DEADLINE_SECONDS, **options)
    assert checked.returncode == 0, checked.stderr.decode()[-2000:]
    assert LedgerUpload.objects.get().can_confirm
    client.post(page + "bekrafta/")
    upload = LedgerUpload.objects.get()
    assert upload.status == "importing"

    command, options = _worker(gate)
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options)
    try:
        _until(gate.with_suffix(".entered").exists, "the worker to be mid-import")
    finally:
        first.kill()
        first.wait(timeout=DEADLINE_SECONDS)
    upload.refresh_from_db()
    assert upload.status == "importing"  # what a dead worker leaves behind
    assert LedgerYear.objects.count() == 0 and VoucherRow.objects.count() == 0  # rolled back whole

    with override_settings(JOB_HEARTBEAT_LIMIT_SECONDS=1):
        _until(lambda: "Försök igen" in _text(client.get(page)), "the import to be found dead")
    upload.refresh_from_db()
    assert upload.status == "failed"
    assert "Importen avbröts" in upload.message and "inget livstecken på 1 sekunder" in upload.message
    assert "Importen avbröts" in _text(client.get(page))

    gate.touch()
    client.post(page + "forsok-igen/")
    client.post(page + "forsok-igen/")  # a double click hands it over once
    command, options = _worker(gate, "--batch")
    finished = subprocess.run(command, capture_output=True, timeout=DEADLINE_SECONDS, **options)
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]
    upload.refresh_from_db()
    assert upload.status == "imported" and upload.imported_ledger is not None
    assert LedgerYear.objects.count() == 1 and VoucherRow.objects.count() == 14
    # Nothing left to run, and confirming again imports nothing more.
    assert "Filen var redan importerad" in _text(client.post(page + "bekrafta/", follow=True))
    assert not ledger_uploads.retry_upload(upload=upload, retried_by=sofint_office)
    assert LedgerYear.objects.count() == 1 and VoucherRow.objects.count() == 14


@pytest.mark.django_db
@override_settings(SIE_BACKGROUND_BYTES=100, JOB_HEARTBEAT_LIMIT_SECONDS=5)
def test_a_check_whose_worker_vanished_is_failed_with_the_reason_and_checked_again_on_retry(
    client, sofint, sofint_office, django_capture_on_commit_callbacks
):
    client.force_login(sofint_office)
    page = _upload(client).url  # handed to a worker that never reports back
    upload = LedgerUpload.objects.get()
    assert upload.is_checking
    assert "Försök igen" not in _text(client.get(page))  # within the limit it is just busy
    LedgerUpload.objects.update(queued_at=timezone.now() - datetime.timedelta(seconds=6))
    shown = _text(client.get(page))
    assert "Kontrollen avbröts: arbetsprocessen som kontrollerade filen gav inget livstecken" in shown
    assert "Försök igen" in shown
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page + "forsok-igen/")
    assert LedgerUpload.objects.get().can_confirm
    assert "251 000 kr" in _text(client.get(page))
    assert LedgerYear.objects.count() == 0  # checked, not imported


@pytest.mark.django_db
def test_another_forbunds_upload_cannot_be_retried(client, sofint, sofint_office):
    other = RoleFactory().user
    upload = LedgerUpload.objects.create(
        association=sofint, file_name="x.se", sha256="0" * 64, data=b"x", status="failed"
    )
    client.force_login(other)
    slug = other.roles.first().association.slug
    assert client.post(reverse("funding:ledger_retry", args=[slug, upload.pk])).status_code == 404
    assert client.post(reverse("funding:ledger_retry", args=["sofint", upload.pk])).status_code == 404
    upload.refresh_from_db()
    assert upload.status == "failed"
