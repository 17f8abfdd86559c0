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


def _view_on_site(record):
    from django.contrib.contenttypes.models import ContentType

    return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(record).pk, record.pk])


def test_view_on_site_redirects_to_own_records(client, office_user, association):
    client.force_login(office_user)
    membership = association.memberships.first()
    response = client.get(_view_on_site(membership))
    assert response.status_code == 302 and response["Location"].endswith(membership.get_absolute_url())


@pytest.mark.parametrize("record", ["membership", "association", "organisation", "board_seat"])
def test_view_on_site_is_a_404_for_another_associations_record(
    client, office_user, association, other_association, record
):
    client.force_login(office_user)
    membership = other_association.memberships.first()
    target = {
        "membership": membership,
        "association": other_association,
        "organisation": membership.organisation,
        "board_seat": other_association.board_seats.first(),
    }[record]
    assert client.get(_view_on_site(target)).status_code == 404


@pytest.mark.parametrize("address", ["/admin/r/999999/1/", "/admin/r/abc/1/", "/admin/r/1/abc/"])
def test_view_on_site_with_a_guessed_address_is_a_404(client, office_user, address):
    client.force_login(office_user)
    assert client.get(address).status_code == 404


def test_membership_filter_lists_only_the_users_associations(
    client, office_user, association, other_association
):
    client.force_login(office_user)
    page = client.get(reverse("admin:members_membership_changelist")).content.decode()
    assert "Samordningsförbundet Norr" in page and "Samordningsförbundet Syd" not in page
    # A guessed filter value shows nothing of the other förbund either.
    filtered = client.get(
        reverse("admin:members_membership_changelist"), {"association__id__exact": other_association.pk}
    ).content.decode()
    assert "Söderby kommun" not in filtered


def test_superuser_filter_lists_every_association(admin_client, association, other_association):
    page = admin_client.get(reverse("admin:members_membership_changelist")).content.decode()
    assert "Samordningsförbundet Norr" in page and "Samordningsförbundet Syd" in page


def test_view_on_site_is_a_404_for_a_model_the_office_may_not_view_here(
    client, office_user, other_association
):
    from members.models import Role

    client.force_login(office_user)
    other = Role.objects.filter(association=other_association).first() or office_user.roles.first()
    assert client.get(_view_on_site(office_user)).status_code == 404  # users: superusers only
    assert client.get(_view_on_site(other)).status_code == 404
