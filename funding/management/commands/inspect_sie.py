"""Show what an SIE file is, and whether it can be imported, without importing it.

    python manage.py inspect_sie sofint-2010.se --association sofint
    python manage.py inspect_sie bokslut.se --organisation-number 222000-1818

Prints the program, SIE type, company, organisation number, character set, fiscal years
with their vouchers, result and closing balance sum, objects per dimension and warnings.
Exits 0 when the file can be imported into a förbund with that organisation number (the
file's own when none is given), 1 with the problems when not. Writes nothing.
"""

import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from finsam.formatting import format_number, format_organisation_number
from funding.ledger import check_sie, problem_message
from funding.management.commands._common import association_by_slug, existing_file
from funding.sie import SieSummary, normalise_organisation_number, summarise


class Command(BaseCommand):
    help = "Show what an SIE file holds and whether it can be imported (writes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the SIE file")
        target = parser.add_mutually_exclusive_group()
        target.add_argument("--organisation-number", help="the förbund's organisation number")
        target.add_argument("--association", help="the association's slug, e.g. sofint")

    def handle(self, *args, path, organisation_number, association, **options):
        file = existing_file(path)
        name = ""
        if association:
            found = association_by_slug(association)
            organisation_number, name = found.organisation_number, found.name
        elif organisation_number:
            organisation_number = normalise_organisation_number(organisation_number)
        sie, problems = check_sie(
            file.read_bytes(),
            # Without a förbund, the file is checked against its own number.
            organisation_number=organisation_number or None,
            association_name=name,
        )
        self.stdout.write(_("File: %(file)s") % {"file": file.name})
        if sie is not None:
            self.write_summary(summarise(sie))
        if problems:
            raise CommandError(
                _("The file cannot be imported:") + "\n" + "\n".join(problem_message(p) for p in problems)
            )
        target = format_organisation_number(organisation_number or (sie.organisation_number if sie else ""))
        self.stdout.write(
            _("The file can be imported into a förbund with organisation number %(number)s.")
            % {"number": target}
        )

    def write_summary(self, summary: SieSummary) -> None:
        write = self.stdout.write
        program = " ".join(part for part in (summary.program, summary.program_version) if part)
        write(_("Program: %(program)s") % {"program": program or "—"})
        write(_("SIE type: %(kind)s") % {"kind": summary.kind or "—"})
        write(_("Company: %(name)s") % {"name": summary.company_name or "—"})
        number = summary.organisation_number_as_written or "—"
        if summary.organisation_number and summary.organisation_number != re.sub(r"[^0-9]", "", number):
            number += f" ({format_organisation_number(summary.organisation_number)})"
        write(_("Organisation number: %(number)s") % {"number": number})
        write(_("Character set: %(encoding)s") % {"encoding": summary.encoding})
        if summary.checksum_verified:
            write(_("Checksum (#KSUMMA): verified"))
        for year in summary.years:
            write(
                _(
                    "Fiscal year %(index)s, %(start)s–%(end)s: %(vouchers)s vouchers, result %(result)s, "
                    "closing balances sum to %(closing)s"
                )
                % {
                    "index": year.index,
                    "start": year.start.isoformat(),
                    "end": year.end.isoformat(),
                    "vouchers": year.vouchers,
                    "result": "—" if year.result is None else format_number(year.result, 2),
                    "closing": "—"
                    if year.closing_balance_sum is None
                    else format_number(year.closing_balance_sum, 2),
                }
            )
        for dimension in summary.dimensions:
            write(
                _("Dimension %(number)s %(name)s: %(objects)s objects (%(created)s created)")
                % {
                    "number": dimension.number,
                    "name": dimension.name,
                    "objects": dimension.objects,
                    "created": dimension.created,
                }
            )
        if summary.warning_count:
            write(_("Warnings: %(count)s") % {"count": summary.warning_count})
            for warning in summary.warnings:
                write("  " + problem_message(warning))
