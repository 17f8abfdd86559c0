"""Reads that shape the members app's pages. Every query is scoped by the caller's access."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from finsam import formatting
from finsam.dashboard import Block, Todo, fill
from members.models import (
    Association,
    BoardSeat,
    BoardTerm,
    GroupMember,
    Membership,
    Organisation,
    PopulationFigure,
    Role,
    active_on,
    today,
)


@dataclass
class SeatRow:
    seat: BoardSeat
    term: BoardTerm | None


@dataclass
class Board:
    on: datetime.date
    ordinary: list[SeatRow] = field(default_factory=list)
    substitutes: list[SeatRow] = field(default_factory=list)

    @property
    def vacant(self) -> int:
        return sum(1 for row in self.ordinary + self.substitutes if row.term is None)

    @property
    def members(self) -> list[BoardTerm]:
        """The ledamöter (not substitutes) who sit on the date: they sign the annual report."""
        return [row.term for row in self.ordinary if row.term]


def board_on(association: Association, on: datetime.date | None = None) -> Board:
    """Every seat of the association with whoever held it on the date (None if vacant)."""
    on = on or today()
    holders = BoardTerm.objects.filter(active_on(on))
    seats = (
        BoardSeat.objects.filter(association=association)
        .select_related("appointed_by", "association")
        .prefetch_related(Prefetch("terms", queryset=holders, to_attr="holders"))
    )
    board = Board(on=on)
    for seat in seats:
        row = SeatRow(seat=seat, term=seat.holders[0] if seat.holders else None)
        (board.ordinary if seat.kind == BoardSeat.Kind.ORDINARY else board.substitutes).append(row)
    # The chair first, then the vice chair, as a board list is read.
    rank = {BoardTerm.Office.CHAIR: 0, BoardTerm.Office.VICE_CHAIR: 1}
    board.ordinary.sort(
        key=lambda row: (rank.get(row.term.office, 2) if row.term else 3, row.seat.appointed_by.name)
    )
    return board


def board_terms_during(association: Association, year: int) -> list[BoardTerm]:
    """Everyone who sat on the board at some time during the year, with their seat."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return list(
        BoardTerm.objects.filter(seat__association=association)
        .during(first, last)
        .select_related("seat__appointed_by")
        .order_by("seat__kind", "seat__appointed_by__name", "start_date")
    )


def member_organisations(association: Association):
    """The organisations that are or have been members of the association, by name (form choices)."""
    return Organisation.objects.filter(memberships__association=association).distinct().order_by("name")


def memberships_with_population(association: Association, on: datetime.date | None = None):
    """The association's current memberships, with each organisation's latest population."""
    on = on or today()
    memberships = list(
        Membership.objects.current(on)
        .filter(association=association)
        .select_related("organisation", "association")
    )
    latest = latest_population(org.organisation_id for org in memberships)
    for membership in memberships:
        membership.population_figure = latest.get(membership.organisation_id)
    return memberships


def latest_population(organisation_ids) -> dict[int, PopulationFigure]:
    """The most recent population figure per organisation, in one query."""
    figures = PopulationFigure.objects.filter(organisation_id__in=list(organisation_ids)).order_by(
        "organisation_id", "-reference_date"
    )
    latest: dict[int, PopulationFigure] = {}
    for figure in figures:
        latest.setdefault(figure.organisation_id, figure)
    return latest


@dataclass
class Overview:
    association: Association
    memberships: list[Membership]
    board: Board
    groups: list[GroupMember]

    @property
    def municipal_population(self) -> int:
        return sum(
            membership.population_figure.population
            for membership in self.memberships
            if membership.organisation.kind == Organisation.Kind.MUNICIPALITY and membership.population_figure
        )


def association_overview(association: Association) -> Overview:
    return Overview(
        association=association,
        memberships=memberships_with_population(association),
        board=board_on(association),
        groups=list(
            GroupMember.objects.current().filter(association=association).select_related("organisation")
        ),
    )


@dataclass
class HomeSection:
    """One association (or organisation) on the user's start page: what waits for the user there."""

    association: Association | None
    kinds: set[str]
    organisation: Organisation | None = None
    memberships: list[Membership] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def can_open_association(self) -> bool:
        """Office, board and auditors open the association's page; for a lead it is a 404."""
        return bool(self.kinds & set(Role.READERS))

    @property
    def kinds_display(self) -> list[str]:
        labels = dict(Role.Kind.choices)
        return [labels[kind] for kind in Role.Kind.values if kind in self.kinds]

    @property
    def is_reader(self) -> bool:
        return bool(self.kinds & set(Role.READERS))


