"""Small counts suppressed in everything shown outside the office.

Any count from 1 to 4 is shown as "<5" (primary suppression). In a group of counts whose total
is shown (women, men and other adding up to the participants), one hidden count could be worked
out from the total and the others, so the smallest other count above zero is hidden too
(secondary suppression). The initiatives' participants, newly enrolled and ended are such a
group beside the association's total (which adds up to their sum when no one is in two
initiatives), so the same rule applies across initiatives. Every figure derived from a hidden
count — a share, a cost per participant — is hidden as well. What is hidden by these secondary
rules is shown as ".." (as Statistics Sweden marks figures it does not publish), never as "<5",
which would be untrue of a count of 12.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from finsam.formatting import format_number
from participants.models import END_GROUPS, EndGroup, IncomeGroup
from participants.statistics import AGE_LABELS, GENDERS, Figures

HIDDEN = "<5"
WITHHELD = ".."
NOTE = gettext_lazy(
    "Counts from 1 to 4 are shown as <5. Figures from which they could be worked out, and shares and "
    "costs computed from them, are shown as .."
)


@dataclass(frozen=True)
class Shown:
    value: Any
    hidden: bool = False
    small: bool = False  # hidden because it is itself a count from 1 to 4
    fraction: Any = None  # a share's exact value (0.1225) beside the percentage shown (12.3)

    @property
    def mark(self) -> str:
        return HIDDEN if self.small else WITHHELD

    @property
    def number(self):
        """The value for a spreadsheet cell: a number, or the text "<5" or ".."."""
        return self.mark if self.hidden else self.value

    @property
    def fraction_number(self):
        """A share's spreadsheet cell: the exact fraction (with a percent format), or the mark."""
        return self.mark if self.hidden else self.fraction

    def __str__(self) -> str:
        """As a page or PDF shows it: counts in Swedish format (`4 305`), or the mark."""
        if self.hidden:
            return self.mark
        if isinstance(self.value, int):
            return format_number(self.value)
        return "" if self.value is None else str(self.value)


def _hide(count: int, suppress: bool) -> bool:
    return suppress and 1 <= count <= 4


def _count(value: int, suppress: bool, withheld: bool = False) -> Shown:
    small = _hide(value, suppress)
    return Shown(value, hidden=small or (withheld and value > 0), small=small)


def suppress_group(
    counts: dict, keys: Iterable, suppress: bool, total_hidden: bool = False
) -> dict[Any, Shown]:
    """Primary and secondary suppression of a group of counts that adds up to a shown total."""
    keys = list(keys)
    values = {key: counts.get(key, 0) for key in keys}
    if total_hidden:
        # Parts of a count from 1 to 4 are themselves from 1 to 4 (or 0).
        return {
            key: Shown(value, suppress and value > 0, suppress and value > 0) for key, value in values.items()
        }
    hidden = {key for key, value in values.items() if _hide(value, suppress)}
    if len(hidden) == 1:
        candidates = sorted(
            (value, position)
            for position, (key, value) in enumerate(values.items())
            if value > 0 and key not in hidden
        )
        if candidates:
            hidden.add(keys[candidates[0][1]])
    return {key: _count(value, suppress, withheld=key in hidden) for key, value in values.items()}


