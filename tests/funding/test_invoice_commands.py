"""issue_invoices and export_invoices: batch use with clear messages and nothing half-done."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from funding.management.commands import export_invoices
from funding.models import Invoice
from tests.peppol.validator import validate

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_issue_invoices_for_one_quarter(contribution_2026):
    output = run(
        "issue_invoices",
        "--association",
        "sofint",
        "--year",
        "2026",
        "--period",
        "Q2",
        "--date",
        "2026-04-15",
    )
    assert "6 fakturor utfärdades, nummer 1001–1006." in output
    assert set(Invoice.objects.values_list("period_label", flat=True)) == {"2026, kvartal 2"}


def test_issue_invoices_for_the_whole_year_and_again_issues_nothing_new(contribution_2026):
    run("issue_invoices", "--association", "sofint", "--year", "2026")
    assert Invoice.objects.filter(status="issued").count() == 24
    with pytest.raises(CommandError, match="Det finns inga fakturautkast att utfärda"):
        run("issue_invoices", "--association", "sofint", "--year", "2026")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--association", "nej", "--year", "2026"], "Det finns inget förbund nej"),
        (["--association", "sofint", "--year", "2031"], "har inget medlemsbidrag för 2031"),
        (["--association", "sofint", "--year", "2026", "--period", "H1"], "Okänd period H1"),
        (["--association", "sofint", "--year", "2026", "--date", "15/1"], "ÅÅÅÅ-MM-DD"),
    ],
)
def test_bad_arguments_give_a_message_and_issue_nothing(contribution_2026, args, message):
    with pytest.raises(CommandError, match=message):
        run("issue_invoices", *args)
    assert not Invoice.objects.exists()


def test_export_writes_a_pdf_and_a_valid_xml_per_invoice(issued_q1, tmp_path):
    output = run(
        "export_invoices", "--association", "sofint", "--year", "2026", "--output", str(tmp_path / "ut")
    )
    files = sorted(path.name for path in (tmp_path / "ut").iterdir())
    assert files == sorted(f"faktura-{n}.{ext}" for n in range(1001, 1007) for ext in ("pdf", "xml"))
    assert "12 dokument skrevs" in output
    assert (tmp_path / "ut" / "faktura-1003.pdf").read_bytes().startswith(b"%PDF")
    assert validate((tmp_path / "ut" / "faktura-1003.xml").read_bytes()).ok


def test_export_without_invoices_fails_and_writes_nothing(contribution_2026, tmp_path):
    with pytest.raises(CommandError, match="har inga utfärdade fakturor för 2026"):
        run("export_invoices", "--association", "sofint", "--year", "2026", "--output", str(tmp_path / "ut"))
    assert not (tmp_path / "ut").exists()


def test_a_failure_halfway_leaves_nothing_behind(issued_q1, tmp_path, monkeypatch):
    calls = []

    def failing_pdf(invoice):
        calls.append(invoice)
        if len(calls) == 3:
            raise RuntimeError("the renderer fell over")
        return b"%PDF-1.7"

    monkeypatch.setattr(export_invoices, "invoice_pdf", failing_pdf)
    with pytest.raises(RuntimeError):
        run("export_invoices", "--association", "sofint", "--year", "2026", "--output", str(tmp_path / "ut"))
    assert not (tmp_path / "ut").exists()
    assert [path for path in Path(tmp_path).iterdir()] == []
