"""Typing one enrolment on the page: the same rules as the import, with Swedish messages."""

import pytest
from django.urls import reverse

from participants.models import AccessLog, Enrolment
from tests.documents import page_text

pytestmark = pytest.mark.django_db


def form(steget, **changes):
    data = {
        "code": "N-001",
        "gender": "K",
        "birth_year": "1991",
        "initiative": steget.pk,
        "start_date": "2025-03-03",
        "end_date": "",
        "end_reason": "",
        "income_before": "forsorjningsstod",
        "income_after": "",
    }
    return {**data, **changes}


def test_the_office_registers_and_ends_an_enrolment(client, association, steget, office_user, verified_login):
    verified_login(office_user)
    response = client.post(reverse("participants:enrolment_create", args=["norr"]), form(steget))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(participant__code="N-001")
    response = client.post(
        reverse("participants:enrolment_edit", args=["norr", enrolment.pk]),
        form(steget, end_date="2025-10-01", end_reason="studier", income_after="studiemedel"),
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (str(enrolment.end_date), enrolment.end_reason) == ("2025-10-01", "studier")
    assert AccessLog.objects.filter(action="change", user=office_user).count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"code": "19910303-1234"},
            "Koden såg ut som ett personnummer och togs bort. Använd en pseudonym kod.",
        ),
        (
            {"end_date": "2025-10-01"},
            "En avslutad inskrivning har avslutsdatum, avslutsorsak och försörjning vid avslut; en pågående har inget av dem.",
        ),
        (
            {"end_reason": "arbete"},
            "En avslutad inskrivning har avslutsdatum, avslutsorsak och försörjning vid avslut; en pågående har inget av dem.",
        ),
        ({"start_date": "2023-06-01"}, "Inskrivningen börjar utanför insatsens period."),
    ],
)
def test_bad_input_gets_a_swedish_message_and_changes_nothing(
    client, association, steget, office_user, changes, message, verified_login
):
    verified_login(office_user)
    response = client.post(reverse("participants:enrolment_create", args=["norr"]), form(steget, **changes))
    assert response.status_code == 200
    page = page_text(response)
    assert message in page
    assert "19910303" not in response.content.decode()  # never written back into the form
    assert not Enrolment.objects.exists()


def test_an_overlapping_enrolment_is_refused(
    client, association, imported, steget, office_user, verified_login
):
    verified_login(office_user)
    response = client.post(
        reverse("participants:enrolment_create", args=["norr"]),
        form(
            steget, code="P02", gender="M", birth_year="1985", start_date="2025-02-01", income_before="ingen"
        ),
    )
    assert "Personen är redan inskriven i insatsen under denna period." in page_text(response)
    assert Enrolment.objects.filter(participant__code="P02").count() == 1


def test_an_enrolment_open_after_its_initiative_ended_is_flagged(
    client, imported, vagen, steget, office_user, verified_login
):
    """Vägen ended 2025-12-31 and P07 is still enrolled; Steget is still running."""
    verified_login(office_user)
    notice = "Insatsen har avslutats men har inskrivningar som fortfarande är öppna."
    assert notice in page_text(client.get(reverse("initiatives:initiative_detail", args=["norr", "vagen"])))
    assert notice not in page_text(
        client.get(reverse("initiatives:initiative_detail", args=["norr", "steget"]))
    )
    register = page_text(
        client.get(reverse("participants:register", args=["norr"]), {"initiative": vagen.pk})
    )
    assert "P07 M 1999 Vägen pågår efter att insatsen avslutats" in register
    Enrolment.objects.filter(participant__code="P07").update(
        end_date="2025-12-31", end_reason="annat", income_after="ingen"
    )
    assert notice not in page_text(
        client.get(reverse("initiatives:initiative_detail", args=["norr", "vagen"]))
    )
