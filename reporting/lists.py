"""The reporting app's list pages: columns, search fields and filters (finsam/listing.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam import excel
from finsam.listing import Column, ListDefinition
from finsam.years import FIRST, LAST
from reporting.models import Job, Report


def _reference(report) -> str:
    return report.decision.reference if report.decision else ""


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Report.Kind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Report.Status.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST, max_value=LAST)


def filter_reports(reports, cleaned_data: dict):
    if cleaned_data.get("kind"):
        reports = reports.filter(kind=cleaned_data["kind"])
    if cleaned_data.get("status"):
        reports = reports.filter(status=cleaned_data["status"])
    if cleaned_data.get("year"):
        reports = reports.filter(period_end__year=cleaned_data["year"])
    return reports


REPORTS = ListDefinition(
    title=_("Reports"),
    columns=[
        Column("report", _("Report"), lambda report: report.title, sort=("period_end", "kind")),
        Column(
            "version",
            _("Version"),
            lambda report: report.version,
            sort="version",
            number_format=excel.INTEGER,
        ),
        Column("status", _("Status"), lambda report: report.get_status_display(), sort="status"),
        Column("adopted", _("Adopted"), _reference, sort=("decision__meeting__date", "decision__paragraph")),
    ],
    filter_form=ReportFilterForm,
    apply_filters=filter_reports,
)


class AdoptedFilterForm(forms.Form):
    year = ReportFilterForm.base_fields["year"]


ADOPTED_REPORTS = ListDefinition(
    title=_("Adopted reports"),
    columns=[
        Column(
            "association", _("Association"), lambda report: report.association.name, sort="association__name"
        ),
        Column("report", _("Report"), lambda report: report.title, sort=("period_end", "kind")),
        Column("adopted", _("Adopted"), _reference, sort=("decision__meeting__date", "decision__paragraph")),
    ],
    search=("association__name",),
    filter_form=AdoptedFilterForm,
    apply_filters=filter_reports,
)


class JobFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Job.Status.choices]
    )


def filter_jobs(jobs, cleaned_data: dict):
    return jobs.filter(status=cleaned_data["status"]) if cleaned_data.get("status") else jobs


JOBS = ListDefinition(
    title=_("Your jobs"),
    columns=[
        Column("job", _("Job"), lambda job: job.title, sort="title"),
        Column(
            "started",
            _("Started"),
            lambda job: job.created_at,
            sort="created_at",
            number_format=excel.DATETIME,
        ),
        Column("status", _("Status"), lambda job: job.get_status_display(), sort="status"),
    ],
    search=("title",),
    filter_form=JobFilterForm,
    apply_filters=filter_jobs,
    default_sort="-started",
)
