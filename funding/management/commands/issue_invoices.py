"""Create and issue the members' invoices of a year (or one period of it) in one go.

    python manage.py issue_invoices --association sofint --year 2026 --period Q1

All invoices are issued, or none: a member without a buyer reference or address stops the
whole batch with a message, and nothing is numbered.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from funding import services
from funding.management.commands._common import association_by_slug
from funding.models import Contribution, Invoice
from funding.periods import periods_of


class Command(BaseCommand):
    help = "Create and issue the members' invoices for a year or one period (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--association", required=True, help="the association's slug, e.g. sofint")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--period", help="year, H1, H2, Q1…Q4 (default: every period of the year)")
        parser.add_argument("--date", help="invoice date YYYY-MM-DD (default: today)")

    def handle(self, *args, association, year, period, date, **options):
        association = association_by_slug(association)
        contributions = list(Contribution.objects.filter(association=association, year=year))
        if not contributions:
            raise CommandError(
                _("%(association)s has no contribution for %(year)s; record the state's decision first.")
                % {"association": association, "year": year}
            )
        issue_date = self.parse_date(date)
        try:
            with transaction.atomic():
                for contribution in contributions:
                    services.create_invoice_drafts(contribution=contribution, period_code=period)
                drafts = Invoice.objects.filter(
                    association=association,
                    status=Invoice.Status.DRAFT,
                    share__contribution__in=contributions,
                )
                if period:
                    drafts = drafts.filter(
                        pk__in=[i.pk for i in drafts if self.in_period(i, period, association)]
                    )
                issued = services.issue_invoices(invoices=list(drafts), issued_by=None, issue_date=issue_date)
        except ValidationError as error:
            raise CommandError(_("No invoice was issued.") + "\n" + "\n".join(error.messages)) from None
        self.stdout.write(
            _("%(count)s invoices were issued, numbers %(first)s–%(last)s.")
            % {"count": len(issued), "first": issued[0].number, "last": issued[-1].number}
        )

    @staticmethod
    def in_period(invoice, code, association):
        return any(
            period.code == code and period.start == invoice.period_start
            for period in periods_of(invoice.period_start.year, association.invoice_period)
        )

    @staticmethod
    def parse_date(text):
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(_("Give the date as YYYY-MM-DD, e.g. 2026-01-15.")) from None
