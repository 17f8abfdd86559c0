"""The members app's list pages: columns, search fields and filters (finsam/listing.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam import excel
from finsam.formatting import format_organisation_number
from finsam.listing import Column, ListDefinition
from members.models import GroupMember, Organisation, active_on, today


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Organisation.Kind.choices]
    )


def filter_kind(queryset, cleaned_data: dict, path: str = "kind"):
    kind = cleaned_data.get("kind")
    return queryset.filter(**{path: kind}) if kind else queryset


ORGANISATIONS = ListDefinition(
    title=_("Organisations"),
    columns=[
        Column("name", _("Name"), lambda organisation: organisation.name, sort="name"),
        Column(
            "kind", _("Kind"), lambda organisation: organisation.get_kind_display(), sort=("kind", "name")
        ),
        Column(
            "number",
            _("Organisation number"),
            lambda organisation: format_organisation_number(organisation.organisation_number),
            sort="organisation_number",
        ),
        Column(
            "population",
            _("Population"),
            lambda organisation: organisation.population,
            sort="population",
            number_format=excel.WHOLE_AMOUNT,
            numeric=True,
        ),
        Column(
            "date",
            _("Reference date"),
            lambda organisation: organisation.population_date,
            sort="population_date",
            number_format=excel.DATE,
        ),
    ],
    search=("name", "organisation_number", "city"),
    filter_form=KindFilterForm,
    apply_filters=filter_kind,
)


class MembershipFilterForm(KindFilterForm):
    CURRENT, ENDED = "current", "ended"
    state = forms.ChoiceField(
        label=_("Membership"),
        required=False,
        choices=[("", _("All")), (CURRENT, _("Current members")), (ENDED, _("Former members"))],
    )


def filter_memberships(memberships, cleaned_data: dict):
    memberships = filter_kind(memberships, cleaned_data, "organisation__kind")
    if cleaned_data.get("state") == MembershipFilterForm.CURRENT:
        memberships = memberships.current()
    elif cleaned_data.get("state") == MembershipFilterForm.ENDED:
        memberships = memberships.exclude(active_on(today()))
    return memberships


# The export's rows are (membership, latest population figure or None), as on the page.
MEMBERSHIPS = ListDefinition(
    title=_("Members"),
    columns=[
        Column(
            "organisation", _("Organisation"), lambda row: row[0].organisation.name, sort="organisation__name"
        ),
        Column(
            "kind",
            _("Kind"),
            lambda row: row[0].organisation.get_kind_display(),
            sort=("organisation__kind", "organisation__name"),
        ),
        Column(
            "number",
            _("Organisation number"),
            lambda row: format_organisation_number(row[0].organisation.organisation_number),
        ),
        Column(
            "population",
            _("Population"),
            lambda row: row[1].population if row[1] else None,
            number_format=excel.WHOLE_AMOUNT,
            numeric=True,
        ),
        Column(
            "start",
            _("Member from"),
            lambda row: row[0].start_date,
            sort="start_date",
            number_format=excel.DATE,
        ),
        Column(
            "end", _("Member until"), lambda row: row[0].end_date, sort="end_date", number_format=excel.DATE
        ),
    ],
    search=("organisation__name", "organisation__organisation_number", "buyer_reference"),
    filter_form=MembershipFilterForm,
    apply_filters=filter_memberships,
)


class GroupFilterForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Group"), required=False, choices=[("", _("All")), *GroupMember.Group.choices]
    )


def filter_group(members, cleaned_data: dict):
    group = cleaned_data.get("group")
    return members.filter(group=group) if group else members


GROUP_MEMBERS = ListDefinition(
    title=_("Preparation groups"),
    columns=[
        Column("group", _("Group"), lambda member: member.get_group_display(), sort=("group", "person_name")),
        Column("name", _("Name"), lambda member: member.person_name, sort="person_name"),
        Column(
            "organisation",
            _("Organisation"),
            lambda member: member.organisation.name,
            sort="organisation__name",
        ),
        Column("title", _("Title"), lambda member: member.title, sort="title"),
        Column(
            "start", _("From"), lambda member: member.start_date, sort="start_date", number_format=excel.DATE
        ),
        Column("end", _("Until"), lambda member: member.end_date, sort="end_date", number_format=excel.DATE),
    ],
    search=("person_name", "organisation__name", "title"),
    filter_form=GroupFilterForm,
    apply_filters=filter_group,
)
