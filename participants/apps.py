from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from finsam.navigation import NavEntry, register
        from members.models import Role
        from participants.models import Survey

        # Survey results are aggregates and are audited; participant rows are not copied into
        # the audit trail: the access log records who read or changed them.
        auditlog.register(Survey)
        register(
            NavEntry(
                _("Participants"), "participants:register", (Role.Kind.OFFICE, Role.Kind.LEAD), order=95
            ),
            NavEntry(_("Outcomes"), "participants:statistics", tuple(Role.READERS), order=96),
            NavEntry(_("Surveys"), "participants:survey_list", (*Role.READERS, Role.Kind.LEAD), order=97),
            NavEntry(
                _("Comparison"),
                "participants:comparison",
                (*Role.READERS, Role.Kind.REPRESENTATIVE),
                per_association=False,
                order=910,
            ),
        )
