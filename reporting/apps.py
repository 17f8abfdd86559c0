from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from finsam import dashboard
        from finsam.navigation import NavEntry, register
        from members.models import Role
        from reporting import home
        from reporting.models import AuditorStatement, Discharge, Report, Section

        # Who wrote which words of a report, who shared and adopted it, and the members' decisions.
        auditlog.register(Section, include_fields=["text"])
        auditlog.register(Report, exclude_fields=["pdf_sha256"])
        auditlog.register(AuditorStatement)
        auditlog.register(Discharge)
        register(
            NavEntry(_("Reports"), "reporting:report_list", tuple(Role.READERS), order=98),
            NavEntry(_("Invoice archive"), "reporting:invoice_archive", (Role.Kind.OFFICE,), order=56),
            NavEntry(_("Jobs"), "reporting:job_list", (Role.Kind.OFFICE,), per_association=False, order=930),
            NavEntry(
                _("Adopted reports"),
                "reporting:adopted_reports",
                (Role.Kind.REPRESENTATIVE,),
                per_association=False,
                order=65,
            ),
        )
        dashboard.register(home.report_todos)
