"""Write SOFINT's bookkeeping for 2009, 2010 and 2011 as SIE 4 files.

SOFINT is Samordningsförbundet i norra Örebro län (222000-1818), the demo förbund. The files
are written as a bookkeeping program exports them: SIE type 4 with vouchers, code page 437
(#FORMAT PC8) and CR LF line endings.

* tests/data/sofint-2009.se: the test ledger. Its totals reproduce SOFINT's annual report
  2009 (seed 004) to the krona: income statement, the cost note (Not 3), the project report
  ("Projektredovisning", one #OBJEKT per project in dimension 6) and the balance sheet, with
  2008 as the comparison year (#RES -1, #UB -1).
* fixtures/demo/sofint-2010.se and sofint-2011.se: the demo ledgers. Each opens on the year
  before's closing balances with that year's result moved into equity, and funds the projects
  decided in seed 004 ("Beslutade projekt - avsatta medel").

Run from the repository root; the files are overwritten:

    .venv/bin/python scripts/make_demo_ledgers.py

Nothing is random: every amount and date below is written out or derived by fixed rules, so
a run gives byte-identical files. One amount is computed only to close the books on the
annual report: the VAT of the Åkerby seminar invoice in 2009 (see ledger_2009). Before
writing, every year is checked: the seed's figures for 2009, the decided project amounts
and result ranges for 2010-2011, and that the bank account is never overdrawn.

How the books are kept (the same every year):

* Members pay their contributions quarterly into the bank (1930): Försäkringskassan
  (3010), the county council (3020) and the four municipalities (3030, by agreed shares).
* Every purchase is a supplier invoice (Lev.faktura) booked on 2440 with its input VAT on
  1650, and paid (Betalning) on its due date; invoices still unpaid on 31 December are
  paid in January. Funded projects are booked on 4010 with the project in dimension 6.
* The förbund claims its input VAT back once a year; Skatteverket pays it in the spring,
  so 1650 holds the whole year's VAT at the year's end.
* Board fees are paid after the meetings, with 30 % tax withheld (2710) and employer
  contributions (7510 / 2730); both are paid to Skatteverket the month after.
* At the year's end the audit is accrued (2990) and, from 2010, a licence paid for the next
  year is deferred (1790); both are reversed on 1 January.
* SIE signs: debit positive, credit negative. Income accounts sum to negative amounts,
  costs to positive ones; equity and liabilities have negative balances. #UB of equity
  (2010) excludes the year's result, which the next year's #IB includes.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
if str(SCRIPTS) not in sys.path:  # tests load this file by its path, without scripts/ on sys.path
    sys.path.insert(0, str(SCRIPTS))

from demo_bookkeeping import (  # noqa: E402
    ACCRUED,
    BANK,
    CENT,
    CONTRIBUTIONS,
    EQUITY,
    MONTHS,
    PREPAID,
    PROJECT_COSTS,
    TAX,
    VAT,
    ZERO,
    Carry,
    Ledger,
    Row,
    bank_day,
    check_year,
    money,
    sie_file,
    split,
    write_files,
)

ROOT = SCRIPTS.parent
OUTPUTS = {
    2009: ROOT / "tests" / "data" / "sofint-2009.se",
    2010: ROOT / "fixtures" / "demo" / "sofint-2010.se",
    2011: ROOT / "fixtures" / "demo" / "sofint-2011.se",
}
# #GEN: when each year's file was exported, after the year had been closed.
GENERATED = {2009: dt.date(2010, 3, 1), 2010: dt.date(2011, 2, 28), 2011: dt.date(2012, 2, 29)}

COMPANY = "Samordningsförbundet i norra Örebro län"
ORGANISATION_NUMBER = "222000-1818"
# Number -> (name, #KTYP). T asset, S liability or equity, I income, K cost.
ACCOUNTS: dict[str, tuple[str, str]] = {
    "1650": ("Mervärdesskattefordringar", "T"),
    "1790": ("Förutbetalda kostnader och upplupna intäkter", "T"),
    "1930": ("Bank", "T"),
    "2010": ("Eget kapital", "S"),
    "2099": ("Årets resultat", "S"),
    "2440": ("Leverantörsskulder", "S"),
    "2710": ("Personalens skatter", "S"),
    "2730": ("Arbetsgivaravgifter", "S"),
    "2990": ("Upplupna kostnader och förutbetalda intäkter", "S"),
    "3010": ("Erhållna statliga bidrag", "I"),
    "3020": ("Erhållna landstingsbidrag", "I"),
    "3030": ("Erhållna kommunala bidrag", "I"),
    "3040": ("Övriga bidrag (ESF m.fl.)", "I"),
    "3740": ("Öresavrundningar", "I"),
    "4010": ("Projektkostnader, finansierade insatser", "K"),
    "5010": ("Lokalhyra", "K"),
    "5410": ("Förbrukningsinventarier", "K"),
    "5800": ("Resor och konferenser", "K"),
    "6071": ("Representation", "K"),
    "6420": ("Revision", "K"),
    "6540": ("Licenser och avgifter", "K"),
    "6550": ("Konsultarvoden, kansli", "K"),
    "6570": ("Bankkostnader", "K"),
    "6970": ("Tidningar och tidskrifter", "K"),
    "6990": ("Övriga främmande tjänster", "K"),
    "7240": ("Styrelsearvoden", "K"),
    "7510": ("Arbetsgivaravgifter", "K"),
    "8310": ("Ränteintäkter", "I"),
    "8410": ("Räntekostnader", "K"),
}

# Dimension 6 (Projekt): the funded projects of 2008-2011.
PROJECTS = {
    "EPS": "Projekt Epsilon, Lindesberg",
    "SIG": "Projekt Sigma, Nora",
    "UNG": "Projekt Ungdomscoach, Hällefors",
    "LIN": "Projekt Lindevillan",
    "PSH": "Praktiksamordnare Hällefors",
    "PSL": "Praktiksamordnare Lindesberg",
    "PSN": "Praktiksamordnare Nora",
    "PAY": "Payoff-utvärdering",
    "KVI": "Kvinnoprojektet, Lindesberg",
    "PRI": "PRIS, Närpsykiatri Rehabilitering",
}

# The members. The municipalities share their quarter by the agreed percentages (seed 000).
STATE = "Försäkringskassan"
COUNTY = "Örebro läns landsting"
MUNICIPAL_SHARES = [
    ("Hällefors kommun", Decimal("16.5")),
    ("Lindesbergs kommun", Decimal("49.7")),
    ("Ljusnarsbergs kommun", Decimal("11.6")),
    ("Nora kommun", Decimal("22.2")),
]

# Suppliers (the firms are invented; public bodies and places are those of seed 004).
OFFICE = "Bergslagens Förvaltningskonsult AB"  # the förbundschef and office, bought as a service
AUDITOR = "Bergslagens Revision AB"
STATIONER = "Kontorsvaruhuset Lindesberg"
CAFE = "Konditori Centralen"
HOTEL = "Hotell Lindesberg AB"
SOFTWARE = "Affärssystem i Mälardalen AB"
WEB_HOST = "Webbhotellet i Bergslagen AB"
PUBLISHER = "Samhällsförlaget AB"
TRAIN = "SJ AB"
TAXI = "Taxi Bergslagen AB"
ACTIVA = "Stiftelsen Activa"
NETWORK = "Nationella nätverket för samordningsförbund"


# ---------------------------------------------------------------------------------------
# SOFINT's ledger
# ---------------------------------------------------------------------------------------


class SofintLedger(Ledger):
    """A year of SOFINT's books: quarterly contributions, the input VAT claimed once a year."""

    company = COMPANY
    organisation_number = ORGANISATION_NUMBER
    accounts = ACCOUNTS
    projects = PROJECTS
    generated = GENERATED
    invoice_base_year = 2008
    interest_text = "Ränta bankkonto kv {quarter}"
    bank_fee_account = "6570"

    def contributions(self, state: int, county: int, municipalities: int, days: dict[str, str]) -> None:
        """The year's contributions, paid quarterly: days = payer kind -> "MMDD" in the first quarter."""
        for quarter in range(4):

            def when(month_day: str, offset: int = 0, quarter: int = quarter) -> dt.date:
                first = self.on(month_day)
                return first.replace(month=first.month + 3 * quarter) + dt.timedelta(days=offset)

            period = f"kv {quarter + 1} {self.year}"
            self.receive(when(days["state"]), f"{STATE}, medlemsbidrag {period}", "3010", money(state) / 4)
            self.receive(when(days["county"]), f"{COUNTY}, medlemsbidrag {period}", "3020", money(county) / 4)
            quarter_amount, paid = money(municipalities) / 4, ZERO
            for index, (name, share) in enumerate(MUNICIPAL_SHARES):
                last = index == len(MUNICIPAL_SHARES) - 1
                amount = quarter_amount - paid if last else (quarter_amount * share / 100).quantize(CENT)
                paid += amount
                percent = str(share).replace(".", ",")
                text = f"{name}, medlemsbidrag {period} ({percent} %)"
                self.receive(when(days["municipalities"], 2 * index), text, "3030", amount)

    def vat_refund(self, month_day: str, year: int) -> None:
        """Skatteverket pays back last year's input VAT: all of 1650's opening balance."""
        text = f"Skatteverket, återbetald ingående mervärdesskatt {year}"
        self.receive(self.on(month_day), text, VAT, self.opening[VAT])

    def board_fees(
        self, month_day: str, meeting: str, fees: int, travel: int, tax: int | None = None
    ) -> None:
        """Pay board fees (and tax-free mileage) after a meeting; tax and contributions are due later."""
        date = bank_day(self.on(month_day))
        gross, travel_amount = money(fees), money(travel)
        withheld, employer = self.withhold(date, gross, tax)
        rows = [
            Row("7240", gross),
            Row("5800", travel_amount),
            Row("7510", employer),
            Row(TAX, -withheld),
            Row(CONTRIBUTIONS, -employer),
            Row(BANK, -(gross - withheld + travel_amount)),
        ]
        self.book(date, f"Styrelsearvoden och reseersättningar, {meeting}", rows)


