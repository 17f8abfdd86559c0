"""A national installation's data: N förbund over Y years, for the load benchmark.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam_national \\
        .venv/bin/python -m tests.benchmarks.national --forbund 80 --years 10 [--replace]

Migrates the database in DATABASE_URL and fills it as a county's shared office or the nation
would have it after Y years: organisations and memberships, boards, users of every role,
contributions split by population, every period's invoices issued and nearly all paid, budgets
adopted with the board's grants, initiatives with their decisions and goals, a year's
bookkeeping per förbund and year (SIE 4E written like a bookkeeping program's export and imported
through the same import as the upload page), a participant register, and each förbund's annual
report of the year before last adopted (rendered and archived as the board's adoption does)
and last year's shared with the board.

Everything but the participant register goes through the apps' services (the demo loaders'
code, fed with generated data instead of fixtures/demo/), so every rule and constraint holds;
the register is written in bulk, as tests/participants/bulk.py does, within the models'
constraints. Deterministic: the same arguments give the same data. Prints how long each part
took. With 80 förbund and 10 years: about 11 000 invoices, 650 000 voucher rows, 3 000
initiatives and 200 000 enrolments.

The users all have the password printed at the end; `python -m tests.benchmarks.load` logs
them in. Never run this against a database with real data: --replace empties the database first.
"""

import argparse
import datetime
import random
import time
from decimal import Decimal

from stdnum import luhn

PASSWORD = "national-benchmark-2026"
SECOND_FACTOR_KEY = "66696e73616d2d64656d6f2d3266612d6b657921"  # the demo's published key
FK = "2021005521"  # Försäkringskassan, a member of every förbund
INITIATIVES_PER_FORBUND_AND_YEAR = 3.7  # 3 000 initiatives for 80 förbund over 10 years
ENROLMENTS_PER_FORBUND_AND_YEAR = 250  # 200 000 enrolments for 80 förbund over 10 years
SUPPLIER_INVOICES_PER_YEAR = 100


def number(prefix: str, n: int) -> str:
    """A ten-digit organisation number with a valid check digit."""
    base = f"{prefix}{n:0{9 - len(prefix)}d}"
    return base + luhn.calc_check_digit(base)


def slug(index: int) -> str:
    return f"sf{index + 1:02d}"


def regions_of(forbund: int) -> int:
    return (forbund + 3) // 4  # a region has about four förbund


def municipalities_of(index: int) -> int:
    return 1 + index % 4  # 1 to 4 municipalities each, 2.5 on average


# --- The members: organisations, förbund, boards and users ------------------------------------------


