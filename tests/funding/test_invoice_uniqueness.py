"""One live invoice per contribution share and period, held by the database itself."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from funding import services
from funding.models import Invoice

pytestmark = pytest.mark.django_db
migration = importlib.import_module("funding.migrations.0005_one_live_invoice_per_share_and_period")


def second_copy(invoice: Invoice) -> Invoice:
    return Invoice(
        association=invoice.association,
        organisation=invoice.organisation,
        share=invoice.share,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        period_label=invoice.period_label,
        amount=invoice.amount,
    )


def test_the_database_refuses_a_second_draft_for_a_share_and_period(contribution_2026):
    (draft, *_others) = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    with pytest.raises(IntegrityError), transaction.atomic():
        second_copy(draft).save()


def test_a_credited_invoice_frees_its_period_for_a_new_draft(issued_q1, sofint_office):
    invoice = issued_q1[0]
    credit = services.credit_invoice(invoice=invoice, reason="Fel belopp", issued_by=sofint_office)
    (new_draft,) = services.create_invoice_drafts(contribution=invoice.share.contribution, period_code="Q1")
    assert (new_draft.share, new_draft.period_start) == (invoice.share, invoice.period_start)
    assert credit.share == invoice.share  # the credit note for the same share and period is not counted


def test_the_migration_stops_with_the_doubled_invoices_it_found(contribution_2026):
    (draft, *_others) = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    with connection.cursor() as cursor:  # as the database was before the constraint
        cursor.execute("DROP INDEX one_live_invoice_per_share_and_period")
    twin = second_copy(draft)
    twin.save()
    with pytest.raises(RuntimeError, match=rf"share {draft.share_id}, .*invoices \[{draft.pk}, {twin.pk}\]"):
        migration.refuse_doubled_invoices(apps, None)
