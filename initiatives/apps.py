from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from finsam import dashboard
        from finsam.navigation import NavEntry, register
        from initiatives import audit, home  # noqa: F401  (audit registers models)
        from members.models import Role

        readers = tuple(Role.READERS)
        register(
            NavEntry(_("Initiatives"), "initiatives:initiative_list", (*readers, Role.Kind.LEAD), order=80),
            NavEntry(_("Board meetings"), "initiatives:meeting_list", readers, order=85),
            NavEntry(_("Goals"), "initiatives:goal_list", readers, order=90),
        )
        dashboard.register(home.lead_todos)
        dashboard.register(home.application_todos)
