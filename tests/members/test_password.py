"""Passwords: every logged-in user can change theirs from the account menu, and long but
guessable passwords are refused with a Swedish message."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.documents import page_text

pytestmark = pytest.mark.django_db

GUESSABLE = [
    "aaaaaaaaaaaa",
    "abcabcabcabc",
    "123456789012",
    "qwertyuiopås",
    "Sommar2025!!",
    "Finsam123456",
    "finsam-demo-2025",
]
REFUSAL = "Lösenordet är för lätt att gissa"


@pytest.mark.parametrize("password", GUESSABLE)
def test_guessable_passwords_are_refused_in_swedish(password):
    with pytest.raises(ValidationError) as refusal:
        validate_password(password)
    assert any(REFUSAL in message for message in refusal.value.messages)


@pytest.mark.parametrize(
    "password", ["Gnistrande-Tomte-48", "korrekt häst batteri häftklammer", "Kx7!mPq2zR#w"]
)
def test_good_passwords_pass(password):
    validate_password(password)


@pytest.mark.parametrize(
    "persona", ["office_user", "board_member", "auditor", "lead", "member_representative", "stranger"]
)
def test_every_logged_in_user_changes_their_password_from_the_account_menu(client, persona, request):
    user = request.getfixturevalue(persona)
    user.set_password("Gammalt-Lösen-93")
    user.save()
    client.force_login(user)
    home = client.get(reverse("home"))
    assert reverse("password_change") in home.content.decode()
    url = reverse("password_change")
    weak = client.post(
        url,
        {
            "old_password": "Gammalt-Lösen-93",
            "new_password1": "aaaaaaaaaaaa",
            "new_password2": "aaaaaaaaaaaa",
        },
    )
    assert weak.status_code == 200 and REFUSAL in page_text(weak)
    done = client.post(
        url,
        {
            "old_password": "Gammalt-Lösen-93",
            "new_password1": "Gnistrande-Tomte-48",
            "new_password2": "Gnistrande-Tomte-48",
        },
    )
    assert done.status_code == 302 and done["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("Gnistrande-Tomte-48")
    assert "Lösenordet är bytt" in page_text(client.get(done["Location"]))


def test_the_password_page_needs_a_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
