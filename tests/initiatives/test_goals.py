"""Goals with measure and target, and their assessment: fulfilled, partly or not."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives import services
from initiatives.models import Goal

pytestmark = pytest.mark.django_db


def goal(sofint, **fields):
    defaults = {"association": sofint, "year": 2025, "text": "Mål", "unit": "percent", "target": Decimal(80)}
    return Goal(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("direction", "target", "outcome", "expected"),
    [
        ("at_least", 80, 85, "fulfilled"),
        ("at_least", 80, 80, "fulfilled"),
        ("at_least", 80, 60, "partly"),
        ("at_least", 80, 59, "not_fulfilled"),
        ("at_least", 2, 3, "fulfilled"),
        ("at_most", 20, 18, "fulfilled"),
        ("at_most", 20, 25, "partly"),
        ("at_most", 20, 37, "not_fulfilled"),
    ],
)
def test_numeric_targets_are_assessed_from_the_outcome(sofint, direction, target, outcome, expected):
    assert (
        goal(sofint, direction=direction, target=Decimal(target), outcome=Decimal(outcome)).assess()
        == expected
    )


def test_without_an_outcome_a_goal_is_not_assessed_and_a_hand_assessment_wins(sofint):
    assert goal(sofint).assess() == ""
    assert goal(sofint, outcome=Decimal(10), assessment="partly").assess() == "partly"


def test_a_target_needs_its_unit(sofint):
    with pytest.raises(ValidationError):
        services.save_goal(goal=goal(sofint, unit=""))


def test_the_goal_page_shows_target_outcome_and_assessment(
    client, sofint, sofint_office, kvinnoprojektet, lead
):
    services.save_goal(
        goal=goal(sofint, text="80 % upplever stödet som till stor nytta", outcome=Decimal(84))
    )
    services.save_goal(
        goal=goal(
            sofint, initiative=kvinnoprojektet, text="Minst 2 aktiviteter", unit="count", target=Decimal(2)
        )
    )
    client.force_login(sofint_office)
    page = (
        client.get(reverse("initiatives:goal_list_year", args=["sofint", 2025]))
        .content.decode()
        .replace("\xa0", " ")
    )
    assert "minst 80 %" in page and "84 %" in page and "Uppfyllt" in page and "Inte bedömt ännu" in page
    # The lead enters the outcome of their initiative's goal.
    own_goal = Goal.objects.get(initiative=kvinnoprojektet)
    client.force_login(lead)
    url = reverse("initiatives:goal_outcome", args=["sofint", "kvinnoprojektet", own_goal.pk])
    assert (
        client.post(url, {"outcome": "3", "outcome_note": "Två föreläsningar och en konferens"}).status_code
        == 302
    )
    own_goal.refresh_from_db()
    assert own_goal.assess() == "fulfilled"
    other = Goal.objects.get(initiative=None)
    assert (
        client.get(
            reverse("initiatives:goal_outcome", args=["sofint", "kvinnoprojektet", other.pk])
        ).status_code
        == 404
    )
