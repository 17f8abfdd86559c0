"""A register of national size, written straight to the database, for query counts and benchmarks.

Every person has one enrolment in each of two initiatives (so the association's total has to
count persons once), starts spread over the initiatives' periods, two thirds ended with a reason.
Deterministic: the same seed gives the same register.
"""

import datetime
import random

from participants.models import EndReason, Enrolment, Gender, IncomeSource, Participant

REASONS = [reason.value for reason in EndReason]
SOURCES = [source.value for source in IncomeSource]
GENDERS = [gender.value for gender in Gender]


def _start(rng: random.Random, initiative) -> datetime.date:
    first = initiative.start_date
    last = min(initiative.end_date or datetime.date(2025, 12, 31), datetime.date(2025, 12, 31))
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def bulk_register(association, initiatives, enrolments: int, seed: int = 2025, prefix: str = "B") -> int:
    """Write `enrolments` enrolments (half as many persons) into two initiatives; return the count."""
    rng = random.Random(seed)
    first, second = initiatives
    persons = enrolments // 2
    batch = 5000
    written = 0
    for offset in range(0, persons, batch):
        people = Participant.objects.bulk_create(
            Participant(
                association=association,
                code=f"{prefix}{number:07}",
                gender=rng.choice(GENDERS),
                birth_year=rng.randrange(1960, 2008),
            )
            for number in range(offset, min(offset + batch, persons))
        )
        rows = []
        for person in people:
            for initiative in (first, second):
                start = _start(rng, initiative)
                ended = rng.random() < 0.66
                rows.append(
                    Enrolment(
                        participant=person,
                        initiative=initiative,
                        start_date=start,
                        end_date=start + datetime.timedelta(days=rng.randrange(30, 400)) if ended else None,
                        end_reason=rng.choice(REASONS) if ended else "",
                        income_before=rng.choice(SOURCES),
                        income_after=rng.choice(SOURCES) if ended else "",
                    )
                )
        Enrolment.objects.bulk_create(rows, batch_size=batch)
        written += len(rows)
    return written
