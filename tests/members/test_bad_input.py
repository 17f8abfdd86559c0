"""Bad input gets a clear Swedish message next to the field, and nothing is saved."""

import pytest
from django.urls import reverse

from members.models import Association, BoardTerm, Membership, Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def field_errors(response, field):
    return [str(error) for error in response.context["form"].errors.get(field, [])]


def test_a_wrong_organisation_number_is_refused(client, office_user):
    client.force_login(office_user)
    response = client.post(
        reverse("members:organisation_create"),
        {"name": "Felkommun", "organisation_number": "212000-1943", "kind": "municipality"},
    )
    assert response.status_code == 200
    assert field_errors(response, "organisation_number") == [
        "Ange ett giltigt organisationsnummer: tio siffror, t.ex. 222000-1818."
    ]
    assert not Organisation.objects.filter(name="Felkommun").exists()


def test_an_organisation_number_with_dash_is_stored_as_digits(client, office_user):
    client.force_login(office_user)
    client.post(
        reverse("members:organisation_create"),
        {
            "name": "Nykommun",
            "organisation_number": "212000-1942",
            "kind": "municipality",
            "population": "6652",
            "population_date": "2024-12-31",
        },
    )
    organisation = Organisation.objects.get(name="Nykommun")
    assert organisation.organisation_number == "2120001942"
    assert organisation.population_figures.get().population == 6652


def test_population_without_its_date_is_refused(client, office_user):
    client.force_login(office_user)
    response = client.post(
        reverse("members:organisation_create"),
        {
            "name": "Nykommun",
            "organisation_number": "2120001942",
            "kind": "municipality",
            "population": "6652",
        },
    )
    assert field_errors(response, "population_date") == ["Ange både folkmängden och dess referensdatum."]
    assert not Organisation.objects.filter(name="Nykommun").exists()


def test_a_membership_ending_before_it_starts_is_refused(client, office_user, association):
    client.force_login(office_user)
    newcomer = OrganisationFactory(name="Nyby kommun")
    response = client.post(
        reverse("members:membership_create", args=[association.slug]),
        {"organisation": newcomer.pk, "start_date": "2025-01-01", "end_date": "2024-12-31"},
    )
    assert field_errors(response, "end_date") == ["Ett medlemskap kan inte sluta innan det börjar."]
    assert not Membership.objects.filter(organisation=newcomer).exists()


def test_an_overlapping_membership_is_refused(client, office_user, association, municipality):
    client.force_login(office_user)
    response = client.post(
        reverse("members:membership_create", args=[association.slug]),
        {"organisation": municipality.pk, "start_date": "2024-01-01"},
    )
    assert field_errors(response, "start_date") == [
        "Organisationen är redan medlem i förbundet under den här perioden."
    ]
    assert Membership.objects.filter(organisation=municipality).count() == 1


def test_overlapping_board_terms_on_one_seat_are_refused(client, office_user, association, board_seat):
    client.force_login(office_user)
    response = client.post(
        reverse("members:term_create", args=[association.slug, board_seat.pk]),
        {"person_name": "Ny Ledamot", "start_date": "2026-06-01", "end_date": "2030-12-31"},
    )
    errors = field_errors(response, "start_date")
    assert len(errors) == 1
    assert errors[0].startswith(
        "Perioden överlappar Nordlig Ordförandes period på platsen (2023-01-01 – 2026-12-31)"
    )
    assert not BoardTerm.objects.filter(person_name="Ny Ledamot").exists()


def test_a_term_after_the_previous_one_is_accepted(client, office_user, association, board_seat):
    client.force_login(office_user)
    response = client.post(
        reverse("members:term_create", args=[association.slug, board_seat.pk]),
        {"person_name": "Ny Ledamot", "start_date": "2027-01-01", "end_date": "2030-12-31"},
    )
    assert response.status_code == 302
    assert BoardTerm.objects.filter(person_name="Ny Ledamot", seat=board_seat).exists()


def test_a_term_ending_before_it_starts_is_refused(client, office_user, association, board_seat):
    client.force_login(office_user)
    response = client.post(
        reverse("members:term_create", args=[association.slug, board_seat.pk]),
        {"person_name": "Bakvänd", "start_date": "2028-01-01", "end_date": "2027-01-01"},
    )
    assert field_errors(response, "end_date") == ["En period kan inte sluta innan den börjar."]
    assert not BoardTerm.objects.filter(person_name="Bakvänd").exists()


def test_two_chairs_at_once_are_refused(client, office_user, association, board_seat, municipality):
    client.force_login(office_user)
    seat = association.board_seats.create(appointed_by=municipality, kind="substitute")
    response = client.post(
        reverse("members:term_create", args=[association.slug, seat.pk]),
        {"person_name": "Andra Ordföranden", "office": "chair", "start_date": "2024-01-01"},
    )
    assert field_errors(response, "office")
    assert not BoardTerm.objects.filter(person_name="Andra Ordföranden").exists()


def test_a_duplicate_slug_is_refused(client, office_user, association, other_association):
    client.force_login(office_user)
    data = {
        "name": association.name,
        "slug": other_association.slug,
        "organisation_number": association.organisation_number,
        "equity_ceiling_percent": "20",
    }
    response = client.post(reverse("members:association_edit", args=[association.slug]), data)
    assert field_errors(response, "slug") == ["Ett annat förbund använder redan den här kortformen."]
    association.refresh_from_db()
    assert association.slug == "norr"


def test_a_wrong_bankgiro_is_refused(client, office_user, association):
    client.force_login(office_user)
    data = {
        "name": association.name,
        "slug": association.slug,
        "organisation_number": association.organisation_number,
        "bankgiro": "5050-1056",
        "equity_ceiling_percent": "20",
    }
    response = client.post(reverse("members:association_edit", args=[association.slug]), data)
    assert field_errors(response, "bankgiro") == [
        "Ange ett giltigt bankgironummer: sju eller åtta siffror, t.ex. 5050-1055."
    ]
    assert Association.objects.get(pk=association.pk).bankgiro == association.bankgiro


def test_the_error_summary_says_nothing_was_saved(client, office_user, association):
    client.force_login(office_user)
    response = client.post(
        reverse("members:membership_create", args=[association.slug]), {"start_date": "inte ett datum"}
    )
    page = response.content.decode()
    assert "Formuläret kunde inte sparas" in page
    assert 'aria-invalid="true"' in page
