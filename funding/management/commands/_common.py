"""Argument helpers shared by the funding commands."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from members.models import Association


def association_by_slug(slug: str) -> Association:
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        known = ", ".join(Association.objects.order_by("slug").values_list("slug", flat=True)) or "—"
        raise CommandError(
            _("There is no association %(slug)s. Known: %(known)s.") % {"slug": slug, "known": known}
        )
    return association


def existing_file(path: str) -> Path:
    file = Path(path)
    if not file.is_file():
        raise CommandError(_("There is no file %(path)s.") % {"path": path})
    return file
