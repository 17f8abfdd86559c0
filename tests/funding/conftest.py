"""Contributions and invoices of the SOFINT-shaped förbund (the `sofint` fixture is in tests/conftest.py)."""

import datetime
from decimal import Decimal

import pytest

from funding import services
from funding.models import Contribution


@pytest.fixture
def contribution_2026(sofint):
    """1 200 000 kr split as seed 000 splits its first year's 1 200 000 kr."""
    return services.save_contribution(
        contribution=Contribution(
            association=sofint, year=2026, state_amount=Decimal(600_000), split_method="agreed"
        )
    )


@pytest.fixture
def issued_q1(contribution_2026, sofint_office):
    drafts = services.create_invoice_drafts(contribution=contribution_2026, period_code="Q1")
    return services.issue_invoices(
        invoices=drafts, issued_by=sofint_office, issue_date=datetime.date(2026, 1, 15)
    )
