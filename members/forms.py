"""Forms parse input and give Swedish messages; the services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.fields import DigitsField
from finsam.forms import ConstraintsAtFieldsMixin
from members.models import Association, BoardSeat, BoardTerm, GroupMember, Membership, Organisation
from members.notifications import OPTIONAL


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AssociationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Association
        fields = [
            "name",
            "short_name",
            "slug",
            "organisation_number",
            "street_address",
            "postal_code",
            "city",
            "email",
            "phone",
            "website",
            "bankgiro",
            "invoice_period",
            "payment_terms_days",
            "project_dimension",
            "director_name",
            "director_email",
            "founded_on",
            "equity_ceiling_percent",
        ]
        widgets = {"founded_on": DateInput()}
        field_classes = {"organisation_number": DigitsField, "bankgiro": DigitsField}


class OrganisationForm(forms.ModelForm):
    population = forms.IntegerField(label=_("population"), min_value=0, required=False)
    population_date = forms.DateField(
        label=_("population reference date"),
        required=False,
        widget=DateInput(),
        help_text=_("The date the population figure refers to, e.g. 2024-12-31 (SCB)."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "organisation_number", "kind", "email", "street_address", "postal_code", "city"]
        field_classes = {"organisation_number": DigitsField}


class MembershipForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {"membership_period_in_order": ("end_date", None)}

    class Meta:
        model = Membership
        fields = [
            "organisation",
            "start_date",
            "end_date",
            "buyer_reference",
            "invoice_email",
            "agreed_share_percent",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            # The organisation of a membership is its identity; end it and add a new one instead.
            self.fields["organisation"].disabled = True


class BoardSeatForm(forms.ModelForm):
    class Meta:
        model = BoardSeat
        fields = ["appointed_by", "kind"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointed_by"].queryset = members


class BoardTermForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {"board_term_period_in_order": ("end_date", None)}

    class Meta:
        model = BoardTerm
        fields = ["person_name", "email", "office", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class GroupMemberForm(ConstraintsAtFieldsMixin, forms.ModelForm):
    constraint_fields = {"group_member_period_in_order": ("end_date", None)}

    class Meta:
        model = GroupMember
        fields = ["group", "person_name", "organisation", "title", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = members


class BoardDateForm(forms.Form):
    on = forms.DateField(label=_("Board on date"), required=False, widget=DateInput())


class SecondFactorCodeForm(forms.Form):
    """A code from the authenticator app, or (when verifying) one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class NotificationSettingsForm(forms.Form):
    enabled = forms.MultipleChoiceField(
        label=_("Send me an e-mail when"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(choice.value, choice.label) for choice in OPTIONAL],
    )
