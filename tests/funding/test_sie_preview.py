"""Uploading a ledger shows what the file holds, and what it changes, before anything is imported."""

import io
import threading

import pytest
from django.db import connection, connections
from django.test import Client, override_settings
from django.urls import reverse

from funding import ledger as ledger_service
from funding.ledger import import_sie
from funding.models import (
    LedgerAccount,
    LedgerBalance,
    LedgerObject,
    LedgerUpload,
    LedgerYear,
    Voucher,
    VoucherRow,
)
from tests.factories import AssociationFactory, RoleFactory, UserFactory
from tests.funding.sie_files import VOUCHERS, sie_file

pytestmark = pytest.mark.django_db

LEDGER_TABLES = (LedgerYear, LedgerAccount, LedgerBalance, LedgerObject, Voucher, VoucherRow)


def ledger_rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in LEDGER_TABLES}


def upload(client, data: bytes, name: str = "sofint-2010.se", **kwargs):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("funding:ledger_upload", args=["sofint"]), {"file": file}, **kwargs)


def text(response) -> str:
    return response.content.decode().replace("\xa0", " ").replace("\u2212", "-")


def test_an_upload_shows_the_file_and_changes_nothing(client, sofint, sofint_office):
    client.force_login(sofint_office)
    before = ledger_rows()
    response = upload(client, sie_file(), follow=True)
    page = text(response)
    assert "Kontrollera filen innan den importeras" in page
    assert "Testprogram" in page and "2010-01-01 – 2010-12-31" in page
    assert "251 000 kr" in page  # the year's result as the file states it
    assert ledger_rows() == before


def test_confirming_imports_and_a_second_confirmation_changes_nothing(client, sofint, sofint_office):
    client.force_login(sofint_office)
    preview = upload(client, sie_file())
    confirm = preview.url + "bekrafta/"
    response = client.post(confirm, follow=True)
    assert "Bokföringen för 2010 importerades" in text(response)
    imported = ledger_rows()
    assert imported["LedgerYear"] == 1 and imported["VoucherRow"] == 14
    again = client.post(confirm, follow=True)
    assert again.status_code == 200 and "Filen var redan importerad" in text(again)
    assert ledger_rows() == imported
    assert not LedgerUpload.objects.get().data  # the file's bytes are not kept after the import


def test_uploading_the_same_file_twice_keeps_one_waiting_upload(client, sofint, sofint_office):
    client.force_login(sofint_office)
    first, second = upload(client, sie_file()), upload(client, sie_file())
    assert first.url == second.url and LedgerUpload.objects.count() == 1


def test_a_year_imported_before_shows_the_result_before_and_after(client, sofint, sofint_office):
    import_sie(association=sofint, data=sie_file(), file_name="forra.se")
    client.force_login(sofint_office)
    # Sigma's invoice was 50 000 less: the result goes from 251 000 to 301 000.
    vouchers = VOUCHERS.replace("120000.00", "70000.00")
    changed = sie_file(projects="320000.00", suppliers="-320000.00", vouchers=vouchers)
    page = text(upload(client, changed, follow=True))
    assert "2010 har importerats tidigare" in page and "forra.se" in page
    assert "251 000 kr" in page and "301 000 kr" in page
    assert LedgerYear.objects.get().file_name == "forra.se"


def test_a_refused_file_is_not_kept(client, sofint, sofint_office):
    client.force_login(sofint_office)
    response = upload(client, sie_file(bank="1600000.00"))
    assert "Filen importerades inte" in text(response)
    assert not LedgerUpload.objects.exists() and ledger_rows()["LedgerYear"] == 0


