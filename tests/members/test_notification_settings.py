"""A user turns off the notifications they do not want; a message is sent once per event and recipient."""

import pytest
from django.urls import reverse

from members import notifications
from members.models import Notification, NotificationOptOut, SentMessage
from tests.documents import page_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("notification_settings")


def test_the_account_menu_leads_to_the_settings_and_everything_optional_is_on_at_first(client, board_member):
    client.force_login(board_member)
    assert URL in client.get("/").content.decode()
    page = client.get(URL).content.decode()
    assert page.count(" checked") == 3
    assert "En rapport delas med styrelsen för granskning" in page
    assert 'value="invoice_issued"' not in page  # to the member's address: not a user's choice
    assert "Ingen e-postadress finns registrerad för dig" in page_text(client.get(URL))


def test_turning_a_notification_off_is_saved_and_a_second_submit_changes_nothing(client, board_member):
    client.force_login(board_member)
    data = {"enabled": ["statement_requested", "job_finished"]}
    response = client.post(URL, data, follow=True)
    assert "Dina e-postaviseringar sparades." in page_text(response)
    client.post(URL, data)
    assert list(
        NotificationOptOut.objects.filter(user=board_member).values_list("notification", flat=True)
    ) == ["report_shared"]
    assert client.get(URL).content.decode().count(" checked") == 2
    assert not notifications.is_enabled(board_member, Notification.REPORT_SHARED)
    assert notifications.is_enabled(board_member, Notification.INVOICE_ISSUED)


def test_an_unknown_choice_is_refused_in_swedish_and_nothing_is_saved(client, board_member):
    client.force_login(board_member)
    response = client.post(URL, {"enabled": ["invoice_issued"]})
    assert response.status_code == 200
    assert (
        "Välj ett giltigt alternativ. invoice_issued finns inte bland tillgängliga alternativ."
        in page_text(response)
    )
    assert not NotificationOptOut.objects.exists()


def test_the_same_event_is_never_mailed_twice_to_the_same_recipient(
    board_member, mailoutbox, django_capture_on_commit_callbacks
):
    record = UserFactory()  # any record will do
    recipient = notifications.Recipient(address="Ledamot@Nora.example", user=None, name="Ledamot")
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notifications.notify(
                record=record,
                notification=Notification.REPORT_SHARED,
                recipients=[recipient, notifications.Recipient(address="ledamot@nora.example")],
                subject="Ämne",
                body="Text",
            )
    assert len(mailoutbox) == 1
    assert SentMessage.objects.about(record).get().recipient == "ledamot@nora.example"
