"""Render a report from the current data to a PDF or Excel file.

    python manage.py render_report budget --association solleftea --year 2025 --output budget.pdf
    python manage.py render_report outcome --association sofint --year 2010 --date 2010-08-31 --output utfall.xlsx

The format follows the output's extension (.pdf or .xlsx). The file is written under a
temporary name and renamed when complete, so a failure never leaves half a file.
"""

import datetime
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding.management.commands._common import association_by_slug
from reporting.renderers import RENDERERS, ReportUnavailable


class Command(BaseCommand):
    help = "Render a report (%s) to a PDF or an Excel file." % ", ".join(RENDERERS)

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(RENDERERS))
        parser.add_argument("--association", help="the association's slug, e.g. sofint")
        parser.add_argument("--associations", help="several slugs, comma-separated (comparison)")
        parser.add_argument("--year", type=int)
        parser.add_argument("--date", help="YYYY-MM-DD: outcome up to this date (interim)")
        parser.add_argument("--output", required=True, help="FILE.pdf or FILE.xlsx")
        parser.add_argument(
            "--internal",
            action="store_true",
            help="participants: the office's version with small counts (default: published, suppressed)",
        )

    def handle(self, *args, kind, association, associations, year, date, output, internal, **options):
        target = Path(output)
        file_format = target.suffix.lower().lstrip(".")
        if file_format not in ("pdf", "xlsx"):
            raise CommandError(
                _("The output must end in .pdf or .xlsx, not %(name)s.") % {"name": target.name}
            )
        renderer = RENDERERS[kind]
        arguments = {"year": year, "date": self.parse_date(date), "internal": internal}
        if renderer.many:
            slugs = [slug.strip() for slug in (associations or association or "").split(",") if slug.strip()]
            if not slugs:
                raise CommandError(_("Give the associations with --associations SLUG,SLUG."))
            arguments["associations"] = [association_by_slug(slug) for slug in slugs]
        else:
            if not association:
                raise CommandError(_("Give the association with --association SLUG."))
            arguments["association"] = association_by_slug(association)
        try:
            content = renderer.render(file_format, **arguments)
        except ReportUnavailable as error:
            raise CommandError(str(error)) from None
        if not target.parent.exists():
            raise CommandError(_("The folder %(path)s does not exist.") % {"path": target.parent})
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".render-", suffix=target.suffix)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self.stdout.write(
            _("%(path)s was written (%(size)s bytes).") % {"path": target, "size": len(content)}
        )

    @staticmethod
    def parse_date(text):
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(_("Give the date as YYYY-MM-DD, e.g. 2026-01-15.")) from None
