"""The initiatives app's list pages: columns, search fields and filters (finsam/listing.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam import excel
from finsam.listing import Column, ListDefinition
from finsam.years import FIRST, LAST


def initiatives(year: int) -> ListDefinition:
    """The initiative list, whose last column is what was granted for the year shown."""
    return ListDefinition(
        title=_("Initiatives"),
        columns=[
            Column("name", _("Initiative"), lambda initiative: initiative.name, sort="name"),
            Column("code", _("Accounting object"), lambda initiative: initiative.accounting_object),
            Column(
                "kind", _("Kind"), lambda initiative: initiative.get_kind_display(), sort=("kind", "name")
            ),
            Column(
                "owner", _("Owner"), lambda initiative: initiative.owner.name, sort=("owner__name", "name")
            ),
            Column("start", _("Starts"), lambda i: i.start_date, sort="start_date", number_format=excel.DATE),
            Column("end", _("Ends"), lambda i: i.end_date, sort="end_date", number_format=excel.DATE),
            Column(
                "status",
                _("Status"),
                lambda initiative: initiative.get_status_display(),
                sort=("status", "name"),
            ),
            Column(
                "granted",
                _("Granted %(year)s") % {"year": year},
                lambda initiative: initiative.granted_in_year,
                sort="granted_in_year",
                number_format=excel.WHOLE_AMOUNT,
                numeric=True,
            ),
        ],
        search=("name", "code", "accounting_object", "owner__name"),
    )


class MeetingFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST, max_value=LAST)


def filter_meetings(meetings, cleaned_data: dict):
    year = cleaned_data.get("year")
    return meetings.filter(date__year=year) if year else meetings


MEETINGS = ListDefinition(
    title=_("Board meetings"),
    columns=[
        Column("date", _("Date"), lambda meeting: meeting.date, sort="date", number_format=excel.DATE),
        Column("place", _("Place"), lambda meeting: meeting.place, sort="place"),
    ],
    search=("place", "note"),
    filter_form=MeetingFilterForm,
    apply_filters=filter_meetings,
    default_sort="-date",
)
