"""The funding list pages' columns, search fields and filters (finsam/listing.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam import excel
from finsam.listing import Column, ListDefinition
from funding.models import Invoice
from members.models import Association


def _invoice_number(invoice):
    return f"{invoice.get_kind_display()} {invoice.number}" if invoice.number else str(_("Draft"))


def _invoice_columns(party: Column) -> list[Column]:
    return [
        Column("number", _("Invoice number"), _invoice_number, sort="number"),
        party,
        Column("period", _("Period"), lambda invoice: invoice.period_label, sort="period_start"),
        Column(
            "issued",
            _("Invoice date"),
            lambda invoice: invoice.issue_date,
            sort="issue_date",
            number_format=excel.DATE,
        ),
        Column(
            "due", _("Due date"), lambda invoice: invoice.due_date, sort="due_date", number_format=excel.DATE
        ),
        Column("status", _("Status"), lambda invoice: invoice.get_status_display(), sort="status"),
        Column(
            "amount",
            _("Amount"),
            lambda invoice: invoice.signed_amount,
            sort="amount",
            number_format=excel.AMOUNT,
            numeric=True,
        ),
    ]


INVOICE_SEARCH = ("number", "ocr", "organisation__name", "period_label", "buyer_reference")

INVOICES = ListDefinition(
    title=_("Invoices"),
    columns=_invoice_columns(
        Column("member", _("Member"), lambda invoice: invoice.organisation.name, sort="organisation__name")
    ),
    search=INVOICE_SEARCH,
)

OVERDUE = ListDefinition(
    title=_("Overdue invoices"),
    columns=INVOICES.columns,
    search=INVOICE_SEARCH,
    default_sort="due",
)


class PortalFilterForm(forms.Form):
    """The member portal's filters: association, year and status (drafts are never shown there)."""

    association = forms.ModelChoiceField(
        label=_("Association"),
        required=False,
        queryset=Association.objects.none(),
        empty_label=_("All"),
        to_field_name="slug",
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            *[(value, label) for value, label in Invoice.Status.choices if value != Invoice.Status.DRAFT],
        ],
    )

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations


def filter_portal(invoices, cleaned_data: dict):
    if cleaned_data.get("association"):
        invoices = invoices.filter(association=cleaned_data["association"])
    if cleaned_data.get("year"):
        invoices = invoices.for_year(cleaned_data["year"])
    if cleaned_data.get("status"):
        invoices = invoices.filter(status=cleaned_data["status"])
    return invoices


PORTAL = ListDefinition(
    title=_("Our invoices"),
    columns=_invoice_columns(
        Column(
            "association",
            _("Association"),
            lambda invoice: invoice.association.name,
            sort="association__name",
        )
    ),
    search=("number", "ocr", "association__name", "period_label"),
)
