"""Money in: the members' contributions and the invoices for them.

A Contribution records the state's decided amount for a year (or a supplementary
allocation); its ContributionShares are each member's part as computed by the rules in
funding/contributions.py, with an agreed amount where a member pays something else.
Invoices are numbered without gaps per association and never change once issued.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam.formatting import format_kronor
from funding.accounts import CostKind, Orientation, ReportLine
from members.models import Association, Organisation, Role

MONEY = {"max_digits": 14, "decimal_places": 2}


class AssociationScopedQuerySet(models.QuerySet):
    """Readable by the association's office, board and auditors; written by its office."""

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(association__in=Role.objects.association_ids(user, *Role.READERS))

    def manageable_by(self, user):
        return self.filter(association__in=Association.objects.where(user, Role.Kind.OFFICE))


class ContributionQuerySet(AssociationScopedQuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)


class Contribution(models.Model):
    """The members' contributions (medlemsbidrag) derived from the state's decided amount.

    The state pays half (through Försäkringskassan, for FK and AF together), the region a
    quarter and the municipalities a quarter, split between them by population at a
    reference date or by agreed percentages.
    """

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual contribution")
        SUPPLEMENTARY = "supplementary", _("Supplementary contribution")

    class SplitMethod(models.TextChoices):
        POPULATION = "population", _("By population at a reference date")
        AGREED = "agreed", _("By agreed percentages")

    class RoundingUnit(models.IntegerChoices):
        KRONA = 1, _("Whole kronor")
        HUNDRED = 100, _("Hundreds of kronor")
        THOUSAND = 1000, _("Thousands of kronor")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("association")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    state_amount = models.DecimalField(
        _("the state's decided amount"),
        **MONEY,
        help_text=_("The amount Försäkringskassan has decided for the year, e.g. 1 388 000."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    split_method = models.CharField(
        _("municipal split"), max_length=20, choices=SplitMethod.choices, default=SplitMethod.POPULATION
    )
    population_date = models.DateField(
        _("population reference date"),
        null=True,
        blank=True,
        help_text=_("The date whose population figures split the municipalities' quarter."),
    )
    rounding_unit = models.PositiveIntegerField(
        _("rounding of the municipal split"), choices=RoundingUnit.choices, default=RoundingUnit.KRONA
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["association", "-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"],
                condition=Q(kind="annual"),
                name="one_annual_contribution_per_year",
                violation_error_message=_(
                    "The association already has an annual contribution for this year."
                ),
            ),
            models.CheckConstraint(
                name="contribution_state_amount_positive", condition=Q(state_amount__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.association}"

    def get_absolute_url(self) -> str:
        return reverse("funding:contribution_detail", kwargs={"slug": self.association.slug, "pk": self.pk})

    @property
    def total(self) -> Decimal:
        """State half plus region and municipal quarters: twice the state's amount."""
        return self.state_amount * 2


class ContributionShareQuerySet(models.QuerySet):
    def with_amounts(self):
        return self.annotate(
            amount_due=models.functions.Coalesce("agreed_amount", "computed_amount"),
        )


class ContributionShare(models.Model):
    """One member's part of a contribution, as computed and (where agreed) as it is paid."""

    class Category(models.TextChoices):
        STATE = "state", _("State (Försäkringskassan)")
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        NONE = "none", _("No contribution of its own")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="shares", verbose_name=_("contribution")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contribution_shares", verbose_name=_("member")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    weight = models.DecimalField(
        _("weight"),
        max_digits=14,
        decimal_places=3,
        help_text=_("Population or agreed percentage used to split the municipalities' quarter."),
    )
    category_percent = models.DecimalField(
        _("share of the category, percent"), max_digits=9, decimal_places=4, default=0
    )
    exact_amount = models.DecimalField(_("exact share"), max_digits=20, decimal_places=6)
    computed_amount = models.DecimalField(_("computed amount"), **MONEY)
    agreed_amount = models.DecimalField(_("agreed amount"), **MONEY, null=True, blank=True)
    agreed_reason = models.CharField(_("reason for the agreed amount"), max_length=300, blank=True)

    objects = ContributionShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution share")
        verbose_name_plural = _("contribution shares")
        ordering = ["contribution", "category", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["contribution", "organisation"], name="one_share_per_member"),
            models.CheckConstraint(
                name="agreed_amount_has_a_reason",
                condition=Q(agreed_amount__isnull=True) | ~Q(agreed_reason=""),
                violation_error_message=_("Give the reason for an agreed amount."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {format_kronor(self.amount)}"

    @property
    def amount(self) -> Decimal:
        """What the member pays: the agreed amount where there is one, else the computed share."""
        return self.computed_amount if self.agreed_amount is None else self.agreed_amount


class InvoiceSeries(models.Model):
    """The association's invoice numbers. Its row is locked while numbers are taken."""

    association = models.OneToOneField(
        Association, on_delete=models.CASCADE, related_name="invoice_series", verbose_name=_("association")
    )
    next_number = models.PositiveIntegerField(_("next number"), default=1001)

    class Meta:
        verbose_name = _("invoice series")
        verbose_name_plural = _("invoice series")

    def __str__(self) -> str:
        return f"{self.association}: {self.next_number}"


class InvoiceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Office, board and auditors: their associations'; member representatives: their organisation's.

        Representatives see issued documents only, never drafts.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(association__in=Role.objects.association_ids(user, *Role.READERS))
            | (Q(organisation__in=Role.objects.organisation_ids(user)) & ~Q(status=Invoice.Status.DRAFT))
        )

    def for_representative(self, user):
        """Only what the user sees as a member representative: the organisation's issued documents."""
        return self.filter(organisation__in=Role.objects.organisation_ids(user)).exclude(
            status=Invoice.Status.DRAFT
        )

    def manageable_by(self, user):
        return self.filter(association__in=Association.objects.where(user, Role.Kind.OFFICE))

    def issued(self):
        return self.exclude(status=Invoice.Status.DRAFT)

    def invoices(self):
        return self.filter(kind=Invoice.Kind.INVOICE)

    def standing(self):
        """Issued or paid invoices that no credit note has cancelled: they fix what a member owes."""
        return self.filter(kind=Invoice.Kind.INVOICE, status__in=[Invoice.Status.ISSUED, Invoice.Status.PAID])

    def overdue(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED, due_date__lt=on)

    def for_year(self, year: int):
        return self.filter(period_start__year=year)

    def total(self) -> Decimal:
        """Sum with credit notes counted negative."""
        totals = self.aggregate(
            invoiced=Sum("amount", filter=Q(kind=Invoice.Kind.INVOICE)),
            credited=Sum("amount", filter=Q(kind=Invoice.Kind.CREDIT_NOTE)),
        )
        return (totals["invoiced"] or Decimal(0)) - (totals["credited"] or Decimal(0))


class Invoice(models.Model):
    """An invoice (or credit note) to one member for its contribution for a period.

    Drafts can be changed or removed. Once issued, an invoice is never edited: a
    correction is a credit note for it plus a new invoice. The parties' details are
    copied in when it is issued, so the document reads the same years later.
    """

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        PAID = "paid", _("Paid")
        CREDITED = "credited", _("Credited")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("association")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("member")
    )
    share = models.ForeignKey(
        ContributionShare,
        on_delete=models.PROTECT,
        related_name="invoices",
        null=True,
        blank=True,
        verbose_name=_("contribution share"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INVOICE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    credited_invoice = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("credited invoice"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    period_label = models.CharField(_("period"), max_length=60)
    issue_date = models.DateField(_("invoice date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    buyer_reference = models.CharField(_("buyer reference"), max_length=100, blank=True)
    ocr = models.CharField(_("OCR reference"), max_length=25, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)
    parties = models.JSONField(_("parties"), default=dict, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["association", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "number"],
                condition=Q(number__isnull=False),
                name="invoice_number_unique_per_association",
            ),
            models.CheckConstraint(
                name="issued_invoice_has_number",
                condition=Q(status="draft") | (Q(number__isnull=False) & Q(issue_date__isnull=False)),
            ),
            models.CheckConstraint(name="invoice_amount_not_negative", condition=Q(amount__gte=0)),
            models.CheckConstraint(
                name="paid_invoice_has_payment_date", condition=~Q(status="paid") | Q(paid_on__isnull=False)
            ),
            # A member is invoiced once per share and period: a draft or a standing invoice. Only
            # crediting it frees the period for a new invoice; credit notes are not counted.
            models.UniqueConstraint(
                fields=["share", "period_start"],
                condition=Q(kind="invoice") & ~Q(status="credited"),
                name="one_live_invoice_per_share_and_period",
                violation_error_message=_("The member already has an invoice for this period."),
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} {self.number}" if self.number else f"{label} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("funding:invoice_detail", kwargs={"slug": self.association.slug, "pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def signed_amount(self) -> Decimal:
        return -self.amount if self.is_credit_note else self.amount

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == self.Status.ISSUED and self.kind == self.Kind.INVOICE and self.due_date < on


class InvoiceLine(models.Model):
    """A line of an invoice: what the amount is for, e.g. a municipality's share of the quarter."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name=_("invoice")
    )
    description = models.CharField(_("description"), max_length=300)
    explanation = models.CharField(_("explanation"), max_length=300, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "pk"]

    def __str__(self) -> str:
        return self.description


# --- The ledger: imported SIE 4 years -------------------------------------------------------------


class LedgerYear(models.Model):
    """One fiscal year of the association's bookkeeping, imported from an SIE 4 file.

    Re-importing the year replaces it as a whole, in one transaction.
    """

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="ledger_years", verbose_name=_("association")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    previous_start = models.DateField(_("previous year from"), null=True, blank=True)
    previous_end = models.DateField(_("previous year until"), null=True, blank=True)
    chart = models.CharField(_("chart of accounts"), max_length=40, blank=True)
    company_name = models.CharField(_("name in the file"), max_length=200, blank=True)
    organisation_number = models.CharField(_("organisation number in the file"), max_length=10, blank=True)
    program = models.CharField(_("exported by"), max_length=200, blank=True)
    generated_on = models.DateField(_("exported on"), null=True, blank=True)  # the file's #GEN
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    encoding = models.CharField(_("encoding"), max_length=10)
    voucher_count = models.PositiveIntegerField(_("vouchers"), default=0)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    objects = AssociationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger year")
        verbose_name_plural = _("ledger years")
        ordering = ["association", "-year"]
        constraints = [models.UniqueConstraint(fields=["association", "year"], name="one_ledger_per_year")]

    def __str__(self) -> str:
        return f"{self.association} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("funding:ledger_detail", kwargs={"slug": self.association.slug, "year": self.year})

    @property
    def open_until(self) -> datetime.date | None:
        """The export date when the file was exported before the year's end (the year is still open)."""
        if self.generated_on and self.generated_on < self.end_date:
            return self.generated_on
        return None

    @property
    def balance_date(self) -> datetime.date:
        """The day the closing balances (#UB) stand at: the year's end, or the export of an open year."""
        return self.open_until or self.end_date


class LedgerAccount(models.Model):
    ledger = models.ForeignKey(LedgerYear, on_delete=models.CASCADE, related_name="accounts")
    number = models.CharField(_("account"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=1, blank=True)

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["ledger", "number"]
        constraints = [models.UniqueConstraint(fields=["ledger", "number"], name="one_account_per_ledger")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class LedgerBalance(models.Model):
    """An opening (#IB) or closing (#UB) balance, or a result (#RES), for this year (0) or the last (-1)."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening balance")
        CLOSING = "closing", _("Closing balance")
        RESULT = "result", _("Result")

    ledger = models.ForeignKey(LedgerYear, on_delete=models.CASCADE, related_name="balances")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    year_index = models.SmallIntegerField(default=0)
    account = models.CharField(max_length=20)
    amount = models.DecimalField(**MONEY)

    class Meta:
        verbose_name = _("balance")
        verbose_name_plural = _("balances")
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "kind", "year_index", "account"], name="one_balance_per_account"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year_index} {self.account}: {self.amount}"


class LedgerObject(models.Model):
    """An object of a dimension (#OBJEKT), e.g. a project in dimension 6."""

    ledger = models.ForeignKey(LedgerYear, on_delete=models.CASCADE, related_name="ledger_objects")
    dimension = models.PositiveSmallIntegerField()
    object_id = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    dimension_name = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "dimension", "object_id"], name="one_object_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_id} {self.name}"


class Voucher(models.Model):
    ledger = models.ForeignKey(LedgerYear, on_delete=models.CASCADE, related_name="vouchers")
    series = models.CharField(max_length=20, blank=True)
    number = models.CharField(max_length=20, blank=True)
    date = models.DateField()
    text = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["ledger", "date", "series", "pk"]

    def __str__(self) -> str:
        return f"{self.series}{self.number} {self.date}"


class VoucherRow(models.Model):
    """A booked row (#TRANS). `project` is the object in the association's project dimension."""

    ledger = models.ForeignKey(LedgerYear, on_delete=models.CASCADE, related_name="rows")
    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="rows")
    account = models.CharField(max_length=20)
    amount = models.DecimalField(**MONEY)
    date = models.DateField()
    text = models.CharField(max_length=300, blank=True)
    project = models.CharField(max_length=40, blank=True)
    object_refs = models.JSONField(default=list, blank=True, help_text="[[dimension, object id], …]")

    class Meta:
        indexes = [
            models.Index(fields=["ledger", "date"], name="voucherrow_ledger_date"),
            models.Index(fields=["ledger", "project"], name="voucherrow_ledger_project"),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"


class DigestAmount(models.Model):
    """The ledger digest: what a year's vouchers add up to per account, project object and month.

    Built by funding.digest.build_digest in the transaction that imports the year, and never
    written otherwise: a ledger's vouchers change only by importing the year again, which deletes
    the year (and these rows with it) and builds them anew. The account mapping and the project
    objects' orientations are applied when the rows are read (funding.statements), so changing
    them can never leave a stale digest. With the balances (LedgerBalance: #IB, #UB, #RES for this
    year and the last) these rows are everything the figures read; voucher rows are read only for
    a report up to a day that is not a month end (the days of that last month).
    """

    ledger = models.ForeignKey(LedgerYear, on_delete=models.CASCADE, related_name="digest")
    account = models.CharField(max_length=20)
    project = models.CharField(max_length=40, blank=True)  # "" for rows without a project object
    month = models.DateField()  # the first day of the month
    amount = models.DecimalField(**MONEY)

    class Meta:
        verbose_name = _("ledger digest amount")
        verbose_name_plural = _("ledger digest amounts")
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "account", "project", "month"], name="one_digest_amount_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.account} {self.project}: {self.amount}"


class AccountMapping(models.Model):
    """The association's own mapping of an account (or all accounts with a prefix) to a report line."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="account_mappings", verbose_name=_("association")
    )
    prefix = models.CharField(
        _("account or prefix"),
        max_length=20,
        help_text=_("An account number, or its first digits for a range."),
    )
    line = models.CharField(_("report line"), max_length=30, choices=ReportLine.choices)
    orientation = models.CharField(_("orientation"), max_length=20, choices=Orientation.choices, blank=True)
    cost_kind = models.CharField(
        _("cost kind"),
        max_length=20,
        choices=CostKind.choices,
        blank=True,
        help_text=_(
            "What the costs on these accounts are spent on, for the initiatives' cost reports. "
            "Empty: taken from the account's name and report line."
        ),
    )

    objects = AssociationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        ordering = ["association", "prefix"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "prefix"],
                name="one_mapping_per_prefix",
                violation_error_message=_("There is already a mapping for this account or prefix."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix} → {self.get_line_display()}"


# --- Budgets -----------------------------------------------------------------------------------------


class BudgetQuerySet(AssociationScopedQuerySet):
    def adopted(self):
        return self.filter(status=Budget.Status.ADOPTED)

    def covering(self, year: int):
        return self.filter(first_year__lte=year, first_year__gte=year - 2)


class Budget(models.Model):
    """A three-year budget (the year and two plan years), in versions.

    A proposal can be changed; the board adopts it on a date, after which it is frozen. A
    revision is a new version, copied from the one it revises.
    """

    class Status(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal")
        ADOPTED = "adopted", _("Adopted")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("association")
    )
    first_year = models.PositiveSmallIntegerField(_("budget year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSAL)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revises"),
    )
    # A new budget's version 1 starts from the adopted plan for its years (funding.budgets.plan_for).
    prefilled_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pre-filled from"),
    )
    note = models.TextField(_("note"), blank=True)
    planned_result_1 = models.DecimalField(_("budgeted result, year 1"), **MONEY, default=0)
    planned_result_2 = models.DecimalField(_("budgeted result, year 2"), **MONEY, default=0)
    planned_result_3 = models.DecimalField(_("budgeted result, year 3"), **MONEY, default=0)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    decision_reference = models.CharField(
        _("decision"), max_length=200, blank=True, help_text=_("E.g. Förbundsstyrelsen 2024-11-28 § 7.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["association", "-first_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "first_year", "version"], name="one_budget_version"
            ),
            models.CheckConstraint(
                name="adopted_budget_has_date", condition=Q(status="proposal") | Q(adopted_on__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return _("Budget %(first)s–%(last)s, version %(version)s") % {
            "first": self.first_year,
            "last": self.first_year + 2,
            "version": self.version,
        }

    def get_absolute_url(self) -> str:
        return reverse("funding:budget_detail", kwargs={"slug": self.association.slug, "pk": self.pk})

    @property
    def years(self) -> list[int]:
        return [self.first_year, self.first_year + 1, self.first_year + 2]

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def planned_results(self) -> list[Decimal]:
        return [self.planned_result_1, self.planned_result_2, self.planned_result_3]

    @property
    def years_from_plan(self) -> list[int]:
        """The years whose amounts came from the plan it was pre-filled from (the rest carry its last year)."""
        if self.prefilled_from is None:
            return []
        return [year for year in self.years if year in self.prefilled_from.years]


class BudgetLine(models.Model):
    """A line of a budget, with its amount for each of the three years (positive; costs by section)."""

    class Section(models.TextChoices):
        INCOME = "income", _("Operating income")
        INITIATIVES = "initiatives", _("Costs of initiatives")
        ADMINISTRATION = "administration", _("Board and office")
        FINANCIAL = "financial", _("Other financial costs")

    class Measure(models.TextChoices):
        """What the line is compared with in the ledger."""

        NONE = "", _("Not compared")
        INCOME_STATE = "income_state", _("Income from the state")
        INCOME_REGION_MUNICIPALITIES = (
            "income_region_municipalities",
            _("Income from the region and municipalities"),
        )
        INCOME_REGION = "income_region", _("Income from the region")
        INCOME_MUNICIPALITIES = "income_municipalities", _("Income from the municipalities")
        INCOME_GRANTS = "income_grants", _("Other grants")
        INCOME_OTHER = "income_other", _("Other income")
        INITIATIVE = "initiative", _("Costs on the initiative's accounting object")
        OFFICE = "office", _("Office costs")
        BOARD = "board", _("Board costs")
        FINANCIAL_COSTS = "financial_costs", _("Financial costs")
        FINANCIAL_INCOME = "financial_income", _("Financial income")

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget")
    )
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("line"), max_length=200)
    measure = models.CharField(_("compared with"), max_length=40, choices=Measure.choices, blank=True)
    accounting_object = models.CharField(
        _("accounting object"),
        max_length=40,
        blank=True,
        help_text=_("The project object in the ledger, e.g. UNG."),
    )
    source = models.CharField(
        _("source"), max_length=60, blank=True, help_text=_("Set when the line comes from a board decision.")
    )
    amount_1 = models.DecimalField(_("year 1"), **MONEY, default=0)
    amount_2 = models.DecimalField(_("year 2"), **MONEY, default=0)
    amount_3 = models.DecimalField(_("year 3"), **MONEY, default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget", "section", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def amounts(self) -> list[Decimal]:
        return [self.amount_1, self.amount_2, self.amount_3]

    @property
    def is_cost(self) -> bool:
        return self.section != self.Section.INCOME


class LedgerUploadQuerySet(models.QuerySet):
    def manageable_by(self, user):
        return self.filter(association__in=Association.objects.where(user, Role.Kind.OFFICE))

    def waiting(self):
        return self.filter(imported_at__isnull=True)


class LedgerUpload(models.Model):
    """An SIE file that was checked and waits for the office to confirm its import.

    Kept in the database, not on an app server's disk, so that whichever app server shows the
    preview can also import it. The file's bytes are dropped once it is imported; what the
    preview showed stays as the record of what was confirmed.
    """

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="ledger_uploads", verbose_name=_("association")
    )
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    data = models.BinaryField(_("content"), blank=True)
    summary = models.JSONField(_("what the file holds"), default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    imported_ledger = models.ForeignKey(
        LedgerYear, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        READY = "ready", _("Checked, waiting for confirmation")
        REFUSED = "refused", _("Refused")
        IMPORTING = "importing", _("Being imported")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.READY)
    problems = models.JSONField(_("problems"), default=list, blank=True)  # why it was refused, in Swedish
    message = models.CharField(_("message"), max_length=300, blank=True)  # why it failed
    # When the check or the import was handed to the worker: an upload still busy long after it,
    # and not locked by a worker at work on it, has lost its worker (ledger_uploads.fail_dead).
    queued_at = models.DateTimeField(_("handed to the worker at"), null=True, blank=True)

    objects = LedgerUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("uploaded SIE file")
        verbose_name_plural = _("uploaded SIE files")
        ordering = ["-uploaded_at"]
        constraints = [
            # A double click on "upload" finds the first upload of the same file instead of a second.
            models.UniqueConstraint(
                fields=["association", "sha256"],
                condition=Q(imported_at__isnull=True),
                name="one_waiting_upload_per_file",
            )
        ]

    def __str__(self) -> str:
        return f"{self.association} {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("funding:ledger_preview", kwargs={"slug": self.association.slug, "pk": self.pk})

    @property
    def is_busy(self) -> bool:
        """The worker is checking or importing it: the page says so and offers a reload."""
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def is_checking(self) -> bool:
        return self.status == self.Status.CHECKING

    @property
    def is_refused(self) -> bool:
        return self.status == self.Status.REFUSED

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def can_confirm(self) -> bool:
        return self.status == self.Status.READY

    @property
    def can_retry(self) -> bool:
        """A failed check or import whose file is still here can be run again from its page."""
        return self.status == self.Status.FAILED and bool(self.data)


# --- What funding is told about initiatives --------------------------------------------------------------
# The initiatives app decides these and pushes them down when they change (funding never asks it):
# an initiative's project object and orientation for the cost split, a grant's amounts for the budget.


class ProjectObjectOrientation(models.Model):
    """How the costs on a project object count in the cost split: individual-oriented or structural.

    Set by the initiatives app whenever an initiative is saved (its kind and accounting object), through
    funding.project_objects.set_object_orientations; the statements read only this table.
    """

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="project_orientations",
        verbose_name=_("association"),
    )
    object_id = models.CharField(_("accounting object"), max_length=40)
    orientation = models.CharField(_("orientation"), max_length=20, choices=Orientation.choices)

    class Meta:
        verbose_name = _("orientation of a project object")
        verbose_name_plural = _("orientations of project objects")
        ordering = ["association", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["association", "object_id"], name="one_orientation_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.object_id}: {self.get_orientation_display()}"


class DecidedAmount(models.Model):
    """An initiative's amount granted by the board for a year, as the budget's initiative line takes it.

    Set by the initiatives app when a grant is decided or changed, through
    funding.budgets.set_initiative_line; every draft budget's decided lines follow these rows.
    """

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="decided_amounts", verbose_name=_("association")
    )
    source = models.CharField(_("source"), max_length=60)  # the key the budget line carries, "grant:12"
    label = models.CharField(_("line"), max_length=200)
    accounting_object = models.CharField(_("accounting object"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), **MONEY)
    # The date of the latest decision on the year's amount: a later one than the budget's adoption
    # is flagged on the adopted budget, which does not follow it.
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("decided amount")
        verbose_name_plural = _("decided amounts")
        ordering = ["association", "label", "source", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "source", "year"], name="one_decided_amount_per_source_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.year}"
