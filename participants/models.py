"""The pseudonymous participant register, survey results, and the log of who read it.

A participant is a code chosen by the initiative (never a name or a personal identity
number), a gender and a birth year: the minimum the outcome statistics need. Enrolments say
who took part in which individual-oriented initiative, when, how it ended, and the main
income source at start and at end. Rows are seen only by the office and the initiative's
leads, and every view or export of rows is logged; everyone else sees aggregates.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from finsam.money import percent_of
from initiatives.models import Initiative
from members.models import Association, Role


class Gender(models.TextChoices):
    WOMAN = "K", _("Woman")
    MAN = "M", _("Man")
    OTHER = "X", _("Other or not stated")


class EndReason(models.TextChoices):
    WORK = "arbete", _("Work without public support")
    WORK_WITH_SUPPORT = "arbete_med_stod", _("Work with public support (e.g. wage subsidy)")
    STUDIES = "studier", _("Studies")
    JOB_SEEKER = "arbetssokande", _("Registered as job seeker at the employment service")
    ORDINARY_SERVICE = "ordinarie_insats", _("Continued rehabilitation in a member's ordinary work")
    ILL_HEALTH = "ohalsa", _("Ill health")
    MOVED = "flytt", _("Moved")
    DROPPED_OUT = "avbrott", _("Dropped out")
    OTHER = "annat", _("Other")


class EndGroup(models.TextChoices):
    WORK_OR_STUDIES = "work_or_studies", _("Work or studies")
    READY = "ready", _("Job- or study-ready, passed on to ordinary services")
    OTHER = "other", _("Other ends")


END_GROUPS = {
    EndGroup.WORK_OR_STUDIES: [EndReason.WORK, EndReason.WORK_WITH_SUPPORT, EndReason.STUDIES],
    EndGroup.READY: [EndReason.JOB_SEEKER, EndReason.ORDINARY_SERVICE],
    EndGroup.OTHER: [EndReason.ILL_HEALTH, EndReason.MOVED, EndReason.DROPPED_OUT, EndReason.OTHER],
}


class IncomeSource(models.TextChoices):
    WAGES = "lon", pgettext_lazy("income source", "Wages")
    WAGES_WITH_SUPPORT = "lon_med_stod", _("Wages with public support")
    STUDY_FUNDS = "studiemedel", _("Study funds")
    SICKNESS_BENEFIT = "sjukpenning", _("Sickness or rehabilitation benefit")
    SICKNESS_COMPENSATION = "sjukersattning", _("Sickness compensation")
    ACTIVITY_COMPENSATION = "aktivitetsersattning", _("Activity compensation")
    UNEMPLOYMENT_INSURANCE = "a_kassa", _("Unemployment insurance")
    ACTIVITY_SUPPORT = "aktivitetsstod", _("Activity support (incl. development allowance)")
    ESTABLISHMENT = "etableringsersattning", _("Establishment allowance")
    SOCIAL_ASSISTANCE = "forsorjningsstod", _("Social assistance")
    NONE = "ingen", _("No public support (e.g. parental benefit, pension)")
    OTHER = "annan", pgettext_lazy("income source", "Other")


class IncomeGroup(models.TextChoices):
    SELF_SUPPORT = "self_support", _("Own support: wages or study funds")
    ILL_HEALTH = "ill_health", _("Ill-health benefits")
    LABOUR_MARKET = "labour_market", _("Labour-market support")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    OTHER = "other", _("No public support or other")


INCOME_GROUPS = {
    IncomeGroup.SELF_SUPPORT: [IncomeSource.WAGES, IncomeSource.WAGES_WITH_SUPPORT, IncomeSource.STUDY_FUNDS],
    IncomeGroup.ILL_HEALTH: [
        IncomeSource.SICKNESS_BENEFIT,
        IncomeSource.SICKNESS_COMPENSATION,
        IncomeSource.ACTIVITY_COMPENSATION,
    ],
    IncomeGroup.LABOUR_MARKET: [
        IncomeSource.UNEMPLOYMENT_INSURANCE,
        IncomeSource.ACTIVITY_SUPPORT,
        IncomeSource.ESTABLISHMENT,
    ],
    IncomeGroup.SOCIAL_ASSISTANCE: [IncomeSource.SOCIAL_ASSISTANCE],
    IncomeGroup.OTHER: [IncomeSource.NONE, IncomeSource.OTHER],
}


def group_of(mapping: dict, code: str) -> str:
    return next(group for group, codes in mapping.items() if code in codes)


class RegisterQuerySet(models.QuerySet):
    """Rows of the register: the office sees its associations', a lead their initiatives'."""

    initiative_path = "initiative"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        path = self.initiative_path
        return self.filter(
            Q(**{f"{path}__association__in": Role.objects.association_ids(user, Role.Kind.OFFICE)})
            | Q(**{f"{path}__in": Initiative.objects.led_by(user)})
        )


class Participant(models.Model):
    """A person in the register, known only by a pseudonymous code unique in the association."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="participants", verbose_name=_("association")
    )
    code = models.CharField(_("code"), max_length=40)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["association", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "code"],
                name="participant_code_unique_in_association",
                violation_error_message=_("Another participant of the association has this code."),
            )
        ]

    def __str__(self) -> str:
        return self.code


