"""Outcome statistics of the register, per association, year and initiative.

Definitions (the same for every association, so they can be compared):

- **participants during the year**: persons with an enrolment at some time in the year. The
  association's total counts each person once, even if enrolled in two initiatives;
- **newly enrolled**: persons with an enrolment that started in the year;
- **ended**: persons with an enrolment that ended in the year; for the association's total the
  person's last ending in the year decides the end reason and income sources;
- **share ended** = ended ÷ participants during the year;
- **ended by group**: work or studies (arbete, arbete med stöd, studier); job- or study-ready,
  passed on to the members' ordinary services (arbetssökande, ordinarie insats); other;
- **cost per participant** and **per ended participant**: the initiative's costs for the year
  (the bookkeeping's outcome on its accounting object where that year is imported, else the
  granted amount) divided by those counts. The association's total uses the costs of the
  initiatives that have participants that year, not the office or structural work;
- **age** = the year the enrolment started − the birth year, in the bands 16–29, 30–49, 50–64;
- **transitions**: for those who ended, the income source at start against the one at end, by
  group (own support, ill-health benefits, labour-market support, social assistance, other).

All figures come from one query over the year's enrolments, whatever the size of the register.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from finsam.money import as_percent, average_kronor, share_of
from funding.statements import costs_by_object
from initiatives.models import GrantAmount, Initiative
from members.models import Association
from participants.models import (
    END_GROUPS,
    INCOME_GROUPS,
    ArchivedStatistics,
    EndGroup,
    EndReason,
    Enrolment,
    Gender,
    IncomeGroup,
    Survey,
    group_of,
)

AGE_BANDS = [("16–29", 16, 29), ("30–49", 30, 49), ("50–64", 50, 64)]
OTHER_AGES = "övriga"
ZERO = Decimal(0)


def age_band(age: int) -> str:
    return next((label for label, low, high in AGE_BANDS if low <= age <= high), OTHER_AGES)


@dataclass
class Figures:
    """The statistics of one initiative, or of the association's total, for one year."""

    year: int
    initiative: Initiative | None
    participants: int = 0
    new: int = 0
    ended: int = 0
    by_reason: Counter = field(default_factory=Counter)
    by_gender: Counter = field(default_factory=Counter)
    by_age: Counter = field(default_factory=Counter)
    ended_by_gender: Counter = field(default_factory=Counter)
    transitions: Counter = field(default_factory=Counter)  # (group before, group after) -> count
    costs: Decimal | None = None
    cost_source: str = ""  # "ledger", "granted" or ""

    @property
    def by_group(self) -> Counter:
        groups = Counter()
        for reason, count in self.by_reason.items():
            groups[group_of(END_GROUPS, reason)] += count
        return groups

    # Each share is defined once, as an exact fraction (what a workbook writes with a percent
    # format); the share_* percentages that pages show are those fractions rounded half up.
    @property
    def fraction_ended(self) -> Decimal | None:
        return share_of(self.ended, self.participants)

    @property
    def fraction_work_or_studies(self) -> Decimal | None:
        return share_of(self.by_group[EndGroup.WORK_OR_STUDIES], self.ended)

    @property
    def fraction_ready(self) -> Decimal | None:
        return share_of(self.by_group[EndGroup.READY], self.ended)

    @property
    def fraction_self_support(self) -> Decimal | None:
        """Of those who ended, the share with wages or study funds at the end: some self-support."""
        reached = sum(
            count for (_before, after), count in self.transitions.items() if after == IncomeGroup.SELF_SUPPORT
        )
        return share_of(reached, self.ended)

    @property
    def share_ended(self) -> Decimal | None:
        return as_percent(self.fraction_ended)

    @property
    def share_work_or_studies(self) -> Decimal | None:
        return as_percent(self.fraction_work_or_studies)

    @property
    def share_ready(self) -> Decimal | None:
        return as_percent(self.fraction_ready)

    @property
    def share_self_support(self) -> Decimal | None:
        return as_percent(self.fraction_self_support)

    @property
    def cost_per_participant(self) -> Decimal | None:
        return average_kronor(self.costs, self.participants)

    @property
    def cost_per_ended(self) -> Decimal | None:
        return average_kronor(self.costs, self.ended)

    def to_json(self) -> dict:
        return {
            "participants": self.participants,
            "new": self.new,
            "ended": self.ended,
            "by_reason": dict(self.by_reason),
            "by_gender": dict(self.by_gender),
            "by_age": dict(self.by_age),
            "ended_by_gender": dict(self.ended_by_gender),
            "transitions": [[before, after, count] for (before, after), count in self.transitions.items()],
            "costs": None if self.costs is None else str(self.costs),
            "cost_source": self.cost_source,
        }

    @classmethod
    def from_json(cls, year: int, initiative, data: dict) -> "Figures":
        return cls(
            year=year,
            initiative=initiative,
            participants=data["participants"],
            new=data["new"],
            ended=data["ended"],
            by_reason=Counter(data["by_reason"]),
            by_gender=Counter(data["by_gender"]),
            by_age=Counter(data["by_age"]),
            ended_by_gender=Counter(data["ended_by_gender"]),
            transitions=Counter({(before, after): count for before, after, count in data["transitions"]}),
            costs=None if data["costs"] is None else Decimal(data["costs"]),
            cost_source=data["cost_source"],
        )


