"""Every write of the members app: validation, the transaction, and nothing else.

Services never see the request; they raise ValidationError with Swedish messages,
keyed by field where a form can show them next to the field.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import (
    Association,
    BoardSeat,
    BoardTerm,
    GroupMember,
    Membership,
    Organisation,
    PopulationFigure,
    overlapping,
)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def save_association(*, association: Association) -> Association:
    return _save(association)


@transaction.atomic
def save_organisation(
    *, organisation: Organisation, population: int | None = None, population_date: datetime.date | None = None
) -> Organisation:
    """Save an organisation and, when given, its population at a reference date."""
    if (population is None) != (population_date is None):
        field = "population_date" if population_date is None else "population"
        raise ValidationError({field: _("Give both the population and its reference date.")})
    _save(organisation)
    if population is not None:
        PopulationFigure.objects.update_or_create(
            organisation=organisation, reference_date=population_date, defaults={"population": population}
        )
    return organisation


@transaction.atomic
def save_membership(*, membership: Membership) -> Membership:
    membership.full_clean()
    # Lock the organisation's memberships so two clerks cannot add overlapping periods at once.
    others = (
        Membership.objects.select_for_update()
        .filter(association=membership.association, organisation=membership.organisation)
        .exclude(pk=membership.pk)
    )
    if others.filter(overlapping(membership.start_date, membership.end_date)).exists():
        raise ValidationError(
            {"start_date": _("This organisation is already a member of the association during this period.")}
        )
    membership.save()
    return membership


def _require_member(association: Association, organisation: Organisation, first, last, field: str) -> None:
    memberships = Membership.objects.filter(association=association, organisation=organisation)
    if not memberships.filter(overlapping(first, last)).exists():
        raise ValidationError(
            {
                field: _("%(organisation)s is not a member of %(association)s during this period.")
                % {"organisation": organisation, "association": association}
            }
        )


@transaction.atomic
def save_board_seat(*, seat: BoardSeat) -> BoardSeat:
    seat.full_clean()
    if not Membership.objects.filter(association=seat.association, organisation=seat.appointed_by).exists():
        raise ValidationError(
            {"appointed_by": _("Only a member of the association can appoint a board seat.")}
        )
    seat.save()
    return seat


@transaction.atomic
def save_board_term(*, term: BoardTerm) -> BoardTerm:
    """Save a term; a seat has one holder at a time, so terms of a seat never overlap."""
    term.full_clean()
    # Lock the seat: two clerks saving terms of the same seat are serialised.
    seat = BoardSeat.objects.select_for_update().get(pk=term.seat_id)
    clash = (
        seat.terms.exclude(pk=term.pk)
        .filter(overlapping(term.start_date, term.end_date))
        .order_by("start_date")
        .first()
    )
    if clash:
        raise ValidationError(
            {
                "start_date": _(
                    "The term overlaps %(name)s's term on this seat (%(start)s – %(end)s). "
                    "End that term first."
                )
                % {"name": clash.person_name, "start": clash.start_date, "end": clash.end_date or "…"}
            }
        )
    _require_member(seat.association, seat.appointed_by, term.start_date, term.end_date, "start_date")
    if term.office:
        same_office = (
            BoardTerm.objects.filter(seat__association=seat.association, office=term.office)
            .exclude(pk=term.pk)
            .filter(overlapping(term.start_date, term.end_date))
            .first()
        )
        if same_office:
            raise ValidationError(
                {
                    "office": _("%(name)s already holds this office during the period.")
                    % {"name": same_office.person_name}
                }
            )
    term.save()
    return term


@transaction.atomic
def save_group_member(*, member: GroupMember) -> GroupMember:
    member.full_clean()
    _require_member(
        member.association, member.organisation, member.start_date, member.end_date, "organisation"
    )
    member.save()
    return member
