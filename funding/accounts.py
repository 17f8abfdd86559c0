"""From accounts to report lines: the default mappings for the BAS and municipal (Kommin) charts.

Every account of an imported ledger maps to one report line (income per member category, cost
kinds, financial items, balance-sheet lines) and, for costs, an orientation (individual-oriented,
structural, office, board). The rules, in order:

1. the association's own mappings (AccountMapping rows), the longest matching prefix first;
2. for income accounts (class 3), keywords in the account's name: a förbund's ledger names its
   income by payer ("Erhållna statliga bidrag", "Bidrag Region Västernorrland"), which the
   account numbers of neither chart do;
3. the chart's default rules below, the longest matching prefix first.

An account that no rule maps is reported as unmapped on every page and document that uses the
ledger, and its amount is shown on an "unmapped" line, so totals always equal the ledger.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportLine(models.TextChoices):
    INCOME_STATE = "income_state", _("Contributions from the state (Försäkringskassan)")
    INCOME_REGION = "income_region", _("Contributions from the region")
    INCOME_MUNICIPALITIES = "income_municipalities", _("Contributions from the municipalities")
    INCOME_GRANTS = "income_grants", _("Other grants (ESF and others)")
    INCOME_OTHER = "income_other", _("Other operating income")
    COST_INITIATIVES = "cost_initiatives", _("Funded initiatives")
    COST_STAFF = "cost_staff", _("Staff costs")
    COST_BOARD = "cost_board", _("Board fees")
    COST_PREMISES = "cost_premises", _("Premises")
    COST_TRAVEL = "cost_travel", _("Travel and conferences")
    COST_SERVICES = "cost_services", _("Purchased services")
    COST_AUDIT = "cost_audit", _("Audit")
    COST_OTHER = "cost_other", _("Other operating costs")
    COST_DEPRECIATION = "cost_depreciation", _("Depreciation")
    FINANCIAL_INCOME = "financial_income", _("Financial income")
    FINANCIAL_COSTS = "financial_costs", _("Financial costs")
    ASSET_FIXED = "asset_fixed", _("Fixed assets")
    ASSET_RECEIVABLES = "asset_receivables", _("Receivables")
    ASSET_INVESTMENTS = "asset_investments", _("Short-term investments")
    ASSET_CASH = "asset_cash", _("Cash and bank")
    EQUITY = "equity", _("Equity")
    PROVISIONS = "provisions", _("Provisions")
    LIABILITY_LONG = "liability_long", _("Long-term liabilities")
    LIABILITY_CURRENT = "liability_current", _("Current liabilities")
    IGNORED = "ignored", _("Not reported (closing accounts)")


class CostKind(models.TextChoices):
    """What a cost is spent on, as an initiative's application and cost report give it."""

    WAGES = "wages", _("Wages")
    PREMISES = "premises", _("Premises")
    TRAVEL = "travel", _("Travel")
    SERVICES = "services", _("Bought services")
    COMPETENCE = "competence", _("Competence development")
    OTHER = "other", _("Other")


class Orientation(models.TextChoices):
    NONE = "", _("—")
    INDIVIDUAL = "individual", _("Individual-oriented initiatives")
    STRUCTURAL = "structural", _("Structural initiatives")
    OFFICE = "office", _("Administration: office")
    BOARD = "board", _("Administration: board")


INCOME_LINES = {
    ReportLine.INCOME_STATE,
    ReportLine.INCOME_REGION,
    ReportLine.INCOME_MUNICIPALITIES,
    ReportLine.INCOME_GRANTS,
    ReportLine.INCOME_OTHER,
}
MEMBER_INCOME_LINES = {ReportLine.INCOME_STATE, ReportLine.INCOME_REGION, ReportLine.INCOME_MUNICIPALITIES}
COST_LINES = {
    ReportLine.COST_INITIATIVES,
    ReportLine.COST_STAFF,
    ReportLine.COST_BOARD,
    ReportLine.COST_PREMISES,
    ReportLine.COST_TRAVEL,
    ReportLine.COST_SERVICES,
    ReportLine.COST_AUDIT,
    ReportLine.COST_OTHER,
}
ASSET_LINES = {
    ReportLine.ASSET_FIXED,
    ReportLine.ASSET_RECEIVABLES,
    ReportLine.ASSET_INVESTMENTS,
    ReportLine.ASSET_CASH,
}
LIABILITY_LINES = {ReportLine.PROVISIONS, ReportLine.LIABILITY_LONG, ReportLine.LIABILITY_CURRENT}
ADMINISTRATION = {Orientation.OFFICE, Orientation.BOARD}

