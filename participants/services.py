"""Every write of the participants app, and the access log every read of rows goes through."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from members.models import Association, User
from participants import importing
from participants.access_log import entry_hash
from participants.models import AccessLog, AccessLogHead, ArchivedStatistics, Enrolment, Participant, Survey
from participants.statistics import years_statistics


@transaction.atomic
def log_access(
    *,
    user: User | None,
    association: Association,
    action: str,
    what: str,
    rows: int = 0,
    address: str | None = None,
    problems: int = 0,
) -> AccessLog:
    """Record who read or changed participant rows. `what` names the selection, never a person.

    The entry is chained to the association's previous one (participants.access_log) under a lock
    on the association's log head, so parallel writers chain one after the other.
    """
    AccessLogHead.objects.get_or_create(association=association)
    head = AccessLogHead.objects.select_for_update().get(association=association)
    entry = AccessLog(
        association=association,
        user=user,
        username=user.get_username() if user else "",
        action=action,
        what=what[:300],
        rows=rows,
        address=address,
        problems=problems,
        previous_hash=head.last_hash,
    )
    entry.hash = entry_hash(head.last_hash, entry)
    entry.save()
    head.last_hash, head.entries = entry.hash, head.entries + 1
    head.save(update_fields=["last_hash", "entries"])
    return entry


def import_file(
    *,
    association: Association,
    content: bytes,
    filename: str,
    initiatives,
    user: User | None,
    address: str | None = None,
):
    """Import a spreadsheet of enrolments into the initiatives given (the ones the user may write).

    A refused file is logged too, with how many problems it had, never what they were (they may
    quote a cell); the refusal is raised on.
    """
    try:
        return _import_file(
            association=association,
            content=content,
            filename=filename,
            initiatives=initiatives,
            user=user,
            address=address,
        )
    except importing.ImportRejected as rejection:
        log_access(
            user=user,
            association=association,
            action=AccessLog.Action.REFUSED,
            what=_("Import of %(file)s") % {"file": filename[:100]},
            address=address,
            problems=len(rejection.problems),
        )
        raise


@transaction.atomic
def _import_file(*, association, content, filename, initiatives, user, address):
    rows = importing.parse(
        importing.read_rows(content, filename), {item.code: item for item in initiatives}, association
    )
    result = importing.import_enrolments(association=association, rows=rows)
    log_access(
        user=user,
        association=association,
        action=AccessLog.Action.IMPORT,
        what=_("Import of %(file)s") % {"file": filename[:100]},
        rows=result.rows,
        address=address,
    )
    return result


@transaction.atomic
def save_enrolment(
    *, enrolment: Enrolment, code: str, gender: str, birth_year: int, user: User, address: str | None = None
) -> Enrolment:
    """Save one enrolment typed on the page, with the same rules as the import."""
    association = enrolment.initiative.association
    if importing.looks_like_personal_number(code):
        raise ValidationError(
            {"code": _("The code looks like a personal identity number. Use a pseudonymous code.")}
        )
    participant, _created = Participant.objects.get_or_create(
        association=association, code=code.strip(), defaults={"gender": gender, "birth_year": birth_year}
    )
    if (participant.gender, participant.birth_year) != (gender, birth_year):
        raise ValidationError({"code": _("The code is registered with another gender or birth year.")})
    enrolment.participant = participant
    initiative = enrolment.initiative
    if initiative.kind != Initiative.Kind.INDIVIDUAL:
        raise ValidationError(_("Participants are registered only in individual-oriented initiatives."))
    if (initiative.start_date and enrolment.start_date < initiative.start_date) or (
        initiative.end_date and enrolment.start_date > initiative.end_date
    ):
        raise ValidationError({"start_date": _("The enrolment starts outside the initiative's period.")})
    if enrolment.end_date and not (enrolment.end_reason and enrolment.income_after):
        raise ValidationError(
            {"end_reason": _("An ended enrolment needs its end reason and the income source at the end.")}
        )
    if not enrolment.end_date and (enrolment.end_reason or enrolment.income_after):
        raise ValidationError(
            {"end_date": _("Give the end date, or leave the end reason and income source at the end empty.")}
        )
    overlapping = (
        Enrolment.objects.filter(participant=participant, initiative=initiative)
        .exclude(pk=enrolment.pk)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=enrolment.start_date))
    )
    if enrolment.end_date:
        overlapping = overlapping.filter(start_date__lte=enrolment.end_date)
    if overlapping.exists():
        raise ValidationError(
            {"start_date": _("The person is already enrolled in the initiative during this period.")}
        )
    enrolment.full_clean()
    enrolment.save()
    log_access(
        user=user,
        association=association,
        action=AccessLog.Action.CHANGE,
        what=_("Enrolment in %(initiative)s") % {"initiative": initiative.name},
        rows=1,
        address=address,
    )
    return enrolment


@transaction.atomic
def save_survey(*, survey: Survey) -> Survey:
    if survey.respondents > survey.participants:
        raise ValidationError({"respondents": _("There cannot be more respondents than participants asked.")})
    if survey.agreeing > survey.respondents:
        raise ValidationError({"agreeing": _("There cannot be more agreeing than respondents.")})
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def purge_old_enrolments(
    *, association: Association, years: int | None = None, today: datetime.date | None = None
) -> int:
    """Remove enrolments that ended more than N years ago, keeping the statistics of their years.

    Before anything is removed, the statistics of every year those enrolments touched are
    archived (for each initiative and the total), so reports already made stay the same.
    """
    years = settings.PARTICIPANT_RETENTION_YEARS if years is None else years
    today = today or timezone.localdate()
    cutoff = today.replace(year=today.year - years)
    old = Enrolment.objects.filter(initiative__association=association, end_date__lt=cutoff)
    if not old.exists():
        return 0
    first_year = old.order_by("start_date").values_list("start_date", flat=True).first().year
    last_year = old.order_by("-end_date").values_list("end_date", flat=True).first().year
    for year, statistics in years_statistics(association, range(first_year, last_year + 1)).items():
        for figures in [statistics.total, *statistics.initiatives]:
            ArchivedStatistics.objects.get_or_create(
                association=association,
                initiative=figures.initiative,
                year=year,
                defaults={"figures": figures.to_json()},
            )
    count, _details = old.delete()
    Participant.objects.filter(association=association, enrolments__isnull=True).delete()
    log_access(
        user=None,
        association=association,
        action=AccessLog.Action.PURGE,
        what=_("Enrolments ended before %(date)s") % {"date": cutoff.isoformat()},
        rows=count,
    )
    return count
