"""Associations (samordningsförbund), their member organisations, board and people.

Scoping lives on the querysets: every list, detail page, export and admin starts
from `visible_to(user)`, so a guessed id outside the user's scope is a 404.
"""

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam.formatting import format_organisation_number
from finsam.validators import validate_bankgiro, validate_organisation_number


def today() -> datetime.date:
    return timezone.localdate()


def active_on(on: datetime.date, start: str = "start_date", end: str = "end_date") -> Q:
    """Rows whose period [start, end] (end open when null) contains the date."""
    return Q(**{f"{start}__lte": on}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": on}))


def overlapping(first: datetime.date, last: datetime.date | None, start="start_date", end="end_date") -> Q:
    """Rows whose period overlaps [first, last] (last open when None)."""
    condition = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first})
    if last is not None:
        condition &= Q(**{f"{start}__lte": last})
    return condition


class PeriodValidation:
    """Report a period that ends before it starts next to its end field, in Swedish.

    The database check constraint stays as the last line of defence; clean() gives the
    form a message next to the field instead of the constraint's generic one.
    """

    period_fields = ("start_date", "end_date")
    period_message = _("The end date cannot be before the start date.")

    def clean(self):
        super().clean()
        start, end = (getattr(self, name) for name in self.period_fields)
        if start and end and end < start:
            raise ValidationError({self.period_fields[1]: self.period_message})

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude={*(exclude or ()), self.period_fields[1]})


# --- Users and roles -----------------------------------------------------------------


class User(AbstractUser):
    """A person who logs in. What they may see comes from their roles, never from the user."""

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> "RoleQuerySet":
        on = on or today()
        return self.filter(active_on(on, "valid_from", "valid_until"), user__is_active=True)

    def of(self, user, *kinds: str) -> "RoleQuerySet":
        roles = self.current().filter(user=user) if user.is_authenticated else self.none()
        return roles.filter(kind__in=kinds) if kinds else roles

    def association_ids(self, user, *kinds: str) -> models.QuerySet:
        """Subquery of the associations where the user holds one of the kinds now."""
        return self.of(user, *kinds).exclude(association=None).values("association")

    def organisation_ids(self, user) -> models.QuerySet:
        """Subquery of the organisations the user represents now."""
        return self.of(user, Role.Kind.REPRESENTATIVE).values("organisation")


class Role(PeriodValidation, models.Model):
    """What a user may do, and where: in one association, or for one organisation."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office (kansli)")
        BOARD = "board", _("Board member")
        REPRESENTATIVE = "representative", _("Member representative")
        LEAD = "lead", _("Initiative lead")
        AUDITOR = "auditor", _("Auditor")

    # Kinds that may read the association's board, budgets and decisions.
    READERS = (Kind.OFFICE, Kind.BOARD, Kind.AUDITOR)

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user"))
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    association = models.ForeignKey(
        "Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("association"),
    )
    organisation = models.ForeignKey(
        "Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("organisation"),
        help_text=_("For member representatives: the organisation they act for."),
    )
    title = models.CharField(_("title"), max_length=100, blank=True, help_text=_("E.g. Förbundschef."))
    valid_from = models.DateField(_("valid from"), default=today)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()

    period_fields = ("valid_from", "valid_until")

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["user", "kind"]
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_kind",
                condition=(
                    Q(kind="representative", organisation__isnull=False, association__isnull=True)
                    | (~Q(kind="representative") & Q(association__isnull=False))
                ),
            ),
            models.CheckConstraint(
                name="role_period_in_order",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
            ),
        ]

    def __str__(self) -> str:
        scope = self.association or self.organisation
        return f"{self.user}: {self.get_kind_display()} ({scope})"


# --- Associations and organisations ----------------------------------------------------


class AssociationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AssociationQuerySet":
        """Associations where the user holds a role, or whose member they represent."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(pk__in=Role.objects.association_ids(user)) | self._represented_by(user))

    def with_aggregates_for(self, user) -> "AssociationQuerySet":
        """Associations whose aggregate figures the user may read: as office, board or auditor, or
        as the representative of a current member (the members' finance officers)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(pk__in=Role.objects.association_ids(user, *Role.READERS)) | self._represented_by(user)
        )

    @staticmethod
    def _represented_by(user) -> Exists:
        """The association has a current member that the user represents."""
        return Exists(
            Membership.objects.current().filter(
                association=OuterRef("pk"), organisation__in=Role.objects.organisation_ids(user)
            )
        )

    def where(self, user, *kinds: str) -> "AssociationQuerySet":
        """Associations where the user holds one of the given role kinds now."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=Role.objects.association_ids(user, *kinds))