# ---------------------------------------------------------------------------------------
# 2009: the test ledger, reproducing the annual report 2009 (seed 004)
# ---------------------------------------------------------------------------------------

# Balance sheet 2008-12-31 (seed 004): the opening balances of 2009. 2008's result (84 762)
# is already in equity here: 1 017 979 + 84 762 = 1 102 741.
OPENING_2009 = {"1650": 126_722, "1930": 1_717_682, "2010": -1_102_741, "2440": -741_663}

# 2008, the comparison year. The closing balances are written as the program would write
# them, before the result was moved into equity: 2010 is 2008's opening equity.
CLOSING_2008 = {"1650": 126_722, "1930": 1_717_682, "2010": -1_017_979, "2440": -741_663}

# 2008's income statement by account (seed 004: Resultaträkning, Not 2 and Not 3, 2008 column).
# Not 3 lists items that round to a total one krona above the statement's 3 002 132, so three
# items carry öre. The note's "Övriga kostnader" (32 527) is booked on 6570, the one cost
# account here that reports as other costs; "Övriga främmande tjänster" (2 585 629) is the
# projects (2 499 338) plus the office (86 291).
RESULTS_2008 = {
    "3010": -1_500_000,
    "3020": -750_000,
    "3030": -750_000,
    "3740": -5,
    "4010": 2_499_338,
    "5410": "144829.60",
    "5800": "144268.70",
    "6071": 6_112,
    "6420": "30799.70",
    "6540": 1_214,
    "6550": 86_291,
    "6570": 32_527,
    "7240": 43_184,
    "7510": 13_568,
    "8310": -86_889,
}

