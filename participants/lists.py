"""The participants app's list pages: columns, search fields and filters (finsam/listing.py).

The participant register keeps its own CSV export (`views.export`): it logs every export in the
access log, which a generic list export would not."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam import excel
from finsam.listing import Column, ListDefinition
from participants.models import AccessLog


class AccessLogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("All")), *AccessLog.Action.choices]
    )


def filter_access_log(entries, cleaned_data: dict):
    return entries.filter(action=cleaned_data["action"]) if cleaned_data.get("action") else entries


def _who(entry) -> str:
    return str(entry.user) if entry.user else entry.username or str(_("system"))


ACCESS_LOG = ListDefinition(
    title=_("Access log"),
    columns=[
        Column("when", _("When"), lambda entry: entry.at, sort="at", number_format=excel.DATETIME),
        Column("who", _("Who"), _who, sort="username"),
        Column("what", _("What"), lambda entry: entry.get_action_display(), sort="action"),
        Column("selection", _("Selection"), lambda entry: entry.what, sort="what"),
        Column("problems", _("Problems"), lambda entry: entry.problems, number_format=excel.INTEGER),
        Column(
            "rows",
            _("Rows"),
            lambda entry: entry.rows,
            sort="rows",
            number_format=excel.INTEGER,
            numeric=True,
        ),
        Column("address", _("Address"), lambda entry: entry.address, sort="address"),
    ],
    search=("username", "what", "address"),
    filter_form=AccessLogFilterForm,
    apply_filters=filter_access_log,
    default_sort="-when",
)
