"""Draft → shared with the board → comments → adopted and frozen → corrected as a new version;
auditors' statements and the members' discharge."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Decision, Organisation
from reporting import services
from reporting.models import ArchivedDocument, Report
from tests.documents import flat_text, page_text

pytestmark = pytest.mark.django_db
ADOPTION = {"meeting_date": datetime.date(2010, 6, 2), "paragraph": 4, "place": "Lindesberg"}


def adopted(report):
    services.share(report=report)
    return services.adopt(report=report, **ADOPTION)


def test_an_empty_section_blocks_adoption_and_is_flagged(draft_2009, sofint_office, client):
    services.save_section(report=draft_2009, key="future", text="")
    services.share(report=draft_2009)
    with pytest.raises(ValidationError, match="future"):
        services.adopt(report=draft_2009, **ADOPTION)
    client.force_login(sofint_office)
    page = page_text(client.get(reverse("reporting:report_detail", args=["sofint", draft_2009.pk])))
    assert "1 avsnitt är tomt; det måste skrivas innan rapporten antas." in page
    assert "Avsnittet är inte skrivet ännu." in page
    draft_2009.refresh_from_db()
    assert draft_2009.status == "shared" and not ArchivedDocument.objects.exists()


def test_a_draft_must_be_shared_before_it_is_adopted(draft_2009):
    with pytest.raises(ValidationError, match="Dela rapporten med styrelsen"):
        services.adopt(report=draft_2009, **ADOPTION)


def test_the_board_comments_per_section_while_shared(draft_2009, board_member, client):
    client.force_login(board_member)
    url = reverse("reporting:report_detail", args=["sofint", draft_2009.pk])
    assert client.get(url).status_code == 404  # a draft is the office's
    services.share(report=draft_2009)
    assert "Kommentera ”Årets verksamhet”" in page_text(client.get(url))
    response = client.post(
        reverse("reporting:comment", args=["sofint", draft_2009.pk]),
        {"section": "activity", "text": "Nämn seminariet på Åkerby."},
    )
    assert response.status_code == 302
    page = page_text(client.get(url))
    assert "Nämn seminariet på Åkerby." in page
    # The board reads but never writes the report.
    assert (
        client.get(reverse("reporting:section_edit", args=["sofint", draft_2009.pk, "activity"])).status_code
        == 404
    )


def test_adoption_freezes_the_report_and_stores_its_pdf(draft_2009, board, sofint_office, client):
    report = adopted(draft_2009)
    assert report.status == "adopted" and report.decision.reference == "2010-06-02 § 4"
    assert (
        Decision.objects.get(meeting__date=datetime.date(2010, 6, 2), paragraph=4).title
        == "Årsredovisning 2009"
    )
    stored = ArchivedDocument.objects.get(report=report, format="pdf")
    assert report.pdf_sha256 == hashlib.sha256(bytes(stored.content)).hexdigest() == stored.sha256
    text = flat_text(bytes(stored.content))
    assert "UTKAST" not in text
    # Whoever sits on the board on the day of signing signs: the new chair, not the one who left in May.
    assert "Ny Ordförande, ordförande" in text and "Göran Strömqvist" in text
    assert "Christina Pettersson" not in text and "Ersättare Ersättarsson" not in text
    assert "Lindesberg 2010-06-02" in text
    with pytest.raises(ValidationError, match="låst"):
        services.save_section(report=report, key="activity", text="Ändrad i efterhand")
    client.force_login(sofint_office)
    page = page_text(client.get(reverse("reporting:report_detail", args=["sofint", report.pk])))
    assert report.pdf_sha256 in page


def test_the_adopted_pdf_is_served_byte_identical_after_the_data_changes(
    draft_2009, board, sofint, sofint_office, client
):
    report = adopted(draft_2009)
    client.force_login(sofint_office)
    url = reverse("reporting:document", args=["sofint", report.pk, "pdf"])
    first = client.get(url)
    # The data behind it changes: the board changes, the association is renamed, the mapping too.
    sofint.name = "Samordningsförbundet Norra Örebro län (nytt namn)"
    sofint.save()
    Organisation.objects.filter(memberships__association=sofint).update(name="Omdöpt")
    second = client.get(url)
    assert first.content == second.content
    assert hashlib.sha256(second.content).hexdigest() == report.pdf_sha256 == second["X-Content-SHA256"]
    # The page, too, shows the report as adopted, not as the data now is.
    page = page_text(client.get(reverse("reporting:report_detail", args=["sofint", report.pk])))
    assert "Årsredovisningen för Samordningsförbundet i norra Örebro län har upprättats" in page
    assert "(nytt namn) har upprättats" not in page
    # Asking again in any way gives the archived file, never a new rendering.
    again = client.post(reverse("reporting:document", args=["sofint", report.pk, "pdf"]))
    assert again.content == first.content


def test_a_correction_is_a_new_version_and_the_adopted_one_stays_readable(
    draft_2009, board, sofint_office, client
):
    first = adopted(draft_2009)
    with pytest.raises(ValidationError):
        services.start_correction(report=first, reason="  ")
    correction = services.start_correction(report=first, reason="Fel ort i underskriften.")
    assert (correction.version, correction.status, correction.replaces_id) == (2, "draft", first.pk)
    assert correction.sections.get(key="activity").text == first.sections.get(key="activity").text
    first.refresh_from_db()
    assert first.status == "adopted"  # until the correction is adopted
    with pytest.raises(ValidationError, match="redan under arbete"):
        services.start_correction(report=first, reason="Igen")
    services.share(report=correction)
    services.adopt(report=correction, meeting_date=datetime.date(2010, 6, 20), paragraph=2, place="Nora")
    first.refresh_from_db()
    assert first.status == "replaced"
    client.force_login(sofint_office)
    old = client.get(reverse("reporting:document", args=["sofint", first.pk, "pdf"]))
    assert hashlib.sha256(old.content).hexdigest() == first.pdf_sha256
    page = page_text(client.get(reverse("reporting:report_detail", args=["sofint", correction.pk])))
    assert "Rättar version 1: Fel ort i underskriften." in page


def test_auditors_record_their_statement_and_the_office_each_members_discharge(
    draft_2009, board, auditor, sofint_office, client
):
    report = adopted(draft_2009)
    client.force_login(auditor)
    url = reverse("reporting:auditor_statement", args=["sofint", report.pk])
    client.post(url, {"date": "2010-06-01"})  # before the adoption: refused
    assert not report.auditor_statements.exists()
    client.post(url, {"date": "2010-06-04"})
    assert report.auditor_statements.get().date == datetime.date(2010, 6, 4)
    member = report.association.memberships.first().organisation
    client.force_login(sofint_office)
    client.post(
        reverse("reporting:discharge", args=["sofint", report.pk]),
        {"organisation": member.pk, "granted": "1", "date": "2011-04-20"},
    )
    assert report.discharges.get(organisation=member).granted
    page = page_text(client.get(reverse("reporting:report_detail", args=["sofint", report.pk])))
    assert f"{member.name} Ansvarsfrihet beviljad 2011-04-20" in page
    # Recorded after the adoption, so beside the archived report, not in it.
    assert f"{auditor.get_full_name()} avgav revisionsberättelsen 2010-06-04." in page


def test_an_auditor_names_the_member_that_appointed_them_and_only_a_member(
    draft_2009, auditor, other_association, client
):
    report = adopted(draft_2009)
    client.force_login(auditor)
    url = reverse("reporting:auditor_statement", args=["sofint", report.pk])
    stranger = other_association.memberships.get().organisation  # Söderby kommun, not a member here
    response = client.post(url, {"date": "2010-06-04", "appointed_by": stranger.pk}, follow=True)
    assert not report.auditor_statements.exists()
    assert "Välj en av förbundets medlemmar." in page_text(response)
    member = report.association.memberships.get(organisation__name="Försäkringskassan").organisation
    client.post(url, {"date": "2010-06-04", "appointed_by": member.pk})
    assert report.auditor_statements.get().appointed_by == member
    form = client.get(reverse("reporting:report_detail", args=["sofint", report.pk])).context["auditor_form"]
    assert form.initial == {"date": datetime.date(2010, 6, 4), "appointed_by": member.pk}  # to correct
    page = page_text(client.get(reverse("reporting:report_detail", args=["sofint", report.pk])))
    expected = (
        f"{auditor.get_full_name()}, utsedd av Försäkringskassan, avgav revisionsberättelsen 2010-06-04."
    )
    assert expected in page


def test_the_office_creates_the_draft_on_the_page(sofint, ledger_2009, sofint_office, client):
    client.force_login(sofint_office)
    response = client.post(
        reverse("reporting:report_list", args=["sofint"]), {"kind": "annual", "year": "2009"}
    )
    report = Report.objects.get()
    assert response.status_code == 302 and report.period_end == datetime.date(2009, 12, 31)
    again = client.post(reverse("reporting:report_list", args=["sofint"]), {"kind": "annual", "year": "2009"})
    assert "Det finns redan en rapport för perioden; rätta den i stället." in page_text(again)
    assert Report.objects.count() == 1
