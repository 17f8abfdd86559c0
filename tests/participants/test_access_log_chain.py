"""The access log: the client's address, refused imports, and a hash chain that shows tampering."""

import io
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from participants import services
from participants.access_log import entry_hash, verify_access_log
from participants.importing import ImportRejected
from participants.models import AccessLog
from tests.participants.conftest import HAND_ROWS, csv_bytes

pytestmark = pytest.mark.django_db


def three_entries(association, user):
    for what in ["Registret", "Steget", "Export av registret"]:
        services.log_access(user=user, association=association, action="view", what=what, rows=3)
    return list(AccessLog.objects.filter(association=association).order_by("pk"))


def test_an_untouched_log_is_intact_and_each_entry_links_to_the_one_before(association, office_user):
    first, second, third = three_entries(association, office_user)
    assert (first.previous_hash, second.previous_hash, third.previous_hash) == ("", first.hash, second.hash)
    assert len({first.hash, second.hash, third.hash}) == 3
    check = verify_access_log(association)
    assert check.intact and check.entries == 3


def test_a_changed_entry_is_found(association, office_user):
    _first, second, _third = three_entries(association, office_user)
    AccessLog.objects.filter(pk=second.pk).update(rows=0)
    check = verify_access_log(association)
    assert (check.intact, check.broken_at) == (False, second.pk)
    assert check.reason == f"Post {second.pk} har ändrats."


def test_a_changed_entry_with_its_hash_made_again_is_found_at_the_next(association, office_user):
    _first, second, third = three_entries(association, office_user)
    second.what = "Något annat"
    AccessLog.objects.filter(pk=second.pk).update(
        what=second.what, hash=entry_hash(second.previous_hash, second)
    )
    assert verify_access_log(association).broken_at == third.pk


def test_a_removed_entry_is_found(association, office_user):
    _first, second, third = three_entries(association, office_user)
    AccessLog.objects.filter(pk=second.pk).delete()
    check = verify_access_log(association)
    assert check.broken_at == third.pk and "en post före den har tagits bort" in check.reason


def test_removing_the_newest_entries_is_found(association, office_user):
    _first, second, third = three_entries(association, office_user)
    AccessLog.objects.filter(pk__in=[second.pk, third.pk]).delete()
    check = verify_access_log(association)
    assert not check.intact
    assert check.reason == "Loggen slutar efter 1 poster, men 3 skrevs: de senaste har tagits bort."


def test_the_command_reports_the_first_broken_link(association, other_association, office_user):
    _first, second, _third = three_entries(association, office_user)
    out = io.StringIO()
    call_command("verify_access_log", stdout=out)
    assert "norr: 3 poster, oförändrade." in out.getvalue()
    AccessLog.objects.filter(pk=second.pk).update(what="ändrad")
    with pytest.raises(CommandError, match="bruten för: norr"):
        call_command("verify_access_log", stdout=out)
    assert f"norr: Post {second.pk} har ändrats." in out.getvalue()
    assert "syd: 0 poster, oförändrade." in out.getvalue()


def test_entries_carry_the_client_address(client, verified_login, imported, office_user, settings):
    verified_login(office_user)
    client.get(reverse("participants:register", args=["norr"]), REMOTE_ADDR="198.51.100.7")
    settings.PROXY_COUNT = 1
    client.get(
        reverse("participants:export", args=["norr"]),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    entries = AccessLog.objects.filter(user=office_user).order_by("pk")
    assert list(entries.values_list("action", "address")) == [
        ("view", "198.51.100.7"),
        ("export", "203.0.113.9"),
    ]
    page = client.get(reverse("participants:access_log", args=["norr"])).content.decode()
    assert "203.0.113.9" in page
    assert verify_access_log(office_user.roles.first().association).intact


def test_a_refused_import_is_logged_with_its_number_of_problems_and_nothing_of_them(
    client, verified_login, association, steget, vagen, lead
):
    verified_login(lead)
    rows = [*HAND_ROWS, ["850709-9805", "K", "1985", "steget", "2025-03-01", "", "", "ingen", ""]]
    upload = io.BytesIO(csv_bytes(rows))
    upload.name = "deltagare.csv"
    response = client.post(
        reverse("participants:import", args=["norr"]), {"file": upload}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    # The lead may write only Steget: Vägen's two rows and the personal number are three problems.
    assert (entry.action, entry.user, entry.rows, entry.problems, entry.address) == (
        "refused",
        lead,
        0,
        3,
        "198.51.100.7",
    )
    assert entry.what == "Import av deltagare.csv" and "9805" not in str(entry.__dict__)
    log_page = client.get(reverse("participants:access_log", args=["norr"]))
    assert log_page.status_code == 404  # the log is the office's
    assert verify_access_log(association).intact


def test_a_refused_import_by_the_command_is_logged_too(association, steget, vagen):
    with pytest.raises(ImportRejected):
        services.import_file(
            association=association,
            content=csv_bytes([["P01", "K", "1990", "okand", "2025-01-01", "", "", "lon", ""]]),
            filename="fel.csv",
            initiatives=[steget, vagen],
            user=None,
        )
    assert list(AccessLog.objects.values_list("action", "problems", "user")) == [("refused", 1, None)]


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_chain_one_after_the_other(association, office_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite runs one writer at a time")
    barrier = threading.Barrier(8)

    def write(number):
        barrier.wait()
        try:
            services.log_access(user=office_user, association=association, action="view", what=f"{number}")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = verify_access_log(association)
    assert check.intact and check.entries == 8
