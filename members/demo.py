"""Load the members app's part of the demo (fixtures/demo/members.toml) through the services.

Idempotent: an association, organisation or user that exists already is left as it is.
"""

import itertools

from django.db import transaction

from members import second_factor, services
from members.models import (
    Association,
    BoardSeat,
    BoardTerm,
    GroupMember,
    Membership,
    Organisation,
    Role,
    User,
)

FIRST_NAMES = [
    "Anna",
    "Bertil",
    "Cecilia",
    "David",
    "Eva",
    "Fredrik",
    "Gunilla",
    "Hans",
    "Ingela",
    "Johan",
    "Karin",
    "Lars",
    "Maria",
    "Nils",
    "Olivia",
    "Per",
    "Rut",
    "Sven",
    "Therese",
    "Ulf",
    "Vera",
    "Åke",
]
LAST_NAMES = [
    "Andersson",
    "Berg",
    "Carlsson",
    "Dahl",
    "Ek",
    "Forsberg",
    "Gustafsson",
    "Holm",
    "Isaksson",
    "Jansson",
    "Karlsson",
    "Lind",
    "Månsson",
    "Nyberg",
    "Olsson",
    "Persson",
    "Sandberg",
    "Törnqvist",
]


def placeholder_names():
    """Neutral invented names: never the real people named in the seed documents."""
    for index in itertools.count():
        yield f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"


@transaction.atomic
def load(data: dict) -> dict[str, object]:
    organisations = {}
    for row in data["organisations"]:
        organisation = Organisation.objects.filter(organisation_number=row["organisation_number"]).first()
        if organisation is None:
            organisation = services.save_organisation(
                organisation=Organisation(
                    name=row["name"],
                    organisation_number=row["organisation_number"],
                    kind=row["kind"],
                    street_address=row.get("street_address", ""),
                    postal_code=row.get("postal_code", ""),
                    city=row.get("city", ""),
                ),
                population=row.get("population"),
                population_date=row.get("population_date"),
            )
        organisations[row["organisation_number"]] = organisation

    names = placeholder_names()
    for row in data["associations"]:
        if Association.objects.filter(slug=row["slug"]).exists():
            continue
        fields = {
            key: value for key, value in row.items() if key in {f.name for f in Association._meta.fields}
        }
        association = services.save_association(association=Association(**fields))
        members = [organisations[number] for number in row["members"]]
        for organisation in members:
            services.save_membership(
                membership=Membership(
                    association=association,
                    organisation=organisation,
                    start_date=row["members_from"],
                    buyer_reference=row.get("buyer_references", {}).get(organisation.organisation_number, ""),
                )
            )
        _load_board(association, members, row, organisations, names)
        for group in row.get("groups", []):
            services.save_group_member(
                member=GroupMember(
                    association=association,
                    group=group["group"],
                    organisation=organisations[group["organisation"]],
                    person_name=next(names),
                    title=group["title"],
                    start_date=row["board_periods"][-1][0],
                )
            )

    users = {}
    for row in data["users"]:
        user, created = User.objects.get_or_create(
            username=row["username"],
            defaults={
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "email": f"{row['username']}@demo.example",
            },
        )
        if created:
            user.set_password(data["password"])
            user.save()
        for role in row["roles"]:
            Role.objects.get_or_create(
                user=user,
                kind=role["kind"],
                association=Association.objects.filter(slug=role.get("association")).first(),
                organisation=organisations.get(role.get("organisation")),
                defaults={"title": role.get("title", ""), "valid_from": "2020-01-01"},
            )
        if second_factor.requires_second_factor(user):
            second_factor.give_demo_authenticator(user=user, key=data["second_factor_key"])
        users[row["username"]] = user
    return {"organisations": organisations, "users": users, "password": data["password"]}


def _load_board(association, members, row, organisations, names) -> None:
    offices = {row["chair"]: BoardTerm.Office.CHAIR, row["vice_chair"]: BoardTerm.Office.VICE_CHAIR}
    for organisation in members:
        for kind in (BoardSeat.Kind.ORDINARY, BoardSeat.Kind.SUBSTITUTE):
            seat = services.save_board_seat(
                seat=BoardSeat(association=association, appointed_by=organisation, kind=kind)
            )
            for start, end in row["board_periods"]:
                office = (
                    offices.get(organisation.organisation_number, "")
                    if kind == BoardSeat.Kind.ORDINARY
                    else ""
                )
                services.save_board_term(
                    term=BoardTerm(
                        seat=seat, person_name=next(names), office=office, start_date=start, end_date=end
                    )
                )
