"""Every write of the initiatives app. Granted amounts flow into the draft budgets from here."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funding import budgets, project_objects
from initiatives import selectors
from initiatives.models import (
    Application,
    ApplicationCost,
    Commitment,
    CostReport,
    FollowUp,
    Goal,
    GoalYearLock,
    Grant,
    GrantAmount,
    Initiative,
)
from members.models import Association, BoardMeeting, Decision, Membership, Role

Status = Initiative.Status


def _require_members(initiative: Initiative, organisations) -> None:
    members = set(
        Membership.objects.filter(association=initiative.association).values_list(
            "organisation_id", flat=True
        )
    )
    if initiative.owner_id not in members:
        raise ValidationError({"owner": _("The owner must be a member of the association.")})
    strangers = [str(organisation) for organisation in organisations if organisation.pk not in members]
    if strangers:
        raise ValidationError(
            {"co_parties": _("Not members of the association: %(names)s.") % {"names": ", ".join(strangers)}}
        )


def _require_leads(initiative: Initiative, leads) -> None:
    allowed = set(
        Role.objects.current()
        .filter(association=initiative.association, kind=Role.Kind.LEAD)
        .values_list("user_id", flat=True)
    )
    strangers = [str(user) for user in leads if user.pk not in allowed]
    if strangers:
        raise ValidationError(
            {
                "leads": _(
                    "Only users with the role initiative lead in the association can lead it: %(names)s."
                )
                % {"names": ", ".join(strangers)}
            }
        )


@transaction.atomic
def save_initiative(*, initiative: Initiative, co_parties=(), leads=()) -> Initiative:
    initiative.accounting_object = initiative.accounting_object.strip().upper()
    initiative.full_clean()
    _require_members(initiative, co_parties)
    _require_leads(initiative, leads)
    initiative.save()
    initiative.co_parties.set(co_parties)
    initiative.leads.set(leads)
    _tell_funding(initiative)
    return initiative


def _tell_funding(initiative: Initiative) -> None:
    """Funding keeps what it needs of an initiative in its own tables: give it the current facts.

    The cost split reads each project object's orientation, the budgets read the granted amounts;
    both change only here (an initiative saved, a grant decided or changed), so they are pushed now.
    """
    association = initiative.association
    project_objects.set_object_orientations(
        association=association, orientations=selectors.object_orientation(association)
    )
    budgets.set_initiative_line(
        association=association,
        source=selectors.budget_source(initiative),
        label=initiative.name,
        accounting_object=initiative.accounting_object,
        amounts=selectors.granted_by_year(initiative),
        decided_on=selectors.decided_on_by_year(initiative),
    )


@transaction.atomic
def change_status(*, initiative: Initiative, status: str, by_office: bool = True) -> Initiative:
    """Move an initiative on; the office may also correct a status back."""
    if status not in Initiative.Status.values:
        raise ValidationError(_("Unknown status."))
    if not by_office and status not in Initiative.NEXT[initiative.status]:
        raise ValidationError(
            _("The initiative cannot go from %(old)s to %(new)s.")
            % {"old": initiative.get_status_display(), "new": Initiative.Status(status).label}
        )
    initiative.status = status
    initiative.save(update_fields=["status"])
    return initiative


# --- Applications -------------------------------------------------------------------------------


@transaction.atomic
def save_application(
    *,
    application: Application,
    costs: dict[tuple[int, str], Decimal] | None = None,
    commitments: dict[int, str] | None = None,
    by_office: bool,
) -> Application:
    """Save an application with its costs (year, kind) and each party's commitment (organisation id)."""
    if application.pk and not by_office:
        stored = Application.objects.get(pk=application.pk)
        if stored.status == Application.Status.PREPARED:
            raise ValidationError(
                _("The office has prepared the application for the board; ask the office to change it.")
            )
    application.full_clean()
    if costs:
        outside = sorted({year for year, _kind in costs if year not in application.years})
        if outside:
            raise ValidationError(
                _("Costs are given for %(years)s, outside the application's years.")
                % {"years": ", ".join(map(str, outside))}
            )
    application.save()
    if costs is not None:
        application.costs.all().delete()
        ApplicationCost.objects.bulk_create(
            ApplicationCost(application=application, year=year, kind=kind, amount=amount)
            for (year, kind), amount in sorted(costs.items())
            if amount
        )
    if commitments is not None:
        application.commitments.all().delete()
        Commitment.objects.bulk_create(
            Commitment(application=application, organisation_id=organisation_id, text=text.strip())
            for organisation_id, text in commitments.items()
            if text.strip()
        )
    return application