class Association(models.Model):
    """A samordningsförbund: a public body under the Act (2003:1210) that funds initiatives."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("E.g. SOFINT."))
    slug = models.SlugField(
        _("slug"),
        max_length=40,
        unique=True,
        help_text=_("Short name used in addresses, imports and commands, e.g. sofint."),
        error_messages={"unique": _("Another association already uses this slug.")},
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=10,
        unique=True,
        validators=[validate_organisation_number],
        error_messages={"unique": _("Another association already has this organisation number.")},
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    bankgiro = models.CharField(_("bankgiro"), max_length=9, blank=True, validators=[validate_bankgiro])
    director_name = models.CharField(_("director (förbundschef)"), max_length=200, blank=True)
    director_email = models.EmailField(_("director's email"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)

    class InvoicePeriod(models.TextChoices):
        YEAR = "year", _("Whole year")
        HALF_YEAR = "half_year", _("Half year")
        QUARTER = "quarter", _("Quarter")

    invoice_period = models.CharField(
        _("invoice members per"), max_length=10, choices=InvoicePeriod.choices, default=InvoicePeriod.YEAR
    )
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=30)
    project_dimension = models.PositiveSmallIntegerField(
        _("project dimension in the bookkeeping"),
        default=6,
        help_text=_("The SIE dimension whose objects are the funded initiatives, usually 6 (Projekt)."),
    )
    equity_ceiling_percent = models.DecimalField(
        _("equity ceiling, percent of the year's contributions"),
        max_digits=5,
        decimal_places=2,
        default=20,
        help_text=_("The national council recommends at most 20 percent."),
    )

    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:association_detail", kwargs={"slug": self.slug})

    @property
    def organisation_number_display(self) -> str:
        return format_organisation_number(self.organisation_number)


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OrganisationQuerySet":
        """Members (past or present) of the user's associations, and the organisation they represent.

        Office staff also see bodies that no association has taken in yet, so that one they
        have just registered can be added as a member.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        condition = Q(pk__in=Role.objects.organisation_ids(user)) | Q(
            pk__in=Membership.objects.filter(
                association__in=Role.objects.association_ids(user, *Role.READERS)
            ).values("organisation")
        )
        if Role.objects.of(user, Role.Kind.OFFICE).exists():
            condition |= ~Exists(Membership.objects.filter(organisation=OuterRef("pk")))
        return self.filter(condition)

    def manageable_by(self, user) -> "OrganisationQuerySet":
        """Office staff may change the members of their associations and bodies no one has taken in."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        if not Role.objects.of(user, Role.Kind.OFFICE).exists():
            return self.none()
        offices = Role.objects.association_ids(user, Role.Kind.OFFICE)
        return self.filter(
            Q(pk__in=Membership.objects.filter(association__in=offices).values("organisation"))
            | ~Exists(Membership.objects.filter(organisation=OuterRef("pk")))
        )

    def with_population(self) -> "OrganisationQuerySet":
        latest = PopulationFigure.objects.filter(organisation=OuterRef("pk")).order_by("-reference_date")
        return self.annotate(
            population=models.Subquery(latest.values("population")[:1]),
            population_date=models.Subquery(latest.values("reference_date")[:1]),
        )


class Organisation(models.Model):
    """A public body that can be a member of associations: FK, AF, a region, a municipality.

    Organisations form a shared register across associations, since Region Örebro län,
    Försäkringskassan and Arbetsförmedlingen are members of several.
    """

    class Kind(models.TextChoices):
        SOCIAL_INSURANCE = "social_insurance", _("Social insurance agency (Försäkringskassan)")
        EMPLOYMENT_SERVICE = "employment_service", _("Public employment service (Arbetsförmedlingen)")
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")

    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=10,
        unique=True,
        validators=[validate_organisation_number],
        error_messages={"unique": _("An organisation with this organisation number already exists.")},
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    email = models.EmailField(_("email"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:organisation_detail", kwargs={"pk": self.pk})

    @property
    def organisation_number_display(self) -> str:
        return format_organisation_number(self.organisation_number)


class PopulationFigure(models.Model):
    """An organisation's population at a reference date (SCB), used to split the municipal quarter."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="population_figures",
        verbose_name=_("organisation"),
    )
    reference_date = models.DateField(_("reference date"))
    population = models.PositiveIntegerField(_("population"))

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["organisation", "-reference_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference_date"], name="one_population_per_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.population} ({self.reference_date})"


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> "MembershipQuerySet":
        return self.filter(active_on(on or today()))

    def during(self, first: datetime.date, last: datetime.date) -> "MembershipQuerySet":
        return self.filter(overlapping(first, last))

    def visible_to(self, user) -> "MembershipQuerySet":
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(association__in=Role.objects.association_ids(user, *Role.READERS))
            | Q(organisation__in=Role.objects.organisation_ids(user))
        )

    def manageable_by(self, user) -> "MembershipQuerySet":
        return self.filter(association__in=Association.objects.where(user, Role.Kind.OFFICE))


