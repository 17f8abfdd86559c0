"""How long the participants report takes with a register of national size.

    python -m tests.benchmarks.participants_report [--enrolments 100000] [--repeat 3]

Builds a throwaway database with one association, two individual-oriented initiatives with
grants, and the given number of enrolments; then times the statistics, the page, the PDF, the
Excel workbook and the CSV export of rows, and prints the median and slowest of each.
Use DATABASE_URL to choose the database server (production runs on PostgreSQL).
"""

import argparse
import datetime
import time
from decimal import Decimal

from tests.benchmarks.harness import report, scratch_database, setup_django, timed


def build(enrolments: int):
    from initiatives import services
    from initiatives.models import Initiative
    from members.models import BoardMeeting, Decision, Organisation, Role
    from tests.factories import (
        AssociationFactory,
        MembershipFactory,
        OrganisationFactory,
        RoleFactory,
        UserFactory,
    )
    from tests.participants.bulk import bulk_register

    association = AssociationFactory(slug="benchmark", name="Samordningsförbundet Benchmark")
    owner = OrganisationFactory(name="Benchmark kommun", kind=Organisation.Kind.MUNICIPALITY)
    MembershipFactory(association=association, organisation=owner)
    office = UserFactory(username="benchmark-kansli")
    RoleFactory(user=office, kind=Role.Kind.OFFICE, association=association)
    meeting = services.save_meeting(
        meeting=BoardMeeting(association=association, date=datetime.date(2023, 12, 1))
    )
    initiatives = []
    for paragraph, (code, start) in enumerate([("steget", 2023), ("vagen", 2024)], start=1):
        initiative = services.save_initiative(
            initiative=Initiative(
                association=association,
                code=code,
                name=code.title(),
                kind=Initiative.Kind.INDIVIDUAL,
                owner=owner,
                start_date=datetime.date(start, 1, 1),
                end_date=datetime.date(2026, 12, 31),
            )
        )
        services.record_decision(
            decision=Decision(meeting=meeting, paragraph=paragraph, title=code, text="Beviljas."),
            initiative=initiative,
            amounts={year: Decimal(1_500_000) for year in range(start, 2027)},
        )
        initiatives.append(initiative)
    started = time.perf_counter()
    written = bulk_register(association, initiatives, enrolments)
    print(f"{written} enrolments written in {time.perf_counter() - started:.1f} s")
    return association, office


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrolments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--year", type=int, default=2025)
    arguments = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from participants import documents
    from participants.statistics import year_statistics

    with scratch_database():
        association, office = build(arguments.enrolments)
        year, repeat = arguments.year, arguments.repeat
        client = Client()
        client.force_login(office)

        def page(name, *args, **params):
            def fetch():
                response = client.get(reverse(name, args=["benchmark", *args]), params)
                assert response.status_code == 200, response.status_code
                if response.streaming:
                    b"".join(response.streaming_content)

            return fetch

        def published():
            return documents.participants_report(association, year, suppress=True)

        results = [
            timed("statistics of one year", lambda: year_statistics(association, year), repeat),
            timed("report data (three years, suppressed)", published, repeat),
            timed("PDF", lambda: documents.report_pdf(published()), repeat),
            timed("Excel", lambda: documents.report_workbook(published()), repeat),
            timed("statistics page", page("participants:statistics", ar=year), repeat),
            timed(
                "register page (filtered, page 3)", page("participants:register", year=year, sida=3), repeat
            ),
            timed("CSV export of every row", page("participants:export"), repeat),
        ]
        report(
            f"Participants report, {arguments.enrolments} enrolments, {connection.vendor}, year {year}",
            results,
        )


if __name__ == "__main__":
    main()
