"""The budget as a PDF in the layout of seed 003."""

from django.utils.translation import gettext as _

from finsam.pdf import page_context, render_pdf
from funding.budgets import BudgetTable


def budget_pdf(table: BudgetTable) -> bytes:
    association = table.budget.association
    context = {
        "table": table,
        **page_context(
            name=association.name,
            organisation_number=association.organisation_number,
            footer=str(table.budget),
        ),
    }
    return render_pdf("funding/documents/budget.html", context)


def budget_filename(table: BudgetTable, extension: str) -> str:
    budget = table.budget
    return f"{_('budget')}-{budget.association.slug}-{budget.first_year}-v{budget.version}.{extension}"