class Membership(PeriodValidation, models.Model):
    """An organisation's membership of an association, for a period."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("association")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    start_date = models.DateField(_("member from"))
    end_date = models.DateField(_("member until"), null=True, blank=True)
    buyer_reference = models.CharField(
        _("buyer reference"),
        max_length=100,
        blank=True,
        help_text=_("The member's reference for invoices (Er referens)."),
    )
    invoice_email = models.EmailField(_("invoice email"), blank=True)
    agreed_share_percent = models.DecimalField(
        _("agreed share of the municipalities' quarter, percent"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "Where the agreement fixes the municipalities' shares, e.g. 49.7. Leave empty to split by population."
        ),
    )

    objects = MembershipQuerySet.as_manager()

    period_message = _("A membership cannot end before it starts.")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["association", "organisation__name", "start_date"]
        constraints = [
            models.CheckConstraint(
                name="membership_period_in_order",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.association}"

    def get_absolute_url(self) -> str:
        return reverse("members:membership_detail", kwargs={"slug": self.association.slug, "pk": self.pk})

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


# --- Board and groups --------------------------------------------------------------------


class BoardQuerySet(models.QuerySet):
    """Shared by seats, terms and groups: readable by office, board and auditors."""

    association_path = "association"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        path = self.association_path
        return self.filter(**{f"{path}__in": Role.objects.association_ids(user, *Role.READERS)})

    def manageable_by(self, user):
        path = self.association_path
        return self.filter(**{f"{path}__in": Association.objects.where(user, Role.Kind.OFFICE)})


class BoardSeat(models.Model):
    """A place on the board (förbundsstyrelse) that one member fills: a ledamot or an ersättare."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Member (ledamot)")
        SUBSTITUTE = "substitute", _("Substitute (ersättare)")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="board_seats", verbose_name=_("association")
    )
    appointed_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="board_seats",
        verbose_name=_("appointed by"),
        help_text=_("The member that appoints whoever holds this seat."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    objects = BoardQuerySet.as_manager()

    class Meta:
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        ordering = ["association", "kind", "appointed_by__name", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.appointed_by}"

    def get_absolute_url(self) -> str:
        return reverse("members:seat_detail", kwargs={"slug": self.association.slug, "pk": self.pk})


class BoardTermQuerySet(BoardQuerySet):
    association_path = "seat__association"

    def on(self, date: datetime.date) -> "BoardTermQuerySet":
        return self.filter(active_on(date))

    def during(self, first: datetime.date, last: datetime.date) -> "BoardTermQuerySet":
        return self.filter(overlapping(first, last))


class BoardTerm(PeriodValidation, models.Model):
    """One person's term on a board seat. Terms of a seat never overlap; the history stays."""

    class Office(models.TextChoices):
        NONE = "", _("—")
        CHAIR = "chair", _("Chair (ordförande)")
        VICE_CHAIR = "vice_chair", _("Vice chair (vice ordförande)")

    seat = models.ForeignKey(
        BoardSeat, on_delete=models.PROTECT, related_name="terms", verbose_name=_("seat")
    )
    person_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    office = models.CharField(_("office"), max_length=20, choices=Office.choices, blank=True)
    start_date = models.DateField(_("term starts"))
    end_date = models.DateField(_("term ends"), null=True, blank=True)

    objects = BoardTermQuerySet.as_manager()

    period_message = _("A term cannot end before it starts.")

    class Meta:
        verbose_name = _("board term")
        verbose_name_plural = _("board terms")
        ordering = ["seat", "-start_date"]
        constraints = [
            models.CheckConstraint(
                name="board_term_period_in_order",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.seat})"

    def get_absolute_url(self) -> str:
        return self.seat.get_absolute_url()


class GroupMemberQuerySet(BoardQuerySet):
    def current(self, on: datetime.date | None = None) -> "GroupMemberQuerySet":
        return self.filter(active_on(on or today()))


class GroupMember(PeriodValidation, models.Model):
    """A member of a preparatory group: the beredningsgrupp or the local cooperation group."""

    class Group(models.TextChoices):
        PREPARATION = "preparation", _("Preparation group (beredningsgrupp)")
        LOCAL_COOPERATION = "local_cooperation", _("Local cooperation group (lokal samverkansgrupp)")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="group_members", verbose_name=_("association")
    )
    group = models.CharField(_("group"), max_length=30, choices=Group.choices, default=Group.PREPARATION)
    person_name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="group_members", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = GroupMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["association", "group", "organisation__name", "person_name"]
        constraints = [
            models.CheckConstraint(
                name="group_member_period_in_order",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.organisation})"


