"""Load the reports of the demo: SOFINT's annual report 2010, adopted, and Sollefteå's interim
report per 31 August, shared with the board. Through the same services as the pages."""

import datetime

from django.db import transaction

from members.models import Association, Role, User
from reporting import services
from reporting.models import Report


@transaction.atomic
def load(data: dict) -> None:
    for item in data.get("reports", []):
        association = Association.objects.get(slug=item["association"])
        period_end = item["date"] if item["kind"] == "interim" else datetime.date(item["year"], 12, 31)
        if Report.objects.filter(association=association, kind=item["kind"], period_end=period_end).exists():
            continue
        report = services.create_report(association=association, kind=item["kind"], period_end=period_end)
        for key, text in item.get("sections", {}).items():
            services.save_section(report=report, key=key, text=text)
        if item["status"] in ("shared", "adopted"):
            services.share(report=report)
        if item["status"] == "adopted":
            services.adopt(
                report=report,
                meeting_date=item["adopted_on"],
                paragraph=item["paragraph"],
                place=item["place"],
            )
            report.refresh_from_db()
            if item.get("auditor_statement_on"):
                auditor = User.objects.filter(
                    roles__kind=Role.Kind.AUDITOR, roles__association=association
                ).first()
                services.record_auditor_statement(
                    report=report, auditor=auditor, date=item["auditor_statement_on"]
                )