# (prefix, line, orientation): the longest matching prefix wins.
# Classes 1 and 2 (the balance sheet) are the same in the BAS and the municipal chart.
BALANCE_RULES: list[tuple[str, str, str]] = [
    ("10", ReportLine.ASSET_FIXED, Orientation.NONE),
    ("11", ReportLine.ASSET_FIXED, Orientation.NONE),
    ("12", ReportLine.ASSET_FIXED, Orientation.NONE),
    ("13", ReportLine.ASSET_FIXED, Orientation.NONE),
    ("14", ReportLine.ASSET_RECEIVABLES, Orientation.NONE),
    ("15", ReportLine.ASSET_RECEIVABLES, Orientation.NONE),
    ("16", ReportLine.ASSET_RECEIVABLES, Orientation.NONE),
    ("17", ReportLine.ASSET_RECEIVABLES, Orientation.NONE),
    ("18", ReportLine.ASSET_INVESTMENTS, Orientation.NONE),
    ("19", ReportLine.ASSET_CASH, Orientation.NONE),
    ("20", ReportLine.EQUITY, Orientation.NONE),
    ("21", ReportLine.EQUITY, Orientation.NONE),
    ("22", ReportLine.PROVISIONS, Orientation.NONE),
    ("23", ReportLine.LIABILITY_LONG, Orientation.NONE),
    ("24", ReportLine.LIABILITY_CURRENT, Orientation.NONE),
    ("25", ReportLine.LIABILITY_CURRENT, Orientation.NONE),
    ("26", ReportLine.LIABILITY_CURRENT, Orientation.NONE),
    ("27", ReportLine.LIABILITY_CURRENT, Orientation.NONE),
    ("28", ReportLine.LIABILITY_CURRENT, Orientation.NONE),
    ("29", ReportLine.LIABILITY_CURRENT, Orientation.NONE),
]

BAS_RULES: list[tuple[str, str, str]] = [
    *BALANCE_RULES,
    ("3", ReportLine.INCOME_OTHER, Orientation.NONE),
    # A förbund buys no goods: class 4 is where the funded initiatives are booked.
    ("4", ReportLine.COST_INITIATIVES, Orientation.INDIVIDUAL),
    ("50", ReportLine.COST_PREMISES, Orientation.OFFICE),
    ("51", ReportLine.COST_PREMISES, Orientation.OFFICE),
    ("5", ReportLine.COST_OTHER, Orientation.OFFICE),
    ("58", ReportLine.COST_TRAVEL, Orientation.OFFICE),
    ("6", ReportLine.COST_OTHER, Orientation.OFFICE),
    ("642", ReportLine.COST_AUDIT, Orientation.OFFICE),
    ("65", ReportLine.COST_SERVICES, Orientation.OFFICE),
    ("657", ReportLine.COST_OTHER, Orientation.OFFICE),
    ("699", ReportLine.COST_SERVICES, Orientation.OFFICE),
    ("7", ReportLine.COST_STAFF, Orientation.OFFICE),
    ("724", ReportLine.COST_BOARD, Orientation.BOARD),
    ("77", ReportLine.COST_DEPRECIATION, Orientation.OFFICE),
    ("78", ReportLine.COST_DEPRECIATION, Orientation.OFFICE),
    ("79", ReportLine.COST_OTHER, Orientation.OFFICE),
    ("80", ReportLine.FINANCIAL_INCOME, Orientation.NONE),
    ("81", ReportLine.FINANCIAL_INCOME, Orientation.NONE),
    ("82", ReportLine.FINANCIAL_INCOME, Orientation.NONE),
    ("83", ReportLine.FINANCIAL_INCOME, Orientation.NONE),
    ("84", ReportLine.FINANCIAL_COSTS, Orientation.NONE),
    ("88", ReportLine.IGNORED, Orientation.NONE),
    ("89", ReportLine.IGNORED, Orientation.NONE),
]

# The municipal chart (Kommin): class 4 materials and services, with 45 "köp av
# huvudverksamhet" (purchase of main activity) as the funded initiatives; 5 staff;
# 6 premises and other; 7 other costs and depreciation; 84/85 financial items.
KOMMIN_RULES: list[tuple[str, str, str]] = [
    *BALANCE_RULES,
    ("3", ReportLine.INCOME_OTHER, Orientation.NONE),
    ("4", ReportLine.COST_SERVICES, Orientation.OFFICE),
    ("45", ReportLine.COST_INITIATIVES, Orientation.INDIVIDUAL),
    ("5", ReportLine.COST_STAFF, Orientation.OFFICE),
    ("6", ReportLine.COST_OTHER, Orientation.OFFICE),
    ("61", ReportLine.COST_PREMISES, Orientation.OFFICE),
    ("7", ReportLine.COST_OTHER, Orientation.OFFICE),
    ("71", ReportLine.COST_TRAVEL, Orientation.OFFICE),
    ("78", ReportLine.COST_DEPRECIATION, Orientation.OFFICE),
    ("80", ReportLine.INCOME_OTHER, Orientation.NONE),
    ("81", ReportLine.INCOME_OTHER, Orientation.NONE),
    ("82", ReportLine.INCOME_OTHER, Orientation.NONE),
    ("83", ReportLine.INCOME_OTHER, Orientation.NONE),
    ("84", ReportLine.FINANCIAL_INCOME, Orientation.NONE),
    ("85", ReportLine.FINANCIAL_COSTS, Orientation.NONE),
    ("88", ReportLine.IGNORED, Orientation.NONE),
    ("89", ReportLine.IGNORED, Orientation.NONE),
]