# --- Board meetings and decisions ----------------------------------------------------------------


class BoardMeeting(models.Model):
    """A meeting of the board (styrelsemöte). Decisions are its numbered paragraphs."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="board_meetings", verbose_name=_("association")
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = BoardQuerySet.as_manager()

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["association", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "date"],
                name="one_board_meeting_per_day",
                violation_error_message=_("The board already has a meeting on this date."),
            )
        ]

    def __str__(self) -> str:
        return _("Board meeting %(date)s") % {"date": self.date.isoformat()}

    def get_absolute_url(self) -> str:
        return reverse("initiatives:meeting_detail", kwargs={"slug": self.association.slug, "pk": self.pk})


class DecisionQuerySet(BoardQuerySet):
    association_path = "meeting__association"

    def in_year(self, year: int) -> "DecisionQuerySet":
        return self.filter(meeting__date__year=year)


class Decision(models.Model):
    """A paragraph of a board meeting's minutes: what the board decided."""

    meeting = models.ForeignKey(
        BoardMeeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    paragraph = models.PositiveSmallIntegerField(_("paragraph (§)"))
    title = models.CharField(_("matter"), max_length=300)
    text = models.TextField(_("decision"), help_text=_("The decision as written in the minutes."))

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "paragraph"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "paragraph"],
                name="one_decision_per_paragraph",
                violation_error_message=_("The meeting already has a decision with this paragraph number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting.date.isoformat()} § {self.paragraph} {self.title}"

    @property
    def reference(self) -> str:
        return f"{self.meeting.date.isoformat()} § {self.paragraph}"


# --- E-mail notifications ----------------------------------------------------------------


class Notification(models.TextChoices):
    """What the app tells people by e-mail. `members.notifications` sends them."""

    REPORT_SHARED = "report_shared", _("A report is shared with the board for review")
    INVOICE_ISSUED = "invoice_issued", _("An invoice is issued to the member")
    STATEMENT_REQUESTED = "statement_requested", _("An adopted annual report awaits the auditors' statement")
    JOB_FINISHED = "job_finished", _("A background job of mine has finished")


class NotificationOptOut(models.Model):
    """A user who has turned a notification off. Invoices go to a member's address and are not."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notification_opt_outs", verbose_name=_("user")
    )
    notification = models.CharField(_("notification"), max_length=30, choices=Notification.choices)

    class Meta:
        verbose_name = _("notification turned off")
        verbose_name_plural = _("notifications turned off")
        constraints = [
            models.UniqueConstraint(fields=["user", "notification"], name="one_opt_out_per_notification"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_notification_display()}"


class SentMessageQuerySet(models.QuerySet):
    def about(self, record: models.Model) -> "SentMessageQuerySet":
        """The messages about one record (an invoice, a report, a job), newest first."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
        ).order_by("-created_at", "-pk")


class SentMessage(models.Model):
    """An e-mail the app sent (or could not send) about a record, listed on the record's page.

    One per record, notification and recipient: a second request for the same event finds the
    row and sends nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        NOT_SENT = "not_sent", _("Not sent")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)  # the record's key as text: ids and job UUIDs alike
    record = GenericForeignKey("content_type", "object_id")
    notification = models.CharField(_("notification"), max_length=30, choices=Notification.choices)
    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    recipient = models.CharField(
        _("recipient"), max_length=254, help_text=_("The address, or who it was for when there is none.")
    )
    address = models.CharField(_("e-mail address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = SentMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "notification", "recipient"],
                name="one_message_per_event_and_recipient",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="sent_message_record")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"
