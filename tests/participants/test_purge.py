"""Retention: enrolments ended more than N years ago are removed, and the statistics already
reported for their years stay the same."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from participants import services
from participants.documents import participants_report, report_workbook
from participants.models import AccessLog, ArchivedStatistics, Enrolment, Participant
from participants.statistics import year_statistics
from tests.documents import rows, workbook

pytestmark = pytest.mark.django_db


def test_purging_keeps_the_years_figures(association, imported):
    before = {year: year_statistics(association, year) for year in (2024, 2025)}
    before_book = rows(
        workbook(report_workbook(participants_report(association, 2024, suppress=False)))["Insatser"]
    )
    # On 2030-06-01 with five years' retention, what ended before 2025-06-01 goes: P08 (2024),
    # P01's first enrolment (2025-02-10) and P05 (2025-09-01) stays.
    removed = services.purge_old_enrolments(association=association, years=5, today=datetime.date(2030, 6, 1))
    assert removed == 2
    assert not Participant.objects.filter(code="P08").exists()  # no enrolment left
    assert Enrolment.objects.filter(participant__code="P01").count() == 1
    for year, statistics in before.items():
        after = year_statistics(association, year)
        assert after.total.to_json() == statistics.total.to_json()
        assert [item.to_json() for item in after.initiatives] == [
            item.to_json() for item in statistics.initiatives
        ]
    assert (
        rows(workbook(report_workbook(participants_report(association, 2024, suppress=False)))["Insatser"])
        == before_book
    )
    # 2024: Steget and the total (Vägen began in 2025); 2025: both initiatives and the total.
    assert ArchivedStatistics.objects.filter(year__in=[2024, 2025]).count() == 5
    entry = AccessLog.objects.get(action="purge")
    assert (entry.user, entry.rows, entry.what) == (None, 2, "Inskrivningar avslutade före 2025-06-01")
    # Nothing more to remove the same day.
    assert (
        services.purge_old_enrolments(association=association, years=5, today=datetime.date(2030, 6, 1)) == 0
    )


@override_settings(PARTICIPANT_RETENTION_YEARS=1)
def test_the_command_uses_the_setting_and_names_each_association(association, imported, other_association):
    out = io.StringIO()
    call_command("purge_participants", "--all", stdout=out)
    # Today (2026 or later) with one year's retention, every enrolment that ended in 2024 or 2025 goes.
    assert "norr:" in out.getvalue() and "syd: 0 inskrivningar borttagna." in out.getvalue()
    assert not Enrolment.objects.filter(
        end_date__isnull=False, end_date__lt=datetime.date(2025, 1, 1)
    ).exists()
    assert year_statistics(association, 2024).total.participants == 3
    with pytest.raises(CommandError):
        call_command("purge_participants")
