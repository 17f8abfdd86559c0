"""How long a 30-page annual report with charts takes to render.

    python -m tests.benchmarks.annual_report [--initiatives 45] [--repeat 7]

Builds a throwaway database with a large förbund: a county's members, a year's bookkeeping (SIE
4, imported as a user would) with one project object per initiative and the previous year
beside it, granted initiatives with goals, a participant register, and every narrative section
written at length. Then times the figures, the PDF (PDF/A-3b, tagged) and the workbook, and
prints the PDF's page count. Target: the PDF within 3 s on these machines (2 cores).
"""

import argparse
import datetime
import io
from decimal import Decimal

from tests.benchmarks.harness import report, scratch_database, setup_django, sie_header, timed

YEAR = 2025
PARAGRAPH = (
    "Förbundet har under året arbetat vidare med samverkan mellan Försäkringskassan, Arbetsförmedlingen, "
    "regionen och kommunerna. Insatserna har nått personer med sammansatta behov av rehabilitering, och "
    "uppföljningen har visat att samordnade insatser ger resultat för både individen och samhället. "
)


def sie_text(orgnr: str, objects: list[tuple[str, str, int]]) -> bytes:
    """A year's bookkeeping: contributions, one supplier invoice per project, office and board costs."""
    lines = [
        *sie_header(orgnr, YEAR),
        '#KONTO 1930 "Bank"',
        '#KONTO 2010 "Eget kapital"',
        '#KONTO 2440 "Leverantörsskulder"',
        '#KONTO 3010 "Erhållna statliga bidrag"',
        '#KONTO 3020 "Erhållna regionbidrag"',
        '#KONTO 3030 "Erhållna kommunala bidrag"',
        '#KONTO 4010 "Projektkostnader, finansierade insatser"',
        '#KONTO 6550 "Konsultarvoden, kansli"',
        '#KONTO 7240 "Styrelsearvoden"',
        '#DIM 6 "Projekt"',
    ]
    lines += [f'#OBJEKT 6 "{obj}" "{name}"' for obj, name, _amount in objects]
    contributions = sum(amount for _obj, _name, amount in objects) + 1_200_000
    state, region = contributions // 2, contributions // 4
    municipalities = contributions - state - region
    vouchers, number = [], 0

    def voucher(date, text, rows):
        nonlocal number
        number += 1
        vouchers.append(f'#VER A {number} {date} "{text}"')
        vouchers.append("{")
        vouchers.extend(f"#TRANS {account} {obj} {amount:.2f}" for account, obj, amount in rows)
        vouchers.append("}")

    voucher(
        f"{YEAR}0115",
        "Medlemsbidrag",
        [
            ("1930", "{}", contributions),
            ("3010", "{}", -state),
            ("3020", "{}", -region),
            ("3030", "{}", -municipalities),
        ],
    )
    for index, (obj, name, amount) in enumerate(objects):
        month = 1 + index % 12
        voucher(
            f"{YEAR}{month:02}15", name[:30], [("4010", f'{{6 "{obj}"}}', amount), ("1930", "{}", -amount)]
        )
    voucher(f"{YEAR}1215", "Kansli", [("6550", "{}", 1_000_000), ("1930", "{}", -1_000_000)])
    voucher(f"{YEAR}1220", "Styrelse", [("7240", "{}", 150_000), ("2440", "{}", -150_000)])
    opening_bank, opening_equity = 900_000, -900_000
    bank = opening_bank + contributions - sum(amount for _o, _n, amount in objects) - 1_000_000
    lines += [
        f"#IB 0 1930 {opening_bank:.2f}",
        f"#IB 0 2010 {opening_equity:.2f}",
        f"#UB 0 1930 {bank:.2f}",
        f"#UB 0 2010 {opening_equity:.2f}",
        "#UB 0 2440 -150000.00",
        f"#RES 0 3010 {-state:.2f}",
        f"#RES 0 3020 {-region:.2f}",
        f"#RES 0 3030 {-municipalities:.2f}",
        f"#RES 0 4010 {sum(amount for _o, _n, amount in objects):.2f}",
        "#RES 0 6550 1000000.00",
        "#RES 0 7240 150000.00",
        "#UB -1 1930 900000.00",
        "#UB -1 2010 -900000.00",
        f"#RES -1 3010 {-state:.2f}",
        f"#RES -1 4010 {state:.2f}",
    ]
    return ("\r\n".join(lines + vouchers) + "\r\n").encode("cp437")


