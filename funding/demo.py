"""Load the funding app's part of the demo (fixtures/demo/funding.toml) through the services.

Contributions for the current year, invoices issued for every period that has begun, and
payments registered for all but a few, so the overdue list has something to show.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from funding import budgets, services
from funding.ledger import import_sie
from funding.models import Budget, BudgetLine, Contribution, LedgerYear
from funding.periods import periods_of
from members.models import Association, User


@transaction.atomic
def load(data: dict, *, issued_by: User, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    for row in data["contributions"]:
        association = Association.objects.get(slug=row["association"])
        year = today.year + row["year_offset"]
        if Contribution.objects.filter(association=association, year=year).exists():
            continue
        month, day = (int(part) for part in row["decided_on_month_day"].split("-"))
        contribution = services.save_contribution(
            contribution=Contribution(
                association=association,
                year=year,
                state_amount=Decimal(row["state_amount"]),
                decided_on=datetime.date(year - 1, month, day),
                split_method=row["split_method"],
                population_date=row["population_date"],
                rounding_unit=row["rounding_unit"],
            )
        )
        unpaid = {(number, period) for number, period in row["unpaid"]}
        begun = [period for period in periods_of(year, association.invoice_period) if period.start <= today]
        for period in begun:
            codes = {period.code, "latest"} if period == begun[-1] else {period.code}
            drafts = services.create_invoice_drafts(contribution=contribution, period_code=period.code)
            issue_date = min(period.start + datetime.timedelta(days=14), today)
            for invoice in services.issue_invoices(
                invoices=drafts, issued_by=issued_by, issue_date=issue_date
            ):
                paid_on = invoice.due_date - datetime.timedelta(days=3)
                left = {(invoice.organisation.organisation_number, code) for code in codes} & unpaid
                if paid_on <= today and not left:
                    services.register_payment(invoice=invoice, paid_on=paid_on)


@transaction.atomic
def load_budgets(data: dict) -> None:
    for row in data["budgets"]:
        association = Association.objects.get(slug=row["association"])
        if Budget.objects.filter(association=association, first_year=row["first_year"]).exists():
            continue
        budget = budgets.create_budget(association=association, first_year=row["first_year"])
        budget.planned_result_1, budget.planned_result_2, budget.planned_result_3 = (
            Decimal(amount) for amount in row.get("planned_results", [0, 0, 0])
        )
        budgets.save_budget(budget=budget)
        for section, label, measure, accounting_object, *amounts in row["lines"]:
            budgets.save_budget_line(
                line=BudgetLine(
                    budget=budget,
                    section=section,
                    label=label,
                    measure=measure,
                    accounting_object=accounting_object,
                    amount_1=Decimal(amounts[0]),
                    amount_2=Decimal(amounts[1]),
                    amount_3=Decimal(amounts[2]),
                )
            )
        budgets.adopt_budget(
            budget=budget, adopted_on=row["adopted_on"], decision_reference=row["decision_reference"]
        )


def load_ledgers(files: list, *, association_slug: str) -> None:
    """Import demo SIE files (the years not yet imported) through the same import as the upload page."""
    association = Association.objects.get(slug=association_slug)
    for path in files:
        data = path.read_bytes()
        year = int(path.stem.rsplit("-", 1)[-1])
        if not LedgerYear.objects.filter(association=association, year=year).exists():
            import_sie(association=association, data=data, file_name=path.name)
