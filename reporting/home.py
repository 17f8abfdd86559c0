"""Start-page to-do items for reports: the office's steps to adoption and missing statements, the
board's shared reports to comment on, the auditors' adopted reports waiting for their statement.

All the user's förbund are read in one query.
"""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from finsam.dashboard import Todo
from members.models import Role
from reporting.models import Report
from reporting.sections import specs_for


def _url(report: Report, name: str = "reporting:report_detail") -> str:
    return reverse(name, args=[report.association.slug, report.pk])


def _office_items(report: Report, today: datetime.date):
    due = {
        "date": report.deadline,
        "date_label": _("at the latest"),
        "urgent": report.deadline < today,
        "urgent_label": _("Late"),
    }
    if report.status == Report.Status.DRAFT:
        empty = len(specs_for(report.kind)) - report.written_sections
        if empty > 0:
            text = ngettext(
                "%(report)s: write %(count)s empty section and share it with the board",
                "%(report)s: write %(count)s empty sections and share it with the board",
                empty,
            ) % {"report": report.title, "count": empty}
        else:
            text = _("%(report)s: share it with the board") % {"report": report.title}
        yield Todo(text=text, url=_url(report), **due)
    elif report.status == Report.Status.SHARED:
        yield Todo(
            text=_("%(report)s: record the board's adoption") % {"report": report.title},
            url=_url(report, "reporting:adopt"),
            **due,
        )
    elif report.kind == Report.Kind.ANNUAL and not report.statements:
        yield Todo(
            text=_("%(report)s: the auditors' statement is missing") % {"report": report.title},
            url=_url(report),
        )


def report_todos(user, sections):
    by_association = {section.association.pk: section for section in sections if section.association}
    kinds = {pk: section.kinds for pk, section in by_association.items()}
    wanted = [
        pk for pk, held in kinds.items() if held & {Role.Kind.OFFICE, Role.Kind.BOARD, Role.Kind.AUDITOR}
    ]
    if not wanted:
        return
    today = timezone.localdate()
    last_year_end = datetime.date(today.year - 1, 12, 31)
    reports = (
        Report.objects.visible_to(user)
        .filter(association__in=wanted)
        .filter(
            Q(status__in=[Report.Status.DRAFT, Report.Status.SHARED])
            | Q(status=Report.Status.ADOPTED, kind=Report.Kind.ANNUAL)
            | Q(kind=Report.Kind.ANNUAL, period_end=last_year_end)
        )
        .select_related("association")
        .annotate(
            written_sections=Count("sections", filter=~Q(sections__text=""), distinct=True),
            statements=Count("auditor_statements", distinct=True),
            own_statements=Count(
                "auditor_statements", filter=Q(auditor_statements__auditor=user), distinct=True
            ),
        )
        .order_by("association__name", "period_end", "kind", "version")
    )
    last_year_reported = set()
    for report in reports:
        section = by_association[report.association_id]
        if report.kind == Report.Kind.ANNUAL and report.period_end == last_year_end:
            last_year_reported.add(report.association_id)
        if Role.Kind.OFFICE in section.kinds:
            for todo in _office_items(report, today):
                yield section, todo
        elif Role.Kind.BOARD in section.kinds and report.status == Report.Status.SHARED:
            yield (
                section,
                Todo(
                    text=_("%(report)s is shared with the board: read it and comment")
                    % {"report": report.title},
                    url=_url(report),
                ),
            )
        if (
            Role.Kind.AUDITOR in section.kinds
            and report.status == Report.Status.ADOPTED
            and report.kind == Report.Kind.ANNUAL
            and not report.own_statements
        ):
            yield (
                section,
                Todo(
                    text=_("%(report)s is adopted: record the date of your statement")
                    % {"report": report.title},
                    url=_url(report) + "#ansvarsfrihet",
                ),
            )
    deadline = datetime.date(today.year, 3, 31)
    for association_id in wanted:
        section = by_association[association_id]
        if Role.Kind.OFFICE in section.kinds and association_id not in last_year_reported:
            yield (
                section,
                Todo(
                    text=_("Make the draft of the annual report %(year)s") % {"year": today.year - 1},
                    url=reverse("reporting:report_list", args=[section.association.slug]),
                    date=deadline,
                    date_label=_("at the latest"),
                    urgent=deadline < today,
                    urgent_label=_("Late"),
                ),
            )
