"""Forms of the participants app: parsing and Swedish messages only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.forms import ConstraintsAtFieldsMixin
from members.forms import DateInput
from participants.importing import looks_like_personal_number
from participants.models import Enrolment, Gender, Survey


class EnrolmentForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {
        "enrolment_period_in_order": ("end_date", None),
        "ended_enrolment_has_reason": ("end_reason", None),
    }
    code = forms.CharField(
        label=_("Participant code"),
        max_length=40,
        help_text=_(
            "The initiative's pseudonymous code for the person: never a name or a personal identity number."
        ),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    birth_year = forms.IntegerField(label=_("Birth year"), min_value=1900, max_value=2100)

    class Meta:
        model = Enrolment
        fields = ["initiative", "start_date", "end_date", "end_reason", "income_before", "income_after"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
        if self.is_bound and looks_like_personal_number(self.data.get("code", "")):
            # Refuse it without ever writing it back into the page.
            self.data = self.data.copy()
            self.data["code"] = ""
            self.personal_number_given = True
        self.order_fields(["code", "gender", "birth_year", *self.Meta.fields])
        if self.instance.pk:
            participant = self.instance.participant
            self.initial.update(
                {"code": participant.code, "gender": participant.gender, "birth_year": participant.birth_year}
            )

    personal_number_given = False

    def clean(self):
        cleaned = super().clean()
        if self.personal_number_given:
            self._errors["code"] = self.error_class(
                [
                    _(
                        "The code looked like a personal identity number and was removed. Use a pseudonymous code."
                    )
                ]
            )
        return cleaned


class RegisterFilterForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative"), required=False, queryset=None, empty_label=_("All")
    )
    year = forms.IntegerField(label=_("Enrolled during"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives


class SurveyForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {
        "respondents_not_above_participants": ("respondents", None),
        "agreeing_not_above_respondents": ("agreeing", None),
    }

    class Meta:
        model = Survey
        fields = ["initiative", "year", "question", "participants", "respondents", "agreeing"]

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives


class ComparisonForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    associations = forms.ModelMultipleChoiceField(
        label=_("Associations"), queryset=None, widget=forms.CheckboxSelectMultiple()
    )

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["associations"].queryset = associations