def members_data(forbund: int, first_year: int, last_year: int) -> dict:
    organisations = [
        {
            "name": "Försäkringskassan",
            "organisation_number": FK,
            "kind": "social_insurance",
            **_address("Stockholm"),
        }
    ]
    for region in range(regions_of(forbund)):
        organisations.append(
            {
                "name": f"Region {region + 1:02d}",
                "organisation_number": number("2321", region + 1),
                "kind": "region",
                **_address(f"Residensstad {region + 1:02d}"),
                "population": 250_000 + 10_000 * region,
                "population_date": datetime.date(first_year - 1, 12, 31),
            }
        )
    associations, users, municipality = [], [], 0
    board_periods = _board_periods(first_year, last_year)
    for index in range(forbund):
        members = [FK, number("2321", index // 4 + 1)]
        for _member in range(municipalities_of(index)):
            municipality += 1
            organisations.append(
                {
                    "name": f"Kommun {municipality:03d}",
                    "organisation_number": number("2120", municipality),
                    "kind": "municipality",
                    **_address(f"Kommunort {municipality:03d}"),
                    "population": 5_000 + (municipality * 7_919) % 60_000,
                    "population_date": datetime.date(first_year - 1, 12, 31),
                }
            )
            members.append(number("2120", municipality))
        associations.append(
            {
                "name": f"Samordningsförbundet {index + 1:02d}",
                "short_name": f"SF {index + 1:02d}",
                "slug": slug(index),
                "organisation_number": number("2220", index + 1),
                "street_address": "Storgatan 1",
                "postal_code": "111 22",
                "city": f"Förbundsort {index + 1:02d}",
                "email": f"kansli@{slug(index)}.example",
                "bankgiro": f"5{index + 1:06d}" + luhn.calc_check_digit(f"5{index + 1:06d}"),
                "invoice_period": "quarter",
                "director_name": "Förbundschef Exempel",
                "director_email": f"forbundschef@{slug(index)}.example",
                "founded_on": datetime.date(first_year - 1, 1, 1),
                "members_from": datetime.date(first_year - 1, 1, 1),
                "members": members,
                "buyer_references": {member: f"Finsam {index + 1:02d}" for member in members},
                "board_periods": board_periods,
                "chair": members[-1],
                "vice_chair": members[1],
            }
        )
        for username, kind, first, last in (
            ("kansli", "office", "Karin", "Kansli"),
            ("styrelse", "board", "Stig", "Styrelse"),
            ("revisor", "auditor", "Rolf", "Revisor"),
            ("insats", "lead", "Ingrid", "Insatsledare"),
        ):
            users.append(
                {
                    "username": f"{username}-{slug(index)}",
                    "first_name": first,
                    "last_name": last,
                    "roles": [{"kind": kind, "association": slug(index)}],
                }
            )
        users.append(
            {
                "username": f"kommun-{slug(index)}",
                "first_name": "Karl",
                "last_name": "Kommun",
                "roles": [{"kind": "representative", "organisation": members[-1]}],
            }
        )
    users += [
        {
            "username": "lan-kansli",  # the shared office of every förbund in the installation
            "first_name": "Lena",
            "last_name": "Länskansli",
            "roles": [{"kind": "office", "association": slug(index)} for index in range(forbund)],
        },
        {
            "username": "fk-ekonom",  # Försäkringskassan's finance officer: a member of every förbund
            "first_name": "Fredrik",
            "last_name": "Försäkringskassan",
            "roles": [{"kind": "representative", "organisation": FK}],
        },
        {
            "username": "region-ekonom",  # a region: a member of four förbund
            "first_name": "Rut",
            "last_name": "Region",
            "roles": [{"kind": "representative", "organisation": number("2321", 1)}],
        },
    ]
    return {
        "password": PASSWORD,
        "second_factor_key": SECOND_FACTOR_KEY,
        "organisations": organisations,
        "associations": associations,
        "users": users,
    }


def _address(city: str) -> dict:
    return {"street_address": "Box 100", "postal_code": "100 00", "city": city}


def _board_periods(first_year: int, last_year: int) -> list:
    periods, start = [], first_year - 1
    while start <= last_year:
        periods.append([datetime.date(start, 1, 1), datetime.date(start + 3, 12, 31)])
        start += 4
    return periods


# --- Money: contributions, invoices and payments ----------------------------------------------------


def state_amount(index: int, year: int, first_year: int) -> int:
    """The state's allocation: 1.0 to 4.9 million, growing 2 % a year, in whole thousands."""
    base = 1_000_000 + (index * 390_000) % 3_900_000
    return round(base * 1.02 ** (year - first_year), -3)


def funding_data(forbund: int, years: list[int], today: datetime.date) -> dict:
    contributions = []
    for index in range(forbund):
        for year in years:
            unpaid = [] if year < today.year - 1 else [[number("2120", 1 + index), "Q4"]]
            contributions.append(
                {
                    "association": slug(index),
                    "year_offset": year - today.year,
                    "state_amount": state_amount(index, year, years[0]),
                    "split_method": "population",
                    "population_date": datetime.date(years[0] - 1, 12, 31),
                    "rounding_unit": 1,
                    "decided_on_month_day": "11-15",
                    "unpaid": unpaid,
                }
            )
    return {"contributions": contributions}


# --- Initiatives, grants, goals and budgets ---------------------------------------------------------


def initiatives_of(index: int, years: list[int]) -> list[dict]:
    count = round(INITIATIVES_PER_FORBUND_AND_YEAR * len(years))
    kinds = ["individual", "individual", "structural", "preventive"]
    rows = []
    for position in range(count):
        start_year = years[0] + position * len(years) // count
        rows.append(
            {
                "association": slug(index),
                "code": f"insats-{position + 1:03d}",
                "name": f"Insats {position + 1:03d} för samordnad rehabilitering",
                "accounting_object": f"P{position + 1:03d}",
                "kind": kinds[position % len(kinds)],
                "owner": number("2120", 1 + _first_municipality(index)),
                "leads": [f"insats-{slug(index)}"] if position % 10 == 0 else [],
                "start_date": datetime.date(start_year, 1, 1),
                "end_date": datetime.date(start_year + 2, 12, 31),
                "planned_participants": 40,
                "target_group": "Personer i arbetsför ålder som behöver stöd från flera parter.",
                "description": "En samordnad insats där parterna arbetar tillsammans kring individen.",
                # About half of a year's contributions go to the 11 initiatives running at a time.
                "amount": round(state_amount(index, years[0], years[0]) * (0.06 + 0.01 * (position % 9)), -3),
            }
        )
    return rows


def _first_municipality(index: int) -> int:
    return sum(municipalities_of(earlier) for earlier in range(index))


def initiatives_data(forbund: int, years: list[int], today: datetime.date) -> tuple[dict, dict]:
    data = {"initiatives": [], "meetings": [], "goals": [], "applications": [], "follow_ups": []}
    budgets = {"budgets": []}
    for index in range(forbund):
        rows = initiatives_of(index, years)
        for row in rows:
            ended = row["end_date"] < today
            data["initiatives"].append({**row, "status": "ended" if ended else "running"})
        for year in years:
            active = [row for row in rows if row["start_date"].year <= year <= row["end_date"].year]
            data["meetings"].append(
                {
                    "association": slug(index),
                    "date": datetime.date(year - 1, 11, 10),
                    "decisions": [
                        {
                            "paragraph": 5,
                            "title": f"Insatsmedel {year}",
                            "text": f"Styrelsen beviljar medel till insatserna för {year} enligt förslag.",
                            "grants": [[row["code"], {str(year): row["amount"]}, ""] for row in active],
                        }
                    ],
                }
            )
            goals = [
                [
                    "",
                    "Minst 60 % av deltagarna ska ha gått vidare till arbete eller studier.",
                    "Avslutsorsak i deltagarregistret",
                    "at_least",
                    60,
                    "percent",
                    "work_or_studies",
                    "",
                    "",
                    "",
                ],
                [
                    "",
                    "Minst 4 partsgemensamma aktiviteter ska genomföras under året.",
                    "Antal genomförda aktiviteter",
                    "at_least",
                    4,
                    "count",
                    "manual",
                    5,
                    "",
                    "",
                ],
                [
                    "",
                    "Det egna kapitalet ska inte överstiga 20 % av driftbidraget.",
                    "Eget kapital i andel av driftbidraget",
                    "at_most",
                    20,
                    "percent",
                    "manual",
                    "",
                    "",
                    "",
                ],
            ]
            goals += [
                [
                    row["code"],
                    f"Minst 30 deltagare i {row['name'].lower()}.",
                    "Antal deltagare",
                    "at_least",
                    30,
                    "count",
                    "manual",
                    "",
                    "",
                    "",
                ]
                for row in active[:3]
            ]
            data["goals"].append({"association": slug(index), "year": year, "goals": goals})
            contributions = 2 * state_amount(index, year, years[0])
            budgets["budgets"].append(
                {
                    "association": slug(index),
                    "first_year": year,
                    "adopted_on": datetime.date(year - 1, 11, 24),
                    "decision_reference": f"Förbundsstyrelsen {year - 1}-11-24 § 6",
                    "lines": [
                        ["income", "Staten", "income_state", "", *[contributions // 2] * 3],
                        [
                            "income",
                            "Kommun och region",
                            "income_region_municipalities",
                            "",
                            *[contributions // 2] * 3,
                        ],
                        ["administration", "Kansli", "office", "", *[round(contributions * 0.2, -3)] * 3],
                        ["administration", "Styrelse", "board", "", *[80_000] * 3],
                        ["financial", "Bankkostnader", "financial_costs", "", *[4_000] * 3],
                    ],
                }
            )
    return data, budgets


# --- The bookkeeping: one SIE 4E file per förbund and year ------------------------------------------


ACCOUNTS = {
    "1930": "Bank",
    "2010": "Eget kapital",
    "2440": "Leverantörsskulder",
    "2640": "Ingående moms",
    "3010": "Erhållna statliga bidrag",
    "3020": "Erhållna regionbidrag",
    "3030": "Erhållna kommunala bidrag",
    "4010": "Projektkostnader, finansierade insatser",
    "5010": "Lokalhyra",
    "6550": "Konsultarvoden",
    "5800": "Resekostnader",
    "7010": "Löner",
    "7240": "Styrelsearvoden",
    "7510": "Arbetsgivaravgifter",
    "8410": "Räntekostnader och bankavgifter",
}


class Books:
    """Vouchers with their rows, and every account's sum, so that #UB and #RES agree with #TRANS."""

    def __init__(self, year: int):
        self.year = year
        self.lines: list[str] = []
        self.sums: dict[str, Decimal] = {}
        self.count = 0

    def voucher(self, day: datetime.date, text: str, rows: list[tuple[str, str, Decimal]]) -> None:
        assert sum(amount for _account, _object, amount in rows) == 0, text
        self.count += 1
        self.lines += [f'#VER A {self.count} {day:%Y%m%d} "{text}"', "{"]
        for account, obj, amount in rows:
            self.lines.append(f"#TRANS {account} {obj} {amount:.2f}")
            self.sums[account] = self.sums.get(account, Decimal(0)) + amount
        self.lines.append("}")


def ledger_file(
    *,
    orgnr: str,
    year: int,
    contributions: Decimal,
    projects: list[tuple[str, str, int]],
    opening: Decimal,
    rng,
) -> tuple[bytes, Decimal]:
    """The year's SIE 4E file and the equity it closes with (the opening equity plus the result)."""
    from tests.benchmarks.harness import sie_header

    books = Books(year)
    quarter = (contributions / 4).quantize(Decimal(1))
    for q in range(4):
        amount = quarter if q < 3 else contributions - 3 * quarter
        state, region = (amount / 2).quantize(Decimal(1)), (amount / 4).quantize(Decimal(1))
        books.voucher(
            datetime.date(year, 3 * q + 1, 20),
            f"Medlemsbidrag kvartal {q + 1}",
            [
                ("1930", "{}", amount),
                ("3010", "{}", -state),
                ("3020", "{}", -region),
                ("3030", "{}", state + region - amount),
            ],
        )
    for month in range(1, 13):
        day = datetime.date(year, month, 25)
        salary = (contributions * Decimal("0.01")).quantize(Decimal(1))
        fees = (salary * Decimal("0.3142")).quantize(Decimal(1))
        books.voucher(
            day, "Löner", [("7010", "{}", salary), ("7510", "{}", fees), ("1930", "{}", -salary - fees)]
        )
        books.voucher(day, "Hyra", [("5010", "{}", Decimal(6_500)), ("1930", "{}", Decimal(-6_500))])
        for code, _name, amount in projects:
            cost = (
                Decimal(amount) / 12
                if month < 12
                else Decimal(amount) - 11 * (Decimal(amount) / 12).quantize(Decimal(1))
            )
            cost = cost.quantize(Decimal(1))
            books.voucher(day, f"Insats {code}", [("4010", f'{{6 "{code}"}}', cost), ("1930", "{}", -cost)])
    for invoice in range(SUPPLIER_INVOICES_PER_YEAR):
        booked = datetime.date(year, 1 + invoice % 12, 1 + invoice % 27)
        net = Decimal(rng.randrange(500, 25_000))
        vat = (net / 4).quantize(Decimal(1))
        account = ("6550", "5800", "7240", "8410")[invoice % 4]
        books.voucher(
            booked,
            "Leverantörsfaktura",
            [(account, "{}", net), ("2640", "{}", vat), ("2440", "{}", -net - vat)],
        )
        books.voucher(
            booked + datetime.timedelta(days=2),
            "Betalning",
            [("2440", "{}", net + vat), ("1930", "{}", -net - vat)],
        )
    books.voucher(
        datetime.date(year, 12, 28),
        "Momsfordran återbetald",
        [("1930", "{}", books.sums["2640"]), ("2640", "{}", -books.sums["2640"])],
    )
    result = -sum(amount for account, amount in books.sums.items() if account[0] in "345678")
    bank_opening = -opening
    lines = [
        *sie_header(orgnr, year),
        *(f'#KONTO {account} "{name}"' for account, name in ACCOUNTS.items()),
        '#DIM 6 "Projekt"',
        *(f'#OBJEKT 6 "{code}" "{name}"' for code, name, _amount in projects),
        f"#IB 0 1930 {bank_opening:.2f}",
        f"#IB 0 2010 {opening:.2f}",
        f"#UB 0 1930 {bank_opening + books.sums['1930']:.2f}",
        f"#UB 0 2010 {opening:.2f}",
        *(
            f"#RES 0 {account} {amount:.2f}"
            for account, amount in sorted(books.sums.items())
            if account[0] in "345678"
        ),
    ]
    text = "\r\n".join(lines + books.lines) + "\r\n"
    return text.encode("cp437"), opening - result


# --- The participant register -----------------------------------------------------------------------


def register(association, initiatives, years: list[int], today: datetime.date, rng) -> int:
    from participants.models import EndReason, Enrolment, Gender, IncomeSource, Participant

    individual = [initiative for initiative in initiatives if initiative.kind == "individual"]
    reasons = [reason.value for reason in EndReason]
    sources = [source.value for source in IncomeSource]
    genders = [gender.value for gender in Gender]
    total = ENROLMENTS_PER_FORBUND_AND_YEAR * len(years)
    people = Participant.objects.bulk_create(
        Participant(
            association=association,
            code=f"{association.slug.upper()}-{person:06d}",
            gender=rng.choice(genders),
            birth_year=rng.randrange(1960, today.year - 18),
        )
        for person in range(total)
    )
    rows = []
    for position, person in enumerate(people):
        initiative = individual[position % len(individual)]
        last = min(initiative.end_date, today)
        start = initiative.start_date + datetime.timedelta(
            days=rng.randrange((last - initiative.start_date).days + 1)
        )
        end = start + datetime.timedelta(days=rng.randrange(60, 400))
        ended = end <= today
        rows.append(
            Enrolment(
                participant=person,
                initiative=initiative,
                start_date=start,
                end_date=end if ended else None,
                end_reason=rng.choice(reasons) if ended else "",
                income_before=rng.choice(sources),
                income_after=rng.choice(sources) if ended else "",
            )
        )
    Enrolment.objects.bulk_create(rows, batch_size=5_000)
    return len(rows)


# --- Putting it together ----------------------------------------------------------------------------


def build(forbund: int, years: int, today: datetime.date | None = None, log=print) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from funding import demo as funding_demo
    from funding.ledger import import_sie
    from initiatives import demo as initiatives_demo
    from initiatives.models import Initiative
    from members import demo as members_demo
    from members.models import Association, User
    from reporting import services as reporting_services
    from reporting.sections import specs_for

    today = today or timezone.localdate()
    span = list(range(today.year - years + 1, today.year + 1))
    rng = random.Random(2026)
    timings = {}

    def part(label, action):
        start = time.perf_counter()
        result = action()
        timings[label] = time.perf_counter() - start
        log(f"  {label:<44} {timings[label]:7.1f} s")
        return result

    members = part(
        "members, boards, users", lambda: members_demo.load(members_data(forbund, span[0], span[-1]))
    )
    part(
        "contributions, invoices, payments",
        lambda: funding_demo.load(
            funding_data(forbund, span, today), issued_by=members["users"]["lan-kansli"], today=today
        ),
    )
    initiatives, budgets = initiatives_data(forbund, span, today)
    part("initiatives, decisions, goals", lambda: initiatives_demo.load(initiatives))
    part("budgets", lambda: funding_demo.load_budgets(budgets))

    associations = list(
        Association.objects.filter(slug__in=[slug(index) for index in range(forbund)]).order_by("slug")
    )

    def ledgers():
        for index, association in enumerate(associations):
            equity = Decimal(-800_000)
            rows = initiatives_of(index, span)
            for year in span[:-1]:  # the current year is not closed yet
                projects = [
                    (row["accounting_object"], row["name"], row["amount"])
                    for row in rows
                    if row["start_date"].year <= year <= row["end_date"].year
                ]
                data, equity = ledger_file(
                    orgnr=association.organisation_number,
                    year=year,
                    contributions=Decimal(2 * state_amount(index, year, span[0])),
                    projects=projects,
                    opening=equity,
                    rng=rng,
                )
                import_sie(association=association, data=data, file_name=f"{association.slug}-{year}.se")

    part("ledgers (SIE import)", ledgers)

    def registers():
        count = 0
        for association in associations:
            with transaction.atomic():
                count += register(
                    association, list(Initiative.objects.filter(association=association)), span, today, rng
                )
        return count

    enrolments = part("participant register (bulk)", registers)

    def reports():
        """The year before last adopted (rendered and archived); last year's shared with the board."""
        for association in associations:
            for year, adopt in ((span[-3], True), (span[-2], False)):
                with transaction.atomic():
                    report = reporting_services.create_report(
                        association=association, kind="annual", period_end=datetime.date(year, 12, 31)
                    )
                    for spec in specs_for("annual"):
                        reporting_services.save_section(
                            report=report,
                            key=spec.key,
                            text="Förbundet har under året arbetat enligt verksamhetsplanen.",
                        )
                    reporting_services.share(report=report)
                    if adopt:
                        reporting_services.adopt(
                            report=report,
                            meeting_date=datetime.date(year + 1, 3, 20),
                            paragraph=4,
                            place=association.city,
                        )

    if len(span) > 2:
        part(f"annual reports {span[-3]} adopted (rendered), {span[-2]} shared", reports)
    timings["enrolments"] = enrolments
    timings["users"] = User.objects.count()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forbund", type=int, default=80)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--replace", action="store_true", help="empty the database first")
    arguments = parser.parse_args()

    from tests.benchmarks.harness import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from funding.models import Invoice, VoucherRow
    from initiatives.models import Initiative
    from members.models import Association

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    if Association.objects.exists():
        if not arguments.replace:
            raise SystemExit("The database has data already; --replace empties it first.")
        call_command("flush", interactive=False, verbosity=0)
    print(f"National data: {arguments.forbund} förbund × {arguments.years} years on {connection.vendor}")
    build(arguments.forbund, arguments.years)
    print(
        f"Done in {time.perf_counter() - start:.0f} s: {Association.objects.count()} förbund, "
        f"{Invoice.objects.count()} invoices, {VoucherRow.objects.count()} voucher rows, "
        f"{Initiative.objects.count()} initiatives, "
        f"{__import__('participants.models').models.Enrolment.objects.count()} enrolments. "
        f"Password of every user: {PASSWORD}"
    )


if __name__ == "__main__":
    main()
