"""Two-factor authentication before participant rows: who is asked, setting it up, codes, recovery."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import second_factor
from tests.documents import page_text
from tests.second_factor import code_now

pytestmark = pytest.mark.django_db

# A key as an authenticator app would hold it (hex, as django-otp stores it).
KNOWN_KEY = "3132333435363738393031323334353637383930"


def register_url():
    return reverse("participants:register", args=["norr"])


def test_a_lead_without_two_factor_is_sent_to_set_it_up_and_sees_no_row(client, imported, lead):
    client.force_login(lead)
    response = client.get(register_url())
    assert response.status_code == 302
    assert response["Location"] == reverse("second_factor_setup") + "?next=%2Fforbund%2Fnorr%2Fdeltagare%2F"
    # Every page and file of rows is behind it, the export too.
    export = client.get(reverse("participants:export", args=["norr"]))
    assert export.status_code == 302 and not hasattr(export, "streaming_content")


def test_a_lead_sets_up_an_app_and_gets_ten_recovery_codes_once(client, imported, lead):
    client.force_login(lead)
    setup = client.get(reverse("second_factor_setup"), {"next": register_url()})
    device = TOTPDevice.objects.get(user=lead, confirmed=False)
    page = page_text(setup)
    assert "Ställ in tvåstegsverifiering" in page
    assert second_factor.secret_of(device) in page
    assert f"otpauth://totp/Finsam%3A{lead.username}?secret=" in setup.content.decode()
    assert "<svg" in setup.content.decode()
    assert setup["Cache-Control"].startswith("max-age=0") and "no-store" in setup["Cache-Control"]

    wrong = client.post(reverse("second_factor_setup"), {"code": "000000", "next": register_url()})
    assert "Koden är fel eller för gammal" in page_text(wrong)
    assert client.get(register_url()).status_code == 302

    done = client.post(reverse("second_factor_setup"), {"code": code_now(device), "next": register_url()})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(StaticToken.objects.filter(device__user=lead).values_list("token", flat=True)) == sorted(
        codes
    )
    assert "no-store" in done["Cache-Control"]
    response = client.get(register_url())
    assert response.status_code == 200 and "P01" in page_text(response)
    # Set up once: the setup page now sends to the verification, it never shows the key again.
    again = client.get(reverse("second_factor_setup"))
    assert again.status_code == 302 and again["Location"].startswith(reverse("second_factor_verify"))


def test_a_lead_with_an_app_verifies_a_code_and_is_sent_back(client, imported, lead):
    device = TOTPDevice.objects.create(user=lead, name="App", key=KNOWN_KEY, confirmed=True)
    client.force_login(lead)
    response = client.get(register_url())
    assert response["Location"] == reverse("second_factor_verify") + "?next=%2Fforbund%2Fnorr%2Fdeltagare%2F"

    wrong = client.post(reverse("second_factor_verify"), {"code": code_now(device, offset_steps=10)})
    assert wrong.status_code == 200 and "Koden är fel" in page_text(wrong)
    device.refresh_from_db()
    device.throttling_failure_timestamp = None  # the wrong code throttles the next try; not under test here
    device.save()

    right = client.post(reverse("second_factor_verify"), {"code": code_now(device), "next": register_url()})
    assert right.status_code == 302 and right["Location"] == register_url()
    page = client.get(register_url())
    assert page.status_code == 200 and "P06" in page_text(page)


def test_a_used_app_code_is_not_accepted_again(client, lead, imported):
    device = TOTPDevice.objects.create(user=lead, name="App", key=KNOWN_KEY, confirmed=True)
    code = code_now(device)
    client.force_login(lead)
    assert client.post(reverse("second_factor_verify"), {"code": code}).status_code == 302
    client.logout()
    client.force_login(lead)
    replay = client.post(reverse("second_factor_verify"), {"code": code})
    assert replay.status_code == 200 and "redan använts" in page_text(replay)
    assert client.get(register_url()).status_code == 302


def test_a_recovery_code_works_once(client, imported, lead):
    TOTPDevice.objects.create(user=lead, name="App", key=KNOWN_KEY, confirmed=True)
    codes = second_factor.new_recovery_codes(user=lead)
    client.force_login(lead)
    # As written on paper: upper case, with a space.
    typed = codes[3][:4].upper() + " " + codes[3][4:].upper()
    response = client.post(reverse("second_factor_verify"), {"code": typed, "next": register_url()})
    assert response["Location"] == register_url()
    assert client.get(register_url()).status_code == 200
    assert second_factor.remaining_recovery_codes(lead) == 9

    client.logout()
    client.force_login(lead)
    again = client.post(reverse("second_factor_verify"), {"code": codes[3]})
    assert again.status_code == 200 and "redan använts" in page_text(again)
    assert client.get(register_url()).status_code == 302


def test_the_office_is_asked_too_and_before_any_lookup(client, imported, office_user, outsider):
    client.force_login(office_user)
    assert client.get(reverse("participants:access_log", args=["norr"])).status_code == 302
    # Asked before any lookup, so the redirect says nothing about which förbund exist.
    for slug in ["norr", "syd", "finns-inte"]:
        client.force_login(outsider)
        assert client.get(reverse("participants:register", args=[slug])).status_code == 302


def test_a_board_member_is_not_asked(client, imported, board_member):
    client.force_login(board_member)
    assert client.get(reverse("participants:statistics", args=["norr"])).status_code == 200
    # No rows for the board at all: the same 404 as before, not a detour through two factors.
    assert client.get(register_url()).status_code == 404
    assert not TOTPDevice.objects.filter(user=board_member).exists()
    assert second_factor.requires_second_factor(board_member) is False


def test_the_code_page_sends_back_only_to_this_site(client, lead):
    device = TOTPDevice.objects.create(user=lead, name="App", key=KNOWN_KEY, confirmed=True)
    client.force_login(lead)
    response = client.post(
        reverse("second_factor_verify"), {"code": code_now(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_resetting_removes_the_app_and_the_codes_and_the_user_sets_up_anew(client, imported, lead):
    TOTPDevice.objects.create(user=lead, name="App", key=KNOWN_KEY, confirmed=True)
    second_factor.new_recovery_codes(user=lead)
    second_factor.reset_second_factor(user=lead)
    assert not TOTPDevice.objects.filter(user=lead).exists() and not StaticToken.objects.exists()
    client.force_login(lead)
    assert client.get(register_url())["Location"].startswith(reverse("second_factor_setup"))


def test_a_superuser_resets_a_users_two_factor_in_the_admin(admin_client, lead):
    TOTPDevice.objects.create(user=lead, name="App", key=KNOWN_KEY, confirmed=True)
    response = admin_client.post(
        reverse("admin:members_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [lead.pk]},
        follow=True,
    )
    assert "Tvåstegsverifieringen återställdes för 1 användare" in page_text(response)
    assert not TOTPDevice.objects.filter(user=lead).exists()
