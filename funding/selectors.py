"""Reads that shape the funding pages: the contribution breakdown, invoice lists, totals."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from funding.models import Contribution, ContributionShare, Invoice


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
