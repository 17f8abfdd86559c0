"""A job's page and file belong to the user who started it, and only while they still hold a role
that may read what it made: the file is the förbund's data, not the user's."""

import datetime

import pytest
from django.urls import reverse

from members.models import Role
from reporting import services
from reporting.models import Job
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _done(association, user, kind, **parameters):
    return Job.objects.create(
        association=association,
        user=user,
        kind=kind,
        title="Fil",
        parameters=parameters,
        status=Job.Status.DONE,
        progress=100,
        filename="fil.zip",
        content_type="application/zip",
        result=b"PK-secret",
    )


def _pages(job):
    return [reverse("reporting:job_detail", args=[job.pk]), reverse("reporting:job_download", args=[job.pk])]


@pytest.fixture
def office_role(sofint):
    return RoleFactory(user=UserFactory(), kind=Role.Kind.OFFICE, association=sofint)


def test_the_office_reads_its_own_job_while_the_role_lasts(client, sofint, office_role):
    job = _done(sofint, office_role.user, "invoices", year=2026)
    client.force_login(office_role.user)
    assert [client.get(url).status_code for url in _pages(job)] == [200, 200]
    assert "Fil" in client.get(reverse("reporting:job_list")).content.decode()


def test_a_job_is_a_404_once_the_role_has_ended(client, sofint, office_role):
    job = _done(sofint, office_role.user, "invoices", year=2026)
    office_role.valid_from = datetime.date(2020, 1, 1)
    office_role.valid_until = datetime.date.today() - datetime.timedelta(days=1)
    office_role.save()
    client.force_login(office_role.user)
    assert [client.get(url).status_code for url in _pages(job)] == [404, 404]
    assert "Fil" not in client.get(reverse("reporting:job_list")).content.decode()


def test_an_invoice_job_needs_the_office_role_not_just_any_role(client, sofint, office_role):
    job = _done(sofint, office_role.user, "invoices", year=2026)
    office_role.delete()
    RoleFactory(user=job.user, kind=Role.Kind.BOARD, association=sofint)
    client.force_login(job.user)
    assert [client.get(url).status_code for url in _pages(job)] == [404, 404]


def test_a_boards_report_job_ends_when_the_report_is_no_longer_shared_with_it(client, sofint):
    report = services.create_report(association=sofint, kind="interim", period_end=datetime.date(2009, 8, 31))
    services.share(report=report)
    board = RoleFactory(user=UserFactory(), kind=Role.Kind.BOARD, association=sofint).user
    job = _done(sofint, board, "report", report=report.pk, format="pdf")
    client.force_login(board)
    assert [client.get(url).status_code for url in _pages(job)] == [200, 200]
    report.status = report.Status.DRAFT
    report.save()
    assert [client.get(url).status_code for url in _pages(job)] == [404, 404]


@pytest.mark.parametrize("who", ["colleague", "other_office", "stranger"])
def test_someone_elses_job_is_a_404(client, sofint, office_role, other_association, who):
    job = _done(sofint, office_role.user, "invoices", year=2026)
    user = UserFactory()
    if who == "colleague":
        RoleFactory(user=user, kind=Role.Kind.OFFICE, association=sofint)
    elif who == "other_office":
        RoleFactory(user=user, kind=Role.Kind.OFFICE, association=other_association)
    client.force_login(user)
    assert [client.get(url).status_code for url in _pages(job)] == [404, 404]