# Supplier invoices open on 2008-12-31 (2440, 741 663), paid in January 2009:
# (supplier, invoice number, amount, due date).
OPEN_INVOICES_2008 = [
    ("Lindesbergs kommun", "81217", 145_880, "0109"),
    ("Nora kommun", "2008-1184", 121_462, "0112"),
    ("Hällefors kommun", "830412", 106_389, "0114"),
    ("Hällefors kommun", "830415", 54_708, "0114"),
    (OFFICE, "2008-12", 69_950, "0115"),
    ("Lindesbergs kommun", "81232", 60_000, "0116"),
    ("Nora kommun", "2008-1191", 60_000, "0116"),
    (COUNTY, "5512876", 24_000, "0120"),
    ("Ljusnarsbergs kommun", "208877", 99_274, "0123"),
]

# What the annual report 2009 says; the ledger is checked against these before it is written.
EXPECTED_RESULTS_2009 = {
    "3010": -1_450_000,
    "3020": -725_000,
    "3030": -725_000,
    "3740": -2,  # Not 2: "Öresavrundningar -2", income of 2 kr
    "4010": 2_196_028,
    "5410": "6020.55",  # Not 3: 6 021
    "5800": "25509.55",  # 25 510
    "6071": 14_540,
    "6420": "54767.90",  # 54 768
    "6540": 750,
    "6550": 480_000,  # 6550 + 6990 + 4010 = "Övriga främmande tjänster" 2 757 167
    "6970": 721,
    "6990": 81_139,
    "7240": 52_011,  # 7240 + 7510 = "Arvoden och ersättningar" 68 353
    "7510": 16_342,
    "8310": -1_425,
    "8410": 67,
}
EXPECTED_CLOSING_2009 = {
    "1650": 232_907,
    "1930": 1_150_049,
    "2010": -1_102_741,
    "2440": -275_097,
    "2710": -5_520,
    "2730": -6_067,
    "2990": -20_000,
}
# Projektredovisning, Utfall 2009.
EXPECTED_PROJECTS_2009 = {
    "EPS": 206_190,
    "SIG": 200_693,
    "UNG": 420_337,
    "LIN": 86_910,
    "PSH": 226_069,
    "PSL": 615_000,
    "PSN": 240_000,
    "PAY": 200_829,
}


