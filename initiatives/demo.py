"""Load the initiatives app's part of the demo (fixtures/demo/initiatives.toml) through the services."""

from decimal import Decimal

from django.db import transaction

from initiatives import services
from initiatives.models import Application, FollowUp, Goal, Initiative
from members.models import Association, BoardMeeting, Decision, Organisation, User


def _amount(value) -> Decimal | None:
    return None if value in ("", None) else Decimal(value)


@transaction.atomic
def load(data: dict) -> None:
    associations = {association.slug: association for association in Association.objects.all()}
    organisations = {
        organisation.organisation_number: organisation for organisation in Organisation.objects.all()
    }
    if Initiative.objects.exists():
        return
    initiatives = {}
    for row in data["initiatives"]:
        association = associations[row["association"]]
        initiative = services.save_initiative(
            initiative=Initiative(
                association=association,
                code=row["code"],
                name=row["name"],
                accounting_object=row.get("accounting_object", ""),
                kind=row["kind"],
                status=row["status"],
                owner=organisations[row["owner"]],
                start_date=row.get("start_date"),
                end_date=row.get("end_date"),
                target_group=row.get("target_group", ""),
                planned_participants=row.get("planned_participants"),
                description=row.get("description", ""),
            ),
            co_parties=[organisations[number] for number in row.get("co_parties", [])],
            leads=list(User.objects.filter(username__in=row.get("leads", []))),
        )
        initiatives[(row["association"], row["code"])] = initiative
    _meetings(data["meetings"], associations, initiatives)
    for group in data["goals"]:
        association = associations[group["association"]]
        for position, (
            code,
            text,
            measure,
            direction,
            target,
            unit,
            source,
            outcome,
            note,
            assessment,
        ) in enumerate(group["goals"], start=1):
            services.save_goal(
                goal=Goal(
                    association=association,
                    initiative=initiatives.get((group["association"], code)),
                    year=group["year"],
                    text=text,
                    measure=measure,
                    direction=direction,
                    target=_amount(target),
                    unit=unit,
                    source=source,
                    outcome=_amount(outcome),
                    outcome_note=note,
                    assessment=assessment,
                    position=position,
                )
            )
    for row in data["applications"]:
        initiative = initiatives[(row["association"], row["initiative"])]
        application = services.save_application(
            application=Application(
                initiative=initiative,
                first_year=row["first_year"],
                last_year=row["last_year"],
                **{
                    name: row[name]
                    for name in ("parties", "purpose", "goals", "plan", "expected_effects", "follow_up_plan")
                },
            ),
            costs={
                (int(year), kind): Decimal(amount)
                for year, kinds in row["costs"].items()
                for kind, amount in kinds.items()
            },
            commitments={organisations[number].pk: text for number, text in row["commitments"].items()},
            by_office=True,
        )
        services.submit_application(application=application)
        if row["status"] == "prepared":
            status = initiative.status
            services.prepare_application(application=application)
            services.change_status(initiative=initiative, status=status)
    for row in data["follow_ups"]:
        initiative = initiatives[(row["association"], row["initiative"])]
        follow_up = FollowUp(initiative=initiative, year=row["year"])
        for name, answer in zip(FollowUp.QUESTIONS, row["answers"], strict=True):
            setattr(follow_up, name, answer)
        services.save_follow_up(follow_up=follow_up, submit=row.get("submitted", False))


def _meetings(rows, associations, initiatives) -> None:
    for row in rows:
        association = associations[row["association"]]
        meeting = services.save_meeting(meeting=BoardMeeting(association=association, date=row["date"]))
        for item in row["decisions"]:
            decision = Decision(
                meeting=meeting, paragraph=item["paragraph"], title=item["title"], text=item["text"]
            )
            if not item["grants"]:
                services.record_decision(decision=decision)
            for code, amounts, conditions in item["grants"]:
                initiative = initiatives[(row["association"], code)]
                status = initiative.status
                services.record_decision(
                    decision=decision,
                    initiative=initiative,
                    conditions=conditions,
                    amounts={int(year): Decimal(amount) for year, amount in amounts.items()},
                )
                # The demo's statuses are today's; a grant recorded after the fact must not move them back.
                services.change_status(initiative=initiative, status=status)


@transaction.atomic
def load_later(data: dict) -> None:
    """Decisions taken after the demo's budgets were adopted: they must not be in those budgets."""
    rows = data.get("later_meetings", [])
    if (
        not rows
        or BoardMeeting.objects.filter(
            association__slug=rows[0]["association"], date=rows[0]["date"]
        ).exists()
    ):
        return
    associations = {association.slug: association for association in Association.objects.all()}
    initiatives = {
        (initiative.association.slug, initiative.code): initiative
        for initiative in Initiative.objects.select_related("association")
    }
    _meetings(rows, associations, initiatives)
