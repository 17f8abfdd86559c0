"""The race suite borrows the app suites' worlds; the racing helpers are in racing.py."""

from tests.funding.conftest import contribution_2026, issued_q1  # noqa: F401  (fixtures)