def ledger_2009() -> SofintLedger:
    ledger = SofintLedger(2009, OPENING_2009)
    for supplier, number, amount, due in OPEN_INVOICES_2008:
        ledger.pay(bank_day(ledger.on(due)), supplier, number, money(amount))
    ledger.vat_refund("0320", 2008)
    ledger.contributions(
        1_450_000, 725_000, 725_000, {"state": "0120", "county": "0130", "municipalities": "0205"}
    )
    ledger.interest([620, 410, 210, 185])

    # Projects. Epsilon and Sigma were extended by four months (January-April) for the
    # socio-economic evaluation; Lindesbergs kommun and Nora kommun invoice them monthly.
    # Epsilon's premises and telephone at Kullgatan come from the landlord, with VAT.
    months = [
        ("0205", "januari 2009"),
        ("0305", "februari 2009"),
        ("0403", "mars 2009"),
        ("0506", "april 2009"),
    ]
    ledger.project_invoices(
        "EPS", "Lindesbergs kommun", months, split(153_136, [38_102, 38_466, 37_981, 38_587])
    )
    for month_day, net in [("0102", 13_264), ("0202", 13_264), ("0302", 13_263), ("0401", 13_263)]:
        month = MONTHS[int(month_day[:2]) - 1]
        text = f"{PROJECTS['EPS']}, lokal och telefon Kullgatan {month} 2009"
        ledger.buy(month_day, "Fastighets AB Kullgatan", text, PROJECT_COSTS, net, project="EPS", terms=20)
    months = [
        ("0206", "januari 2009"),
        ("0306", "februari 2009"),
        ("0406", "mars 2009"),
        ("0507", "april 2009"),
    ]
    ledger.project_invoices("SIG", "Nora kommun", months, split(180_061, [44_880, 45_310, 44_995, 44_876]))
    for month_day, net in [("0220", 8_613), ("0417", 8_613)]:
        ledger.buy(
            month_day,
            "Rehabkompetens i Bergslagen AB",
            "Projekt Sigma, köpta tjänster",
            PROJECT_COSTS,
            net,
            project="SIG",
        )
    text = "Projekt Sigma, kompetensutveckling handledare"
    ledger.buy("0313", "Utbildningscentrum Bergslagen", text, PROJECT_COSTS, 3_406, project="SIG")

    # Ungdomscoach, its third and last year: salaries and travel quarterly from Hällefors
    # kommun, premises quarterly in advance from the landlord.
    quarters = [("0313", "kv 1 2009"), ("0612", "kv 2 2009"), ("0911", "kv 3 2009"), ("1127", "kv 4 2009")]
    ledger.project_invoices(
        "UNG", "Hällefors kommun", quarters, split(383_430, [95_210, 96_480, 94_905, 96_835])
    )
    for month_day, quarter, net in [
        ("0102", 1, 9_227),
        ("0401", 2, 9_227),
        ("0701", 3, 9_227),
        ("1001", 4, 9_226),
    ]:
        text = f"{PROJECTS['UNG']}, lokal, tele och dator kv {quarter} 2009"
        ledger.buy(month_day, "Hällefors Fastigheter AB", text, PROJECT_COSTS, net, project="UNG", terms=20)

    # Lindevillan (Örebro läns landsting): the first half year, and the rest in December.
    ledger.project_invoices(
        "LIN",
        COUNTY,
        [("0626", "januari-juni 2009"), ("1221", "juli-december 2009")],
        split(86_910, [49_313, 37_597]),
    )

    # Praktiksamordnare: half the cost in Hällefors, Lindesberg and Nora, quarterly. From July
    # Lindesberg also served Ljusnarsberg, fully funded by the förbund.
    quarter_days = ["0313", "0612", "0911", "1127"]
    quarters = [(day, f"kv {number} 2009") for number, day in enumerate(quarter_days, 1)]
    ledger.project_invoices(
        "PSH", "Hällefors kommun", quarters, split(226_069, [55_940, 56_210, 56_880, 57_039])
    )
    ledger.project_invoices("PSL", "Lindesbergs kommun", quarters, split(240_000, [1, 1, 1, 1]))
    ljusnarsberg = [
        ("0930", "Ljusnarsberg juli-september 2009"),
        ("1218", "Ljusnarsberg oktober-december 2009"),
    ]
    ledger.project_invoices("PSL", "Lindesbergs kommun", ljusnarsberg, split(375_000, [1, 1]))
    ledger.project_invoices("PSN", "Nora kommun", quarters, split(240_000, [1, 1, 1, 1]))
    for month_day, part, net in [("0227", "delfaktura", 100_000), ("0529", "slutfaktura", 100_829)]:
        text = f"Samhällsekonomisk utvärdering av projekten, {part}"
        ledger.buy(month_day, "Payoff.nu", text, PROJECT_COSTS, net, project="PAY")

    # The office's other services: the inventory and the ESF application (seed 004).
    ledger.buy("0918", COUNTY, "Folkhälsoteamet, inventering av resurser och problem", "6990", 20_000)
    ledger.buy("1106", ACTIVA, "Uppdrag ansökan ESF-medel, SAMS-projektet", "6990", 40_000)
    ledger.buy("1023", HOTEL, "Seminarium om handläggarträffar, lokal och förtäring", "6990", 6_539, 12)

    # Audit: last year's audit is invoiced in the spring; 2009's is accrued at the year's end.
    ledger.buy("0424", AUDITOR, "Revision av räkenskapsåret 2008", "6420", 22_400)
    ledger.buy("1023", AUDITOR, "Löpande granskning 2009", "6420", "12367.90")
    ledger.adjust("6420", ACCRUED, 20_000, "Upplupen kostnad revision 2009")

    # Small purchases. Receipts from the shop and the web host are rounded to whole kronor.
    for month_day, text, net in [
        ("0213", "Kontorsmaterial", 1_249),
        ("0325", "Pärmar och kopieringspapper", 589),
        ("0507", "Kontorsmaterial", 421),
        ("0612", "Projektor till styrelserummet", 2_105),
        ("0828", "Kontorsmaterial", 317),
        ("1113", "Kontorsmaterial", 193),
    ]:
        ledger.buy(month_day, STATIONER, text, "5410", net, terms=10, rounded=True)
    ledger.buy("0304", "Datorbutiken Bergslagen", "Bildskärm och tangentbord", "5410", "1146.55", terms=15)
    ledger.buy("0120", SOFTWARE, "Programlicens ekonomisystem 2009", "6540", 537, terms=20, rounded=True)
    ledger.buy("0202", WEB_HOST, "Webbhotell och domän sofint.se 2009", "6540", 213, terms=20, rounded=True)
    ledger.buy("0115", PUBLISHER, "Prenumeration Dagens Samhälle 2009", "6970", 721, 6, terms=20)

    # Travel and conferences.
    ledger.buy("0320", "Finsam Örebro", "Länsgemensam utbildningsdag, Örebro", "5800", 1_800)
    ledger.buy("0604", TRAIN, "Tågresor Lindesberg-Stockholm, nätverksmöte", "5800", 1_396, 6, terms=10)
    ledger.buy("0604", "Hotell Stockholm Central", "Logi nätverksmöte Stockholm", "5800", 1_980, 12, terms=10)
    ledger.buy(
        "0925", "Konferensbyrån Väst AB", "Finsamkonferensen 2009 Göteborg, 4 deltagare", "5800", 8_200
    )
    ledger.buy("1001", TRAIN, "Tågresor Finsamkonferensen Göteborg", "5800", 2_184, 6, terms=10)
    ledger.buy("1008", "Hotell Göteborg City", "Logi Finsamkonferensen", "5800", 3_260, 12)
    text = "Nätverksträff samordningsförbund i Mellansverige"
    ledger.buy("1112", "Samordningsförbundet Norra Västmanland", text, "5800", 2_400)
    ledger.buy("1210", TAXI, "Taxiresor 2009", "5800", "1339.55", 6, terms=10)
    ledger.buy("0605", "Fastighets AB Kullgatan", "Dröjsmålsränta", "8410", 67, 0, terms=10)

    # Nine board meetings: lunch at the meeting, fees paid afterwards. The December payment
    # adds the chair's and vice chair's annual fees; its tax is paid in January.
    office_year(
        ledger,
        40_000,
        [
            ("0129", "0212", 4_200, 320, 1_150),
            ("0312", "0326", 3_800, 280, 1_275),
            ("0423", "0507", 4_600, 410, 950),
            ("0604", "0618", 3_900, 250, 1_400),
            ("0827", "0910", 4_400, 365, 1_075),
            ("0924", "1008", 3_850, 300, 1_200),
            ("1022", "1029", 4_054, 345, 1_325),
            ("1119", "1126", 3_898, 280, 1_100),
            ("1210", "1222", 3_309, 400, 1_525),
        ],
        annual_fees=16_000,
        december_tax=5_520,
    )
    ledger.buy("1204", HOTEL, "Julbord styrelse och revisorer", "6071", 3_540, 12, terms=15)

    # The spring seminar at Åkerby where Payoff presented the evaluations. The invoice mixes
    # VAT rates (conference 25 %, food 12 %); its VAT is the amount that makes 1650 close on
    # the annual report's 232 907, the rest of the year's VAT being fixed above.
    booked = ledger.opening[VAT] + ledger.totals()[VAT]
    vat = money(EXPECTED_CLOSING_2009[VAT]) - booked
    net = money(14_600)
    assert Decimal("0.12") <= vat / net <= Decimal("0.25"), vat
    ledger.buy(
        "0515",
        "Åkerby Herrgård",
        "Seminarium samhällsekonomisk utvärdering, konferens och lunch",
        "6990",
        net,
        vat=vat,
    )
    return ledger


