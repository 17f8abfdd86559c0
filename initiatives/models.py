"""Funded initiatives (insatser): applications, grants, goals, follow-up and cost reports.

An initiative is run by a member (its huvudman); the association funds it by board decisions
(grants), each granting amounts per year. Granted amounts feed the draft budgets. Goals are
set per year for the association and for each initiative, and assessed with their outcome.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# CostKind is defined with the account mapping, which gives a cost account its kind.
from funding.accounts import CostKind
from members.models import Association, Decision, Organisation, Role

MONEY = {"max_digits": 14, "decimal_places": 2}


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InitiativeQuerySet":
        """Office, board and auditors: the association's initiatives; leads: their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(association__in=Role.objects.association_ids(user, *Role.READERS))
            | Q(leads=user, association__in=Role.objects.association_ids(user, Role.Kind.LEAD))
        ).distinct()

    def manageable_by(self, user) -> "InitiativeQuerySet":
        return self.filter(association__in=Association.objects.where(user, Role.Kind.OFFICE))

    def led_by(self, user) -> "InitiativeQuerySet":
        """The initiatives the user may write for as their lead (application, follow-up, costs)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(leads=user, association__in=Role.objects.association_ids(user, Role.Kind.LEAD))

    def with_current_status(self, on: datetime.date | None = None) -> "InitiativeQuerySet":
        """Annotate `current_status_value`: the status as the dates make it (see Initiative.current_status)."""
        on = on or timezone.localdate()
        Status = Initiative.Status
        return self.annotate(
            current_status_value=Case(
                When(status__in=[Status.GRANTED, Status.RUNNING], end_date__lt=on, then=Value(Status.ENDED)),
                When(status=Status.GRANTED, start_date__lte=on, then=Value(Status.RUNNING)),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def active_in(self, year: int) -> "InitiativeQuerySet":
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return self.filter(Q(start_date__lte=last) | Q(start_date__isnull=True)).filter(
            Q(end_date__gte=first) | Q(end_date__isnull=True)
        )


class Initiative(models.Model):
    """A funded initiative (insats), run by a member of the association."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual-oriented")
        STRUCTURAL = "structural", _("Structural")
        PREVENTIVE = "preventive", _("Preventive")
        OTHER = "other", _("Other activity")

    class Status(models.TextChoices):
        APPLICATION = "application", _("Application")
        PREPARATION = "preparation", _("In preparation")
        GRANTED = "granted", pgettext_lazy("application", "Granted")
        REJECTED = "rejected", pgettext_lazy("application", "Rejected")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")
        PERMANENT = "permanent", _("Made permanent in regular work")

    # The way an initiative moves; a status can also be corrected back by the office.
    NEXT = {
        Status.APPLICATION: [Status.PREPARATION, Status.REJECTED],
        Status.PREPARATION: [Status.GRANTED, Status.REJECTED],
        Status.GRANTED: [Status.RUNNING],
        Status.RUNNING: [Status.ENDED, Status.PERMANENT],
        Status.REJECTED: [],
        Status.ENDED: [],
        Status.PERMANENT: [],
    }

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("association")
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Short and unique in the association, used in imports and addresses, e.g. samcoach."),
    )
    name = models.CharField(_("name"), max_length=200)
    accounting_object = models.CharField(
        _("accounting object"),
        max_length=40,
        blank=True,
        help_text=_("The object in the bookkeeping's project dimension, e.g. UNG."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLICATION)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_initiatives",
        verbose_name=_("owner (huvudman)"),
    )
    co_parties = models.ManyToManyField(
        Organisation, blank=True, related_name="initiatives_as_party", verbose_name=_("co-parties")
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="led_initiatives", verbose_name=_("leads")
    )
    target_group = models.TextField(_("target group"), blank=True)
    planned_participants = models.PositiveIntegerField(
        _("planned participants per year"), null=True, blank=True, help_text=_("For the national follow-up.")
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["association", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "code"],
                name="initiative_code_unique_in_association",
                violation_error_message=_("Another initiative of the association has this code."),
            ),
            models.UniqueConstraint(
                fields=["association", "accounting_object"],
                condition=~Q(accounting_object=""),
                name="accounting_object_unique_in_association",
                violation_error_message=_(
                    "Another initiative of the association has this accounting object."
                ),
            ),
            models.CheckConstraint(
                name="initiative_period_in_order",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                violation_error_message=_("An initiative cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "initiatives:initiative_detail", kwargs={"slug": self.association.slug, "code": self.code}
        )

    @property
    def orientation(self) -> str:
        """How its costs count in the split: individual-oriented, or structural (preventive and other too)."""
        return "individual" if self.kind == self.Kind.INDIVIDUAL else "structural"

    def status_on(self, on: datetime.date) -> str:
        """The status as the dates make it: a granted initiative runs from its start date, and a
        granted or running one has ended once its period is over. The stored status is the last
        step the office or a decision took; time moves the rest, so no job has to update it.
        The same rule is the queryset's with_current_status(), for filtering lists."""
        if self.status in (self.Status.GRANTED, self.Status.RUNNING) and self.end_date and self.end_date < on:
            return self.Status.ENDED
        if self.status == self.Status.GRANTED and self.start_date and self.start_date <= on:
            return self.Status.RUNNING
        return self.status

    @property
    def current_status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_current_status_display(self) -> str:
        return self.Status(self.current_status).label

    @property
    def status_tone(self) -> str:
        """The badge's colour for the current status."""
        return {
            self.Status.GRANTED: "ok",
            self.Status.RUNNING: "ok",
            self.Status.REJECTED: "error",
            self.Status.APPLICATION: "warn",
            self.Status.PREPARATION: "warn",
        }.get(self.current_status, "")

    def runs_in(self, year: int) -> bool:
        return (self.start_date is None or self.start_date.year <= year) and (
            self.end_date is None or self.end_date.year >= year
        )


class Application(models.Model):
    """An application for funding, following the association's template (seed 002, Bilaga 1)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        PREPARED = "prepared", _("Prepared for the board")
        GRANTED = "granted", pgettext_lazy("application", "Granted")
        REJECTED = "rejected", pgettext_lazy("application", "Rejected")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="applications", verbose_name=_("initiative")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    first_year = models.PositiveSmallIntegerField(_("from year"))
    last_year = models.PositiveSmallIntegerField(_("until year"))
    parties = models.TextField(
        _("parties and period"),
        blank=True,
        help_text=_("Which parties intend to sign the agreement, and for which period."),
    )
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("What you want to achieve."))
    goals = models.TextField(
        _("goals and target group"),
        blank=True,
        help_text=_(
            "Preferably measurable: at least X people on sick leave, on social assistance or unemployed …"
        ),
    )
    plan = models.TextField(_("plan"), blank=True, help_text=_("What you will do: what, when, how."))
    expected_effects = models.TextField(
        _("expected effects for society"), blank=True, help_text=_("E.g. lower costs of public support.")
    )
    follow_up_plan = models.TextField(
        _("follow-up plan"),
        blank=True,
        help_text=_("How, by whom and how often it is followed up, and to whom it is reported."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    prepared_at = models.DateTimeField(_("prepared for the board"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["initiative", "-first_year", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="application_years_in_order",
                condition=Q(last_year__gte=models.F("first_year")),
                violation_error_message=_("The last year cannot be before the first."),
            )
        ]

    def __str__(self) -> str:
        return _("Application %(first)s–%(last)s") % {"first": self.first_year, "last": self.last_year}

    def get_absolute_url(self) -> str:
        return reverse(
            "initiatives:application_detail",
            kwargs={"slug": self.initiative.association.slug, "code": self.initiative.code, "pk": self.pk},
        )

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class Commitment(models.Model):
    """What one party undertakes in an application (Åtagande)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="commitments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("party"))
    text = models.TextField(_("commitment"))

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["application", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:40]}"


