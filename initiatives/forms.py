"""Forms of the initiatives app: parsing and Swedish messages only."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms import ConstraintsAtFieldsMixin
from initiatives.models import Application, CostKind, FollowUp, Goal, Initiative
from members.forms import DateInput
from members.models import BoardMeeting, Decision


class InitiativeForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {"initiative_period_in_order": ("end_date", None)}

    class Meta:
        model = Initiative
        fields = [
            "name",
            "code",
            "accounting_object",
            "kind",
            "status",
            "owner",
            "co_parties",
            "leads",
            "target_group",
            "planned_participants",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "co_parties": forms.CheckboxSelectMultiple(),
            "leads": forms.CheckboxSelectMultiple(),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, members, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members
        self.fields["co_parties"].queryset = members
        self.fields["leads"].queryset = leads
        self.fields["leads"].help_text = _("Users with the role initiative lead in the association.")


class InitiativeFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Initiative.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Initiative.Status.choices]
    )
    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=None, empty_label=_("All"))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class ApplicationForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {"application_years_in_order": ("last_year", None)}

    class Meta:
        model = Application
        fields = [
            "first_year",
            "last_year",
            "parties",
            "purpose",
            "goals",
            "plan",
            "expected_effects",
            "follow_up_plan",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["parties", "purpose", "goals", "plan", "expected_effects", "follow_up_plan"]
        }

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = list(parties)
        commitments = (
            {c.organisation_id: c.text for c in self.instance.commitments.all()} if self.instance.pk else {}
        )
        for party in self.parties:
            self.fields[f"commitment_{party.pk}"] = forms.CharField(
                label=_("Commitment of %(party)s") % {"party": party},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=commitments.get(party.pk, ""),
            )
        costs = {(c.year, c.kind): c.amount for c in self.instance.costs.all()} if self.instance.pk else {}
        self.cost_years = self.instance.years if self.instance.pk else []
        for year in self.cost_years:
            for kind, label in CostKind.choices:
                self.fields[f"cost_{year}_{kind}"] = forms.DecimalField(
                    label=f"{label} {year}",
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    initial=costs.get((year, kind)),
                )

    def commitments(self) -> dict[int, str]:
        return {party.pk: self.cleaned_data.get(f"commitment_{party.pk}", "") for party in self.parties}

    def costs(self) -> dict[tuple[int, str], Decimal] | None:
        if not self.cost_years:
            return None
        return {
            (year, kind): self.cleaned_data.get(f"cost_{year}_{kind}") or Decimal(0)
            for year in self.cost_years
            for kind in CostKind.values
        }


class MeetingForm(forms.ModelForm):
    class Meta:
        model = BoardMeeting
        fields = ["date", "place", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class DecisionForm(forms.ModelForm):
    initiative = forms.ModelChoiceField(
        label=_("Concerns the initiative"),
        required=False,
        queryset=None,
        help_text=_("Leave empty for other matters."),
    )
    granted = forms.TypedChoiceField(
        label=_("Outcome"),
        choices=[("1", _("Granted")), ("0", _("Rejected"))],
        coerce=lambda value: value == "1",
        initial="1",
        required=False,
    )
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Decision
        fields = ["paragraph", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, initiatives, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
        self.years = years
        for year in years:
            self.fields[f"amount_{year}"] = forms.DecimalField(
                label=_("Granted %(year)s") % {"year": year},
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
            )

    def amounts(self) -> dict[int, Decimal]:
        return {year: self.cleaned_data.get(f"amount_{year}") or Decimal(0) for year in self.years}


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "year",
            "initiative",
            "text",
            "measure",
            "direction",
            "target",
            "unit",
            "source",
            "outcome",
            "outcome_note",
            "assessment",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "outcome_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
        self.fields["initiative"].empty_label = _("— the association's own goal —")


class GoalOutcomeForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["outcome", "outcome_note"]
        widgets = {"outcome_note": forms.Textarea(attrs={"rows": 2})}


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = FollowUp.QUESTIONS
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in FollowUp.QUESTIONS}


class CostReportForm(forms.Form):
    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        for row in table.rows:
            self.fields[f"budget_{row.kind}"] = forms.DecimalField(
                label=_("Budget: %(kind)s") % {"kind": row.label},
                min_value=0,
                max_digits=14,
                decimal_places=2,
                initial=row.budget,
            )
            if not table.from_ledger:
                self.fields[f"outcome_{row.kind}"] = forms.DecimalField(
                    label=_("Outcome: %(kind)s") % {"kind": row.label},
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    initial=row.outcome,
                )

    def rows(self):
        return {
            row.kind: (self.cleaned_data[f"budget_{row.kind}"], self.cleaned_data.get(f"outcome_{row.kind}"))
            for row in self.table.rows
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
