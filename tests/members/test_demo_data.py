"""The demo data: both förbund from the seeds, their boards per member, one user per role."""

import datetime
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from funding.budgets import budget_table
from funding.models import Budget, LedgerYear
from members.models import Association, Organisation, Role, User
from members.selectors import board_on
from tests.demo import load_demo
from tests.documents import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


def test_sofint_has_its_seven_members_and_seed_organisation_number(demo):
    sofint = Association.objects.get(slug="sofint")
    assert sofint.organisation_number == "2220001818"
    names = set(sofint.memberships.values_list("organisation__name", flat=True))
    assert names == {
        "Försäkringskassan",
        "Arbetsförmedlingen",
        "Region Örebro län",
        "Hällefors kommun",
        "Lindesbergs kommun",
        "Ljusnarsbergs kommun",
        "Nora kommun",
    }


def test_solleftea_board_has_one_member_and_one_substitute_per_member(demo):
    board = board_on(Association.objects.get(slug="solleftea"), datetime.date(2025, 6, 1))
    assert len(board.ordinary) == 4 and len(board.substitutes) == 4 and board.vacant == 0
    offices = {row.seat.appointed_by.name: row.term.office for row in board.ordinary}
    assert offices["Sollefteå kommun"] == "chair" and offices["Arbetsförmedlingen"] == "vice_chair"


def test_the_region_and_the_state_are_members_of_both_associations(demo):
    fk = Organisation.objects.get(name="Försäkringskassan")
    assert set(fk.memberships.values_list("association__slug", flat=True)) == {"sofint", "solleftea"}


def test_there_is_a_demo_user_for_every_role(demo):
    assert set(Role.objects.values_list("kind", flat=True)) == set(Role.Kind.values)
    assert User.objects.get(username="kansli").check_password("finsam-demo-2025")


def test_loading_twice_changes_nothing(demo):
    counts = (Association.objects.count(), Organisation.objects.count(), Role.objects.count())
    load_demo()
    assert (Association.objects.count(), Organisation.objects.count(), Role.objects.count()) == counts


def test_the_demo_has_solleftea_budget_and_sofint_ledgers(demo):
    budget = Budget.objects.get(association__slug="solleftea", first_year=2025)
    assert budget_table(budget).room == [745_000, 1_169_500, 1_996_500]
    assert sorted(LedgerYear.objects.filter(association__slug="sofint").values_list("year", flat=True)) == [
        2010,
        2011,
    ]
    assert not LedgerYear.objects.filter(year=2009).exists()  # left for the acceptance import


def test_load_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refusal:
        call_command("load_demo", stdout=io.StringIO())
    assert "körs bara med DEBUG påslaget" in str(refusal.value)
    assert not User.objects.exists() and not Association.objects.exists()


def test_load_demo_exits_non_zero_from_the_command_line(tmp_path):
    environment = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr and "Demo data loaded" not in result.stdout


@pytest.mark.parametrize(
    ("username", "waiting"),
    [
        ("styrelse", "Delårsrapport 2026-08-31 är delad med styrelsen: läs och kommentera"),
        ("revisor", "Årsredovisning 2010 är antagen: för in datumet för din revisionsberättelse"),
        ("medlem", "Betala faktura"),
        ("kommun", "Betala faktura"),
    ],
)
def test_each_demo_user_has_something_waiting_on_their_start_page(demo, client, username, waiting):
    # The board, the auditors and the members' representatives try their start page as a to-do list.
    client.force_login(User.objects.get(username=username))
    page = page_text(client.get("/"))
    assert waiting in page
