"""Start-page blocks: the office's invoicing status, a representative's latest invoices."""

from django.utils import timezone

from finsam.dashboard import Block
from funding.models import Invoice
from funding.selectors import invoice_totals
from members.models import Role


def office_invoices(user, section):
    if section.association is None or Role.Kind.OFFICE not in section.kinds:
        return None
    invoices = Invoice.objects.filter(association=section.association)
    overdue = invoices.overdue()
    data = {
        "association": section.association,
        "year": timezone.localdate().year,
        "drafts": invoices.filter(status=Invoice.Status.DRAFT).count(),
        "overdue_count": overdue.count(),
        "overdue": invoice_totals(overdue).outstanding,
    }
    return Block("funding/includes/home_office.html", data)


def representative_invoices(user, section):
    if section.organisation is None:
        return None
    invoices = (
        Invoice.objects.for_representative(user)
        .filter(organisation=section.organisation)
        .select_related("association")
        .order_by("-issue_date", "-number")
    )
    return Block(
        "funding/includes/home_representative.html", {"invoices": invoices[:5], "today": timezone.localdate()}
    )
