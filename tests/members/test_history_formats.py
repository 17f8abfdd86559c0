"""The history table shows values as the pages do: `1 388 000 kr`, `222000-1818`, ISO dates (not `1388000`)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding import services
from funding.models import Contribution

pytestmark = pytest.mark.django_db


def _page(client, url):
    return client.get(url).content.decode().replace("\xa0", " ")


def test_a_contributions_history_shows_amounts_and_dates_in_swedish_formats(client, sofint, sofint_office):
    contribution = services.save_contribution(
        contribution=Contribution(
            association=sofint, year=2026, state_amount=Decimal(600_000), split_method="agreed"
        )
    )
    contribution.state_amount = Decimal(1_388_000)
    contribution.decided_on = datetime.date(2025, 12, 18)
    services.save_contribution(contribution=contribution)
    client.force_login(sofint_office)
    page = _page(client, reverse("funding:contribution_detail", args=["sofint", contribution.pk]))
    assert "600 000 kr → 1 388 000 kr" in page
    assert "2025-12-18" in page
    assert "1388000" not in page and "600000" not in page


def test_an_associations_history_shows_the_organisation_number_with_its_dash(client, sofint, sofint_office):
    client.force_login(sofint_office)
    page = _page(client, reverse("members:association_detail", args=["sofint"]))
    assert "222000-1818" in page.split("Historik", 1)[1]
    assert "2220001818" not in page
