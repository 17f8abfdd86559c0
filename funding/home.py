"""Start-page to-do items: the office's invoicing and bookkeeping, a representative's unpaid invoices.

Each provider reads all the user's sections in a fixed number of queries.
"""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from finsam.dashboard import Todo
from funding.budgets import decided_after_adoption
from funding.models import Budget, Invoice, LedgerYear
from members.models import Role


def _office_sections(sections) -> dict[int, object]:
    return {
        section.association.pk: section
        for section in sections
        if section.association is not None and Role.Kind.OFFICE in section.kinds
    }


def office_invoices(user, sections):
    """Drafts to issue and overdue invoices, per förbund the user is office staff of."""
    offices = _office_sections(sections)
    if not offices:
        return
    today = timezone.localdate()
    invoices = Invoice.objects.filter(association__in=list(offices), kind=Invoice.Kind.INVOICE)
    drafts = (
        invoices.filter(status=Invoice.Status.DRAFT)
        .values("association", "period_start__year")
        .annotate(count=Count("pk"))
        .order_by("association", "period_start__year")
    )
    for row in drafts:
        section, year = offices[row["association"]], row["period_start__year"]
        yield (
            section,
            Todo(
                text=ngettext(
                    "%(count)s draft invoice for %(year)s to issue",
                    "%(count)s draft invoices for %(year)s to issue",
                    row["count"],
                )
                % {"count": row["count"], "year": year},
                url=reverse("funding:invoice_list", args=[section.association.slug])
                + f"?year={year}&status=draft",
            ),
        )
    overdue = (
        invoices.overdue(today)
        .values("association")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("association")
    )
    for row in overdue:
        section = offices[row["association"]]
        yield (
            section,
            Todo(
                text=ngettext("%(count)s overdue invoice", "%(count)s overdue invoices", row["count"])
                % {"count": row["count"]},
                url=reverse("funding:overdue_list", args=[section.association.slug]),
                amount=row["amount"],
                urgent=True,
            ),
        )


def office_ledgers(user, sections):
    """Last year's bookkeeping, which the annual report and the outcome need, if not imported."""
    offices = _office_sections(sections)
    if not offices:
        return
    year = timezone.localdate().year - 1
    imported = set(
        LedgerYear.objects.filter(association__in=list(offices), year=year).values_list(
            "association", flat=True
        )
    )
    for association_id, section in offices.items():
        if association_id not in imported:
            yield (
                section,
                Todo(
                    text=_("Import the bookkeeping for %(year)s") % {"year": year},
                    url=reverse("funding:ledger_upload", args=[section.association.slug]),
                ),
            )


def representative_invoices(user, sections):
    """The represented organisations' unpaid invoices, oldest due date first."""
    organisations = {section.organisation.pk: section for section in sections if section.organisation}
    if not organisations:
        return
    today = timezone.localdate()
    unpaid = (
        Invoice.objects.for_representative(user)
        .filter(organisation__in=list(organisations), kind=Invoice.Kind.INVOICE, status=Invoice.Status.ISSUED)
        .select_related("association")
        .order_by("due_date", "number")
    )
    for invoice in unpaid:
        yield (
            organisations[invoice.organisation_id],
            Todo(
                text=_("Pay invoice %(number)s from %(association)s")
                % {"number": invoice.number, "association": invoice.association.name},
                url=reverse("funding:portal_invoice", args=[invoice.pk]),
                amount=invoice.amount,
                date=invoice.due_date,
                date_label=_("due on"),
                urgent=invoice.due_date is not None and invoice.due_date < today,
            ),
        )


def office_late_decisions(user, sections):
    """Grants decided after the budget in force for their year was adopted (Beslut efter antagen budget)."""
    offices = _office_sections(sections)
    if not offices:
        return
    # The newest version of each budget still running; an older version has been replaced.
    newest: dict[tuple[int, int], Budget] = {}
    for budget in (
        Budget.objects.filter(association__in=list(offices), first_year__gte=timezone.localdate().year - 2)
        .select_related("association")
        .order_by("version")
    ):
        newest[(budget.association_id, budget.first_year)] = budget
    late = decided_after_adoption(newest.values())
    for budget in sorted({decision.budget for decision in late}, key=lambda budget: budget.first_year):
        count = sum(1 for decision in late if decision.budget == budget)
        yield (
            offices[budget.association_id],
            Todo(
                text=ngettext(
                    "%(budget)s: %(count)s decision after the adopted budget",
                    "%(budget)s: %(count)s decisions after the adopted budget",
                    count,
                )
                % {"budget": budget, "count": count},
                url=budget.get_absolute_url(),
            ),
        )
