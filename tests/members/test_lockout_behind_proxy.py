"""The login lockout counts a user name from one client address; behind the proxy, the client's."""

import pytest
from django.urls import reverse

from finsam.client_address import client_address

pytestmark = pytest.mark.django_db

ADDRESS_A, ADDRESS_B, PROXY = "198.51.100.7", "203.0.113.9", "10.0.0.2"


def login(client, username, password, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def fail_five_times(client, username, **meta):
    statuses = [login(client, username, "fel lösenord", **meta).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks


def test_failures_from_one_address_lock_the_user_only_from_there(client, office_user):
    fail_five_times(client, office_user.username, REMOTE_ADDR=ADDRESS_A)
    assert (
        login(client, office_user.username, "correct horse battery", REMOTE_ADDR=ADDRESS_A).status_code == 429
    )
    elsewhere = login(client, office_user.username, "correct horse battery", REMOTE_ADDR=ADDRESS_B)
    assert elsewhere.status_code == 302 and elsewhere["Location"] == reverse("home")


def test_without_a_proxy_a_forwarded_header_is_ignored(client, office_user):
    # A client cannot step out of its own count by sending made-up addresses.
    for number in range(5):
        login(
            client,
            office_user.username,
            "fel",
            REMOTE_ADDR=ADDRESS_A,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    response = login(
        client,
        office_user.username,
        "correct horse battery",
        REMOTE_ADDR=ADDRESS_A,
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429


def test_behind_one_proxy_the_forwarded_client_address_is_counted(client, office_user, settings):
    settings.PROXY_COUNT = 1
    fail_five_times(client, office_user.username, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ADDRESS_A)
    locked = login(
        client,
        office_user.username,
        "correct horse battery",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ADDRESS_A,
    )
    assert locked.status_code == 429
    # The same proxy, another client: not locked out by a stranger's failures.
    other = login(
        client,
        office_user.username,
        "correct horse battery",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ADDRESS_B,
    )
    assert other.status_code == 302


def test_behind_one_proxy_a_client_cannot_pose_as_another_address(rf, settings):
    settings.PROXY_COUNT = 1
    # The proxy appends the address it saw; what the client wrote before it is not believed.
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{ADDRESS_B}, {ADDRESS_A}")
    assert client_address(request) == ADDRESS_A
    settings.PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.1, {ADDRESS_B}, 10.0.0.9")
    assert client_address(request) == ADDRESS_B
    settings.PROXY_COUNT = 0
    assert client_address(rf.get("/", REMOTE_ADDR=ADDRESS_A, HTTP_X_FORWARDED_FOR=ADDRESS_B)) == ADDRESS_A
