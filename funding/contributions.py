"""The contribution rules: from the state's decided amount to every member's share.

Pure calculation on plain data, so that the page can show it step by step and the tests can
check it with the seeds' figures. The rule, as the Act and the members' agreements give it:

1. The state pays half: the decided amount itself, invoiced to Försäkringskassan, which pays
   for Försäkringskassan and Arbetsförmedlingen together.
2. The other half is split in two equal quarters, in whole kronor: the region's and the
   municipalities'. If the state's amount is an odd number of kronor, the odd krona goes to
   the region.
3. The municipalities' quarter is split between them by population at a stated reference
   date, or by percentages agreed in the förbund's agreement, in whole units of the chosen
   rounding unit (1, 100 or 1 000 kronor) by the largest-remainder method
   (`finsam.money.allocate`), so the parts always add up to the quarter exactly.
4. Several regions (rare) split the region's quarter by population in the same way.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from finsam.money import ONE_KRONA, allocate

HUNDRED = Decimal(100)


class ContributionRuleError(Exception):
    """The members or their figures do not allow the rule to be applied; messages are Swedish."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Member:
    """What the rule needs to know of a member organisation."""

    organisation_id: int
    name: str
    kind: str  # members.Organisation.Kind value
    population: int | None = None
    population_date: datetime.date | None = None
    agreed_percent: Decimal | None = None


@dataclass
class ShareLine:
    member: Member
    category: str  # ContributionShare.Category value
    weight: Decimal
    category_percent: Decimal
    exact: Decimal
    amount: Decimal


@dataclass
class Calculation:
    state_amount: Decimal
    total: Decimal
    region_quarter: Decimal
    municipal_quarter: Decimal
    method: str
    unit: Decimal
    population_date: datetime.date | None
    lines: list[ShareLine] = field(default_factory=list)

    @property
    def municipal_lines(self) -> list[ShareLine]:
        return [line for line in self.lines if line.category == "municipality"]

    @property
    def municipal_weight_total(self) -> Decimal:
        return sum((line.weight for line in self.municipal_lines), Decimal(0))

    @property
    def sum_of_shares(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def _split(amount: Decimal, members: list[Member], weights: list[Decimal], unit: Decimal, category: str):
    total_weight = sum(weights, Decimal(0))
    parts = allocate(amount, weights, unit=unit)
    return [
        ShareLine(
            member=member,
            category=category,
            weight=weight,
            category_percent=weight * HUNDRED / total_weight,
            exact=amount * weight / total_weight,
            amount=part,
        )
        for member, weight, part in zip(members, weights, parts, strict=True)
    ]


def calculate(
    *,
    state_amount: Decimal,
    members: list[Member],
    method: str,
    unit: Decimal = ONE_KRONA,
    population_date: datetime.date | None = None,
) -> Calculation:
    """Every member's share of a contribution; raises ContributionRuleError with every problem."""
    problems: list[str] = []
    by_kind: dict[str, list[Member]] = {}
    for member in sorted(members, key=lambda member: member.name):
        by_kind.setdefault(member.kind, []).append(member)
    state_payers = by_kind.get("social_insurance", [])
    regions = by_kind.get("region", [])
    municipalities = by_kind.get("municipality", [])
    if len(state_payers) != 1:
        problems.append(_("Försäkringskassan must be a member during the year: it pays the state's half."))
    if not regions:
        problems.append(_("No region is a member during the year."))
    if not municipalities:
        problems.append(_("No municipality is a member during the year."))

    if method == "agreed":
        missing = [member.name for member in municipalities if member.agreed_percent is None]
        if missing:
            problems.append(
                _("An agreed percentage is missing for: %(names)s. Enter it on each membership.")
                % {"names": ", ".join(missing)}
            )
        else:
            total_percent = sum((member.agreed_percent for member in municipalities), Decimal(0))
            if municipalities and total_percent != HUNDRED:
                problems.append(
                    _("The agreed percentages add up to %(total)s %%, not 100 %%.")
                    % {"total": f"{total_percent.normalize():f}".replace(".", ",")}
                )
        weights = [member.agreed_percent or Decimal(0) for member in municipalities]
    else:
        missing = [
            member.name
            for member in municipalities + (regions if len(regions) > 1 else [])
            if member.population is None or member.population_date != population_date
        ]
        if population_date is None:
            problems.append(_("Give the reference date of the population figures."))
        elif missing:
            problems.append(
                _("There is no population figure at %(date)s for: %(names)s.")
                % {"date": population_date.isoformat(), "names": ", ".join(missing)}
            )
        weights = [Decimal(member.population or 0) for member in municipalities]
    if problems:
        raise ContributionRuleError(problems)

    region_quarter, municipal_quarter = allocate(state_amount, [Decimal(1), Decimal(1)])
    calculation = Calculation(
        state_amount=state_amount,
        total=state_amount * 2,
        region_quarter=region_quarter,
        municipal_quarter=municipal_quarter,
        method=method,
        unit=unit,
        population_date=population_date if method != "agreed" else None,
    )
    calculation.lines.append(
        ShareLine(state_payers[0], "state", HUNDRED, HUNDRED, state_amount, state_amount)
    )
    for member in by_kind.get("employment_service", []):
        calculation.lines.append(ShareLine(member, "none", Decimal(0), Decimal(0), Decimal(0), Decimal(0)))
    region_weights = [Decimal(member.population or 1) for member in regions]
    calculation.lines += _split(region_quarter, regions, region_weights, ONE_KRONA, "region")
    calculation.lines += _split(municipal_quarter, municipalities, weights, unit, "municipality")
    return calculation
