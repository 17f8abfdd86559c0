from django.urls import path, register_converter

from funding.urls import SpreadsheetKind
from participants import views

app_name = "participants"


class TemplateKind(SpreadsheetKind):
    regex = "xlsx|csv"


class ChartName(SpreadsheetKind):
    regex = "participants|shares|costs"


register_converter(TemplateKind, "template")
register_converter(ChartName, "chart")

urlpatterns = [
    path("forbund/<slug:slug>/deltagare/", views.register, name="register"),
    path("forbund/<slug:slug>/deltagare/ny/", views.enrolment_edit, name="enrolment_create"),
    path("forbund/<slug:slug>/deltagare/<int:pk>/", views.enrolment_edit, name="enrolment_edit"),
    path("forbund/<slug:slug>/deltagare/importera/", views.import_page, name="import"),
    path("forbund/<slug:slug>/deltagare/mall.<template:kind>", views.template, name="template"),
    path("forbund/<slug:slug>/deltagare/export.csv", views.export, name="export"),
    path("forbund/<slug:slug>/deltagare/logg/", views.access_log, name="access_log"),
    path("forbund/<slug:slug>/deltagarstatistik/", views.statistics, name="statistics"),
    path(
        "forbund/<slug:slug>/deltagarstatistik/<year:year>/<chart:name>.svg",
        views.statistics_chart,
        name="statistics_chart",
    ),
    path(
        "forbund/<slug:slug>/deltagarstatistik/<year:year>/rapport.<spreadsheet:kind>",
        views.statistics_document,
        name="statistics_document",
    ),
    path(
        "forbund/<slug:slug>/uppfoljning-finsam/<year:year>/",
        views.national_follow_up,
        name="national_follow_up",
    ),
    path("forbund/<slug:slug>/enkater/", views.survey_list, name="survey_list"),
    path("forbund/<slug:slug>/enkater/ny/", views.survey_edit, name="survey_create"),
    path("forbund/<slug:slug>/enkater/<int:pk>/", views.survey_edit, name="survey_edit"),
    path("jamforelse/", views.comparison_page, name="comparison"),
    path("jamforelse/jamforelse.<spreadsheet:kind>", views.comparison_document, name="comparison_document"),
]
