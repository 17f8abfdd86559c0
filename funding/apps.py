from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from finsam import dashboard
        from finsam.navigation import NavEntry, register
        from funding import audit, home  # noqa: F401  (audit registers models)
        from members.models import Role

        readers = tuple(Role.READERS)
        register(
            NavEntry(_("Contributions"), "funding:contribution_list", readers, order=50),
            NavEntry(_("Invoices"), "funding:invoice_list", readers, order=55),
            NavEntry(_("Budget"), "funding:budget_list", readers, order=60),
            NavEntry(_("Bookkeeping"), "funding:ledger_list", readers, order=65),
            NavEntry(_("Key figures"), "funding:key_figures", readers, order=70),
            NavEntry(
                _("Our invoices"),
                "funding:portal",
                (Role.Kind.REPRESENTATIVE,),
                per_association=False,
                order=60,
            ),
        )
        dashboard.register(home.office_invoices)
        dashboard.register(home.office_ledgers)
        dashboard.register(home.office_late_decisions)
        dashboard.register(home.representative_invoices)
