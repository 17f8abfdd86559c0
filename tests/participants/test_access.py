"""Rows are for the office and the initiatives' own leads; everyone else sees aggregates with small
counts suppressed. Guessed ids are 404, and every view or export of rows is logged."""

import pytest
from django.urls import reverse

from participants.models import AccessLog, Enrolment
from tests.documents import page_text, rows, workbook

pytestmark = pytest.mark.django_db


def row_urls(enrolment_ids):
    urls = [
        reverse("participants:register", args=["norr"]),
        reverse("participants:enrolment_create", args=["norr"]),
        reverse("participants:import", args=["norr"]),
        reverse("participants:template", args=["norr", "xlsx"]),
        reverse("participants:template", args=["norr", "csv"]),
        reverse("participants:export", args=["norr"]),
        reverse("participants:access_log", args=["norr"]),
    ]
    return urls + [reverse("participants:enrolment_edit", args=["norr", pk]) for pk in enrolment_ids]


def guessed_ids():
    real = list(Enrolment.objects.order_by("pk").values_list("pk", flat=True))
    return [*real, real[-1] + 1, real[-1] + 1000]


@pytest.mark.parametrize(
    "persona", ["board_member", "auditor", "member_representative", "outsider", "stranger"]
)
def test_no_one_but_the_office_and_leads_reaches_a_row(client, imported, persona, request, verified_login):
    verified_login(request.getfixturevalue(persona))
    statuses = {url: client.get(url).status_code for url in row_urls(guessed_ids())}
    assert set(statuses.values()) == {404}, statuses
    post = client.post(reverse("participants:enrolment_edit", args=["norr", guessed_ids()[0]]), {})
    assert post.status_code == 404
    assert not AccessLog.objects.filter(action__in=["view", "export"]).exists()


@pytest.mark.parametrize("persona", ["board_member", "auditor", "member_representative"])
def test_readers_and_members_see_aggregates_with_small_counts_hidden(
    client, imported, persona, request, verified_login
):
    verified_login(request.getfixturevalue(persona))
    response = client.get(reverse("participants:statistics", args=["norr"]), {"ar": 2025})
    assert response.status_code == 200
    page = page_text(response)
    # 7 participants and 6 new are shown; 4 ended is hidden, and so is everything derived from it.
    assert "Deltagare under året 0 <5 7 Nyinskrivna 0 <5 6 Avslutade 0 <5 <5 Andel avslutade — .. .." in page
    assert "57,1" not in page and "P0" not in page
    # Vägen's 2 participants are hidden, so Steget's 6 is withheld too (7 − 6 would give away 1),
    # shown as "..": "<5" would be untrue of 6.
    assert "Steget .. .. <5 .. <5 <5 600 000 kr beviljat .. .." in page
    assert "Vägen <5 <5 <5 .. <5 0 200 000 kr beviljat .. .." in page
    book = workbook(
        client.get(reverse("participants:statistics_document", args=["norr", 2025, "xlsx"])).content
    )
    summary = {row[0]: list(row[1:]) for row in rows(book["Sammanfattning"]) if row and row[0]}
    assert summary["Avslutade"] == [0, "<5", "<5"] and summary["Deltagare under året"] == [0, "<5", 7]
    internal = client.get(
        reverse("participants:statistics_document", args=["norr", 2025, "xlsx"]), {"internt": "1"}
    )
    internal_summary = {
        row[0]: list(row[1:]) for row in rows(workbook(internal.content)["Sammanfattning"]) if row and row[0]
    }
    assert internal_summary["Avslutade"] == [0, "<5", "<5"]  # only the office gets the internal version


def test_a_member_representative_sees_only_the_associations_their_organisation_is_a_member_of(
    client, imported, member_representative, other_association, verified_login
):
    verified_login(member_representative)
    assert client.get(reverse("participants:statistics", args=["syd"])).status_code == 404
    comparison = page_text(client.get(reverse("participants:comparison"), {"year": 2025, "associations": []}))
    assert "Samordningsförbundet Norr" in comparison and "Samordningsförbundet Syd" not in comparison
    # Asking for another förbund's figures by id gets nothing.
    document = reverse("participants:comparison_document", args=["xlsx"])
    assert client.get(document, {"year": 2025, "associations": [other_association.pk]}).status_code == 404
    own = client.get(
        document, {"year": 2025, "associations": [imported_association_pk(member_representative)]}
    )
    sheet = {row[0]: list(row[1:]) for row in rows(workbook(own.content).active) if row and row[0]}
    assert sheet["Deltagare under året"] == [7] and sheet["Andel avslutade"] == [".."]


def test_the_office_sees_every_row_and_each_view_is_logged(client, imported, office_user, verified_login):
    verified_login(office_user)
    page = page_text(client.get(reverse("participants:register", args=["norr"])))
    assert all(f"P0{n}" in page for n in range(1, 9))
    enrolment = Enrolment.objects.get(participant__code="P04")
    assert client.get(reverse("participants:enrolment_edit", args=["norr", enrolment.pk])).status_code == 200
    export = client.get(reverse("participants:export", args=["norr"]))
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert (
        lines[0]
        == "kod;kön;födelseår;insats;inskriven;avslutad;avslutsorsak;försörjning_före;försörjning_efter"
    )
    assert "P04;M;1970;steget;2025-02-01;2025-11-30;arbetssokande;sjukersattning;a_kassa" in lines
    assert len(lines) == 11
    log = list(AccessLog.objects.order_by("at", "pk").values_list("user", "action", "what", "rows"))
    assert log[-3:] == [
        (office_user.pk, "view", "Registret", 10),
        (office_user.pk, "view", "Inskrivning i Steget", 1),
        (office_user.pk, "export", "Export av registret", 10),
    ]
    log_page = page_text(client.get(reverse("participants:access_log", args=["norr"])))
    assert "Export av registret" in log_page and office_user.get_full_name() in log_page


def test_a_lead_sees_and_exports_only_their_own_initiatives_rows(client, imported, lead, verified_login):
    verified_login(lead)
    page = page_text(client.get(reverse("participants:register", args=["norr"])))
    assert "P07" not in page and "P06" in page  # P07 is only in Vägen
    vagen_row = Enrolment.objects.get(participant__code="P07")
    assert client.get(reverse("participants:enrolment_edit", args=["norr", vagen_row.pk])).status_code == 404
    export = b"".join(client.get(reverse("participants:export", args=["norr"])).streaming_content).decode()
    assert "P07" not in export and export.count("steget") == 8
    assert client.get(reverse("participants:access_log", args=["norr"])).status_code == 404
    # Aggregates of the whole association are for its readers, not for a lead.
    assert client.get(reverse("participants:statistics", args=["norr"])).status_code == 404


def test_a_lead_cannot_move_an_enrolment_into_another_initiative(
    client, imported, lead, vagen, verified_login
):
    verified_login(lead)
    enrolment = Enrolment.objects.get(participant__code="P06")
    response = client.post(
        reverse("participants:enrolment_edit", args=["norr", enrolment.pk]),
        {
            "code": "P06",
            "gender": "K",
            "birth_year": "1962",
            "initiative": vagen.pk,
            "start_date": "2025-04-01",
            "income_before": "a_kassa",
        },
    )
    assert response.status_code == 200 and "giltigt alternativ" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.initiative.code == "steget"


def imported_association_pk(representative):
    from members.models import Association

    return Association.objects.with_aggregates_for(representative).get().pk
