"""Documents of the initiatives app: the application, the follow-up, the minutes' decision list."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from finsam.pdf import page_context, render_pdf
from initiatives.models import Application, CostKind, FollowUp, Grant, GrantAmount
from members.models import BoardMeeting

ZERO = Decimal(0)


@dataclass
class CostTable:
    years: list[int]
    rows: list[tuple[str, list[Decimal]]]
    totals: list[Decimal]


def application_cost_table(application: Application) -> CostTable:
    """Costs applied for, per kind and year, with totals: the template's "Kostnader"."""
    amounts = {(cost.year, cost.kind): cost.amount for cost in application.costs.all()}
    years = application.years
    rows = [
        (str(label), [amounts.get((year, kind), ZERO) for year in years])
        for kind, label in CostKind.choices
        if any(amounts.get((year, kind)) for year in years)
    ]
    totals = [sum((row[1][index] for row in rows), ZERO) for index in range(len(years))]
    return CostTable(years, rows, totals)


def decisions_with_grants(decisions):
    """Decisions with their grants and amounts loaded in a fixed number of queries."""
    return decisions.prefetch_related(
        Prefetch(
            "grants",
            queryset=Grant.objects.select_related("initiative").prefetch_related(
                Prefetch("amounts", queryset=GrantAmount.objects.order_by("year"))
            ),
        )
    )


def _context(association, footer: str) -> dict:
    return page_context(
        name=association.name, organisation_number=association.organisation_number, footer=footer
    )


def application_pdf(application: Application) -> bytes:
    initiative = application.initiative
    title = _("Application: %(name)s") % {"name": initiative.name}
    context = {
        "application": application,
        "initiative": initiative,
        "costs": application_cost_table(application),
        "commitments": application.commitments.select_related("organisation"),
        "title": title,
        **_context(initiative.association, title),
    }
    return render_pdf("initiatives/documents/application.html", context)


def follow_up_pdf(follow_up: FollowUp) -> bytes:
    initiative = follow_up.initiative
    title = _("Follow-up %(year)s: %(name)s") % {"year": follow_up.year, "name": initiative.name}
    context = {
        "follow_up": follow_up,
        "initiative": initiative,
        "title": title,
        **_context(initiative.association, title),
    }
    return render_pdf("initiatives/documents/follow_up.html", context)


def decision_list_pdf(meeting: BoardMeeting) -> bytes:
    title = _("Decisions of the board meeting %(date)s") % {"date": meeting.date.isoformat()}
    context = {
        "meeting": meeting,
        "decisions": decisions_with_grants(meeting.decisions.all()),
        "title": title,
        **_context(meeting.association, title),
    }
    return render_pdf("initiatives/documents/decision_list.html", context)
