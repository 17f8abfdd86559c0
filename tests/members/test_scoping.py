"""Every page is scoped to the user's roles: outside the scope a URL is a 404, guessed ids too."""

import pytest
from django.urls import reverse

from members.models import GroupMember
from tests.factories import GroupMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(association, other_association, board_seat, municipality):
    """Objects of both associations, addressed as a user would guess them."""
    GroupMemberFactory(association=association, organisation=municipality)
    GroupMemberFactory(
        association=other_association, organisation=other_association.memberships.first().organisation
    )
    return {
        "own": {
            "slug": association.slug,
            "membership": association.memberships.first().pk,
            "seat": board_seat.pk,
            "term": board_seat.terms.first().pk,
            "group_member": GroupMember.objects.get(association=association).pk,
            "organisation": municipality.pk,
        },
        "other": {
            "slug": other_association.slug,
            "membership": other_association.memberships.first().pk,
            "seat": other_association.board_seats.first().pk,
            "term": other_association.board_seats.first().terms.first().pk,
            "group_member": GroupMember.objects.get(association=other_association).pk,
            "organisation": other_association.memberships.first().organisation_id,
        },
    }


READ_URLS = [
    ("members:association_detail", []),
    ("members:membership_list", []),
    ("members:membership_detail", ["membership"]),
    ("members:board", []),
    ("members:seat_detail", ["seat"]),
    ("members:group_list", []),
]
WRITE_URLS = [
    ("members:association_edit", []),
    ("members:membership_create", []),
    ("members:membership_edit", ["membership"]),
    ("members:seat_create", []),
    ("members:term_create", ["seat"]),
    ("members:term_edit", ["term"]),
    ("members:group_member_create", []),
    ("members:group_member_edit", ["group_member"]),
]


def url(name, ids, scope):
    return reverse(name, args=[scope["slug"], *[scope[key] for key in ids]])


def statuses(client, user, urls, scope):
    client.force_login(user)
    return {name: client.get(url(name, ids, scope)).status_code for name, ids in urls}


@pytest.mark.parametrize("persona", ["office_user", "board_member", "auditor"])
def test_readers_see_their_associations_pages(client, world, persona, request):
    assert set(statuses(client, request.getfixturevalue(persona), READ_URLS, world["own"]).values()) == {200}


def test_only_the_office_reaches_the_forms(client, world, office_user, board_member, auditor):
    assert set(statuses(client, office_user, WRITE_URLS, world["own"]).values()) == {200}
    for user in (board_member, auditor):
        assert set(statuses(client, user, WRITE_URLS, world["own"]).values()) == {404}


@pytest.mark.parametrize("persona", ["member_representative", "lead", "stranger"])
def test_roles_without_board_rights_get_404_on_association_pages(client, world, persona, request):
    user = request.getfixturevalue(persona)
    assert set(statuses(client, user, READ_URLS + WRITE_URLS, world["own"]).values()) == {404}


def test_office_of_another_association_gets_404_everywhere(client, world, outsider):
    assert set(statuses(client, outsider, READ_URLS + WRITE_URLS, world["own"]).values()) == {404}


def test_guessed_ids_of_another_association_under_own_slug_give_404(client, world, office_user):
    """/forbund/norr/medlemmar/<an id from syd>/ must not show syd's membership."""
    guessed = {**world["other"], "slug": world["own"]["slug"]}
    urls = [(name, ids) for name, ids in READ_URLS + WRITE_URLS if ids]
    assert set(statuses(client, office_user, urls, guessed).values()) == {404}


def test_a_guessed_post_changes_nothing_in_another_association(client, world, office_user, other_association):
    client.force_login(office_user)
    membership = other_association.memberships.first()
    response = client.post(
        reverse("members:membership_edit", args=[other_association.slug, membership.pk]),
        {"start_date": "2001-01-01"},
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert str(membership.start_date) == "2005-07-01"


def test_organisation_pages_are_limited_to_own_members(client, world, office_user, outsider):
    client.force_login(office_user)
    own = reverse("members:organisation_detail", args=[world["own"]["organisation"]])
    other = reverse("members:organisation_detail", args=[world["other"]["organisation"]])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    assert (
        client.get(reverse("members:organisation_edit", args=[world["other"]["organisation"]])).status_code
        == 404
    )
    listing = client.get(reverse("members:organisation_list")).content.decode()
    assert "Norrby kommun" in listing and "Söderby kommun" not in listing


@pytest.mark.parametrize("persona", ["board_member", "auditor", "member_representative", "lead", "stranger"])
def test_organisation_register_is_for_the_office(client, world, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("members:organisation_list")).status_code == 404
    assert client.get(reverse("members:organisation_create")).status_code == 404


def test_anonymous_users_are_sent_to_login(client, world):
    response = client.get(url("members:association_detail", [], world["own"]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
