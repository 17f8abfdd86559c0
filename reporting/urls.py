from django.urls import path, register_converter

from funding.urls import SpreadsheetKind
from reporting import views

app_name = "reporting"


class SectionKey(SpreadsheetKind):
    regex = "[a-z_]+"


register_converter(SectionKey, "section")

urlpatterns = [
    path("forbund/<slug:slug>/rapporter/", views.report_list, name="report_list"),
    path("forbund/<slug:slug>/rapporter/<int:pk>/", views.report_detail, name="report_detail"),
    path(
        "forbund/<slug:slug>/rapporter/<int:pk>/avsnitt/<section:key>/",
        views.section_edit,
        name="section_edit",
    ),
    path("forbund/<slug:slug>/rapporter/<int:pk>/kommentar/", views.comment, name="comment"),
    path("forbund/<slug:slug>/rapporter/<int:pk>/dela/", views.share, name="share"),
    path("forbund/<slug:slug>/rapporter/<int:pk>/anta/", views.adopt, name="adopt"),
    path("forbund/<slug:slug>/rapporter/<int:pk>/rattelse/", views.correct, name="correct"),
    path(
        "forbund/<slug:slug>/rapporter/<int:pk>/revision/", views.auditor_statement, name="auditor_statement"
    ),
    path("forbund/<slug:slug>/rapporter/<int:pk>/ansvarsfrihet/", views.discharge, name="discharge"),
    path("forbund/<slug:slug>/rapporter/<int:pk>/prognos/", views.forecast, name="forecast"),
    path(
        "forbund/<slug:slug>/rapporter/<int:pk>/rapport.<spreadsheet:kind>", views.document, name="document"
    ),
    path("forbund/<slug:slug>/fakturor/arkiv/", views.invoice_archive, name="invoice_archive"),
    path(
        "forbund/<slug:slug>/fakturor/arkiv/<year:year>/", views.invoice_archive, name="invoice_archive_year"
    ),
    path("forbund/<slug:slug>/fakturor/<year:year>/export/", views.invoice_batch, name="invoice_batch"),
    path("rapporter/", views.adopted_reports, name="adopted_reports"),
    path("jobb/", views.job_list, name="job_list"),
    path("jobb/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("jobb/<uuid:pk>/fil", views.job_download, name="job_download"),
    path("jobb/<uuid:pk>/igen/", views.job_retry, name="job_retry"),
]
