"""Forms of the reporting app: parsing and Swedish messages only; the rules are in services."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import DateInput
from reporting.models import Report


class NewReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Report.Kind.choices)
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, required=False, help_text=_("For an annual report.")
    )
    period_end = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=DateInput(),
        help_text=_("For an interim report, usually 30 April or 31 August."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Report.Kind.ANNUAL:
            if not cleaned.get("year"):
                self.add_error("year", _("Give the year of the annual report."))
            else:
                cleaned["period_end"] = datetime.date(cleaned["year"], 12, 31)
        elif cleaned.get("kind") == Report.Kind.INTERIM and not cleaned.get("period_end"):
            self.add_error("period_end", _("Give the date of the interim report."))
        return cleaned


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            'Plain paragraphs separated by a blank line; a line starting with "## " is a sub-heading.'
        ),
    )


class CommentForm(forms.Form):
    section = forms.CharField(widget=forms.HiddenInput())
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class AdoptForm(forms.Form):
    meeting_date = forms.DateField(label=_("Board meeting"), widget=DateInput())
    paragraph = forms.IntegerField(label=_("Paragraph (§)"), min_value=1, max_value=999)
    place = forms.CharField(label=_("Place of signing"), max_length=100)


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}))


class AuditorStatementForm(forms.Form):
    date = forms.DateField(label=_("Date of the auditors' statement"), widget=DateInput())
    appointed_by = forms.ModelChoiceField(
        label=_("Appointed by"),
        queryset=None,
        required=False,
        help_text=_(
            "The member that appointed you; Försäkringskassan's auditor also serves Arbetsförmedlingen."
        ),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointed_by"].queryset = members


class DischargeForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Member"), queryset=None)
    granted = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Discharge granted")), ("0", _("Discharge refused"))],
        coerce=lambda value: value == "1",
    )
    date = forms.DateField(label=_("Decided on"), widget=DateInput())
    note = forms.CharField(label=_("Remark"), max_length=300, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = members


class ForecastForm(forms.Form):
    """One amount per line of the interim report; empty means the budget."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for index, line in enumerate(lines):
            self.fields[f"line_{index}"] = forms.DecimalField(
                label=line.label,
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=line.forecast if line.forecast_given else None,
                help_text=_("Budget: %(amount)s") % {"amount": line.budget}
                if line.budget is not None
                else "",
            )

    def amounts(self) -> dict:
        return {line.key: self.cleaned_data[f"line_{index}"] for index, line in enumerate(self.lines)}
