"""Every write of the reporting app: drafts, sections, comments, sharing, adoption, corrections,
auditors' statements, discharges, forecasts.

Adoption renders the report's PDF and workbook once and stores them with the PDF's SHA-256;
from then on the report is frozen: nothing of it changes, and a correction is a new version.
"""

import datetime
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from initiatives import services as initiative_services
from members import notifications
from members.models import BoardMeeting, Decision, Notification, Organisation, Role, User
from reporting import documents
from reporting.content import LedgerMissing
from reporting.models import ArchivedDocument, AuditorStatement, Comment, Discharge, Forecast, Report, Section
from reporting.sections import specs_for


def _require_open(report: Report) -> None:
    if report.frozen:
        raise ValidationError(_("The report is adopted and frozen. Make a correction to change it."))


@transaction.atomic
def create_report(*, association, kind: str, period_end: datetime.date) -> Report:
    """A new draft for the period, with its sections empty."""
    if kind == Report.Kind.ANNUAL and (period_end.month, period_end.day) != (12, 31):
        raise ValidationError({"period_end": _("An annual report ends on 31 December.")})
    exists = _("There is already a report for this period; correct it instead.")
    if Report.objects.filter(association=association, kind=kind, period_end=period_end).exists():
        raise ValidationError(exists)
    try:
        with transaction.atomic():
            report = Report.objects.create(association=association, kind=kind, period_end=period_end)
    except IntegrityError:
        # Created at the same moment by a double click or a colleague: one_report_version held.
        raise ValidationError(exists) from None
    Section.objects.bulk_create(Section(report=report, key=spec.key) for spec in specs_for(kind))
    return report


@transaction.atomic
def save_section(*, report: Report, key: str, text: str) -> Section:
    _require_open(report)
    section = Section.objects.select_for_update().get(report=report, key=key)
    section.text = text.strip()
    section.updated_at = timezone.now()
    section.save()
    return section


def empty_sections(report: Report) -> list[str]:
    texts = dict(report.sections.values_list("key", "text"))
    return [spec.key for spec in specs_for(report.kind) if not texts.get(spec.key, "").strip()]


@transaction.atomic
def share(*, report: Report) -> Report:
    """Share the draft with the board for reading and comments."""
    if report.status != Report.Status.DRAFT:
        raise ValidationError(_("Only a draft can be shared with the board."))
    report.status = Report.Status.SHARED
    report.shared_at = timezone.now()
    report.save(update_fields=["status", "shared_at"])
    _tell(report, Notification.REPORT_SHARED, Role.Kind.BOARD)
    return report


@transaction.atomic
def add_comment(*, report: Report, section: str, author: User, text: str) -> Comment:
    if report.status != Report.Status.SHARED:
        raise ValidationError(_("Comments are written while the report is shared with the board."))
    if section not in {spec.key for spec in specs_for(report.kind)} | {"figures"}:
        raise ValidationError(_("Unknown section."))
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    return Comment.objects.create(report=report, section=section, author=author, text=text.strip())


@transaction.atomic
def adopt(
    *,
    report: Report,
    meeting_date: datetime.date,
    paragraph: int,
    place: str,
    recorded_by: User | None = None,
) -> Report:
    """The board adopts the report at a meeting (date and paragraph): it is rendered and frozen."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.frozen:
        # A second submit of the adoption, or a colleague who was quicker.
        raise ValidationError(_("The report has already been adopted."))
    if report.status != Report.Status.SHARED:
        raise ValidationError(_("Share the report with the board before it is adopted."))
    missing = empty_sections(report)
    if missing:
        raise ValidationError(_("Sections are still empty: %(sections)s.") % {"sections": ", ".join(missing)})
    if meeting_date < report.period_end:
        raise ValidationError(
            {"meeting_date": _("The board cannot adopt the report before the period has ended.")}
        )
    if meeting_date > timezone.localdate():
        raise ValidationError({"meeting_date": _("The adoption cannot be dated in the future.")})
    if not place.strip():
        raise ValidationError({"place": _("Give the place of signing.")})
    meeting, _created = BoardMeeting.objects.get_or_create(association=report.association, date=meeting_date)
    if Decision.objects.filter(meeting=meeting, paragraph=paragraph).exists():
        raise ValidationError(
            {"paragraph": _("The meeting already has a decision with this paragraph number.")}
        )
    decision = Decision.objects.create(
        meeting=meeting,
        paragraph=paragraph,
        title=str(report.title),
        text=_("The board adopts %(report)s.") % {"report": str(report.title).lower()},
    )
    report.decision = decision
    report.place = place.strip()
    try:
        goal_outcomes: dict = {}
        files = documents.archive(report, goal_outcomes)
    except LedgerMissing:
        raise ValidationError(
            _("The year has no imported bookkeeping; import it before the report is adopted.")
        ) from None
    for file_format, content in files.items():
        ArchivedDocument.objects.create(
            report=report, format=file_format, content=content, sha256=hashlib.sha256(content).hexdigest()
        )
    if report.replaces_id:
        # The corrected version stays readable, marked as replaced.
        Report.objects.filter(pk=report.replaces_id).update(status=Report.Status.REPLACED)
    report.status = Report.Status.ADOPTED
    report.adopted_at = timezone.now()
    report.pdf_sha256 = hashlib.sha256(files["pdf"]).hexdigest()
    report.save()
    if report.kind == Report.Kind.ANNUAL:
        # The archived report states the year's goals and outcomes; from now on they are frozen.
        initiative_services.freeze_goal_year(
            association=report.association,
            year=report.year,
            reference=decision.reference,
            outcomes=goal_outcomes,
        )
        # The auditors' statement is what an adopted annual report waits for.
        _tell(report, Notification.STATEMENT_REQUESTED, Role.Kind.AUDITOR)
    return report


def _tell(report: Report, notification: str, kind: str) -> None:
    """Mail everyone holding the role in the report's association (after commit)."""
    users = User.objects.filter(
        pk__in=Role.objects.current().filter(kind=kind, association=report.association).values("user")
    ).order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "report": report.title,
            "association": report.association.name,
            "link": notifications.absolute_url(
                reverse("reporting:report_detail", args=[report.association.slug, report.pk])
            ),
        }
        if notification == Notification.REPORT_SHARED:
            subject = _("For review: %(report)s, %(association)s") % values
            body = (
                _(
                    "%(association)s has shared %(report)s with the board for review. Read it and write "
                    "your comments here:\n\n%(link)s\n"
                )
                % values
            )
        else:
            subject = _("Awaits your statement: %(report)s, %(association)s") % values
            body = (
                _(
                    "The board of %(association)s has adopted %(report)s. It awaits the auditors' "
                    "statement; read it and record yours here:\n\n%(link)s\n"
                )
                % values
            )
        body += "\n" + _("You can turn these messages off under E-mail notifications in the app.")
        notifications.notify(
            record=report,
            notification=notification,
            recipients=[notifications.Recipient.of(user) for user in users],
            subject=subject,
            body=body,
        )


