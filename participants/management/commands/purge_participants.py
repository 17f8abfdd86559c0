"""Remove enrolments that ended more than N years ago, keeping the statistics already reported.

    python manage.py purge_participants --association sofint
    python manage.py purge_participants --all --years 5

N is the setting PARTICIPANT_RETENTION_YEARS (default 5) unless --years is given. Before any
row is removed, the statistics of every year those rows touched are archived, so reports of
those years show the same figures afterwards. The removal is written to the access log.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding.management.commands._common import association_by_slug
from members.models import Association
from participants import services


class Command(BaseCommand):
    help = "Remove enrolments ended more than N years ago, keeping their years' statistics."

    def add_arguments(self, parser):
        parser.add_argument("--association", help="the association's slug, e.g. sofint")
        parser.add_argument("--all", action="store_true", help="every association")
        parser.add_argument("--years", type=int, help="keep enrolments ended within this many years")

    def handle(self, *args, association, all, years, **options):
        if bool(association) == bool(all):
            raise CommandError(_("Give either --association SLUG or --all."))
        if years is not None and years < 1:
            raise CommandError(_("--years must be at least 1."))
        associations = Association.objects.order_by("slug") if all else [association_by_slug(association)]
        for item in associations:
            removed = services.purge_old_enrolments(association=item, years=years)
            self.stdout.write(
                _("%(association)s: %(count)s enrolments removed.")
                % {"association": item.slug, "count": removed}
            )