def build(initiatives: int):
    from finsam import money  # noqa: F401  (apps ready)
    from funding.ledger import import_sie
    from initiatives import services as initiative_services
    from initiatives.models import Goal, Initiative
    from members.models import BoardMeeting, BoardSeat, Decision, Organisation, Role
    from reporting import services
    from reporting.sections import specs_for
    from tests.factories import (
        AssociationFactory,
        BoardSeatFactory,
        BoardTermFactory,
        MembershipFactory,
        OrganisationFactory,
        RoleFactory,
        UserFactory,
    )
    from tests.participants.bulk import bulk_register

    association = AssociationFactory(slug="benchmark", name="Samordningsförbundet Benchmark")
    members = [
        OrganisationFactory(name="Försäkringskassan", kind=Organisation.Kind.SOCIAL_INSURANCE),
        OrganisationFactory(name="Region Benchmark", kind=Organisation.Kind.REGION),
    ]
    members += [
        OrganisationFactory(name=f"Kommun {n}", kind=Organisation.Kind.MUNICIPALITY) for n in range(12)
    ]
    for member in members:
        MembershipFactory(association=association, organisation=member, start_date=datetime.date(2010, 1, 1))
        seat = BoardSeatFactory(association=association, appointed_by=member, kind=BoardSeat.Kind.ORDINARY)
        BoardTermFactory(
            seat=seat, person_name=f"Ledamot för {member.name}", start_date=datetime.date(2023, 1, 1)
        )
    office = UserFactory(username="benchmark-kansli")
    RoleFactory(user=office, kind=Role.Kind.OFFICE, association=association)
    meeting = initiative_services.save_meeting(
        meeting=BoardMeeting(association=association, date=datetime.date(YEAR - 1, 11, 20))
    )
    objects = []
    created = []
    for number in range(initiatives):
        code = f"insats-{number:02}"
        initiative = initiative_services.save_initiative(
            initiative=Initiative(
                association=association,
                code=code,
                name=f"Insats {number:02} för samordnad rehabilitering",
                accounting_object=f"P{number:02}",
                kind=Initiative.Kind.INDIVIDUAL if number % 3 else Initiative.Kind.STRUCTURAL,
                owner=members[2 + number % 12],
                start_date=datetime.date(YEAR - 1, 1, 1),
                end_date=datetime.date(YEAR + 2, 12, 31),
            )
        )
        amount = 150_000 + 10_000 * (number % 9)
        initiative_services.record_decision(
            decision=Decision(meeting=meeting, paragraph=number + 1, title=initiative.name, text="Beviljas."),
            initiative=initiative,
            amounts={year: Decimal(amount) for year in range(YEAR - 1, YEAR + 3)},
        )
        for position in range(2):
            Goal.objects.create(
                association=association,
                initiative=initiative,
                year=YEAR,
                position=position,
                text=f"Minst {60 + position * 10} % av de avslutade når egen försörjning",
                unit="percent",
                target=Decimal(60 + position * 10),
                source="self_support",
            )
        objects.append((initiative.accounting_object, initiative.name, amount - 5_000))
        created.append(initiative)
    individual = [item for item in created if item.kind == Initiative.Kind.INDIVIDUAL][:2]
    bulk_register(association, individual, 10_000)
    import_sie(
        association=association,
        data=sie_text(association.organisation_number, objects),
        file_name="benchmark.se",
    )
    report_ = services.create_report(
        association=association, kind="annual", period_end=datetime.date(YEAR, 12, 31)
    )
    for spec in specs_for("annual"):
        services.save_section(report=report_, key=spec.key, text="\n\n".join([PARAGRAPH * 3] * 4))
    return report_


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=45)
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    setup_django()

    from django.db import connection
    from pypdf import PdfReader

    from reporting import content, documents

    with scratch_database():
        report_ = build(arguments.initiatives)
        document = documents.rendering(report_.association, report_.kind, report_.period_end, report_)
        pages = len(PdfReader(io.BytesIO(documents.document_pdf(document))).pages)
        results = [
            timed(
                "figures (content)",
                lambda: content.annual_content(report_.association, YEAR),
                arguments.repeat,
            ),
            timed("PDF from the figures", lambda: documents.document_pdf(document), arguments.repeat),
            timed("PDF, from the data", lambda: documents.report_pdf(report_), arguments.repeat),
            timed("Excel, from the data", lambda: documents.report_workbook(report_), arguments.repeat),
        ]
        report(
            f"Annual report, {pages} pages, {arguments.initiatives} initiatives, {connection.vendor}", results
        )


if __name__ == "__main__":
    main()
