"""Check that no entry of the participant access log was removed or changed.

    python manage.py verify_access_log             # every association
    python manage.py verify_access_log --association sofint

Prints each association's count of entries and the first broken link; exits with an error if
any association's log is broken.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding.management.commands._common import association_by_slug
from members.models import Association
from participants.access_log import verify_access_log


class Command(BaseCommand):
    help = "Verify the hash chain of the participant access log; report the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--association", help="one association's slug; every association if left out")

    def handle(self, *args, association=None, **options):
        associations = (
            [association_by_slug(association)] if association else Association.objects.order_by("slug")
        )
        broken = []
        for item in associations:
            check = verify_access_log(item)
            if check.intact:
                self.stdout.write(
                    _("%(association)s: %(count)s entries, intact.")
                    % {"association": item.slug, "count": check.entries}
                )
            else:
                broken.append(item.slug)
                self.stdout.write(f"{item.slug}: {check.reason}")
        if broken:
            raise CommandError(_("The access log is broken for: %(slugs)s") % {"slugs": ", ".join(broken)})
