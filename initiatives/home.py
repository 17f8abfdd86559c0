"""Start-page to-do items for initiatives: a lead's follow-ups, cost reports and draft applications,
the office's applications to prepare, the board's applications prepared for it.

Each provider reads all the user's förbund in a fixed number of queries.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.dashboard import Block, Todo
from initiatives.models import Application, CostReport, FollowUp, Initiative
from members.models import Role


def _sections_with(sections, *kinds) -> dict[int, object]:
    return {
        section.association.pk: section
        for section in sections
        if section.association is not None and section.kinds & set(kinds)
    }


def lead_todos(user, sections):
    """Last year's follow-up and cost report of each initiative that ran then, and draft applications."""
    leads = _sections_with(sections, Role.Kind.LEAD)
    if not leads:
        return
    year = timezone.localdate().year - 1
    initiatives = list(
        Initiative.objects.led_by(user)
        .filter(association__in=list(leads))
        .select_related("association")
        .order_by("association__name", "name")
    )
    ids = [initiative.pk for initiative in initiatives]
    followed_up = set(
        FollowUp.objects.filter(initiative__in=ids, year=year, submitted_at__isnull=False).values_list(
            "initiative", flat=True
        )
    )
    costs_reported = set(
        CostReport.objects.filter(initiative__in=ids, year=year, outcome__isnull=False).values_list(
            "initiative", flat=True
        )
    )
    drafts = set(
        Application.objects.filter(initiative__in=ids, status=Application.Status.DRAFT).values_list(
            "initiative", flat=True
        )
    )
    for initiative in initiatives:
        section = leads[initiative.association_id]
        args = [initiative.association.slug, initiative.code]
        if initiative.pk in drafts:
            yield (
                section,
                Todo(
                    text=_("%(initiative)s: finish and submit the application")
                    % {"initiative": initiative.name},
                    url=initiative.get_absolute_url(),
                ),
            )
        if not initiative.runs_in(year) or initiative.start_date is None:
            continue
        if initiative.pk not in followed_up:
            yield (
                section,
                Todo(
                    text=_("%(initiative)s: write and submit the follow-up for %(year)s")
                    % {"initiative": initiative.name, "year": year},
                    url=reverse("initiatives:follow_up", args=[*args, year]),
                ),
            )
        if initiative.pk not in costs_reported:
            yield (
                section,
                Todo(
                    text=_("%(initiative)s: report the costs for %(year)s")
                    % {"initiative": initiative.name, "year": year},
                    url=reverse("initiatives:cost_report", args=[*args, year]),
                ),
            )
    for association_id, section in leads.items():
        mine = [initiative for initiative in initiatives if initiative.association_id == association_id]
        yield section, Block("initiatives/includes/home_lead.html", {"initiatives": mine})


def application_todos(user, sections):
    """The office prepares submitted applications; the board reads those prepared for it."""
    office = _sections_with(sections, Role.Kind.OFFICE)
    board = {
        pk: section for pk, section in _sections_with(sections, Role.Kind.BOARD).items() if pk not in office
    }
    if not office and not board:
        return
    applications = (
        Application.objects.filter(
            initiative__association__in=[*office, *board],
            status__in=[Application.Status.SUBMITTED, Application.Status.PREPARED],
        )
        .select_related("initiative__association")
        .order_by("initiative__association__name", "submitted_at", "pk")
    )
    for application in applications:
        initiative = application.initiative
        values = {
            "initiative": initiative.name,
            "first": application.first_year,
            "last": application.last_year,
        }
        if initiative.association_id in office and application.status == Application.Status.SUBMITTED:
            yield (
                office[initiative.association_id],
                Todo(
                    text=_("Prepare the application of %(initiative)s (%(first)s–%(last)s) for the board")
                    % values,
                    url=application.get_absolute_url(),
                ),
            )
        elif initiative.association_id in board and application.status == Application.Status.PREPARED:
            yield (
                board[initiative.association_id],
                Todo(
                    text=_("The application of %(initiative)s (%(first)s–%(last)s) is prepared for the board")
                    % values,
                    url=application.get_absolute_url(),
                ),
            )