@transaction.atomic
def submit_application(*, application: Application) -> Application:
    if application.status != Application.Status.DRAFT:
        raise ValidationError(_("The application has already been submitted."))
    missing = [
        str(Application._meta.get_field(name).verbose_name)
        for name in ("parties", "purpose", "goals", "plan", "follow_up_plan")
        if not getattr(application, name).strip()
    ]
    if missing:
        raise ValidationError(_("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)})
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save()
    return application


@transaction.atomic
def prepare_application(*, application: Application) -> Application:
    """The office has prepared the application for the board: the initiative is in preparation."""
    application.status = Application.Status.PREPARED
    application.prepared_at = timezone.now()
    application.save()
    initiative = application.initiative
    if initiative.status == Status.APPLICATION:
        change_status(initiative=initiative, status=Status.PREPARATION)
    return application


# --- Board meetings, decisions and grants -------------------------------------------------------------


@transaction.atomic
def save_meeting(*, meeting: BoardMeeting) -> BoardMeeting:
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def record_decision(
    *,
    decision: Decision,
    initiative: Initiative | None = None,
    granted: bool = True,
    conditions: str = "",
    amounts: dict[int, Decimal] | None = None,
) -> Decision:
    """Record a paragraph of the minutes and, if it concerns an initiative, the grant it makes.

    A granted initiative moves to granted (or stays running); a rejected one to rejected. The
    granted amounts flow into every draft budget; adopted budgets do not change.
    """
    # A decision is a paragraph of minutes: a meeting that has not been held has none yet.
    if decision.meeting.date > timezone.localdate():
        raise ValidationError(
            _("The meeting of %(date)s has not been held yet; record its decisions afterwards.")
            % {"date": decision.meeting.date.isoformat()}
        )
    decision.full_clean()
    decision.save()
    if initiative is None:
        return decision
    if initiative.association_id != decision.meeting.association_id:
        raise ValidationError(_("The initiative belongs to another association."))
    amounts = {year: amount for year, amount in (amounts or {}).items() if amount}
    if granted and not amounts:
        raise ValidationError({"amounts": _("Give the granted amount for at least one year.")})
    if any(amount < 0 for amount in amounts.values()):
        raise ValidationError({"amounts": _("Amounts cannot be negative.")})
    grant, _created = Grant.objects.update_or_create(
        decision=decision,
        initiative=initiative,
        defaults={"granted": granted, "conditions": conditions.strip()},
    )
    grant.amounts.all().delete()
    if granted:
        GrantAmount.objects.bulk_create(
            GrantAmount(grant=grant, year=year, amount=amount) for year, amount in amounts.items()
        )
        if initiative.status in (Status.APPLICATION, Status.PREPARATION, Status.REJECTED):
            change_status(initiative=initiative, status=Status.GRANTED)
    elif initiative.status in (Status.APPLICATION, Status.PREPARATION):
        change_status(initiative=initiative, status=Status.REJECTED)
    # The applications the board has decided on no longer wait for it.
    for application in initiative.applications.filter(
        status__in=[Application.Status.SUBMITTED, Application.Status.PREPARED]
    ):
        application.status = Application.Status.GRANTED if granted else Application.Status.REJECTED
        application.save(update_fields=["status"])  # saved one by one, so the history shows it
    _tell_funding(initiative)
    return decision


@transaction.atomic
def change_grant(*, grant: Grant, amounts: dict[int, Decimal], conditions: str) -> Grant:
    """Correct a grant's amounts (e.g. a later decision revises it); draft budgets follow."""
    if any(amount < 0 for amount in amounts.values()):
        raise ValidationError(_("Amounts cannot be negative."))
    grant.conditions = conditions.strip()
    grant.save()
    grant.amounts.all().delete()
    GrantAmount.objects.bulk_create(
        GrantAmount(grant=grant, year=year, amount=amount) for year, amount in amounts.items() if amount
    )
    _tell_funding(grant.initiative)
    return grant


# --- Goals, follow-up, costs ---------------------------------------------------------------------------


def _require_open_goal_year(association_id: int, year: int) -> None:
    if GoalYearLock.objects.filter(association_id=association_id, year=year).exists():
        raise ValidationError(
            _(
                "The goals of %(year)s are frozen: the annual report for %(year)s has been adopted, "
                "and the goals and outcomes it reports cannot change."
            )
            % {"year": year}
        )


@transaction.atomic
def freeze_goal_year(
    *, association: Association, year: int, reference: str = "", outcomes: dict | None = None
) -> None:
    """Called by the reporting app when the annual report for the year is adopted; a second call is calm.

    `outcomes` is {goal pk: outcome} of the measured goals as the adopted report states them; they
    are kept on the goals, so the initiative pages keep showing the adopted figure.
    """
    _lock, created = GoalYearLock.objects.get_or_create(
        association=association, year=year, defaults={"reference": reference}
    )
    if not created:
        return
    for pk, outcome in (outcomes or {}).items():
        if outcome is not None:
            Goal.objects.filter(pk=pk, association=association, year=year).update(frozen_outcome=outcome)


@transaction.atomic
def save_goal(*, goal: Goal) -> Goal:
    if goal.pk:
        stored = Goal.objects.filter(pk=goal.pk).values_list("association_id", "year").first()
        if stored:
            _require_open_goal_year(*stored)
    _require_open_goal_year(goal.association_id, goal.year)
    if goal.initiative and goal.initiative.association_id != goal.association_id:
        raise ValidationError(_("The initiative belongs to another association."))
    if goal.target is not None and not goal.unit:
        raise ValidationError({"unit": _("Say whether the target is a percentage or a number.")})
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def save_follow_up(*, follow_up: FollowUp, submit: bool = False) -> FollowUp:
    follow_up.full_clean()
    if submit:
        follow_up.submitted_at = timezone.now()
    follow_up.save()
    return follow_up


@transaction.atomic
def save_cost_reports(
    *, initiative: Initiative, year: int, rows: dict[str, tuple[Decimal, Decimal | None]]
) -> None:
    """The budget and outcome per cost kind for a year, as the lead reports them."""
    for kind, (budget, outcome) in rows.items():
        if budget < 0 or (outcome is not None and outcome < 0):
            raise ValidationError(_("Amounts cannot be negative."))
        CostReport.objects.update_or_create(
            initiative=initiative, year=year, kind=kind, defaults={"budget": budget, "outcome": outcome}
        )
