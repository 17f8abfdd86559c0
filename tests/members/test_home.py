"""The start page shows each role its own scope: a to-do list per förbund (tests/*/test_start_page_todos.py)."""

import pytest
from django.urls import reverse

from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_office_sees_its_forbund_and_a_link_to_members_board_and_key_facts(
    client, office_user, association, board_seat
):
    page = home(client, office_user)
    assert association.name in page
    assert "Förbundets medlemmar, styrelse och nyckeltal" in page
    assert reverse("members:association_detail", args=[association.slug]) in page
    assert "Samordningsförbundet Syd" not in page


def test_a_shared_office_sees_both_of_its_associations(client, office_user, association, other_association):
    RoleFactory(user=office_user, kind="office", association=other_association)
    page = home(client, office_user)
    assert association.name in page and other_association.name in page


def test_member_representative_sees_their_organisations_memberships(
    client, member_representative, association, other_association
):
    page = home(client, member_representative)
    assert "Norrby kommun" in page
    assert association.name in page
    assert other_association.name not in page
    assert "Nordlig Ordförande" not in page


def test_board_member_with_nothing_shared_is_told_so(client, board_member, association, board_seat):
    page = home(client, board_member)
    assert association.name in page and "Inget väntar på dig här." in page


def test_a_user_without_roles_is_told_how_to_get_access(client, stranger, association):
    page = home(client, stranger)
    assert association.name not in page
    assert "Du har ännu ingen roll" in page


def test_the_menu_follows_the_role(client, office_user, board_member, association):
    client.force_login(office_user)
    page = client.get(reverse("members:association_detail", args=[association.slug])).content.decode()
    assert reverse("members:organisation_list") in page and reverse("admin:index") in page
    client.force_login(board_member)
    page = client.get(reverse("members:association_detail", args=[association.slug])).content.decode()
    assert reverse("members:organisation_list") not in page and reverse("admin:index") not in page
    assert reverse("members:board", args=[association.slug]) in page
