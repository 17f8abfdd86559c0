"""Forms of the funding app: parsing and Swedish messages only."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam import uploads
from finsam.forms import ConstraintsAtFieldsMixin
from funding.models import AccountMapping, Budget, BudgetLine, Contribution, ContributionShare, Invoice
from members.forms import DateInput


class ContributionForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {
        "contribution_state_amount_positive": (
            "state_amount",
            _("Enter the amount the state has decided, more than 0 kr."),
        ),
    }

    class Meta:
        model = Contribution
        fields = [
            "year",
            "kind",
            "state_amount",
            "decided_on",
            "split_method",
            "population_date",
            "rounding_unit",
            "note",
        ]
        widgets = {
            "decided_on": DateInput(),
            "population_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, population_dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        if population_dates:
            dates = ", ".join(date.isoformat() for date in population_dates)
            self.fields["population_date"].help_text = _("Population figures exist for: %(dates)s.") % {
                "dates": dates
            }


class AgreedAmountForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {"agreed_amount_has_a_reason": ("agreed_reason", None)}

    class Meta:
        model = ContributionShare
        fields = ["agreed_amount", "agreed_reason"]
        help_texts = {
            "agreed_amount": _("Leave empty to use the computed share."),
            "agreed_reason": _("E.g. the board's decision 2025-03-12 § 14."),
        }


class DraftsForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", _("All periods of the year"))] + [
            (period.code, period.label) for period in periods
        ]
        self.fields["period"].required = False


class IssueForm(forms.Form):
    issue_date = forms.DateField(label=_("Invoice date"), widget=DateInput(), initial=timezone.localdate)


class IssueChoiceForm(forms.Form):
    """Which periods' drafts to issue, and the earliest invoice date (the issuing page's GET form)."""

    period = forms.MultipleChoiceField(
        label=_("Periods"), required=False, widget=forms.CheckboxSelectMultiple
    )
    issue_date = forms.DateField(
        label=_("Invoice date"),
        widget=DateInput(),
        help_text=_("Invoices for a later period are dated the payment terms before the period starts."),
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(period.code, period.label) for period in periods]


class CreditForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, help_text=_("Shown on the credit note."))


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), initial=timezone.localdate)


class DraftForm(forms.ModelForm):
    class Meta:
        model = Invoice
        fields = ["buyer_reference", "note"]


class InvoiceFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Invoice.Status.choices]
    )

    def clean_year(self):
        return self.cleaned_data["year"] or timezone.localdate().year


class BudgetCreateForm(forms.Form):
    first_year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["planned_result_1", "planned_result_2", "planned_result_3", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["section", "label", "measure", "accounting_object", "amount_1", "amount_2", "amount_3"]

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        for index, year in enumerate(years, start=1):
            self.fields[f"amount_{index}"].label = str(year)
            self.fields[f"amount_{index}"].help_text = _("Positive; the section says whether it is a cost.")


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput())
    decision_reference = forms.CharField(
        label=_("Decision"), max_length=200, help_text=_("E.g. Förbundsstyrelsen 2024-11-28 § 7.")
    )


class UploadForm(forms.Form):
    """One file of a kind with its limits (finsam.uploads): size, text or workbook, unpacked size."""

    file = forms.FileField(label=_("File"))

    def __init__(self, *args, kind: uploads.UploadKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["file"].widget.attrs["accept"] = kind.accept
        self.fields["file"].help_text = _("At most %(size)s MB.") % {"size": kind.max_megabytes}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.check_upload(upload, self.kind)
        return upload


class AccountMappingForm(forms.ModelForm):
    class Meta:
        model = AccountMapping
        fields = ["prefix", "line", "orientation", "cost_kind"]


class OutcomeForm(forms.Form):
    up_to = forms.DateField(
        label=_("Up to"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the whole year. Interim reports: 30 April and 31 August."),
    )
