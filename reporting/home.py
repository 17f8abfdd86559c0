"""The start page tells the office when the annual report is due and what is still missing."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.dashboard import Block
from funding.models import LedgerYear
from members.models import Role
from reporting.models import Report
from reporting.services import empty_sections


def office_report_deadline(user, section):
    """Last year's annual report: due three months after the year's end (31 March)."""
    if section.association is None or Role.Kind.OFFICE not in section.kinds:
        return None
    today = timezone.localdate()
    year = today.year - 1
    period_end = datetime.date(year, 12, 31)
    report = (
        Report.objects.filter(association=section.association, kind=Report.Kind.ANNUAL, period_end=period_end)
        .order_by("-version")
        .first()
    )
    if report is not None and report.status == Report.Status.ADOPTED:
        return None
    missing = []
    if not LedgerYear.objects.filter(association=section.association, year=year).exists():
        missing.append(_("import the bookkeeping for %(year)s") % {"year": year})
    if report is None:
        missing.append(_("make the draft"))
    else:
        empty = empty_sections(report)
        if empty:
            missing.append(_("write %(count)s empty sections") % {"count": len(empty)})
        if report.status == Report.Status.DRAFT:
            missing.append(_("share it with the board"))
        missing.append(_("have it adopted by the board"))
    deadline = datetime.date(year + 1, 3, 31)
    return Block(
        "reporting/includes/home_deadline.html",
        {
            "association": section.association,
            "year": year,
            "report": report,
            "deadline": deadline,
            "days_left": (deadline - today).days,
            "missing": missing,
        },
    )
