"""Register the initiatives app's records with the audit trail."""

from auditlog.registry import auditlog

from initiatives.models import (
    Application,
    ApplicationCost,
    Commitment,
    CostReport,
    FollowUp,
    Goal,
    Grant,
    GrantAmount,
    Initiative,
)

auditlog.register(Initiative, m2m_fields={"co_parties", "leads"})
auditlog.register(Application)
auditlog.register(ApplicationCost)
auditlog.register(Commitment)
auditlog.register(Grant)
auditlog.register(GrantAmount)
auditlog.register(Goal)
auditlog.register(FollowUp)
auditlog.register(CostReport)
