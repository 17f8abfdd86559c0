"""Register the funding app's records with the audit trail."""

from auditlog.registry import auditlog

from funding.models import (
    AccountMapping,
    Budget,
    BudgetLine,
    Contribution,
    ContributionShare,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
    LedgerYear,
)

auditlog.register(Contribution)
auditlog.register(ContributionShare)
auditlog.register(Invoice, exclude_fields=["parties"])
auditlog.register(InvoiceLine)
auditlog.register(InvoiceSeries)
auditlog.register(Budget)
auditlog.register(BudgetLine)
auditlog.register(AccountMapping)
auditlog.register(LedgerYear)