# ---------------------------------------------------------------------------------------
# 2010 and 2011: the demo ledgers
# ---------------------------------------------------------------------------------------


def office_year(
    ledger: SofintLedger,
    monthly_fee: int,
    meetings: list[tuple[str, str, int, int, int]],
    annual_fees: int,
    december_tax: int | None = None,
) -> None:
    """The office (kansli bought monthly, with VAT) and the board.

    meetings: (meeting "MMDD", fees paid "MMDD", fees, mileage, lunch) each. The last payment
    of the year adds the annual fees; `december_tax` is its tax when not the flat 30 %.
    """
    year = ledger.year
    for month in range(1, 13):
        ledger.buy(
            f"{month:02d}15",
            OFFICE,
            f"Förbundschef och kansli {MONTHS[month - 1]} {year}",
            "6550",
            monthly_fee,
        )
    for index, (meeting, paid, fees, travel, lunch) in enumerate(meetings):
        day = ledger.on(meeting)
        name = f"sammanträde {day.day} {MONTHS[day.month - 1]} {year}"
        ledger.buy(meeting, CAFE, f"Lunch och fika, styrelsens {name}", "6071", lunch, 12, terms=10)
        if index == len(meetings) - 1:
            text = f"{name} samt årsarvoden {year}"
            ledger.board_fees(paid, text, fees + annual_fees, travel, tax=december_tax)
        else:
            ledger.board_fees(paid, name, fees, travel)


