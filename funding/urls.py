from django.urls import path, register_converter

from funding.views import budgets, invoices, ledger


class DocumentKind:
    """`pdf` or `xml`: the two documents of an issued invoice."""

    regex = "pdf|xml"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class SpreadsheetKind(DocumentKind):
    """`pdf` or `xlsx`: a report as a document or as a workbook."""

    regex = "pdf|xlsx"


register_converter(DocumentKind, "document")
register_converter(SpreadsheetKind, "spreadsheet")

app_name = "funding"

urlpatterns = [
    path("forbund/<slug:slug>/bidrag/", invoices.contribution_list, name="contribution_list"),
    path("forbund/<slug:slug>/bidrag/ny/", invoices.contribution_create, name="contribution_create"),
    path("forbund/<slug:slug>/bidrag/<int:pk>/", invoices.contribution_detail, name="contribution_detail"),
    path("forbund/<slug:slug>/bidrag/<int:pk>/andra/", invoices.contribution_edit, name="contribution_edit"),
    path("forbund/<slug:slug>/bidrag/<int:pk>/utkast/", invoices.drafts_create, name="drafts_create"),
    path("forbund/<slug:slug>/bidrag/andel/<int:pk>/", invoices.share_edit, name="share_edit"),
    path("forbund/<slug:slug>/bidrag/<year:year>/excel/", invoices.year_workbook, name="year_workbook"),
    path("forbund/<slug:slug>/fakturor/", invoices.invoice_list, name="invoice_list"),
    path("forbund/<slug:slug>/fakturor/forfallna/", invoices.overdue_list, name="overdue_list"),
    path("forbund/<slug:slug>/fakturor/utfarda/", invoices.invoices_issue, name="invoices_issue"),
    path("forbund/<slug:slug>/fakturor/granska/", invoices.invoices_review, name="invoices_review"),
    path("forbund/<slug:slug>/fakturor/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("forbund/<slug:slug>/fakturor/<int:pk>/andra/", invoices.draft_edit, name="draft_edit"),
    path("forbund/<slug:slug>/fakturor/<int:pk>/utkast.pdf", invoices.draft_preview, name="draft_preview"),
    path("forbund/<slug:slug>/fakturor/<int:pk>/utfarda/", invoices.draft_issue, name="draft_issue"),
    path("forbund/<slug:slug>/fakturor/<int:pk>/ta-bort/", invoices.draft_delete, name="draft_delete"),
    path("forbund/<slug:slug>/fakturor/<int:pk>/kreditera/", invoices.invoice_credit, name="invoice_credit"),
    path("forbund/<slug:slug>/fakturor/<int:pk>/betald/", invoices.invoice_paid, name="invoice_paid"),
    path(
        "forbund/<slug:slug>/fakturor/<int:pk>/<document:kind>/",
        invoices.invoice_document,
        name="invoice_document",
    ),
    path("forbund/<slug:slug>/budget/", budgets.budget_list, name="budget_list"),
    path("forbund/<slug:slug>/budget/ny/", budgets.budget_create, name="budget_create"),
    path("forbund/<slug:slug>/budget/<int:pk>/", budgets.budget_detail, name="budget_detail"),
    path("forbund/<slug:slug>/budget/<int:pk>/andra/", budgets.budget_edit, name="budget_edit"),
    path("forbund/<slug:slug>/budget/<int:pk>/rad/ny/", budgets.budget_line, name="budget_line_create"),
    path(
        "forbund/<slug:slug>/budget/<int:pk>/rad/<int:line_pk>/", budgets.budget_line, name="budget_line_edit"
    ),
    path(
        "forbund/<slug:slug>/budget/<int:pk>/rad/<int:line_pk>/ta-bort/",
        budgets.budget_line_delete,
        name="budget_line_delete",
    ),
    path("forbund/<slug:slug>/budget/<int:pk>/anta/", budgets.budget_adopt, name="budget_adopt"),
    path("forbund/<slug:slug>/budget/<int:pk>/revidera/", budgets.budget_revise, name="budget_revise"),
    path("forbund/<slug:slug>/budget/<int:pk>/importera/", budgets.budget_import, name="budget_import"),
    path(
        "forbund/<slug:slug>/budget/<int:pk>/<spreadsheet:kind>/",
        budgets.budget_document,
        name="budget_document",
    ),
    path("forbund/<slug:slug>/bokforing/", ledger.ledger_list, name="ledger_list"),
    path("forbund/<slug:slug>/bokforing/importera/", ledger.ledger_upload, name="ledger_upload"),
    path("forbund/<slug:slug>/bokforing/importera/<int:pk>/", ledger.ledger_preview, name="ledger_preview"),
    path(
        "forbund/<slug:slug>/bokforing/importera/<int:pk>/bekrafta/",
        ledger.ledger_confirm,
        name="ledger_confirm",
    ),
    path(
        "forbund/<slug:slug>/bokforing/importera/<int:pk>/forsok-igen/",
        ledger.ledger_retry,
        name="ledger_retry",
    ),
    path("forbund/<slug:slug>/bokforing/<year:year>/", ledger.ledger_detail, name="ledger_detail"),
    path("forbund/<slug:slug>/kontoplan/", ledger.mapping_list, name="mapping_list"),
    path("forbund/<slug:slug>/kontoplan/ny/", ledger.mapping_edit, name="mapping_create"),
    path("forbund/<slug:slug>/kontoplan/<int:pk>/", ledger.mapping_edit, name="mapping_edit"),
    path("forbund/<slug:slug>/kontoplan/<int:pk>/ta-bort/", ledger.mapping_delete, name="mapping_delete"),
    path("forbund/<slug:slug>/utfall/<year:year>/", ledger.outcome, name="outcome"),
    path(
        "forbund/<slug:slug>/utfall/<year:year>/<spreadsheet:kind>/",
        ledger.outcome_document,
        name="outcome_document",
    ),
    path("forbund/<slug:slug>/nyckeltal/", ledger.key_figures, name="key_figures"),
    path("portal/fakturor/", invoices.portal, name="portal"),
    path("portal/fakturor/<int:pk>/", invoices.portal_invoice, name="portal_invoice"),
    path("portal/fakturor/<int:pk>/<document:kind>/", invoices.portal_document, name="portal_document"),
]
