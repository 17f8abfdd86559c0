"""The board is mailed when a report is shared for review, the auditors when an adopted annual
report awaits their statement, and a user when their job has finished; each is listed on its page."""

import datetime

import pytest
from django.urls import reverse

from members import notifications
from members.models import Role, SentMessage
from reporting import jobs, services
from reporting.models import Job
from tests.documents import page_text
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db
ADOPTION = {"meeting_date": datetime.date(2010, 6, 2), "paragraph": 4, "place": "Lindesberg"}


def person(sofint, kind, email):
    user = UserFactory(email=email)
    RoleFactory(user=user, kind=kind, association=sofint)
    return user


def test_sharing_a_report_mails_each_board_member_a_link_and_lists_it_on_the_report(
    client, draft_2009, sofint, sofint_office, mailoutbox, django_capture_on_commit_callbacks
):
    person(sofint, Role.Kind.BOARD, "ledamot@nora.example")
    person(sofint, Role.Kind.BOARD, "")
    person(sofint, Role.Kind.AUDITOR, "revisor@example.se")
    client.force_login(sofint_office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:share", args=["sofint", draft_2009.pk]))
    (mail,) = mailoutbox
    assert mail.to == ["ledamot@nora.example"]
    assert mail.subject == "För granskning: Årsredovisning 2009, Samordningsförbundet i norra Örebro län"
    assert f"http://localhost:8000/forbund/sofint/rapporter/{draft_2009.pk}/" in mail.body
    page = page_text(client.get(reverse("reporting:report_detail", args=["sofint", draft_2009.pk])))
    assert "ledamot@nora.example" in page and "Skickat" in page
    assert "Inte skickat: Ingen e-postadress finns registrerad." in page


def test_a_board_member_who_turned_it_off_is_not_mailed_and_the_report_says_so(
    draft_2009, sofint, mailoutbox, django_capture_on_commit_callbacks
):
    member = person(sofint, Role.Kind.BOARD, "ledamot@nora.example")
    notifications.set_enabled(user=member, enabled=["statement_requested", "job_finished"])
    with django_capture_on_commit_callbacks(execute=True):
        services.share(report=draft_2009)
    assert mailoutbox == []
    assert SentMessage.objects.about(draft_2009).values_list("status", "reason").get() == (
        "not_sent",
        "Mottagaren har stängt av de här meddelandena.",
    )


def test_adopting_the_annual_report_asks_the_auditors_for_their_statement(
    draft_2009, sofint, board, mailoutbox, django_capture_on_commit_callbacks
):
    person(sofint, Role.Kind.AUDITOR, "revisor@example.se")
    services.share(report=draft_2009)
    with django_capture_on_commit_callbacks(execute=True):
        services.adopt(report=draft_2009, **ADOPTION)
    (mail,) = mailoutbox
    assert mail.to == ["revisor@example.se"]
    assert (
        mail.subject == "Väntar på ert yttrande: Årsredovisning 2009, Samordningsförbundet i norra Örebro län"
    )
    assert "väntar på revisorernas yttrande" in mail.body


def test_a_job_mails_its_user_once_when_it_is_done_and_the_job_page_lists_it(
    client, sofint, ledger_2009, mailoutbox, django_capture_on_commit_callbacks
):
    office = person(sofint, Role.Kind.OFFICE, "kansli@sofint.example")
    report = services.create_report(association=sofint, kind="interim", period_end=datetime.date(2009, 8, 31))
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(
            association=sofint,
            user=office,
            kind="report",
            title="Delårsrapport",
            report=report.pk,
            format="xlsx",
        )
    job.refresh_from_db()
    assert job.status == "done"
    (mail,) = mailoutbox
    assert mail.to == ["kansli@sofint.example"] and mail.subject == "Klart: Delårsrapport"
    assert f"/jobb/{job.pk}/" in mail.body
    # The worker running it again (a second delivery of the task) sends nothing more.
    Job.objects.filter(pk=job.pk).update(status="queued")
    with django_capture_on_commit_callbacks(execute=True):
        jobs.run(str(job.pk))
    assert len(mailoutbox) == 1
    client.force_login(office)
    page = page_text(client.get(reverse("reporting:job_detail", args=[job.pk])))
    assert "kansli@sofint.example" in page and "Klart: Delårsrapport" in page