CHART_RULES = {"bas": BAS_RULES, "kommin": KOMMIN_RULES}

# The cost kind of a cost account, when the association's mapping does not give one: its name
# first ("Löner", "Lokalhyra"), then its report line. "Funded initiatives" says nothing of what the
# money was spent on, so an account mapped only to that line has no cost kind ("").
COST_KIND_KEYWORDS: list[tuple[re.Pattern, str]] = [
    # The most specific first: "Utbildning personal" is training, "Konsultarvoden" bought services.
    (re.compile(r"utbildning|kurs|kompetens|konferensavgift", re.IGNORECASE), "competence"),
    (re.compile(r"konsult|köpta tjänster|köp av tjänst|tjänster", re.IGNORECASE), "services"),
    (re.compile(r"lokal|hyra|el och värme|städ", re.IGNORECASE), "premises"),
    (re.compile(r"resa|resor|logi|traktamente", re.IGNORECASE), "travel"),
    (re.compile(r"lön|arvode|sociala avgifter|arbetsgivaravgift|pension|personal", re.IGNORECASE), "wages"),
]
COST_KIND_BY_LINE = {
    ReportLine.COST_STAFF: "wages",
    ReportLine.COST_BOARD: "wages",
    ReportLine.COST_PREMISES: "premises",
    ReportLine.COST_TRAVEL: "travel",
    ReportLine.COST_SERVICES: "services",
    ReportLine.COST_AUDIT: "services",
    ReportLine.COST_OTHER: "other",
    ReportLine.COST_DEPRECIATION: "other",
}


def default_cost_kind(number: str, name: str, line: str) -> str:
    """A cost account's kind by its name, its BAS group (76: staff training) or its line; "" if none."""
    if line not in COST_KIND_BY_LINE and line != ReportLine.COST_INITIATIVES:
        return ""
    if number.startswith("76"):
        return "competence"
    for pattern, kind in COST_KIND_KEYWORDS:
        if pattern.search(name or ""):
            return kind
    return COST_KIND_BY_LINE.get(line, "")


# Income accounts named after the payer. Checked in this order; the first match wins.
INCOME_KEYWORDS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"stat|försäkringskass", re.IGNORECASE), ReportLine.INCOME_STATE),
    (re.compile(r"landsting|region", re.IGNORECASE), ReportLine.INCOME_REGION),
    (re.compile(r"kommun", re.IGNORECASE), ReportLine.INCOME_MUNICIPALITIES),
    (
        re.compile(
            r"\besf\b|socialfond|\beu\b|tillväxtverket|mucf|övriga bidrag|projektbidrag", re.IGNORECASE
        ),
        ReportLine.INCOME_GRANTS,
    ),
]


def chart_of(kptyp: str | None) -> str:
    """The chart family of an SIE file's #KPTYP: "kommin" for the municipal chart, else "bas"."""
    kind = (kptyp or "").upper()
    return "kommin" if kind.startswith(("KOMMIN", "KOMMUN")) else "bas"


SOURCES = {
    "association": _("The association's own mapping"),
    "name": _("The account's name"),
    "chart": _("The chart's default"),
}


@dataclass(frozen=True)
class Mapping:
    line: str
    orientation: str
    source: str  # "association", "name" or "chart": where the mapping came from
    cost_kind: str = ""  # CostKind for a cost account; "" when neither the mapping nor the account says

    @property
    def cost_kind_label(self) -> str:
        return CostKind(self.cost_kind).label if self.cost_kind else ""

    @property
    def line_label(self) -> str:
        return ReportLine(self.line).label

    @property
    def orientation_label(self) -> str:
        return Orientation(self.orientation).label

    @property
    def source_label(self) -> str:
        return SOURCES[self.source]


def _longest(rules, number: str):
    best = None
    for rule in rules:
        if number.startswith(rule[0]) and (best is None or len(rule[0]) > len(best[0])):
            best = rule
    return best


def resolve(number: str, name: str, chart: str, overrides: list[tuple[str, ...]]) -> Mapping | None:
    """The report line, orientation and cost kind of an account, or None when no rule maps it.

    An override is (prefix, line, orientation) or (prefix, line, orientation, cost kind); an
    empty cost kind falls back to the account's name and line (default_cost_kind).
    """
    own = _longest(overrides, number)
    if own:
        cost_kind = (own[3] if len(own) > 3 else "") or default_cost_kind(number, name, own[1])
        return Mapping(own[1], own[2], "association", cost_kind)
    if number.startswith("3"):
        for pattern, line in INCOME_KEYWORDS:
            if pattern.search(name or ""):
                return Mapping(line, Orientation.NONE, "name")
    default = _longest(CHART_RULES.get(chart, BAS_RULES), number)
    if default:
        return Mapping(default[1], default[2], "chart", default_cost_kind(number, name, default[1]))
    return None
