"""Login, logout and throttling of failed logins (django-axes)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_user_logs_in_and_lands_on_the_start_page(client, office_user):
    response = login(client, office_user.username, "correct horse battery")
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_wrong_password_gives_a_swedish_message(client, office_user):
    page = login(client, office_user.username, "fel").content.decode()
    assert "Ange ett korrekt användarnamn och lösenord" in page


def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(client, office_user):
    for _ in range(5):
        login(client, office_user.username, "fel lösenord")
    response = login(client, office_user.username, "correct horse battery")
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


def test_logout_ends_the_session(client, office_user):
    client.force_login(office_user)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302