@transaction.atomic
def start_correction(*, report: Report, reason: str) -> Report:
    """A new version of an adopted report, to be adopted in its turn; the adopted one stays readable."""
    if report.status != Report.Status.ADOPTED:
        raise ValidationError(_("Only an adopted report is corrected; change the draft instead."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    if Report.objects.filter(replaces=report).exists():
        raise ValidationError(_("A correction of this report is already being prepared."))
    try:
        correction = Report.objects.create(
            association=report.association,
            kind=report.kind,
            period_end=report.period_end,
            version=report.version + 1,
            replaces=report,
            correction_reason=reason.strip(),
        )
    except IntegrityError:
        raise ValidationError(_("A correction of this report already exists.")) from None
    Section.objects.bulk_create(
        Section(report=correction, key=section.key, text=section.text) for section in report.sections.all()
    )
    Forecast.objects.bulk_create(
        Forecast(report=correction, line=item.line, amount=item.amount) for item in report.forecasts.all()
    )
    return correction


@transaction.atomic
def record_auditor_statement(
    *, report: Report, auditor: User, date: datetime.date, appointed_by: Organisation | None = None
) -> AuditorStatement:
    if report.status != Report.Status.ADOPTED or report.kind != Report.Kind.ANNUAL:
        raise ValidationError(_("Auditors' statements are recorded on an adopted annual report."))
    if date < report.decision.meeting.date:
        raise ValidationError({"date": _("The statement cannot be dated before the report was adopted.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("The statement cannot be dated in the future.")})
    if appointed_by and not report.association.memberships.filter(organisation=appointed_by).exists():
        raise ValidationError({"appointed_by": _("The organisation is not a member of the association.")})
    statement, _created = AuditorStatement.objects.update_or_create(
        report=report, auditor=auditor, defaults={"date": date, "appointed_by": appointed_by}
    )
    return statement


@transaction.atomic
def record_discharge(
    *, report: Report, organisation: Organisation, granted: bool, date: datetime.date, note: str = ""
) -> Discharge:
    if report.status != Report.Status.ADOPTED or report.kind != Report.Kind.ANNUAL:
        raise ValidationError(_("Discharge is decided on an adopted annual report."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("The decision cannot be dated in the future.")})
    if date < report.decision.meeting.date:
        raise ValidationError({"date": _("Discharge cannot be decided before the report was adopted.")})
    if not report.association.memberships.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("The organisation is not a member of the association.")})
    discharge, _created = Discharge.objects.update_or_create(
        report=report, organisation=organisation, defaults={"granted": granted, "date": date, "note": note}
    )
    return discharge


@transaction.atomic
def save_forecasts(*, report: Report, amounts: dict[str, Decimal | None]) -> None:
    """The office's full-year forecast per line of an interim report; an empty amount means the budget."""
    _require_open(report)
    if report.kind != Report.Kind.INTERIM:
        raise ValidationError(_("Forecasts belong to interim reports."))
    for line, amount in amounts.items():
        if amount is None:
            Forecast.objects.filter(report=report, line=line).delete()
        else:
            Forecast.objects.update_or_create(report=report, line=line, defaults={"amount": amount})
