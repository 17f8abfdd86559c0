"""Each role reaches exactly the reports it may: the office all, the board shared and adopted
ones, auditors and member representatives adopted ones; everyone else nothing. Guessed ids are 404."""

import datetime

import pytest
from django.urls import reverse

from reporting import jobs, services
from reporting.models import Report
from tests.reporting.conftest import write_all_sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(sofint, ledger_2009, board, monkeypatch):
    """A draft (interim), a shared one (interim) and an adopted annual report.

    Who may read what does not depend on the documents' content, so adoption stores small
    stand-ins here instead of rendering (test_review_flow renders and checks the real ones).
    """
    monkeypatch.setattr(
        "reporting.documents.archive",
        lambda report, goal_outcomes=None: {
            "pdf": b"%PDF-1.7 stand-in",
            "xlsx": b"PK stand-in",
            "html": b"<p>stand-in</p>",
        },
    )
    draft = services.create_report(association=sofint, kind="interim", period_end=datetime.date(2009, 4, 30))
    shared = services.create_report(association=sofint, kind="interim", period_end=datetime.date(2009, 8, 31))
    services.share(report=shared)
    adopted = services.create_report(
        association=sofint, kind="annual", period_end=datetime.date(2009, 12, 31)
    )
    write_all_sections(adopted)
    services.share(report=adopted)
    services.adopt(report=adopted, meeting_date=datetime.date(2010, 6, 2), paragraph=4, place="Lindesberg")
    return {"draft": draft, "shared": shared, "adopted": adopted}


def read_urls(report):
    args = [report.association.slug, report.pk]
    urls = [reverse("reporting:report_detail", args=args)]
    if report.frozen:
        urls += [reverse("reporting:document", args=[*args, kind]) for kind in ("pdf", "xlsx")]
    return urls


EXPECTED = {
    "sofint_office": {"draft", "shared", "adopted"},
    "board_member": {"shared", "adopted"},
    "auditor": {"adopted"},
    "representative": {"adopted"},
    "lead": set(),
    "outsider": set(),
    "stranger": set(),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_reads_exactly_its_reports(client, reports, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for name, report in reports.items():
        for url in read_urls(report):
            status = client.get(url).status_code
            assert status == (200 if name in EXPECTED[persona] else 404), (persona, name, url, status)
    # A guessed id is a 404 like one that does not exist.
    missing = max(report.pk for report in reports.values()) + 1
    assert client.get(reverse("reporting:report_detail", args=["sofint", missing])).status_code == 404


@pytest.mark.parametrize("persona", ["board_member", "auditor", "representative", "lead", "outsider"])
def test_only_the_office_writes(client, reports, persona, request):
    client.force_login(request.getfixturevalue(persona))
    draft, shared, adopted = reports["draft"], reports["shared"], reports["adopted"]
    for url, method in [
        (reverse("reporting:section_edit", args=["sofint", shared.pk, "events"]), "post"),
        (reverse("reporting:share", args=["sofint", draft.pk]), "post"),
        (reverse("reporting:adopt", args=["sofint", shared.pk]), "post"),
        (reverse("reporting:correct", args=["sofint", adopted.pk]), "post"),
        (reverse("reporting:forecast", args=["sofint", shared.pk]), "post"),
        (reverse("reporting:discharge", args=["sofint", adopted.pk]), "post"),
        (reverse("reporting:invoice_batch", args=["sofint", 2009]), "post"),
    ]:
        assert (
            getattr(client, method)(url, {"text": "x", "reason": "x", "paragraph": 1}).status_code == 404
        ), url
    shared.refresh_from_db()
    assert shared.status == "shared" and shared.sections.get(key="events").text == ""
    assert Report.objects.filter(replaces=adopted).count() == 0


def test_a_report_of_another_association_is_not_found_under_this_ones_address(
    client, reports, other_association, outsider, sofint_office
):
    foreign = services.create_report(
        association=other_association, kind="annual", period_end=datetime.date(2009, 12, 31)
    )
    client.force_login(sofint_office)
    assert client.get(reverse("reporting:report_detail", args=["sofint", foreign.pk])).status_code == 404
    assert client.get(reverse("reporting:report_detail", args=["syd", foreign.pk])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("reporting:report_detail", args=["syd", foreign.pk])).status_code == 200


def test_a_representative_finds_the_adopted_reports_of_their_associations(client, reports, representative):
    client.force_login(representative)
    page = client.get(reverse("reporting:adopted_reports")).content.decode()
    assert "Årsredovisning 2009" in page and "Delårsrapport" not in page


def test_a_job_is_seen_only_by_the_user_who_started_it(client, reports, sofint, sofint_office, board_member):
    job = jobs.start(
        association=sofint,
        user=sofint_office,
        kind="report",
        title="x",
        report=reports["shared"].pk,
        format="xlsx",
    )
    client.force_login(board_member)
    assert client.get(reverse("reporting:job_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("reporting:job_download", args=[job.pk])).status_code == 404
