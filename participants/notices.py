"""What the participants app tells an initiative's page (passed to its view by finsam/urls.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Enrolment


def initiative_notices(initiative) -> list[str]:
    """Enrolments still open after the initiative has ended: they should be ended in the register."""
    if not initiative.end_date or initiative.end_date >= timezone.localdate():
        return []
    if not Enrolment.objects.filter(initiative=initiative, end_date__isnull=True).exists():
        return []
    return [
        _(
            "The initiative has ended but has enrolments that are still open. End them in the "
            "participant register, with end reason and income source at the end."
        )
    ]
