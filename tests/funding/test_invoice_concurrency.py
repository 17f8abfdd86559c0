"""Invoice numbers stay gapless and unique when several people issue at the same moment."""

import threading
import time

import pytest
from django.db import connection, connections

from funding import services
from funding.models import Invoice, InvoiceSeries

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"),
]

WORKERS = 8


@pytest.fixture(autouse=True)
def slow_issuing(monkeypatch):
    """Widen the window between taking a number and committing, as a slow server would."""
    issue = services._issue

    def slow_issue(*args, **kwargs):
        time.sleep(0.02)
        return issue(*args, **kwargs)

    monkeypatch.setattr(services, "_issue", slow_issue)


def test_parallel_issuers_never_leave_a_gap_or_a_duplicate(contribution_2026, sofint_office, sofint):
    drafts = services.create_invoice_drafts(contribution=contribution_2026)  # 4 quarters × 6 members
    batches = [drafts[index::WORKERS] for index in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)
    errors = []

    def issue(batch):
        try:
            barrier.wait(timeout=30)
            # One draft at a time: as many separate transactions as possible race for numbers.
            for draft in batch:
                services.issue_invoices(invoices=[draft], issued_by=sofint_office)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors
    numbers = sorted(Invoice.objects.filter(association=sofint).values_list("number", flat=True))
    assert numbers == list(range(1001, 1001 + len(drafts)))
    assert InvoiceSeries.objects.get(association=sofint).next_number == 1001 + len(drafts)


def test_two_clerks_issuing_the_same_draft_issue_it_once(contribution_2026, sofint_office, sofint):
    drafts = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    barrier = threading.Barrier(2)
    outcomes = []

    def issue():
        try:
            barrier.wait(timeout=30)
            services.issue_invoices(invoices=drafts, issued_by=sofint_office)
            outcomes.append("issued")
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes) == ["ValidationError", "issued"]
    numbers = sorted(Invoice.objects.filter(association=sofint).values_list("number", flat=True))
    assert numbers == list(range(1001, 1001 + len(drafts)))
