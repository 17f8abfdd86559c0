"""Who created or changed which record, when and what: recorded, and shown to office and auditors."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from members.models import Membership

pytestmark = pytest.mark.django_db


def test_a_change_through_the_page_is_recorded_with_its_author(
    client, office_user, association, municipality
):
    client.force_login(office_user)
    membership = Membership.objects.get(association=association, organisation=municipality)
    response = client.post(
        reverse("members:membership_edit", args=[association.slug, membership.pk]),
        {"start_date": "2005-07-01", "buyer_reference": "Ekonomienheten 4711"},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(membership).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == office_user
    assert entry.changes_dict["buyer_reference"] == ["", "Ekonomienheten 4711"]


def test_the_history_is_shown_to_the_office_and_auditors_not_the_board(
    client, office_user, auditor, board_member, association, municipality
):
    client.force_login(office_user)
    membership = Membership.objects.get(association=association, organisation=municipality)
    client.post(
        reverse("members:membership_edit", args=[association.slug, membership.pk]),
        {"start_date": "2005-07-01", "buyer_reference": "Ref 12"},
    )
    detail = reverse("members:membership_detail", args=[association.slug, membership.pk])
    for user, shown in [(office_user, True), (auditor, True), (board_member, False)]:
        client.force_login(user)
        page = client.get(detail).content.decode()
        assert ("Historik" in page) is shown
