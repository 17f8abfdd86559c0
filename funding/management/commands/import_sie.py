"""Import a year of the bookkeeping from an SIE 4 file.

    python manage.py import_sie sofint-2010.se --association sofint

All or nothing: a malformed file, an unbalanced voucher, balances that disagree with the
vouchers, or another organisation's file is refused with every problem and its line, and
nothing is imported. Importing a year again replaces it.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding.ledger import NO_VOUCHERS_NOTICE, import_sie
from funding.management.commands._common import association_by_slug, existing_file


class Command(BaseCommand):
    help = "Import (or re-import) a year's bookkeeping from an SIE 4 file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the SIE file")
        parser.add_argument("--association", required=True, help="the association's slug, e.g. sofint")

    def handle(self, *args, path, association, **options):
        association = association_by_slug(association)
        file = existing_file(path)
        try:
            ledger = import_sie(association=association, data=file.read_bytes(), file_name=file.name)
        except ValidationError as error:
            raise CommandError(
                _("Nothing was imported from %(file)s:") % {"file": file.name}
                + "\n"
                + "\n".join(error.messages)
            ) from None
        self.stdout.write(
            _("The bookkeeping for %(year)s was imported: %(vouchers)s vouchers.")
            % {"year": ledger.year, "vouchers": ledger.voucher_count}
        )
        if not ledger.voucher_count:
            self.stdout.write(str(NO_VOUCHERS_NOTICE))
