"""The race suite borrows the app suites' worlds; the racing helpers are in racing.py."""

from tests.funding.conftest import contribution_2026, issued_q1  # noqa: F401  (fixtures)
from tests.participants.conftest import other_lead, steget, vagen  # noqa: F401  (fixtures)
from tests.reporting.conftest import draft_2009, ledger_2009  # noqa: F401  (fixtures)
