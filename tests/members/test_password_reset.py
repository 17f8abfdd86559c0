"""Password reset by e-mail: a Swedish mail with a link that sets a new password once."""

import re

import pytest
from django.urls import reverse

from tests.documents import page_text

pytestmark = pytest.mark.django_db


def ask_for_link(client, mailoutbox, email):
    response = client.post(reverse("password_reset"), {"email": email})
    assert response["Location"] == reverse("password_reset_done")
    return mailoutbox


def test_the_login_page_links_to_the_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page and "Glömt lösenordet?" in page


def test_the_mail_is_swedish_and_its_link_sets_a_new_password_once(client, mailoutbox, lead):
    lead.email = "ledare@example.se"
    lead.save()
    ask_for_link(client, mailoutbox, "ledare@example.se")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ledare@example.se"]
    assert mail.subject == "Återställ ditt lösenord i Finsam"
    assert f"lösenordet för Finsam-kontot {lead.username}" in mail.body
    assert "Länken fungerar en gång och i två timmar" in mail.body
    link = re.search(r"http://testserver(/konto/aterstall/\S+/)", mail.body).group(1)

    form = client.get(link, follow=True)
    assert "Välj ett nytt lösenord" in page_text(form)
    set_password_url = form.redirect_chain[-1][0]
    # The validators of every password apply (length, common, guessable).
    refused = client.post(set_password_url, {"new_password1": "Sommar2025!", "new_password2": "Sommar2025!"})
    assert refused.status_code == 200
    assert "Lösenordet får inte vara upprepade tecken" in page_text(refused)
    done = client.post(
        set_password_url, {"new_password1": "gröna äpplen i juli", "new_password2": "gröna äpplen i juli"}
    )
    assert done["Location"] == reverse("password_reset_complete")
    lead.refresh_from_db()
    assert lead.check_password("gröna äpplen i juli")

    # The link is spent.
    client.logout()
    again = client.get(link, follow=True)
    assert "Länken gäller inte" in page_text(again)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, mailoutbox, lead):
    ask_for_link(client, mailoutbox, "okand@example.se")
    assert mailoutbox == []
