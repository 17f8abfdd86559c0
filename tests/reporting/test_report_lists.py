"""The report, adopted-report and job lists: filters, sorting and the Excel export, in scope."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from reporting.models import Job, Report
from tests.listing import exported, listed
from tests.reporting.test_access import reports  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_the_report_list_filters_by_status_and_kind_and_sorts(client, reports, sofint_office):  # noqa: F811
    client.force_login(sofint_office)
    url = reverse("reporting:report_list", args=["sofint"])
    assert [r.pk for r in listed(client.get(url, {"status": "adopted"}))] == [reports["adopted"].pk]
    assert {r.pk for r in listed(client.get(url, {"kind": "interim"}))} == {
        reports["draft"].pk,
        reports["shared"].pk,
    }
    response = client.get(url, {"sortera": "report"})
    assert [r.pk for r in listed(response)] == [reports[k].pk for k in ("draft", "shared", "adopted")]
    assert 'aria-sort="ascending"' in response.content.decode()
    assert client.get(url, {"status": "x", "year": "abc", "sortera": "-x"}).status_code == 200


def test_the_report_export_lists_the_pages_reports_for_the_board_only_shared_ones(
    client,
    reports,  # noqa: F811
    sofint_office,
    board_member,
):
    client.force_login(sofint_office)
    url = reverse("reporting:report_list", args=["sofint"])
    rows = exported(client.get(url, {"sortera": "-report", "export": "xlsx"}))
    assert rows[0][:3] == ("Rapport", "Version", "Status")
    with translation.override("sv"):
        adopted = str(Report.Status.ADOPTED.label)
    assert rows[1] == ("Årsredovisning 2009", 1, adopted, "2010-06-02 § 4")
    assert len(rows) == 4
    client.force_login(board_member)
    assert [row[0] for row in exported(client.get(url, {"export": "xlsx"}))[1:]] == [
        "Årsredovisning 2009",
        "Delårsrapport 2009-08-31",
    ]


def test_a_representative_exports_only_adopted_reports(client, reports, representative):  # noqa: F811
    client.force_login(representative)
    url = reverse("reporting:adopted_reports")
    rows = exported(client.get(url, {"export": "xlsx"}))
    assert [row[1] for row in rows[1:]] == ["Årsredovisning 2009"]
    assert listed(client.get(url, {"sok": "ingenting"})) == []
    assert listed(client.get(url, {"year": "2010"})) == []
    assert len(listed(client.get(url, {"year": "2009", "sok": "norra"}))) == 1


def test_the_job_list_filters_searches_and_exports_only_the_users_jobs(
    client, sofint, sofint_office, board_member
):
    started = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)
    Job.objects.create(
        association=sofint,
        user=sofint_office,
        kind="invoices",
        title="Fakturor 2026",
        status="done",
        created_at=started,
    )
    Job.objects.create(
        association=sofint, user=sofint_office, kind="invoices", title="Årsredovisning", status="failed"
    )
    Job.objects.create(
        association=sofint, user=board_member, kind="invoices", title="Styrelsens jobb", status="done"
    )
    client.force_login(sofint_office)
    url = reverse("reporting:job_list")
    assert [job.title for job in listed(client.get(url, {"status": "done"}))] == ["Fakturor 2026"]
    assert [job.title for job in listed(client.get(url, {"sok": "redovisning"}))] == ["Årsredovisning"]
    rows = exported(client.get(url, {"sortera": "job", "export": "xlsx"}))
    assert [row[0] for row in rows[1:]] == ["Fakturor 2026", "Årsredovisning"]
    assert rows[1][1] == datetime.datetime(2026, 3, 1, 10, 30)  # Swedish time, as the page shows it
