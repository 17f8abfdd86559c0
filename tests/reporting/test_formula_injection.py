"""The annual report's workbook keeps the förbund's name as plain text."""

import pytest

from reporting import documents
from tests.documents import HOSTILE, assert_text_stays_text

pytestmark = pytest.mark.django_db


def test_the_annual_report_workbook_keeps_the_name_as_text(sofint, ledger_2009, draft_2009):
    sofint.name = HOSTILE
    sofint.save()
    draft_2009.association.refresh_from_db()
    assert_text_stays_text(documents.report_workbook(draft_2009))