def ledger_2010(last: Carry) -> SofintLedger:
    ledger = SofintLedger(2010, last.next_opening())
    ledger.settle_last_year(last)
    ledger.vat_refund("0416", 2009)
    ledger.contributions(
        1_450_000, 725_000, 725_000, {"state": "0120", "county": "0129", "municipalities": "0205"}
    )
    ledger.interest([310, 420, 560, 760])
    ledger.receive(
        ledger.on("0615"), "Nationella rådet, utvecklingsmedel för samverkan 2010", "3040", money(40_000)
    )

    # Kvinnoprojektet starts in February (Lindesbergs kommun, invoiced at each month's end);
    # PRIS (Närpsykiatri Rehabilitering, the county council) runs all year.
    months = [(f"{month:02d}25", f"{MONTHS[month - 1]} 2010") for month in range(2, 13)]
    months[-1] = ("1222", "december 2010")
    weights = [0.55, 0.85, 1, 1, 1, 0.75, 1, 1, 1.05, 1.05, 1.1]
    ledger.project_invoices("KVI", "Lindesbergs kommun", months, split(812_400, weights))
    months = [(f"{month:02d}26", f"{MONTHS[month - 1]} 2010") for month in range(1, 13)]
    months[-1] = ("1221", "december 2010")
    weights = [0.8, 0.9, 1, 1, 1, 1, 0.7, 1, 1.05, 1.05, 1.05, 1.1]
    ledger.project_invoices("PRI", COUNTY, months, split(934_750, weights))

    # Praktiksamordnare until August, as decided in December 2009.
    periods = [
        ("0331", "januari-mars 2010"),
        ("0630", "april-juni 2010"),
        ("0915", "juli-augusti 2010, slutredovisning"),
    ]
    ledger.project_invoices("PSH", "Hällefors kommun", periods, split(152_300, [3, 3, 1.9]))
    ledger.project_invoices("PSL", "Lindesbergs kommun", periods, split(283_300, [3, 3, 2]))
    ledger.project_invoices("PSN", "Nora kommun", periods, split(148_900, [3, 3, 1.8]))

    office_year(
        ledger,
        38_500,
        [
            ("0204", "0218", 4_300, 310, 1_175),
            ("0318", "0401", 4_050, 275, 1_250),
            ("0422", "0506", 4_500, 390, 1_050),
            ("0610", "0624", 3_950, 240, 1_325),
            ("0826", "0909", 4_400, 350, 1_125),
            ("0930", "1014", 4_150, 295, 1_200),
            ("1104", "1118", 4_250, 330, 1_275),
            ("1209", "1220", 4_300, 380, 1_450),
        ],
        annual_fees=16_000,
    )
    ledger.buy("1203", HOTEL, "Julbord styrelse och revisorer", "6071", 3_825, 12, terms=15)
    ledger.buy("0401", "Lindesbergs kommun", "Lokalhyra kansli april-juni 2010", "5010", 9_600, 0, terms=20)
    ledger.buy(
        "0701", "Lindesbergs kommun", "Lokalhyra kansli juli-september 2010", "5010", 9_600, 0, terms=20
    )
    ledger.buy(
        "1001", "Lindesbergs kommun", "Lokalhyra kansli oktober-december 2010", "5010", 9_600, 0, terms=20
    )

    # Evaluation of the praktiksamordnare before the decision on an extension (seed 004),
    # two handläggarträffar and the web site.
    ledger.buy("0326", "Utvärderingsgruppen i Örebro AB", "Utvärdering av praktiksamordnarna", "6990", 28_000)
    ledger.buy("0420", HOTEL, "Handläggarträff våren 2010, lokal och förtäring", "6990", 7_400, 12)
    ledger.buy("1019", HOTEL, "Handläggarträff hösten 2010, lokal och förtäring", "6990", 7_900, 12)
    ledger.buy("0525", WEB_HOST, "Ny webbplats sofint.se", "6990", 6_500)
    ledger.buy("0507", "Tryckeri Bergslagen AB", "Tryck av årsredovisning 2009", "6990", 4_200)

    ledger.buy("0423", AUDITOR, "Revision av räkenskapsåret 2009", "6420", 21_600)
    ledger.buy("1022", AUDITOR, "Löpande granskning 2010", "6420", 12_800)
    ledger.adjust("6420", ACCRUED, 21_000, "Upplupen kostnad revision 2010")

    for month_day, text, net in [
        ("0128", "Kontorsmaterial", 873),
        ("0309", "Pärmar och kopieringspapper", 645),
        ("0603", "Kontorsmaterial", 412),
        ("0914", "Roll-up och broschyrställ", 2_380),
        ("1111", "Kontorsmaterial", 538),
    ]:
        ledger.buy(month_day, STATIONER, text, "5410", net, terms=10, rounded=True)
    ledger.buy("0118", SOFTWARE, "Programlicens ekonomisystem 2010", "6540", 1_590, terms=20, rounded=True)
    ledger.buy("0201", WEB_HOST, "Webbhotell och domän sofint.se 2010", "6540", 215, terms=20, rounded=True)
    ledger.buy("0211", NETWORK, "Medlemsavgift 2010", "6540", 5_000, 0)
    ledger.buy("1213", SOFTWARE, "Programlicens ekonomisystem 2011", "6540", 1_650, terms=15, rounded=True)
    ledger.adjust("6540", PREPAID, 1_650, "Förutbetald programlicens 2011")
    ledger.buy("0115", PUBLISHER, "Prenumeration Dagens Samhälle 2010", "6970", 798, 6, terms=20)

    ledger.buy("0309", "Finsam Örebro", "Länsgemensam utbildningsdag, Örebro", "5800", 900)
    ledger.buy(
        "0512", "Samordningsförbundet Norra Västmanland", "Studiebesök Fagersta, bussresa", "5800", 2_600, 6
    )
    ledger.buy("0916", NETWORK, "Nationell konferens för samordningsförbund, 2 deltagare", "5800", 5_800)
    ledger.buy("1005", "Hotell Stockholm Central", "Logi nationell konferens", "5800", 2_500, 12, terms=10)
    ledger.buy("1005", TRAIN, "Tågresor nationell konferens Stockholm", "5800", 1_640, 6, terms=10)
    ledger.buy("1209", TAXI, "Taxiresor 2010", "5800", 1_185, 6, terms=10)
    ledger.buy("0812", "Fastighets AB Kullgatan", "Dröjsmålsränta", "8410", 38, 0, terms=10)
    ledger.bank_fees(145)
    return ledger


