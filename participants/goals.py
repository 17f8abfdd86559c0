"""Goal outcomes computed from the register and the surveys (passed to initiatives.selectors.with_outcomes).

A page of goals asks once for all of them: the statistics are computed once per association and
year, and the survey results read once, however many goals there are.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from finsam.money import percent_of
from participants.models import Survey
from participants.statistics import years_statistics

REGISTER_SOURCES = ("self_support", "work_or_studies")


def goal_outcomes(goals, known_statistics=None) -> dict[int, Decimal | None]:
    """{goal pk: outcome} for goals whose source is the register or the surveys; None if unknown.

    `known_statistics` is what the caller has already computed, {(association pk, year): YearStatistics},
    so that a report computing a year's statistics does not have them computed twice.
    """
    goals = [goal for goal in goals if goal.source in (*REGISTER_SOURCES, "survey")]
    outcomes: dict[int, Decimal | None] = {}
    statistics = dict(known_statistics or {})
    years = defaultdict(set)
    for goal in goals:
        if goal.source in REGISTER_SOURCES and (goal.association_id, goal.year) not in statistics:
            years[goal.association].add(goal.year)
    statistics.update(
        ((association.pk, year), result)
        for association, wanted in years.items()
        for year, result in years_statistics(association, wanted).items()
    )
    surveys = _survey_totals(goals)
    for goal in goals:
        if goal.source == "survey":
            respondents, agreeing = surveys.get((goal.association_id, goal.year, goal.initiative_id), (0, 0))
            outcomes[goal.pk] = percent_of(Decimal(agreeing), Decimal(respondents))
            continue
        result = statistics[(goal.association_id, goal.year)]
        if goal.initiative_id:
            figures = next(
                (item for item in result.initiatives if item.initiative.pk == goal.initiative_id), None
            )
        else:
            figures = result.total
        if figures is None:
            outcomes[goal.pk] = None
        elif goal.source == "self_support":
            outcomes[goal.pk] = figures.share_self_support
        else:
            outcomes[goal.pk] = figures.share_work_or_studies
    return outcomes


def _survey_totals(goals) -> dict[tuple, tuple[int, int]]:
    """(association, year, initiative or None) -> (respondents, agreeing), in one query."""
    wanted = {(goal.association_id, goal.year) for goal in goals if goal.source == "survey"}
    if not wanted:
        return {}
    rows = (
        Survey.objects.filter(
            initiative__association__in={association for association, _year in wanted},
            year__in={year for _association, year in wanted},
        )
        .values("initiative__association", "year", "initiative")
        .annotate(respondents=Sum("respondents"), agreeing=Sum("agreeing"))
    )
    totals: dict[tuple, tuple[int, int]] = {}
    for row in rows:
        association, year = row["initiative__association"], row["year"]
        for key in ((association, year, row["initiative"]), (association, year, None)):
            respondents, agreeing = totals.get(key, (0, 0))
            totals[key] = (respondents + row["respondents"], agreeing + row["agreeing"])
    return totals


def goal_outcome(goal) -> Decimal | None:
    """The outcome of one goal (see goal_outcomes)."""
    return goal_outcomes([goal]).get(goal.pk)
