"""Register the app's records with the audit trail (django-auditlog)."""

from auditlog.registry import auditlog

from members.models import (
    Association,
    BoardMeeting,
    BoardSeat,
    BoardTerm,
    Decision,
    GroupMember,
    Membership,
    Organisation,
    PopulationFigure,
    Role,
    User,
)

auditlog.register(Association)
auditlog.register(Organisation)
auditlog.register(PopulationFigure)
auditlog.register(Membership)
auditlog.register(BoardSeat)
auditlog.register(BoardTerm)
auditlog.register(GroupMember)
auditlog.register(Role)
auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(BoardMeeting)
auditlog.register(Decision)
