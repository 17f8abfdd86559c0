"""Write one PDF and one Peppol XML per issued invoice and credit note of a year.

    python manage.py export_invoices --association sofint --year 2026 --output /tmp/fakturor

Files are named by number (faktura-1001.pdf, faktura-1001.xml, kreditfaktura-1025.pdf …).
They are written to a temporary folder beside the output first and moved in only when
every document has rendered, so a failure leaves nothing half-written.
"""

import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding.documents.invoice_pdf import invoice_filename, invoice_pdf
from funding.documents.invoice_xml import invoice_xml
from funding.management.commands._common import association_by_slug
from funding.models import Invoice


class Command(BaseCommand):
    help = "Export every issued invoice of a year as PDF and Peppol BIS 3.0 XML."

    def add_arguments(self, parser):
        parser.add_argument("--association", required=True, help="the association's slug, e.g. sofint")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--output", required=True, help="folder to write to (created if missing)")

    def handle(self, *args, association, year, output, **options):
        association = association_by_slug(association)
        invoices = list(
            Invoice.objects.filter(association=association).issued().for_year(year).order_by("number")
        )
        if not invoices:
            raise CommandError(
                _("%(association)s has no issued invoices for %(year)s.")
                % {"association": association, "year": year}
            )
        target = Path(output)
        if target.exists() and not target.is_dir():
            raise CommandError(_("%(path)s exists and is not a folder.") % {"path": target})
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".finsam-export-", dir=target.parent))
        try:
            for invoice in invoices:
                (staging / invoice_filename(invoice, "pdf")).write_bytes(invoice_pdf(invoice))
                (staging / invoice_filename(invoice, "xml")).write_bytes(invoice_xml(invoice))
            target.mkdir(exist_ok=True)
            for path in sorted(staging.iterdir()):
                path.replace(target / path.name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.stdout.write(
            _("%(count)s documents were written to %(path)s.") % {"count": 2 * len(invoices), "path": target}
        )
