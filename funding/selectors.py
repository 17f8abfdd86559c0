"""Reads that shape the funding pages: the contribution breakdown, invoice lists, totals."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from funding.models import Contribution, ContributionShare, Invoice
from funding.periods import invoice_dates


@dataclass
class Breakdown:
    """A contribution as a finance officer checks it, step by step."""

    contribution: Contribution
    state: list[ContributionShare] = field(default_factory=list)
    without_own_share: list[ContributionShare] = field(default_factory=list)
    regions: list[ContributionShare] = field(default_factory=list)
    municipalities: list[ContributionShare] = field(default_factory=list)

    @property
    def shares(self) -> list[ContributionShare]:
        return self.state + self.without_own_share + self.regions + self.municipalities

    @property
    def region_quarter(self) -> Decimal:
        return sum((share.computed_amount for share in self.regions), Decimal(0))

    @property
    def municipal_quarter(self) -> Decimal:
        return sum((share.computed_amount for share in self.municipalities), Decimal(0))

    @property
    def municipal_weight_total(self) -> Decimal:
        return sum((share.weight for share in self.municipalities), Decimal(0))

    @property
    def municipal_exact_total(self) -> Decimal:
        return sum((share.exact_amount for share in self.municipalities), Decimal(0))

    @property
    def computed_total(self) -> Decimal:
        return sum((share.computed_amount for share in self.shares), Decimal(0))

    @property
    def to_pay_total(self) -> Decimal:
        return sum((share.amount for share in self.shares), Decimal(0))

    @property
    def agreed_difference(self) -> Decimal:
        """What agreed amounts add or take away compared with the rule."""
        return self.to_pay_total - self.computed_total

    @property
    def sums_exactly(self) -> bool:
        return self.computed_total == self.contribution.total


def breakdown(contribution: Contribution) -> Breakdown:
    result = Breakdown(contribution=contribution)
    groups = {
        ContributionShare.Category.STATE: result.state,
        ContributionShare.Category.NONE: result.without_own_share,
        ContributionShare.Category.REGION: result.regions,
        ContributionShare.Category.MUNICIPALITY: result.municipalities,
    }
    for share in contribution.shares.select_related("organisation").order_by("organisation__name"):
        groups[share.category].append(share)
    return result


def invoices_for_year(queryset, year: int):
    return (
        queryset.for_year(year)
        .select_related("organisation", "association", "credited_invoice")
        .order_by("number", "organisation__name", "period_start")
    )


@dataclass
class InvoiceTotals:
    drafts: Decimal
    issued: Decimal
    paid: Decimal
    credited: Decimal
    outstanding: Decimal

    @property
    def net(self) -> Decimal:
        """Issued invoices less credit notes."""
        return self.issued - self.credited


def invoice_totals(queryset) -> InvoiceTotals:
    """Totals as a finance officer reads them, in one query (credit notes subtract)."""
    invoice = Q(kind=Invoice.Kind.INVOICE)
    totals = queryset.aggregate(
        drafts=Sum("amount", filter=invoice & Q(status=Invoice.Status.DRAFT)),
        issued=Sum("amount", filter=invoice & ~Q(status=Invoice.Status.DRAFT)),
        paid=Sum("amount", filter=invoice & Q(status=Invoice.Status.PAID)),
        credited=Sum("amount", filter=Q(kind=Invoice.Kind.CREDIT_NOTE)),
        outstanding=Sum("amount", filter=invoice & Q(status=Invoice.Status.ISSUED)),
    )
    return InvoiceTotals(**{key: value or Decimal(0) for key, value in totals.items()})


@dataclass(frozen=True)
class PlannedInvoice:
    """A draft with the dates it gets if issued now."""

    invoice: Invoice
    issue_date: datetime.date
    due_date: datetime.date


@dataclass(frozen=True)
class DraftPeriod:
    """One invoicing period among the drafts to issue: what a checkbox on the issuing page stands for."""

    code: str  # "2027-01-01:2027-03-31", the value the form sends
    label: str
    count: int
    total: Decimal
    issue_date: datetime.date
    due_date: datetime.date
    starts_soon: bool  # started, or starts within the payment terms: chosen by default


@dataclass(frozen=True)
class IssuePlan:
    periods: list[DraftPeriod]
    invoices: list[PlannedInvoice]
    total: Decimal


def planned_invoice(draft: Invoice, *, issue_date: datetime.date) -> PlannedInvoice:
    dates = invoice_dates(
        period_start=draft.period_start, earliest=issue_date, terms_days=draft.association.payment_terms_days
    )
    return PlannedInvoice(draft, *dates)


def period_code(invoice: Invoice) -> str:
    return f"{invoice.period_start.isoformat()}:{invoice.period_end.isoformat()}"


def default_period_codes(periods: list[DraftPeriod]) -> list[str]:
    return [period.code for period in periods if period.starts_soon]


def issue_plan(drafts, *, issue_date: datetime.date, period_codes: list[str] | None) -> IssuePlan:
    """The drafts of a year by period, with the invoice and due date each would get on `issue_date`.

    `period_codes` None means the default choice: the periods that have started or start
    within the payment terms, whose invoices are dated `issue_date` itself.
    """
    drafts = list(
        drafts.select_related("organisation", "association").order_by(
            "period_start", "organisation__name", "pk"
        )
    )
    by_period: dict[str, list[PlannedInvoice]] = {}
    for draft in drafts:
        by_period.setdefault(period_code(draft), []).append(planned_invoice(draft, issue_date=issue_date))
    periods = [
        DraftPeriod(
            code=code,
            label=planned[0].invoice.period_label,
            count=len(planned),
            total=sum((row.invoice.amount for row in planned), Decimal(0)),
            issue_date=planned[0].issue_date,
            due_date=planned[0].due_date,
            starts_soon=planned[0].issue_date == issue_date,
        )
        for code, planned in by_period.items()
    ]
    chosen = default_period_codes(periods) if period_codes is None else period_codes
    invoices = [row for code in by_period if code in chosen for row in by_period[code]]
    return IssuePlan(
        periods=periods, invoices=invoices, total=sum((row.invoice.amount for row in invoices), Decimal(0))
    )
