"""Shared test data: seed 000's municipal split, demo-like populations, and small helpers."""

import datetime
from decimal import Decimal

# Seed 000: "Fördelning per kommun efter invånarantal" (2005).
SEED_MUNICIPALITIES = [
    ("Hällefors kommun", Decimal("16.5")),
    ("Lindesbergs kommun", Decimal("49.7")),
    ("Ljusnarsbergs kommun", Decimal("11.6")),
    ("Nora kommun", Decimal("22.2")),
]
POPULATIONS = {
    "Hällefors kommun": 6652,
    "Lindesbergs kommun": 23285,
    "Ljusnarsbergs kommun": 4676,
    "Nora kommun": 10508,
}
POPULATION_DATE = datetime.date(2024, 12, 31)


def organisation(association, name):
    return association.memberships.get(organisation__name=name).organisation
