"""Invoices under double clicks and parallel clerks: drafts, issuing, credit notes, payments."""

import datetime

from django.urls import reverse

from funding import services
from funding.models import Invoice
from tests.races.racing import RACES, WORKERS, race

pytestmark = RACES


def live_invoices(contribution):
    return Invoice.objects.filter(share__contribution=contribution, kind="invoice").exclude(status="credited")


def test_parallel_draft_submits_make_one_draft_per_member_and_period(contribution_2026, sofint_office):
    url = reverse("funding:drafts_create", args=["sofint", contribution_2026.pk])
    answers = race(sofint_office, lambda client: client.post(url, {"period": "Q1"}))

    members = contribution_2026.shares.filter(computed_amount__gt=0).count()
    drafts = live_invoices(contribution_2026)
    assert drafts.count() == members
    assert sorted(drafts.values_list("share_id", flat=True)) == sorted(
        contribution_2026.shares.filter(computed_amount__gt=0).values_list("pk", flat=True)
    )
    assert all(answer.status == 302 for answer in answers)
    told = sorted(message for answer in answers for message in answer.messages)
    assert told == sorted(
        [f"{members} fakturautkast skapades."]
        + ["Alla medlemmar har redan en faktura för perioden."] * (WORKERS - 1)
    )


def test_issuing_all_drafts_twice_at_once_issues_each_draft_once(contribution_2026, sofint_office):
    drafts = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    url = reverse("funding:invoices_issue", args=["sofint"])
    answers = race(sofint_office, lambda client: client.post(url, {"year": 2026, "issue_date": "2026-01-15"}))

    issued = Invoice.objects.filter(association__slug="sofint", kind="invoice", status="issued")
    assert sorted(issued.values_list("number", flat=True)) == list(range(1001, 1001 + len(drafts)))
    assert issued.values("share_id", "period_start").distinct().count() == len(drafts)
    successes = [answer for answer in answers if any("fakturor utfärdades" in m for m in answer.messages)]
    assert len(successes) == 1
    for answer in answers:
        assert answer.status == 302
        if answer not in successes:
            assert "Ingen faktura utfärdades." in answer.messages


def test_one_draft_issued_from_several_pages_at_once_gets_one_number(contribution_2026, sofint_office):
    (draft, *_others) = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    url = reverse("funding:draft_issue", args=["sofint", draft.pk])
    answers = race(sofint_office, lambda client: client.post(url, {"issue_date": "2026-01-15"}))

    draft.refresh_from_db()
    assert (draft.status, draft.number) == ("issued", 1001)
    assert Invoice.objects.filter(association__slug="sofint").exclude(number=None).count() == 1
    assert {answer.location for answer in answers} == {draft.get_absolute_url()}
    told = sorted(message for answer in answers for message in answer.messages)
    assert told == sorted(
        ["Faktura 1001 utfärdades."] + ["Faktura 1001 har redan utfärdats."] * (WORKERS - 1)
    )


def test_two_clerks_crediting_an_invoice_at_once_make_one_credit_note(issued_q1, sofint_office):
    invoice = issued_q1[0]
    url = reverse("funding:invoice_credit", args=["sofint", invoice.pk])
    answers = race(sofint_office, lambda client: client.post(url, {"reason": "Fel belopp"}))

    assert Invoice.objects.filter(credited_invoice=invoice, kind="credit_note").count() == 1
    invoice.refresh_from_db()
    assert invoice.status == "credited"
    told = sorted(message for answer in answers for message in answer.messages)
    assert sum("Kreditfaktura" in message for message in told) == 1
    assert told.count("Fakturan är redan krediterad.") == WORKERS - 1


def test_a_payment_registered_twice_at_once_is_recorded_once(issued_q1, sofint_office):
    invoice = issued_q1[0]
    url = reverse("funding:invoice_paid", args=["sofint", invoice.pk])
    answers = race(sofint_office, lambda client: client.post(url, {"paid_on": "2026-02-01"}))

    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == ("paid", datetime.date(2026, 2, 1))
    told = sorted(message for answer in answers for message in answer.messages)
    assert told.count(f"Faktura {invoice.number} markerades som betald.") == 1
    assert told.count("Fakturan har redan markerats som betald 2026-02-01.") == WORKERS - 1


def test_a_confirmed_batch_submitted_twice_at_once_is_issued_once(contribution_2026, sofint_office):
    drafts = services.create_invoice_drafts(contribution=contribution_2026)
    q4 = [draft.pk for draft in drafts if draft.period_start == datetime.date(2026, 10, 1)]
    url = reverse("funding:invoices_issue", args=["sofint"])
    data = {"year": 2026, "issue_date": "2026-01-15", "invoice": q4}
    answers = race(sofint_office, lambda client: client.post(url, data))

    issued = Invoice.objects.filter(association__slug="sofint", status="issued")
    assert sorted(issued.values_list("pk", flat=True)) == sorted(q4)
    assert sorted(issued.values_list("number", flat=True)) == list(range(1001, 1001 + len(q4)))
    assert set(issued.values_list("issue_date", "due_date")) == {
        (datetime.date(2026, 9, 1), datetime.date(2026, 10, 1))
    }
    told = sorted(message for answer in answers for message in answer.messages)
    assert told.count(f"{len(q4)} fakturor utfärdades, nummer 1001–{1000 + len(q4)}.") == 1
    assert told.count(f"Fakturorna har redan utfärdats, nummer 1001–{1000 + len(q4)}.") == WORKERS - 1