def test_another_associations_office_cannot_see_or_confirm_an_upload(client, sofint, sofint_office):
    client.force_login(sofint_office)
    waiting = LedgerUpload.objects.get(pk=upload(client, sie_file()).url.rstrip("/").rsplit("/", 1)[1])
    other = AssociationFactory(slug="annat")
    stranger = UserFactory()
    RoleFactory(user=stranger, kind="office", association=other)
    client.force_login(stranger)
    for slug in ("sofint", "annat"):
        preview = reverse("funding:ledger_preview", args=[slug, waiting.pk])
        confirm = reverse("funding:ledger_confirm", args=[slug, waiting.pk])
        assert client.get(preview).status_code == 404
        assert client.post(confirm).status_code == 404
    assert ledger_rows()["LedgerYear"] == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL")
def test_two_confirmations_at_once_import_the_file_once(sofint, sofint_office):
    staging = Client()
    staging.force_login(sofint_office)
    confirm = upload(staging, sie_file()).url + "bekrafta/"
    barrier = threading.Barrier(2)
    answers = []

    def press():
        client = Client()
        client.force_login(sofint_office)
        try:
            barrier.wait(timeout=30)
            answers.append(text(client.post(confirm, follow=True)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 2
    assert sum("Bokföringen för 2010 importerades" in answer for answer in answers) == 1
    assert sum("Filen var redan importerad" in answer for answer in answers) == 1
    assert LedgerYear.objects.count() == 1 and VoucherRow.objects.count() == 14


# --- A big file: checked and imported by the task worker, not in the request ----------------------


@override_settings(SIE_BACKGROUND_BYTES=100)
def test_a_big_file_waits_for_the_worker_and_the_page_says_so(client, sofint, sofint_office):
    client.force_login(sofint_office)
    response = upload(client, sie_file())  # the worker has not run: no commit callbacks here
    assert LedgerUpload.objects.get().is_checking
    page = text(client.get(response.url))
    assert "Filen kontrolleras" in page and "Ladda om sidan" in page
    assert "bekrafta/" not in page  # nothing to confirm before the check
    assert ledger_rows()["LedgerYear"] == 0


@override_settings(SIE_BACKGROUND_BYTES=100)
def test_a_big_file_is_checked_and_imported_by_the_worker(
    client, sofint, sofint_office, django_capture_on_commit_callbacks
):
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, sie_file())
    assert "251 000 kr" in text(client.get(response.url))  # checked: the preview shows the file
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(response.url + "bekrafta/", follow=True)
        assert "Importen har startat" in text(started) and "Filen importeras" in text(started)
        assert ledger_rows()["LedgerYear"] == 0
    assert ledger_rows()["VoucherRow"] == 14 and LedgerUpload.objects.get().imported_ledger is not None
    assert "Filen importerades" in text(client.get(response.url))
    assert "Filen var redan importerad" in text(client.post(response.url + "bekrafta/", follow=True))


@override_settings(SIE_BACKGROUND_BYTES=100)
def test_a_big_file_that_is_wrong_is_refused_with_its_problems(
    client, sofint, sofint_office, django_capture_on_commit_callbacks
):
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, sie_file(bank="1600000.00"))
    page = text(client.get(response.url))
    assert "Filen importerades inte" in page and "Konto 1930: #UB är 1 600 000,00" in page
    assert not LedgerUpload.objects.get().data and ledger_rows()["LedgerYear"] == 0
    assert client.post(response.url + "bekrafta/").status_code == 302
    assert ledger_rows()["LedgerYear"] == 0


@override_settings(SIE_BACKGROUND_BYTES=100)
def test_a_failed_background_import_changes_nothing_and_can_be_tried_again(
    client, sofint, sofint_office, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, sie_file())
    real_import = ledger_service.import_sie

    def broken_import(**kwargs):
        real_import(**kwargs)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(ledger_service, "import_sie", broken_import)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url + "bekrafta/")
    assert ledger_rows()["LedgerYear"] == 0  # rolled back whole
    page = text(client.get(response.url))
    assert "Importen misslyckades och ingenting ändrades" in page and "the database went away" not in page
    monkeypatch.setattr(ledger_service, "import_sie", real_import)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url + "bekrafta/")
    assert ledger_rows()["VoucherRow"] == 14