class EnrolmentQuerySet(RegisterQuerySet):
    def during(self, year: int):
        """Enrolled at some time during the year."""
        return self.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )


class Enrolment(models.Model):
    """A participant's enrolment (inskrivning) in an individual-oriented initiative."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("participant")
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("initiative")
    )
    start_date = models.DateField(_("enrolled"))
    end_date = models.DateField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=20, choices=EndReason.choices, blank=True)
    income_before = models.CharField(_("income source at start"), max_length=25, choices=IncomeSource.choices)
    income_after = models.CharField(
        _("income source at end"), max_length=25, choices=IncomeSource.choices, blank=True
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["initiative", "start_date", "participant__code"]
        indexes = [
            models.Index(fields=["initiative", "start_date"], name="enrolment_initiative_start"),
            models.Index(fields=["initiative", "end_date"], name="enrolment_initiative_end"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "initiative", "start_date"], name="one_enrolment_per_start"
            ),
            models.CheckConstraint(
                name="enrolment_period_in_order",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                violation_error_message=_("The enrolment ends before it starts."),
            ),
            models.CheckConstraint(
                name="ended_enrolment_has_reason",
                condition=(Q(end_date__isnull=True) & Q(end_reason="") & Q(income_after=""))
                | (Q(end_date__isnull=False) & ~Q(end_reason="") & ~Q(income_after="")),
                violation_error_message=_(
                    "An ended enrolment has an end date, an end reason and the income source at the end; "
                    "an active one has none of them."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.initiative} {self.start_date}"


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(initiative__in=Initiative.objects.visible_to(user))


class Survey(models.Model):
    """A survey result for an initiative and year: one question, how many answered, how many agree."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("initiative")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    question = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("E.g. the national indicator: I have had support that has been very useful to me."),
    )
    participants = models.PositiveIntegerField(_("participants asked"))
    respondents = models.PositiveIntegerField(_("respondents"))
    agreeing = models.PositiveIntegerField(
        _("agreeing"), help_text=_("Respondents who agree (the top of the scale).")
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey result")
        verbose_name_plural = _("survey results")
        ordering = ["initiative", "-year", "question"]
        constraints = [
            models.CheckConstraint(
                name="respondents_not_above_participants",
                condition=Q(respondents__lte=models.F("participants")),
                violation_error_message=_("There cannot be more respondents than participants asked."),
            ),
            models.CheckConstraint(
                name="agreeing_not_above_respondents",
                condition=Q(agreeing__lte=models.F("respondents")),
                violation_error_message=_("There cannot be more agreeing than respondents."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.year}: {self.question[:40]}"

    @property
    def coverage_percent(self) -> Decimal | None:
        return percent_of(Decimal(self.respondents), Decimal(self.participants))

    @property
    def agreeing_percent(self) -> Decimal | None:
        return percent_of(Decimal(self.agreeing), Decimal(self.respondents))


class AccessLog(models.Model):
    """Who read, exported, imported or removed participant rows, and when. Never the rows themselves.

    The entries of an association form a hash chain: each carries the SHA-256 of the previous
    entry's hash and its own fields (`participants.access_log`), so a removed or changed entry is
    found by `verify_access_log`. They are written only by `services.log_access`.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed rows")
        EXPORT = "export", _("Exported rows")
        IMPORT = "import", _("Imported rows")
        REFUSED = "refused", _("Import refused")
        CHANGE = "change", _("Changed a row")
        PURGE = "purge", _("Removed old rows")

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="participant_access",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # The user name as it was, in the hash: a later change or removal of the user breaks nothing.
    username = models.CharField(_("user name"), max_length=150, blank=True, default="")
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    what = models.CharField(_("what"), max_length=300)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    problems = models.PositiveIntegerField(
        _("problems"), default=0, help_text=_("How many problems refused an import; never what they were.")
    )
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64, default="", editable=False)
    hash = models.CharField(_("hash"), max_length=64, default="", editable=False)

    class Meta:
        verbose_name = _("access to participant rows")
        verbose_name_plural = _("access to participant rows")
        ordering = ["-at"]
        indexes = [models.Index(fields=["association", "-at"], name="accesslog_association_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"


class AccessLogHead(models.Model):
    """The newest hash of an association's access log and how many entries it has.

    Its row is locked while an entry is written, so parallel writes chain one after the other,
    and it shows when the newest entries were removed (the chain alone could not).
    """

    association = models.OneToOneField(Association, on_delete=models.CASCADE, related_name="+")
    last_hash = models.CharField(max_length=64, default="")
    entries = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.association}: {self.entries}"


class ArchivedStatistics(models.Model):
    """A year's statistics kept when old enrolments are purged, so reported figures stay the same."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="archived_statistics")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    figures = models.JSONField()
    archived_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["association", "initiative", "year"], name="one_archive_per_year"
            ),
            models.UniqueConstraint(
                fields=["association", "year"],
                condition=Q(initiative__isnull=True),
                name="one_total_archive_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} {self.year} {self.initiative or ''}"
