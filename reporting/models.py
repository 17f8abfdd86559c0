"""Reports the board adopts (annual and interim), their review, and long jobs run in the background.

A report is a version: a draft the office writes, shares with the board for comments and has
adopted. Adoption freezes it: its PDF and workbook are stored as they were adopted, with the
PDF's SHA-256, and served as stored from then on. A correction is a new version with a reason;
the one it replaces stays readable. Every number is computed from the data when the report is
rendered; only the narrative sections are written by hand.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Association, Decision, Organisation, Role


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportQuerySet":
        """The office: every version. The board: shared, adopted and replaced ones. Auditors: adopted
        and replaced. Member representatives: adopted and replaced reports of the förbund their
        organisation belongs to now. No one else."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        readable = [Report.Status.ADOPTED, Report.Status.REPLACED]
        return self.filter(
            Q(association__in=Role.objects.association_ids(user, Role.Kind.OFFICE))
            | Q(
                association__in=Role.objects.association_ids(user, Role.Kind.BOARD),
                status__in=[Report.Status.SHARED, *readable],
            )
            # Auditors, and the representatives of current members (and the board again).
            | Q(association__in=Association.objects.with_aggregates_for(user), status__in=readable)
        )


class Report(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual report")
        INTERIM = "interim", _("Interim report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SHARED = "shared", _("Shared with the board")
        ADOPTED = "adopted", _("Adopted")
        REPLACED = "replaced", _("Replaced by a correction")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="reports", verbose_name=_("association")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_end = models.DateField(
        _("period ends"),
        help_text=_("31 December for an annual report; e.g. 31 August for an interim report."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("corrects"),
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    shared_at = models.DateTimeField(_("shared with the board"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted (recorded)"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by decision"),
    )
    place = models.CharField(_("place of signing"), max_length=100, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the adopted PDF"), max_length=64, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["association", "-period_end", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "kind", "period_end", "version"], name="one_report_version"
            ),
            models.UniqueConstraint(
                fields=["association", "kind", "period_end"],
                condition=Q(status__in=["draft", "shared"]),
                name="one_open_report_per_period",
                violation_error_message=_("The period already has a report being prepared."),
            ),
            models.UniqueConstraint(
                fields=["association", "kind", "period_end"],
                condition=Q(status="adopted"),
                name="one_adopted_report_per_period",
            ),
            models.CheckConstraint(
                name="adopted_report_has_decision_and_hash",
                condition=~Q(status__in=["adopted", "replaced"])
                | (Q(decision__isnull=False) & ~Q(pdf_sha256="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display().lower()})"

    @property
    def year(self) -> int:
        return self.period_end.year

    @property
    def title(self) -> str:
        if self.kind == self.Kind.ANNUAL:
            return _("Annual report %(year)s") % {"year": self.year}
        return _("Interim report %(date)s") % {"date": self.period_end.isoformat()}

    @property
    def frozen(self) -> bool:
        return self.status in (self.Status.ADOPTED, self.Status.REPLACED)

    @property
    def deadline(self) -> datetime.date:
        """The board must prepare an annual report within three months of the year's end."""
        if self.kind == self.Kind.ANNUAL:
            return datetime.date(self.year + 1, 3, 31)
        return self.period_end + datetime.timedelta(days=61)


class Section(models.Model):
    """A hand-written part of a report: plain paragraphs, with "## " lines as sub-headings."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="sections", verbose_name=_("report")
    )
    key = models.SlugField(_("section"), max_length=40)
    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_section_per_key")]

    def __str__(self) -> str:
        return f"{self.report} – {self.key}"


class Comment(models.Model):
    """A board member's (or the office's) comment on a section of a shared report."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="comments", verbose_name=_("report")
    )
    section = models.SlugField(_("section"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class ArchivedDocument(models.Model):
    """A report's document as adopted: stored once, served as stored, never regenerated."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"
        HTML = "html", "HTML"  # the body as the report's page shows it

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="documents")
    format = models.CharField(max_length=4, choices=Format.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="one_document_per_format")]

    def __str__(self) -> str:
        return f"{self.report} {self.format}"


class AuditorStatement(models.Model):
    """An auditor's statement (revisionsberättelse) on an adopted annual report: its date."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="auditor_statements", verbose_name=_("report")
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("auditor")
    )
    appointed_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointed by"),
        help_text=_("Each member appoints an auditor; Försäkringskassan's also serves Arbetsförmedlingen."),
    )
    date = models.DateField(_("statement dated"))
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("auditors' statement")
        verbose_name_plural = _("auditors' statements")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "auditor"], name="one_statement_per_auditor")
        ]

    def __str__(self) -> str:
        return f"{self.auditor} {self.date}"


class Discharge(models.Model):
    """A member's decision on discharge from liability (ansvarsfrihet) for the board's year."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="discharges", verbose_name=_("report")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    granted = models.BooleanField(_("discharge granted"))
    date = models.DateField(_("decided on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("discharge from liability")
        verbose_name_plural = _("discharges from liability")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "organisation"], name="one_discharge_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.granted}"


class Forecast(models.Model):
    """The office's full-year forecast for one line of an interim report (the budget when not given)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="forecasts")
    line = models.CharField(max_length=80)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "line"], name="one_forecast_per_line")]

    def __str__(self) -> str:
        return f"{self.line}: {self.amount}"


class JobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "JobQuerySet":
        """The user's own jobs, only while they may still read what the job made: a year's invoices
        while they are office staff of the job's förbund, a report's document while the report is
        visible to them. A job outlives no role: its file is the förbund's data."""
        if not user.is_authenticated:
            return self.none()
        own = self.filter(user=user)
        if user.is_superuser:
            return own
        return own.annotate(
            report_pk=Cast(KeyTextTransform("report", "parameters"), models.BigIntegerField())
        ).filter(
            Q(kind="invoices", association__in=Role.objects.association_ids(user, Role.Kind.OFFICE))
            | Q(kind="report", report_pk__in=Report.objects.visible_to(user).values("pk"))
        )


class Job(models.Model):
    """A long piece of work run by the task worker: its progress, and the file it made."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=200)
    parameters = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    message = models.CharField(max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    result = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The job's last sign of life: when it was queued again, when a worker took it up, and every
    # step of its progress.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # Each run (the first, and every retry) has its own number; a worker writes only to its own run,
    # so one taken for dead that wakes up again cannot overwrite the retry's result.
    attempt = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_created")]

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"

    def can_retry(self) -> bool:
        # Every kind makes a file from data already there (it issues and changes nothing), so a
        # failed job may simply run again.
        return self.status == self.Status.FAILED