@dataclass
class Disclosed:
    """A Figures as it may be shown: to the office everything, to everyone else with suppression."""

    figures: Figures
    suppress: bool
    also_hide: frozenset = frozenset()  # counts hidden by secondary suppression across initiatives
    participants: Shown = field(init=False)
    new: Shown = field(init=False)
    ended: Shown = field(init=False)
    by_gender: dict = field(init=False)
    by_age: dict = field(init=False)
    by_group: dict = field(init=False)
    by_reason: dict = field(init=False)
    transitions: dict = field(init=False)
    share_ended: Shown = field(init=False)
    share_work_or_studies: Shown = field(init=False)
    share_ready: Shown = field(init=False)
    share_self_support: Shown = field(init=False)
    cost_per_participant: Shown = field(init=False)
    cost_per_ended: Shown = field(init=False)

    def __post_init__(self):
        figures, suppress = self.figures, self.suppress
        for name in COUNTS:
            setattr(self, name, _count(getattr(figures, name), suppress, withheld=name in self.also_hide))
        self.by_gender = suppress_group(
            figures.by_gender, [gender.value for gender in GENDERS], suppress, self.participants.hidden
        )
        self.by_age = suppress_group(figures.by_age, AGE_LABELS, suppress, self.participants.hidden)
        groups = figures.by_group
        self.by_group = suppress_group(groups, list(EndGroup.values), suppress, self.ended.hidden)
        self.by_reason = {}
        for group, reasons in END_GROUPS.items():
            self.by_reason.update(
                suppress_group(
                    figures.by_reason,
                    [reason.value for reason in reasons],
                    suppress,
                    self.by_group[group].hidden,
                )
            )
        cells = [(before, after) for before in IncomeGroup.values for after in IncomeGroup.values]
        self.transitions = suppress_group(figures.transitions, cells, suppress, self.ended.hidden)
        self.share_ended = Shown(
            figures.share_ended,
            self.ended.hidden or self.participants.hidden,
            fraction=figures.fraction_ended,
        )
        self.share_work_or_studies = Shown(
            figures.share_work_or_studies,
            self.ended.hidden or self.by_group[EndGroup.WORK_OR_STUDIES].hidden,
            fraction=figures.fraction_work_or_studies,
        )
        self.share_ready = Shown(
            figures.share_ready,
            self.ended.hidden or self.by_group[EndGroup.READY].hidden,
            fraction=figures.fraction_ready,
        )
        self_support = [cell for cell in cells if cell[1] == IncomeGroup.SELF_SUPPORT]
        self.share_self_support = Shown(
            figures.share_self_support,
            self.ended.hidden or any(self.transitions[cell].hidden for cell in self_support),
            fraction=figures.fraction_self_support,
        )
        self.cost_per_participant = Shown(figures.cost_per_participant, self.participants.hidden)
        self.cost_per_ended = Shown(figures.cost_per_ended, self.ended.hidden)

    @property
    def costs(self) -> Decimal | None:
        return self.figures.costs

    @property
    def cost_source(self) -> str:
        return self.figures.cost_source

    @property
    def initiative(self):
        return self.figures.initiative

    @property
    def year(self) -> int:
        return self.figures.year


COUNTS = ("participants", "new", "ended")


def disclose(figures: Figures, *, suppress: bool) -> Disclosed:
    return Disclosed(figures, suppress)


def disclose_initiatives(items: list[Figures], total: Disclosed, *, suppress: bool) -> list[Disclosed]:
    """The initiatives' figures beside the shown total, with secondary suppression across them."""
    shown = [disclose(figures, suppress=suppress) for figures in items]
    if not suppress:
        return shown
    extra: dict[int, set] = {index: set() for index in range(len(items))}
    for name in COUNTS:
        if getattr(total, name).hidden:
            continue
        counts = {index: getattr(figures, name) for index, figures in enumerate(items)}
        cells = suppress_group(counts, list(counts), suppress=True)
        for index, cell in cells.items():
            if cell.hidden and not getattr(shown[index], name).hidden:
                extra[index].add(name)
    return [
        Disclosed(items[index], suppress, frozenset(names)) if names else shown[index]
        for index, names in extra.items()
    ]


@dataclass
class DisclosedSurvey:
    """A survey result as it may be shown: coverage hidden with few respondents, agreement with few agreeing."""

    survey: Any
    coverage: Shown = field(init=False)
    agreeing: Shown = field(init=False)
    suppress: bool = True

    def __post_init__(self):
        survey = self.survey
        few_respondents = _hide(survey.respondents, self.suppress)
        self.coverage = Shown(survey.coverage_percent, few_respondents, few_respondents)
        few_agreeing = _hide(survey.agreeing, self.suppress)
        self.agreeing = Shown(survey.agreeing_percent, few_respondents or few_agreeing, few_agreeing)