@dataclass
class YearStatistics:
    association: Association
    year: int
    total: Figures
    initiatives: list[Figures]


def _initiative_costs(
    association: Association, year: int, initiatives: list[Initiative]
) -> dict[int, tuple[Decimal, str]]:
    ledger = costs_by_object(association, [year]).get(year)
    granted = dict(
        GrantAmount.objects.filter(grant__initiative__in=initiatives, grant__granted=True, year=year)
        .values("grant__initiative")
        .annotate(total=Sum("amount"))
        .values_list("grant__initiative", "total")
    )
    costs = {}
    for initiative in initiatives:
        if ledger is not None and initiative.accounting_object:
            costs[initiative.pk] = (ledger.get(initiative.accounting_object, ZERO), "ledger")
        elif initiative.pk in granted:
            costs[initiative.pk] = (granted[initiative.pk], "granted")
    return costs


def year_statistics(
    association: Association, year: int, initiative: Initiative | None = None
) -> YearStatistics:
    """Every individual-oriented initiative's figures and the association's total, for a year."""
    return years_statistics(association, [year], initiative)[year]


def years_statistics(
    association: Association,
    years,
    initiative: Initiative | None = None,
    up_to: datetime.date | None = None,
) -> dict[int, YearStatistics]:
    """The statistics of several years from one pass over the enrolments that touch them.

    With `up_to` (an interim report's date) the register is read as it stood on that day:
    enrolments starting later are left out and endings after it count as still open.
    """
    years = sorted(set(years))
    first, last = datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)
    if up_to is not None:
        last = min(last, up_to)
    initiatives = Initiative.objects.filter(association=association, kind=Initiative.Kind.INDIVIDUAL)
    if initiative is not None:
        initiatives = initiatives.filter(pk=initiative.pk)
    initiatives = list(initiatives.order_by("name"))
    tallies = {year: _Tally(year, initiatives) for year in years}
    rows = (
        Enrolment.objects.filter(initiative__in=initiatives, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .values_list(
            "participant_id",
            "initiative_id",
            "start_date",
            "end_date",
            "end_reason",
            "income_before",
            "income_after",
            "participant__gender",
            "participant__birth_year",
        )
    )
    first_year, last_year = years[0], years[-1]
    for row in rows.iterator(chunk_size=20_000):
        end = row[3]
        if up_to is not None and end is not None and end > up_to:
            end = None
            row = (*row[:3], None, "", row[5], "", *row[7:])
        for year in range(max(row[2].year, first_year), min(end.year if end else last_year, last_year) + 1):
            tally = tallies.get(year)
            if tally is not None:
                tally.add(*row)
    archived = defaultdict(dict)
    for archive in ArchivedStatistics.objects.filter(association=association, year__in=years):
        archived[archive.year][archive.initiative_id] = archive
    return {
        year: tally.finish(association, _initiative_costs(association, year, initiatives), archived[year])
        for year, tally in tallies.items()
    }


AGE_BAND_OF = {age: age_band(age) for age in range(0, 130)}
INCOME_GROUP_OF = {code: group for group, codes in INCOME_GROUPS.items() for code in codes}


class _Tally:
    """Counting one year's enrolments, row by row, for each initiative and for the association."""

    def __init__(self, year: int, initiatives: list[Initiative]):
        self.year = year
        self.per_initiative = {item.pk: Figures(year, item) for item in initiatives}
        self.participants = {item.pk: set() for item in initiatives}
        self.new = {item.pk: set() for item in initiatives}
        self.person_info: dict[int, tuple[str, int, datetime.date]] = {}
        self.last_end: dict[tuple[int, int], tuple] = {}

    def add(self, participant, initiative_id, start, end, reason, before, after, gender, birth_year):
        year = self.year
        # A person has at most one enrolment at a time in an initiative but may have two in a
        # year, so persons are counted, not rows.
        people = self.participants[initiative_id]
        if participant not in people:
            people.add(participant)
            figures = self.per_initiative[initiative_id]
            figures.by_gender[gender] += 1
            figures.by_age[AGE_BAND_OF.get(start.year - birth_year, OTHER_AGES)] += 1
        if start.year == year:
            self.new[initiative_id].add(participant)
        if end is not None and end.year == year:
            key = (initiative_id, participant)
            known = self.last_end.get(key)
            if known is None or known[0] < end:
                self.last_end[key] = (end, reason, before, after, gender)
        info = self.person_info.get(participant)
        if info is None or start < info[2]:
            self.person_info[participant] = (gender, birth_year, start)

    def finish(self, association, costs: dict, archived: dict) -> YearStatistics:
        year, per_initiative = self.year, self.per_initiative
        for initiative_id, figures in per_initiative.items():
            figures.participants = len(self.participants[initiative_id])
            figures.new = len(self.new[initiative_id])
        total = Figures(year, None)
        total.participants = len(self.person_info)
        total.new = len(set().union(*self.new.values())) if self.new else 0
        for gender, birth_year, start in self.person_info.values():
            total.by_gender[gender] += 1
            total.by_age[AGE_BAND_OF.get(start.year - birth_year, OTHER_AGES)] += 1
        latest_per_person: dict[int, tuple] = {}
        for (initiative_id, participant), ending in self.last_end.items():
            _count_ending(per_initiative[initiative_id], ending)
            known = latest_per_person.get(participant)
            if known is None or known[0] < ending[0]:
                latest_per_person[participant] = ending
        for ending in latest_per_person.values():
            _count_ending(total, ending)
        total_costs, sources = ZERO, set()
        for initiative_id, figures in per_initiative.items():
            if initiative_id in costs:
                figures.costs, figures.cost_source = costs[initiative_id]
                if figures.participants:
                    total_costs += figures.costs
                    sources.add(figures.cost_source)
        if sources:
            total.costs = total_costs
            total.cost_source = sources.pop() if len(sources) == 1 else "mixed"
        # Purged years keep the figures that were reported.
        for initiative_id, archive in archived.items():
            if initiative_id is None:
                total = Figures.from_json(year, None, archive.figures)
            elif initiative_id in per_initiative:
                per_initiative[initiative_id] = Figures.from_json(
                    year, per_initiative[initiative_id].initiative, archive.figures
                )
        return YearStatistics(
            association=association,
            year=year,
            total=total,
            initiatives=[item for item in per_initiative.values() if item.participants or item.costs],
        )


def _count_ending(figures: Figures, ending: tuple) -> None:
    _end, reason, before, after, gender = ending
    figures.ended += 1
    figures.by_reason[reason] += 1
    figures.ended_by_gender[gender] += 1
    figures.transitions[(INCOME_GROUP_OF[before], INCOME_GROUP_OF[after])] += 1


def survey_results(association: Association, year: int, initiative: Initiative | None = None):
    surveys = Survey.objects.filter(initiative__association=association, year=year).select_related(
        "initiative"
    )
    return surveys.filter(initiative=initiative) if initiative else surveys


REASONS = list(EndReason)
GENDERS = list(Gender)
AGE_LABELS = [label for label, _low, _high in AGE_BANDS] + [OTHER_AGES]
INCOME_GROUP_LIST = list(IncomeGroup)
END_GROUP_LIST = list(EndGroup)
