"""Import enrolments into an association's participant register from a spreadsheet.

    python manage.py import_participants deltagare.csv --association sofint

The file is an .xlsx workbook or a ;-separated UTF-8 CSV with the headers
kod;kön;födelseår;insats;inskriven;avslutad;avslutsorsak;försörjning_före;försörjning_efter.
All or nothing: any problem refuses the whole file, every problem is listed by row and column,
and a cell that looks like a personal identity number is never repeated. Importing the same
rows again changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding.management.commands._common import association_by_slug, existing_file
from initiatives.models import Initiative
from participants import services
from participants.importing import ImportRejected


class Command(BaseCommand):
    help = "Import enrolments (one row each) into the participant register, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the .xlsx or .csv file")
        parser.add_argument("--association", required=True, help="the association's slug, e.g. sofint")

    def handle(self, *args, path, association, **options):
        association = association_by_slug(association)
        file = existing_file(path)
        try:
            result = services.import_file(
                association=association,
                content=file.read_bytes(),
                filename=file.name,
                initiatives=Initiative.objects.filter(association=association),
                user=None,
            )
        except ImportRejected as rejection:
            raise CommandError(
                _("Nothing was imported from %(file)s:") % {"file": file.name}
                + "\n"
                + "\n".join(rejection.problems)
            ) from None
        self.stdout.write(
            _(
                "The file was imported: %(created)s new enrolments, %(updated)s changed, %(unchanged)s unchanged."
            )
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
