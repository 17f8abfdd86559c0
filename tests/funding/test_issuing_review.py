"""Issuing with a second look: choose the periods, see the dates, preview a draft, confirm once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from funding import services
from funding.models import Invoice, InvoiceSeries
from tests.documents import pdf_text

pytestmark = pytest.mark.django_db

REVIEW = reverse("funding:invoices_review", args=["sofint"])
ISSUE = reverse("funding:invoices_issue", args=["sofint"])
Q4 = "2026-10-01:2026-12-31"


@pytest.fixture
def year_of_drafts(contribution_2026):
    """Drafts for all four quarters of 2026, as "all periods of the year" creates them."""
    return services.create_invoice_drafts(contribution=contribution_2026)


@pytest.fixture
def mid_january(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 1, 15))


def text(response):
    return response.content.decode().replace("\xa0", " ")


def test_the_issuing_page_chooses_the_started_quarter_and_shows_every_period_s_dates(
    client, year_of_drafts, sofint_office, mid_january
):
    client.force_login(sofint_office)
    response = client.get(REVIEW, {"year": 2026})
    plan = response.context["plan"]
    assert [(row.invoice.period_label, row.issue_date, row.due_date) for row in plan.invoices][:1] == [
        ("2026, kvartal 1", datetime.date(2026, 1, 15), datetime.date(2026, 2, 14))
    ]
    assert len(plan.invoices) == 6
    page = text(response)
    assert "Utfärda 6 fakturor, summa 300 000 kr" in page
    # The later quarters are offered, unchecked, with the dates they would get.
    assert [(p.label, p.issue_date, p.due_date, p.starts_soon) for p in plan.periods][1:] == [
        ("2026, kvartal 2", datetime.date(2026, 3, 2), datetime.date(2026, 4, 1), False),
        ("2026, kvartal 3", datetime.date(2026, 6, 1), datetime.date(2026, 7, 1), False),
        ("2026, kvartal 4", datetime.date(2026, 9, 1), datetime.date(2026, 10, 1), False),
    ]
    assert page.count(" checked") == 1


def test_a_later_quarter_issued_early_is_dated_before_its_period_and_falls_due_at_its_start(
    client, year_of_drafts, sofint_office
):
    client.force_login(sofint_office)
    review = client.get(REVIEW, {"year": 2026, "issue_date": "2026-01-15", "period": [Q4]})
    rows = review.context["plan"].invoices
    assert "Utfärda 6 fakturor, summa 300 000 kr" in text(review)
    response = client.post(
        ISSUE,
        {"year": 2026, "issue_date": "2026-01-15", "invoice": [row.invoice.pk for row in rows]},
        follow=True,
    )
    assert "6 fakturor utfärdades, nummer 1001–1006." in text(response)
    issued = Invoice.objects.filter(status="issued")
    assert set(issued.values_list("period_start", "issue_date", "due_date")) == {
        (datetime.date(2026, 10, 1), datetime.date(2026, 9, 1), datetime.date(2026, 10, 1))
    }
    assert Invoice.objects.filter(status="draft").count() == 18


def test_a_confirmation_sent_twice_issues_once_and_the_second_answer_is_calm(
    client, year_of_drafts, sofint_office
):
    client.force_login(sofint_office)
    chosen = [invoice.pk for invoice in year_of_drafts if invoice.period_start.month == 1]
    data = {"year": 2026, "issue_date": "2026-01-15", "invoice": chosen}
    client.post(ISSUE, data)
    again = client.post(ISSUE, data, follow=True)
    assert "Fakturorna har redan utfärdats, nummer 1001–1006." in text(again)
    assert Invoice.objects.exclude(number=None).count() == 6


def test_a_draft_removed_after_the_second_look_stops_the_whole_batch(client, year_of_drafts, sofint_office):
    client.force_login(sofint_office)
    chosen = [invoice.pk for invoice in year_of_drafts if invoice.period_start.month == 1]
    services.delete_draft(invoice=Invoice.objects.get(pk=chosen[0]))
    response = client.post(ISSUE, {"year": 2026, "issue_date": "2026-01-15", "invoice": chosen}, follow=True)
    page = text(response)
    assert "Ingen faktura utfärdades." in page
    assert "Några av utkasten har ändrats eller tagits bort under tiden." in page
    assert not Invoice.objects.exclude(status="draft").exists()


def test_an_impossible_invoice_date_on_the_issuing_page_is_refused_in_swedish(
    client, year_of_drafts, sofint_office
):
    client.force_login(sofint_office)
    response = client.get(REVIEW, {"year": 2026, "issue_date": "2026-02-30", "period": [Q4]})
    assert response.status_code == 200
    assert "Fyll i ett giltigt datum." in text(response)
    assert "2026, kvartal 4" in text(response)  # the periods are still there to choose
    assert "Utfärda 6" not in text(response)
    response = client.post(ISSUE, {"year": 2026, "issue_date": "i morgon", "invoice": "1"}, follow=True)
    assert "Ange fakturadatum som ÅÅÅÅ-MM-DD." in text(response)


def test_a_draft_preview_reads_like_the_invoice_but_is_marked_as_a_draft_and_takes_no_number(
    client, year_of_drafts, sofint_office
):
    client.force_login(sofint_office)
    draft = next(
        d for d in year_of_drafts if d.period_start.month == 10 and "Lindesberg" in d.organisation.name
    )
    url = reverse("funding:draft_preview", args=["sofint", draft.pk])
    response = client.get(url, {"issue_date": "2026-01-15"})
    assert response["Content-Type"] == "application/pdf"
    content = pdf_text(response.content)
    assert "UTKAST – inte en giltig faktura" in content
    assert "Lindesbergs kommun" in content and "Ref Lindesbergs kommun" in content
    assert "2026-09-01" in content and "2026-10-01" in content  # invoice date and due date
    assert "50 50-1055" in content or "5050-1055" in content
    draft.refresh_from_db()
    assert (draft.status, draft.number, draft.issue_date) == ("draft", None, None)
    assert not InvoiceSeries.objects.filter(next_number__gt=1001).exists()


def test_draft_previews_and_the_issuing_page_are_the_office_s_own(
    client, year_of_drafts, outsider, member_representative
):
    draft = year_of_drafts[0]
    for user in [outsider, member_representative]:
        client.force_login(user)
        assert client.get(reverse("funding:draft_preview", args=["sofint", draft.pk])).status_code == 404
        assert client.get(REVIEW, {"year": 2026}).status_code == 404


def test_the_issuing_page_says_so_when_the_year_has_no_drafts(client, sofint, sofint_office):
    client.force_login(sofint_office)
    page = text(client.get(REVIEW, {"year": 2026}))
    assert "Det finns inga fakturautkast för 2026." in page
    assert "Utfärda 0" not in page