class ApplicationCost(models.Model):
    """The cost applied for in a year, by kind (Kostnader)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="costs")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("cost kind"), max_length=20, choices=CostKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("applied cost")
        verbose_name_plural = _("applied costs")
        ordering = ["application", "year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["application", "year", "kind"], name="one_applied_cost_per_kind"),
            models.CheckConstraint(name="applied_cost_not_negative", condition=Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}: {self.amount}"


class GrantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Decisions are for the office, the board and the auditors; a lead sees their initiatives'."""
        return self.filter(initiative__in=Initiative.objects.visible_to(user))


class Grant(models.Model):
    """A board decision on an initiative: funding granted per year (or a rejection), with conditions."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="grants", verbose_name=_("decision")
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="grants", verbose_name=_("initiative")
    )
    granted = models.BooleanField(_("granted"), default=True)
    conditions = models.TextField(_("conditions"), blank=True, help_text=_("E.g. for one year at a time."))

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["decision__meeting__date", "decision__paragraph"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "initiative"], name="one_grant_per_decision_and_initiative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.decision}"


class GrantAmount(models.Model):
    grant = models.ForeignKey(
        Grant, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("grant")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("granted amount")
        verbose_name_plural = _("granted amounts")
        ordering = ["grant", "year"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "year"], name="one_amount_per_grant_and_year"),
            models.CheckConstraint(name="granted_amount_not_negative", condition=Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class GoalQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(association__in=Role.objects.association_ids(user, *Role.READERS))
            | Q(initiative__in=Initiative.objects.led_by(user))
        )


class Goal(models.Model):
    """A goal for a year: the association's (no initiative) or an initiative's, with measure and target.

    Numeric targets are assessed from the outcome: fulfilled when the target is reached,
    partly fulfilled at three quarters of it or more, otherwise not. The office can set the
    assessment by hand for goals that are not numbers.
    """

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("At least")
        AT_MOST = "at_most", _("At most")

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Percent")
        COUNT = "count", _("Number")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        SELF_SUPPORT = "self_support", _("Share of ended participants who reached some self-support")
        WORK_OR_STUDIES = "work_or_studies", _("Share of ended participants who went to work or studies")
        SURVEY = "survey", _("Share of survey respondents who agree")

    class Assessment(models.TextChoices):
        FULFILLED = "fulfilled", _("Fulfilled")
        PARTLY = "partly", _("Partly fulfilled")
        NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="goals", verbose_name=_("association")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("initiative"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("goal"))
    measure = models.CharField(
        _("measure"), max_length=300, blank=True, help_text=_("How the goal is followed up.")
    )
    direction = models.CharField(
        _("target is"), max_length=10, choices=Direction.choices, default=Direction.AT_LEAST
    )
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    source = models.CharField(_("outcome from"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    outcome = models.DecimalField(_("outcome"), max_digits=12, decimal_places=2, null=True, blank=True)
    outcome_note = models.TextField(_("outcome, in words"), blank=True)
    # A measured outcome (register, surveys) as the adopted annual report stated it: set when the
    # year is frozen (GoalYearLock), so later changes to the register do not move it.
    frozen_outcome = models.DecimalField(
        _("outcome in the adopted annual report"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    assessment = models.CharField(
        _("assessment"),
        max_length=20,
        choices=Assessment.choices,
        blank=True,
        help_text=_("Leave empty to assess a numeric target from its outcome."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["association", "year", "initiative__name", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def assess(self, outcome: Decimal | None = None) -> str:
        """Fulfilled, partly or not, from the hand-set assessment or the numbers; "" if unknown."""
        if self.assessment:
            return self.assessment
        outcome = self.outcome if outcome is None else outcome
        if self.target is None or outcome is None:
            return ""
        if self.direction == self.Direction.AT_MOST:
            if outcome <= self.target:
                return self.Assessment.FULFILLED
            return (
                self.Assessment.PARTLY
                if outcome <= self.target * Decimal("1.25")
                else self.Assessment.NOT_FULFILLED
            )
        if outcome >= self.target:
            return self.Assessment.FULFILLED
        return (
            self.Assessment.PARTLY
            if outcome >= self.target * Decimal("0.75")
            else self.Assessment.NOT_FULFILLED
        )


class GoalYearLock(models.Model):
    """A year whose goals and outcomes are frozen: the association's annual report for it is adopted.

    Set by the reporting app when the board adopts the annual report (initiatives knows no reports),
    so the initiative pages and the archived report show the same goals and outcomes.
    """

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="goal_year_locks", verbose_name=_("association")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    reference = models.CharField(_("adopted"), max_length=100, blank=True)  # e.g. "2026-03-20 § 4"

    class Meta:
        verbose_name = _("frozen goal year")
        verbose_name_plural = _("frozen goal years")
        ordering = ["association", "year"]
        constraints = [models.UniqueConstraint(fields=["association", "year"], name="one_goal_year_lock")]

    def __str__(self) -> str:
        return f"{self.association} {self.year}"


class FollowUp(models.Model):
    """The yearly follow-up of an initiative: the seven evaluation questions of seed 002, Bilaga 2."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("initiative")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    commitments_fulfilled = models.TextField(
        _("1. Has each party fulfilled its commitments? If not, describe why."), blank=True
    )
    activities_completed = models.TextField(
        _("2. Have the planned activities been completed? Describe and explain any deviations."), blank=True
    )
    purpose_met = models.TextField(_("3. Has the purpose of the activity been met?"), blank=True)
    effects_reached = models.TextField(
        _("4. Have the expected effects been reached, e.g. lower costs of public support?"), blank=True
    )
    gender_equality = models.TextField(_("5. How has gender equality been considered?"), blank=True)
    expectations_met = models.TextField(
        _("6. How have the regular operations' (and management's) expectations been met?"), blank=True
    )
    experience_used = models.TextField(
        _("7. How will the experience and knowledge be used in regular operations?"), blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["initiative", "-year"]
        constraints = [models.UniqueConstraint(fields=["initiative", "year"], name="one_follow_up_per_year")]

    QUESTIONS = [
        "commitments_fulfilled",
        "activities_completed",
        "purpose_met",
        "effects_reached",
        "gender_equality",
        "expectations_met",
        "experience_used",
    ]

    def __str__(self) -> str:
        return _("Follow-up %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse(
            "initiatives:follow_up",
            kwargs={
                "slug": self.initiative.association.slug,
                "code": self.initiative.code,
                "year": self.year,
            },
        )

    @property
    def answers(self) -> list[tuple[str, str]]:
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.QUESTIONS]


class CostReport(models.Model):
    """An initiative's budget and outcome for a year and cost kind, as entered by its lead or the office."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="cost_reports", verbose_name=_("initiative")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("cost kind"), max_length=20, choices=CostKind.choices)
    budget = models.DecimalField(_("budget"), **MONEY, default=0)
    outcome = models.DecimalField(_("outcome"), **MONEY, null=True, blank=True)

    class Meta:
        verbose_name = _("cost report")
        verbose_name_plural = _("cost reports")
        ordering = ["initiative", "year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year", "kind"], name="one_cost_report_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.year} {self.get_kind_display()}"