def ledger_2011(last: Carry) -> SofintLedger:
    ledger = SofintLedger(2011, last.next_opening())
    ledger.settle_last_year(last)
    ledger.vat_refund("0415", 2010)
    ledger.contributions(
        1_480_000, 740_000, 740_000, {"state": "0120", "county": "0128", "municipalities": "0207"}
    )
    ledger.interest([1_650, 2_300, 2_800, 3_050])
    text = "Stiftelsen Activa, ESF-medel för kansliets insats i SAMS-projektet"
    ledger.receive(ledger.on("1115"), text, "3040", money(48_600))

    months = [(f"{month:02d}25", f"{MONTHS[month - 1]} 2011") for month in range(1, 13)]
    months[-1] = ("1222", "december 2011")
    weights = [0.95, 1, 1, 1, 1, 1, 0.7, 1, 1.05, 1.05, 1.05, 1.1]
    ledger.project_invoices("KVI", "Lindesbergs kommun", months, split(876_200, weights))
    months = [(f"{month:02d}26", f"{MONTHS[month - 1]} 2011") for month in range(1, 13)]
    months[-1] = ("1221", "december 2011")
    weights = [0.95, 1, 1, 1, 1, 1, 0.75, 1, 1.05, 1.05, 1.05, 1.1]
    ledger.project_invoices("PRI", COUNTY, months, split(957_300, weights))

    office_year(
        ledger,
        40_000,
        [
            ("0127", "0210", 4_400, 320, 1_200),
            ("0310", "0324", 4_250, 290, 1_275),
            ("0414", "0428", 4_600, 410, 1_100),
            ("0526", "0609", 4_150, 260, 1_350),
            ("0616", "0630", 4_050, 240, 1_150),
            ("0825", "0908", 4_500, 355, 1_225),
            ("0929", "1013", 4_300, 310, 1_300),
            ("1027", "1110", 4_450, 345, 1_250),
            ("1208", "1219", 4_400, 395, 1_475),
        ],
        annual_fees=16_000,
    )
    ledger.buy("1202", HOTEL, "Julbord styrelse och revisorer", "6071", 3_950, 12, terms=15)
    for month_day, period in [
        ("0103", "januari-mars"),
        ("0401", "april-juni"),
        ("0701", "juli-september"),
        ("1003", "oktober-december"),
    ]:
        ledger.buy(
            month_day, "Lindesbergs kommun", f"Lokalhyra kansli {period} 2011", "5010", 9_800, 0, terms=20
        )

    ledger.buy("0329", HOTEL, "Handläggarträff våren 2011, lokal och förtäring", "6990", 8_100, 12)
    ledger.buy("1018", HOTEL, "Handläggarträff hösten 2011, lokal och förtäring", "6990", 8_400, 12)
    ledger.buy("0506", "Tryckeri Bergslagen AB", "Tryck av årsredovisning 2010", "6990", 4_350)
    ledger.buy(
        "0913", "Utvärderingsgruppen i Örebro AB", "Uppföljning av Kvinnoprojektet och PRIS", "6990", 36_000
    )
    ledger.buy("1124", WEB_HOST, "Webbplats sofint.se, uppdatering", "6990", 3_200)

    ledger.buy("0421", AUDITOR, "Revision av räkenskapsåret 2010", "6420", 22_800)
    ledger.buy("1021", AUDITOR, "Löpande granskning 2011", "6420", 13_200)
    ledger.adjust("6420", ACCRUED, 22_000, "Upplupen kostnad revision 2011")

    for month_day, text, net in [
        ("0203", "Kontorsmaterial", 957),
        ("0406", "Pärmar och kopieringspapper", 622),
        ("0608", "Kontorsmaterial", 449),
        ("0920", "Bärbar projektor", 3_290),
        ("1116", "Kontorsmaterial", 516),
    ]:
        ledger.buy(month_day, STATIONER, text, "5410", net, terms=10, rounded=True)
    ledger.buy("0201", WEB_HOST, "Webbhotell och domän sofint.se 2011", "6540", 225, terms=20, rounded=True)
    ledger.buy("0210", NETWORK, "Medlemsavgift 2011", "6540", 5_000, 0)
    ledger.buy("1212", SOFTWARE, "Programlicens ekonomisystem 2012", "6540", 1_720, terms=15, rounded=True)
    ledger.adjust("6540", PREPAID, 1_720, "Förutbetald programlicens 2012")
    ledger.buy("0114", PUBLISHER, "Prenumeration Dagens Samhälle 2011", "6970", 829, 6, terms=20)

    ledger.buy("0315", "Finsam Örebro", "Länsgemensam utbildningsdag, Örebro", "5800", 950)
    ledger.buy("0920", NETWORK, "Nationell konferens för samordningsförbund, 3 deltagare", "5800", 8_850)
    ledger.buy("1004", "Hotell Malmö Hamn", "Logi nationell konferens", "5800", 3_900, 12, terms=10)
    ledger.buy("1004", TRAIN, "Tågresor nationell konferens Malmö", "5800", 4_470, 6, terms=10)
    ledger.buy("0517", "Samordningsförbundet Norra Västmanland", "Nätverksträff i Fagersta", "5800", 1_200)
    ledger.buy("1208", TAXI, "Taxiresor 2011", "5800", 1_260, 6, terms=10)
    ledger.bank_fees(150)
    return ledger


