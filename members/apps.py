from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Associations and members")

    def ready(self) -> None:
        from finsam.navigation import NavEntry, register
        from members import audit  # noqa: F401  (registers models with the audit log)
        from members.models import Role

        readers = tuple(Role.READERS)
        register(
            NavEntry(_("Overview"), "members:association_detail", readers, order=10),
            NavEntry(_("Members"), "members:membership_list", readers, order=20),
            NavEntry(_("Board"), "members:board", readers, order=30),
            NavEntry(_("Groups"), "members:group_list", readers, order=40),
            NavEntry(
                _("Organisations"),
                "members:organisation_list",
                (Role.Kind.OFFICE,),
                per_association=False,
                order=900,
            ),
        )


class FinsamAdminConfig(admin_apps.AdminConfig):
    """The admin with our site: open to the office (read-only, scoped) and to superusers."""

    default = False
    default_site = "members.admin_site.AdminSite"