def home_sections(user) -> list[HomeSection]:
    """The start page as a to-do list, one section per förbund and represented organisation.

    Every query reads all sections at once (the apps' providers too), so a regional kansli with
    roles in many förbund gets the same number of queries as an office of one.
    """
    roles = list(Role.objects.of(user).select_related("association", "organisation"))
    by_association: dict[int, HomeSection] = {}
    by_organisation: dict[int, HomeSection] = {}
    for role in roles:
        if role.association_id:
            section = by_association.setdefault(role.association_id, HomeSection(role.association, set()))
            section.kinds.add(role.kind)
        elif role.kind == Role.Kind.REPRESENTATIVE:
            by_organisation.setdefault(
                role.organisation_id,
                HomeSection(association=None, kinds={role.kind}, organisation=role.organisation),
            )
    memberships = (
        Membership.objects.filter(organisation__in=list(by_organisation))
        .select_related("association")
        .order_by("association__name", "-start_date")
    )
    for membership in memberships:
        by_organisation[membership.organisation_id].memberships.append(membership)
    sections = [
        *sorted(by_association.values(), key=lambda section: section.association.name),
        *sorted(by_organisation.values(), key=lambda section: section.organisation.name),
    ]
    fill(user, sections)
    return sections


ACTION_LABELS = {
    LogEntry.Action.CREATE: _("Created"),
    LogEntry.Action.UPDATE: _("Changed"),
    LogEntry.Action.DELETE: _("Deleted"),
    LogEntry.Action.ACCESS: _("Read"),
}


@dataclass
class HistoryRow:
    timestamp: datetime.datetime
    actor: object
    action: str
    changes: list[tuple[str, str, str]]
    created: bool = False


def history_of(instance, limit: int = 100) -> list[HistoryRow]:
    """The audit trail of one record, newest first: who, when, and each changed field."""
    model = type(instance)
    content_type = ContentType.objects.get_for_model(model)
    # Only the record's own fields: the log also lists reverse relations on creation.
    fields = {
        field.name: field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if not field.primary_key
    }
    entries = (
        LogEntry.objects.filter(content_type=content_type, object_pk=str(instance.pk))
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
    return [
        HistoryRow(
            timestamp=entry.timestamp,
            actor=entry.actor,
            action=ACTION_LABELS.get(entry.action, ""),
            changes=_changes(entry, fields),
            created=entry.action == LogEntry.Action.CREATE,
        )
        for entry in entries
    ]


def _changes(entry, fields) -> list[tuple[str, str, str]]:
    """(field label, before, after) for each changed field; many-to-many changes as the names added or removed."""
    display = entry.changes_display_dict
    rows = []
    for name, change in entry.changes_dict.items():
        field = fields.get(name)
        if field is None:
            continue
        label = str(field.verbose_name)
        if isinstance(change, dict):  # a many-to-many change: {"type", "operation", "objects"}
            objects = ", ".join(str(item) for item in change.get("objects", []))
            old, new = ("", objects) if change.get("operation") == "add" else (objects, "")
        else:
            shown = display.get(label, change)
            old, new = _display(field, change[0], shown[0]), _display(field, change[1], shown[1])
        if _blank(old) != _blank(new):
            rows.append((label, _blank(old), _blank(new)))
    return rows


# Amounts are DecimalField(max_digits=14, decimal_places=2) in every app (STYLE.md, Money).
MONEY_DIGITS = (14, 2)


def _display(field, raw, shown) -> str:
    """A logged value as the pages show it: `1 388 000 kr`, `222000-1818`, ISO dates, "ja"."""
    if _blank(raw) == "" or field.choices:
        return shown  # choices: the label that auditlog looked up
    kind = field.get_internal_type()
    try:
        if kind == "DecimalField":
            if field.name.endswith("_percent"):
                return formatting.format_percent(raw, 2)
            if (field.max_digits, field.decimal_places) == MONEY_DIGITS:
                return formatting.format_kronor(raw, 2)
            return formatting.format_number(raw, max(0, -Decimal(raw).normalize().as_tuple().exponent))
        if kind in ("IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "BigIntegerField"):
            return raw if field.name == "year" else formatting.format_number(raw)
        if kind == "DateField":
            return datetime.date.fromisoformat(raw[:10]).isoformat()
        if kind == "DateTimeField":
            moment = datetime.datetime.fromisoformat(raw)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return moment.strftime("%Y-%m-%d %H:%M")
        if kind == "BooleanField":
            return str(_("yes") if raw == "True" else _("no"))
    except (ValueError, ArithmeticError):
        return shown
    if field.name == "organisation_number":
        return formatting.format_organisation_number(raw)
    if field.name == "bankgiro":
        return formatting.format_bankgiro(raw)
    return shown


def _blank(value) -> str:
    return "" if value in (None, "None", "") else str(value)