# ---------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------


def check_2009(ledger: SofintLedger, carry: Carry) -> None:
    """The 2009 ledger reproduces the annual report 2009 to the öre given above."""
    for figures, expected_figures in [
        (carry.results, EXPECTED_RESULTS_2009),
        (carry.closing, EXPECTED_CLOSING_2009),
    ]:
        expected = {account: money(amount) for account, amount in expected_figures.items()}
        wrong = {a: (figures.get(a), expected.get(a)) for a in figures.keys() | expected.keys()}
        wrong = {account: pair for account, pair in wrong.items() if pair[0] != pair[1]}
        assert not wrong, f"(ledger, annual report) differ: {wrong}"
    assert ledger.project_totals() == {
        project: money(amount) for project, amount in EXPECTED_PROJECTS_2009.items()
    }
    assert carry.result == money(26_469)  # a deficit of 26 469
    costs = sum((amount for account, amount in carry.results.items() if account[0] in "4567"), ZERO)
    assert costs == money(2_927_829)
    assert sum((money(amount) for amount in RESULTS_2008.values()), ZERO) == money(-84_762)
    # 2008's balance sheet balances with its result: assets - liabilities - equity = result.
    assert sum((money(amount) for amount in CLOSING_2008.values()), ZERO) == money(84_762)


def main() -> None:
    results_2008 = {account: money(value) for account, value in RESULTS_2008.items()}
    closing_2008 = {account: money(value) for account, value in CLOSING_2008.items()}

    ledger = ledger_2009()
    carry_2009 = ledger.close()
    check_2009(ledger, carry_2009)
    files = {2009: sie_file(ledger, carry_2009, None, closing_2008, results_2008)}
    summary = [(ledger, carry_2009)]

    ledger = ledger_2010(carry_2009)
    carry_2010 = ledger.close()
    projects = {"KVI": 812_400, "PRI": 934_750, "PSH": 152_300, "PSL": 283_300, "PSN": 148_900}
    check_year(ledger, carry_2010, projects, (-100_000, 100_000))
    files[2010] = sie_file(ledger, carry_2010, carry_2009.opening, carry_2009.closing, carry_2009.results)
    summary.append((ledger, carry_2010))

    ledger = ledger_2011(carry_2010)
    carry_2011 = ledger.close()
    check_year(ledger, carry_2011, {"KVI": 876_200, "PRI": 957_300}, (1, 1_000_000))
    files[2011] = sie_file(ledger, carry_2011, carry_2010.opening, carry_2010.closing, carry_2010.results)
    summary.append((ledger, carry_2011))

    write_files(OUTPUTS, files)
    for ledger, carry in summary:
        equity = -carry.next_opening()[EQUITY]
        print(
            f"{OUTPUTS[ledger.year].relative_to(ROOT)}: {len(ledger.vouchers)} vouchers, "
            f"result {-carry.result:,.2f}, equity at the year's end {equity:,.2f}".replace(",", " ")
        )


if __name__ == "__main__":
    main()
