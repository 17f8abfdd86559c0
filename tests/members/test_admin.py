"""The Django admin: raw data for the office, read-only and limited to its own association."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_office_reads_own_memberships_in_the_admin(client, office_user, association, other_association):
    client.force_login(office_user)
    page = client.get(reverse("admin:members_membership_changelist")).content.decode()
    assert "Norrby kommun" in page and "Söderby kommun" not in page


def test_office_cannot_open_another_associations_record_in_the_admin(client, office_user, other_association):
    client.force_login(office_user)
    membership = other_association.memberships.first()
    response = client.get(reverse("admin:members_membership_change", args=[membership.pk]))
    assert response.status_code == 302  # the admin redirects a missing object to its index
    assert client.get(response["Location"], follow=True).status_code == 200
    assert "Söderby kommun" not in client.get(response["Location"], follow=True).content.decode()


def test_office_cannot_change_or_add_in_the_admin(client, office_user, association):
    client.force_login(office_user)
    assert client.get(reverse("admin:members_membership_add")).status_code == 403


@pytest.mark.parametrize("persona", ["board_member", "auditor", "member_representative", "stranger"])
def test_other_roles_have_no_admin(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response["Location"]
