"""Write Samordningsförbundet i Sollefteå's bookkeeping for 2025 and 2026 as SIE 4 files.

Sollefteå (222000-2121) is the demo's second förbund, with seed 003's business plan and budget
2025-2027. The files are written as a bookkeeping program exports them: SIE type 4 with
vouchers, code page 437 (#FORMAT PC8) and CR LF line endings, in the style of
scripts/make_demo_ledgers.py (SOFINT), which this script follows.

* fixtures/demo/solleftea-2025.se: the year 2025, closed (exported 2026-02-27). It opens on
  the balance sheet of 2024-12-31 and carries 2024 as the comparison year (#RES -1, #UB -1).
* fixtures/demo/solleftea-2026.se: 2026 up to and including 31 August, exported on 2026-09-10
  for the interim report (delårsrapport) per 31 August. It opens on 2025's closing balances
  with 2025's result moved into equity; #UB 0 and #RES 0 are the balances at the export.

Run from the repository root; the files are overwritten:

    .venv/bin/python scripts/make_demo_ledgers_solleftea.py

Nothing is random: every amount and date is written out below or derived by fixed rules, so
a run gives byte-identical files. Before writing, every year is checked: each project
object's costs against the intended amounts, the result and the equity share, and that the
bank account is never overdrawn.

How the books are kept:

* Contributions (driftbidrag). The state's 1 388 000 kr is matched by the region and the
  municipality: Region Västernorrland 694 000 kr and Sollefteå kommun 694 000 kr (the only
  municipality takes the whole municipal quarter). As in the demo's invoices
  (fixtures/demo/funding.toml, invoice period "year"), each member is invoiced for the whole
  year on 15 January (1510 against 2970) and pays on 11 February. The income is recognised a
  twelfth each month (periodisering: 2970 to 3010 / 3020 / 3030 on the month's last day), as
  the accrual principle of the Municipal Accounting Act asks, so an interim report carries
  the months that have passed: eight twelfths at 31 August.
* Funded initiatives are booked on 4010 with the initiative's object in dimension 6. The
  owners invoice without VAT (SamCoach and Unga vuxna monthly from Sollefteå kommun, the
  Samsjuklighetskoordinator monthly and Livsstilslyftet quarterly from Region
  Västernorrland); the förbund's own activities (Psykiatriveckan, folkhälsa, frukostar,
  conference) are supplier invoices with VAT, still on 4010 with the object.
* The office (kansli, orientation office): the förbundschef is employed by Sollefteå kommun
  at 75 % and bought monthly (6550), bookkeeping and payroll from an accounting firm (6530),
  premises from the municipality (5010), audit (6420), IT and licences (6540), telephone,
  travel, insurance, membership of the national network, office material, the board's fika
  (6071).
* Board fees (7240) are paid two weeks after each meeting with 30 % tax withheld (2710); the
  employer contributions, 31,42 %, are booked on 7249 "Arbetsgivaravgifter på
  styrelsearvoden" (2730), inside the 724 group, so that the board line of the outcome
  report (every 724x account is orientation board in funding/accounts.py) holds the board's
  whole cost. Tax and contributions are paid to Skatteverket the month after (the 12th; the
  17th in January and August). The chair's annual fee is paid in December. Board members
  from Försäkringskassan and Arbetsförmedlingen take no fees.
* Every purchase is a supplier invoice (Lev.faktura) on 2440 with its input VAT on 1650,
  paid on its due date; invoices unpaid at the year's end (or at the export) stay on 2440.
  The förbund is entitled to compensation for input VAT (Act 2005:807): it is claimed per
  quarter and Skatteverket pays on the 20th of the second month after the quarter.
* Bank costs are a financial cost (8490), as the budget has them; interest is credited
  quarterly (8310).
* At the year's end the audit is accrued (2990) and next year's licence deferred (1790);
  both are reversed on 1 January.
* The budget's undecided room (745 000 kr in 2025, 1 169 500 kr in 2026) is used by two
  decisions taken during 2025 that fixtures/demo/initiatives.toml does not hold yet: the
  Samsjuklighetskoordinator (object SAMSJ: 440 000 kr for April-December 2025, 600 000 kr
  for 2026) and Unga vuxna - steg mot arbete (object UNGA: 305 000 kr for June-December
  2025, 569 500 kr for 2026). The seven small activities of seed 003 ("Övriga aktiviteter")
  have objects of their own (ANALYS, FRUKOST, KOMP, UTBDAG, FOLKH, NORRK, BEREDN).
* SIE signs: debit positive, credit negative. #UB of equity (2010) excludes the year's
  result, which the next year's #IB includes.
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
    CONTRIBUTIONS,
    EQUITY,
    MONTHS,
    PREPAID,
    TAX,
    VAT,
    ZERO,
    Adjustment,
    Carry,
    Ledger,
    OpenInvoice,
    Payroll,
    Row,
    bank_day,
    check_year,
    money,
    month_end,
    sie_file,
    split,
    tax_due,
    write_files,
)
from demo_bookkeeping import PROJECT_COSTS as INITIATIVES  # noqa: E402

ROOT = SCRIPTS.parent
OUTPUTS = {
    2025: ROOT / "fixtures" / "demo" / "solleftea-2025.se",
    2026: ROOT / "fixtures" / "demo" / "solleftea-2026.se",
}
# #GEN: 2025's file after the books were closed, 2026's for the interim report per 31 August.
GENERATED = {2025: dt.date(2026, 2, 27), 2026: dt.date(2026, 9, 10)}
# The last voucher date in each file.
CUTOFF = {2025: dt.date(2025, 12, 31), 2026: dt.date(2026, 8, 31)}

COMPANY = "Samordningsförbundet i Sollefteå"
ORGANISATION_NUMBER = "222000-2121"

# Number -> (name, #KTYP). T asset, S liability or equity, I income, K cost.
ACCOUNTS: dict[str, tuple[str, str]] = {
    "1510": ("Kundfordringar", "T"),
    "1650": ("Fordran ersättning för ingående moms", "T"),
    "1790": ("Förutbetalda kostnader och upplupna intäkter", "T"),
    "1930": ("Bank", "T"),
    "2010": ("Eget kapital", "S"),
    "2440": ("Leverantörsskulder", "S"),
    "2710": ("Personalens källskatt", "S"),
    "2730": ("Lagstadgade sociala avgifter", "S"),
    "2970": ("Förutbetalda intäkter", "S"),
    "2990": ("Upplupna kostnader", "S"),
    "3010": ("Driftbidrag Försäkringskassan (staten)", "I"),
    "3020": ("Driftbidrag Region Västernorrland", "I"),
    "3030": ("Driftbidrag Sollefteå kommun", "I"),
    "3740": ("Öresavrundning", "I"),
    "4010": ("Finansierade insatser", "K"),
    "5010": ("Lokalhyra", "K"),
    "5800": ("Resor och konferenser", "K"),
    "5910": ("Annonsering och trycksaker", "K"),
    "6071": ("Representation", "K"),
    "6110": ("Kontorsmateriel", "K"),
    "6212": ("Mobiltelefon", "K"),
    "6310": ("Försäkringar", "K"),
    "6420": ("Revision", "K"),
    "6530": ("Redovisningstjänster", "K"),
    "6540": ("IT-tjänster och licenser", "K"),
    "6550": ("Köpt tjänst förbundschef", "K"),
    "6980": ("Föreningsavgifter", "K"),
    "7240": ("Styrelsearvoden", "K"),
    "7249": ("Arbetsgivaravgifter på styrelsearvoden", "K"),
    "8310": ("Ränteintäkter", "I"),
    "8490": ("Bankkostnader", "K"),
}
RECEIVABLES, DEFERRED_INCOME = "1510", "2970"
BOARD_FEES, BOARD_CONTRIBUTIONS = "7240", "7249"

# Dimension 6 (Projekt): the initiatives of seed 003 and the two decided during 2025.
PROJECTS = {
    "SAMC": "SamCoach",
    "PRAKT": "Praktikinformatör",
    "FPH": "Fokus Psykisk Hälsa (Psykiatriveckan)",
    "LIVS": "Livsstilslyftet",
    "ANALYS": "Analysteam och Loksam",
    "FRUKOST": "Samverkansfrukost",
    "KOMP": "Kompetenshöjande insatser",
    "UTBDAG": "Utbildningsdag för länet",
    "FOLKH": "Folkhälsoaktiviteter",
    "NORRK": "Norrlandskonferens (värdskap)",
    "BEREDN": "Beredningsgruppen/föreläsning",
    "SAMSJ": "Samsjuklighetskoordinator",
    "UNGA": "Unga vuxna - steg mot arbete",
}

# The members' contributions per year: (income account, payer, amount).
STATE = "Försäkringskassan"
REGION = "Region Västernorrland"
MUNICIPALITY = "Sollefteå kommun"
CONTRIBUTION_ROWS = [("3010", STATE, 1_388_000), ("3020", REGION, 694_000), ("3030", MUNICIPALITY, 694_000)]

# Suppliers (the firms are invented; public bodies are the members and their neighbours).
ACCOUNTANT = "Ådalens Redovisningsbyrå AB"
AUDITOR = "Revisionsbyrån Mittnorr AB"
IT_SUPPLIER = "Ådalens IT-service AB"
SOFTWARE = "Ekonomisystem Norr AB"
WEB_HOST = "Webbhotellet Mitt AB"
PHONE = "Telia Sverige AB"
STATIONER = "Kontorsbutiken Sollefteå"
CAFE = "Konditori Ådalen"
BREAKFAST = "Café Nipan"
LECTURERS = "Föreläsningsbyrån Norr AB"
HEALTH = "Hälsoföreläsarna i Norr AB"
PRINTER = "Tryckeriet i Ådalen AB"
ADVERTISER = "Annonsbyrån Ådalen AB"
CONFERENCE = "Sollefteå Konferens AB"
INSURER = "Försäkringsbolaget Norrskydd AB"
NETWORK = "Nationella nätverket för samordningsförbund"
TRAIN = "SJ AB"
HOTEL = "Hotell Stockholm City AB"
TAXI = "Taxi Sollefteå AB"


def vat_refund_day(year: int, quarter: int) -> dt.date:
    """Skatteverket pays a quarter's VAT compensation on the 20th of the second month after it."""
    month = 3 * quarter + 2
    year, month = (year + 1, month - 12) if month > 12 else (year, month)
    return bank_day(dt.date(year, month, 20))


# ---------------------------------------------------------------------------------------
# Sollefteå's ledger
# ---------------------------------------------------------------------------------------


class SollefteaLedger(Ledger):
    """A year of Sollefteå's books: contributions invoiced and recognised monthly, input VAT
    claimed per quarter, board fees without mileage."""

    company = COMPANY
    organisation_number = ORGANISATION_NUMBER
    accounts = ACCOUNTS
    projects = PROJECTS
    generated = GENERATED
    cutoffs = CUTOFF
    invoice_base_year = 2020
    interest_text = "Ränta bankkonto kv {quarter} {year}"
    bank_fee_account = "8490"

    def __init__(self, year: int, opening: dict[str, int | str | Decimal]) -> None:
        super().__init__(year, opening)
        self.input_vat: list[tuple[dt.date, Decimal]] = []

    def note_input_vat(self, date: dt.date, vat: Decimal) -> None:
        """Kept by date: each quarter's VAT is claimed on its own."""
        if vat:
            self.input_vat.append((date, vat))

    # -- receipts -------------------------------------------------------------------

    def contributions(self, invoiced: str, paid: str) -> None:
        """The year's contributions: invoiced in January, paid in February, recognised monthly."""
        for _account, payer, amount in CONTRIBUTION_ROWS:
            text = f"Kundfaktura {payer}, driftbidrag {self.year}"
            rows = [Row(RECEIVABLES, money(amount)), Row(DEFERRED_INCOME, -money(amount))]
            self.book(bank_day(self.on(invoiced)), text, rows)
        for _account, payer, amount in CONTRIBUTION_ROWS:
            text = f"Inbetalning {payer}, driftbidrag {self.year}"
            self.receive(self.on(paid), text, RECEIVABLES, money(amount))
        monthly = {account: split(amount, [1] * 12) for account, _payer, amount in CONTRIBUTION_ROWS}
        for month in range(1, 13):
            date = month_end(self.year, month)
            if date > self.end:
                break
            rows = [Row(account, -shares[month - 1]) for account, shares in monthly.items()]
            rows.append(Row(DEFERRED_INCOME, sum((shares[month - 1] for shares in monthly.values()), ZERO)))
            self.book(date, f"Periodisering driftbidrag {MONTHS[month - 1]} {self.year}", rows)

    def claim_vat(self) -> None:
        """Skatteverket pays each quarter's input VAT (ersättning för ingående moms) when due."""
        for quarter in range(1, 5):
            first, last = dt.date(self.year, 3 * quarter - 2, 1), month_end(self.year, 3 * quarter)
            refund = vat_refund_day(self.year, quarter)
            if refund > self.end:
                continue
            amount = sum((vat for date, vat in self.input_vat if first <= date <= last), ZERO)
            text = f"Skatteverket, ersättning för ingående moms kv {quarter} {self.year}"
            self.receive(refund, text, VAT, amount)

    # -- purchases ------------------------------------------------------------------

    def monthly(
        self, day: int, supplier: str, text: str, account: str, net: int, vat_rate: int = 25, **options
    ) -> None:
        """A monthly invoice on the given day for every month up to the cut-off (December's by the 18th)."""
        for month in range(1, 13):
            date = dt.date(self.year, month, min(day, 18) if month == 12 else day)
            if date > self.end:
                break
            period = f"{MONTHS[month - 1]} {self.year}"
            self.buy(f"{date:%m%d}", supplier, f"{text} {period}", account, net, vat_rate, **options)

    # -- the board ------------------------------------------------------------------

    def board_fees(self, month_day: str, meeting: str, fees: int) -> None:
        """Pay board fees after a meeting; tax and contributions are due the month after."""
        date = bank_day(self.on(month_day))
        gross = money(fees)
        withheld, employer = self.withhold(date, gross)
        rows = [
            Row(BOARD_FEES, gross),
            Row(BOARD_CONTRIBUTIONS, employer),
            Row(TAX, -withheld),
            Row(CONTRIBUTIONS, -employer),
            Row(BANK, -(gross - withheld)),
        ]
        self.book(date, f"Styrelsearvoden, {meeting}", rows)

    def board_year(self, meetings: list[tuple[str, int, int]], annual_fees: int = 0) -> None:
        """The board's meetings: (meeting "MMDD", fees, fika) each; fees paid two weeks later.

        The fees of a meeting paid after the cut-off are not in the file. The last payment of
        a whole year adds the chair's annual fee.
        """
        for index, (meeting, fees, fika) in enumerate(meetings):
            day = self.on(meeting)
            name = f"sammanträde {day.day} {MONTHS[day.month - 1]} {self.year}"
            self.buy(meeting, CAFE, f"Fika, styrelsens {name}", "6071", fika, 12, terms=10)
            paid = day + dt.timedelta(days=14)
            if bank_day(paid) > self.end:
                continue
            if index == len(meetings) - 1 and annual_fees:
                text = f"{name} samt ordförandens årsarvode {self.year}"
                self.board_fees(f"{paid:%m%d}", text, fees + annual_fees)
            else:
                self.board_fees(f"{paid:%m%d}", name, fees)

    # -- the year's start and end ---------------------------------------------------

    def settle_last_year(self, last: Carry) -> None:
        """Reverse last year's accruals, pay its open invoices, its December taxes and its VAT."""
        super().settle_last_year(last)
        text = f"Skatteverket, ersättning för ingående moms kv 4 {self.year - 1}"
        self.receive(vat_refund_day(self.year - 1, 4), text, VAT, self.opening[VAT])

    def close(self) -> Carry:
        """Claim the VAT and pay the taxes that fall due before the cut-off; hand the rest on."""
        self.claim_vat()
        return super().close()


# ---------------------------------------------------------------------------------------
# 2024: the comparison year, and what it hands to 2025
# ---------------------------------------------------------------------------------------

# 2024's income statement by account. The contributions were 2 842 000 kr (seed 003: 2025's
# 2 776 000 is 66 000 less); more initiatives ran than in 2025, and the deficit of 72 340 kr
# used part of the equity, as the financial goals ask for accumulated capital.
RESULTS_2024 = {
    "3010": -1_421_000,
    "3020": -710_500,
    "3030": -710_500,
    "4010": 2_187_794,
    "5010": 26_400,
    "5800": 13_870,
    "5910": 3_750,
    "6071": 5_180,
    "6110": 2_240,
    "6212": 3_924,
    "6310": 3_050,
    "6420": 31_400,
    "6530": 45_600,
    "6540": 11_380,
    "6550": 504_000,
    "6980": 5_800,
    "7240": 58_600,
    "7249": 18_412,
    "8310": -11_240,
    "8490": 4_180,
}

# Balance sheet 2024-12-31, written as the program writes it: equity (2010) before 2024's result.
CLOSING_2024 = {
    "1650": "35186.25",
    "1930": "458491.75",
    "2010": -402_340,
    "2440": -126_576,
    "2710": -9_330,
    "2730": -9_772,
    "2990": -18_000,
}

# Supplier invoices open on 2024-12-31 (2440), paid in January 2025: (supplier, number, amount, due).
OPEN_INVOICES_2024 = [
    (MUNICIPALITY, "7412088", 52_500, "0117"),  # förbundschef december 2024, 42 000 + VAT
    (MUNICIPALITY, "7412093", 68_917, "0117"),  # SamCoach december 2024
    (ACCOUNTANT, "24-1231", 4_750, "0127"),
    (PHONE, "5524019", 409, "0120"),
]


def carry_2024() -> Carry:
    closing = {account: money(amount) for account, amount in CLOSING_2024.items()}
    results = {account: money(amount) for account, amount in RESULTS_2024.items()}
    return Carry(
        opening={},
        closing=closing,
        results=results,
        invoices=[
            OpenInvoice(supplier, number, money(amount), bank_day(dt.date(2025, int(due[:2]), int(due[2:]))))
            for supplier, number, amount, due in OPEN_INVOICES_2024
        ],
        # December 2024's fees, with the chair's annual fee: 31 100 kr.
        payroll={tax_due(dt.date(2024, 12, 20)): Payroll("december 2024", money(9_330), money(9_772))},
        adjustments=[Adjustment("6420", ACCRUED, money(-18_000), "Upplupen kostnad revision 2024")],
    )


# ---------------------------------------------------------------------------------------
# 2025 and 2026
# ---------------------------------------------------------------------------------------

# What each project object is meant to cost (the checks and tests/funding compare with these).
INTENDED_2025 = {
    "SAMC": 827_000,  # granted 827 000
    "PRAKT": 66_240,  # granted 67 500
    "FPH": 68_900,  # granted 70 000
    "LIVS": 147_600,  # granted 150 000
    "ANALYS": 20_600,  # granted 22 000
    "FRUKOST": 9_400,  # granted 10 000
    "KOMP": 14_200,  # granted 15 000
    "UTBDAG": 9_600,  # granted 10 000
    "FOLKH": 27_700,  # granted 30 000
    "NORRK": 29_100,  # granted 30 000
    "BEREDN": 18_800,  # granted 20 000
    "SAMSJ": 436_000,  # decided 2025-02-13: 440 000 for April-December
    "UNGA": 296_000,  # decided 2025-04-24: 305 000 for June-December
}
INTENDED_2026 = {  # 1 January - 31 August
    "SAMC": 551_333,  # granted 827 000 for the year
    "SAMSJ": 387_500,  # decided 600 000 for the year
    "UNGA": 364_000,  # decided 569 500 for the year
    "FRUKOST": 6_390,
    "ANALYS": 10_600,
    "BEREDN": 12_400,
    "FOLKH": 8_200,
}


def months_of(year: int, first: int, last: int, day: int, december_day: int = 18) -> list[tuple[str, str]]:
    """Invoice dates ("MMDD") and periods for the months first..last, each on the given day."""
    return [
        (f"{month:02d}{december_day if month == 12 else day:02d}", f"{MONTHS[month - 1]} {year}")
        for month in range(first, last + 1)
    ]


def office_year(ledger: SollefteaLedger, director: int, accounting: int, rent: int, phone: int) -> None:
    """The office's regular invoices: the förbundschef, bookkeeping, premises and telephone."""
    year = ledger.year
    ledger.monthly(20, MUNICIPALITY, "Förbundschef 75 %,", "6550", director)
    ledger.monthly(28, ACCOUNTANT, "Löpande bokföring och lönehantering", "6530", accounting)
    ledger.monthly(12, PHONE, "Mobiltelefoni", "6212", phone, terms=20, rounded=True)
    for month_day, period in [
        ("0102", "januari-mars"),
        ("0401", "april-juni"),
        ("0701", "juli-september"),
        ("1001", "oktober-december"),
    ]:
        if ledger.on(month_day) <= ledger.end:
            text = f"Lokalhyra kansli {period} {year}"
            ledger.buy(month_day, MUNICIPALITY, text, "5010", rent, 0, terms=20)


def ledger_2025(last: Carry) -> SollefteaLedger:
    ledger = SollefteaLedger(2025, last.next_opening())
    ledger.settle_last_year(last)
    ledger.contributions(invoiced="0115", paid="0211")
    ledger.interest([2_450, 2_100, 1_700, 1_400])

    # SamCoach (Sollefteå kommun): a twelfth of the grant each month.
    ledger.project_invoices("SAMC", MUNICIPALITY, months_of(2025, 1, 12, 25), split(827_000, [1] * 12))
    # Praktikinformatör (Sollefteå kommun), invoiced per half year.
    periods = [("0627", "januari-juni 2025"), ("1219", "juli-december 2025")]
    ledger.project_invoices("PRAKT", MUNICIPALITY, periods, split(66_240, [1, 1]))
    # Livsstilslyftet (Region Västernorrland), per quarter; the autumn groups were the larger.
    quarters = [("0328", "kv 1 2025"), ("0627", "kv 2 2025"), ("0926", "kv 3 2025"), ("1219", "kv 4 2025")]
    ledger.project_invoices("LIVS", REGION, quarters, split(147_600, [0.9, 1.1, 0.8, 1.2]))
    # Samsjuklighetskoordinator (Region Västernorrland), from April: the first month was
    # spent on recruitment and introduction, July on holiday.
    weights = [0.7, 1, 1, 0.8, 1, 1, 1, 1, 1.05]
    ledger.project_invoices("SAMSJ", REGION, months_of(2025, 4, 12, 26, 19), split(436_000, weights))
    # Unga vuxna - steg mot arbete (Sollefteå kommun), from June.
    weights = [0.8, 0.7, 1, 1, 1, 1, 1.05]
    ledger.project_invoices("UNGA", MUNICIPALITY, months_of(2025, 6, 12, 27, 19), split(296_000, weights))

    # Fokus Psykisk Hälsa: the Psykiatriveckan, week 45 (3-6 November), paid by the förbund.
    for month_day, supplier, text, net, vat_rate in [
        ("0918", ADVERTISER, "annonser och affischer", 8_400, 25),
        ("1106", LECTURERS, "två kvällsföreläsningar", 21_500, 25),
        ("1107", MUNICIPALITY, "lokaler", 6_000, 0),
        ("1110", BREAKFAST, "fika fyra kvällar", 9_800, 12),
        ("1111", HEALTH, "föreläsning om hopp och återhämtning", 12_500, 25),
        ("1120", REGION, "temadag för parternas personal", 10_700, 0),
    ]:
        text = f"Psykiatriveckan v. 45, {text}"
        ledger.buy(month_day, supplier, text, INITIATIVES, net, vat_rate, project="FPH")

    # The other activities of seed 003 ("Övriga aktiviteter i förbundet 2025").
    periods = [("0530", "processledning januari-maj 2025"), ("1128", "processledning augusti-november 2025")]
    ledger.project_invoices("ANALYS", MUNICIPALITY, periods, split(20_600, [1, 1]))
    text = "Samverkansfrukost för handläggare"
    for month_day, net in [
        ("0206", 1_540),
        ("0306", 1_560),
        ("0410", 1_480),
        ("0911", 1_620),
        ("1009", 1_590),
        ("1113", 1_610),
    ]:
        ledger.buy(month_day, BREAKFAST, text, INITIATIVES, net, 12, project="FRUKOST", terms=15)
    text = "Utbildning i motiverande samtal för parternas handläggare"
    ledger.buy("1009", "MI-akademin Norr AB", text, INITIATIVES, 14_200, project="KOMP")
    text = "Inspirationsdag för länets samordningsförbund, Sollefteås andel"
    ledger.buy("0522", "Samordningsförbundet i Härnösand", text, INITIATIVES, 9_600, 0, project="UTBDAG")
    text = "Föreläsning om sömn och hälsa, öppen för allmänheten"
    ledger.buy("0320", HEALTH, text, INITIATIVES, 8_000, project="FOLKH")
    text = "Ledda naturpromenader, tio tillfällen"
    ledger.buy("0605", "Friluftsfrämjandet Sollefteå", text, INITIATIVES, 6_400, 0, project="FOLKH")
    ledger.buy("0910", HEALTH, "Suicidpreventiva dagen, föreläsning", INITIATIVES, 13_300, project="FOLKH")
    text = "Norrlandskonferensen 2025, lokal och teknik"
    ledger.buy("1114", CONFERENCE, text, INITIATIVES, 11_600, project="NORRK")
    text = "Norrlandskonferensen 2025, förtäring"
    ledger.buy("1114", CONFERENCE, text, INITIATIVES, 17_500, 12, project="NORRK")
    text = "Föreläsning för beredningsgruppen: samsjuklighet"
    ledger.buy("0410", LECTURERS, text, INITIATIVES, 12_000, project="BEREDN")
    text = "Handledning av beredningsgruppen, två tillfällen"
    ledger.buy("1023", LECTURERS, text, INITIATIVES, 6_800, project="BEREDN")

    # The office.
    office_year(ledger, director=42_900, accounting=3_850, rent=6_750, phone=329)
    ledger.buy("0415", AUDITOR, "Granskning av räkenskapsåret 2024", "6420", 18_900)
    ledger.buy("1016", AUDITOR, "Löpande granskning 2025", "6420", 11_800)
    ledger.adjust("6420", ACCRUED, 19_500, "Upplupen kostnad revision 2025")
    for month_day, quarter in [("0110", 1), ("0410", 2), ("0710", 3), ("1010", 4)]:
        text = f"Microsoft 365 och support kv {quarter} 2025"
        ledger.buy(month_day, IT_SUPPLIER, text, "6540", 1_680, terms=20)
    ledger.buy("0120", SOFTWARE, "Licens ekonomisystem 2025", "6540", 3_900, terms=20)
    ledger.buy("0203", WEB_HOST, "Webbhotell och domän 2025", "6540", 1_200, terms=20, rounded=True)
    ledger.buy("1212", SOFTWARE, "Licens ekonomisystem 2026", "6540", 4_050, terms=15)
    ledger.adjust("6540", PREPAID, 4_050, "Förutbetald licens ekonomisystem 2026")
    ledger.buy("0131", INSURER, "Förbundets försäkringar 2025", "6310", 3_150, 0)
    ledger.buy("0214", NETWORK, "Medlemsavgift 2025", "6980", 6_000, 0)
    ledger.buy("0508", PRINTER, "Tryck av verksamhetsberättelse 2024", "5910", 3_900)
    for month_day, text, net in [
        ("0205", "Kontorsmaterial", 612),
        ("0416", "Pärmar och kopieringspapper", 489),
        ("0903", "Kontorsmaterial", 356),
        ("1105", "Kontorsmaterial", 702),
    ]:
        ledger.buy(month_day, STATIONER, text, "6110", net, terms=10, rounded=True)
    ledger.buy("0312", TRAIN, "Tågresa Sollefteå-Stockholm, nätverksträff", "5800", 1_860, 6, terms=10)
    ledger.buy("0313", HOTEL, "Logi nätverksträff Stockholm", "5800", 1_650, 12, terms=10)
    ledger.buy("0923", NETWORK, "Finsamkonferensen 2025, två deltagare", "5800", 7_800)
    ledger.buy("1001", TRAIN, "Tågresor Finsamkonferensen 2025", "5800", 2_420, 6, terms=10)
    ledger.buy("1208", TAXI, "Taxiresor 2025", "5800", 960, 6, terms=10)

    # The board: eight meetings. Fees to the members from the region and the municipality.
    meetings = [
        ("0213", 5_400, 640),
        ("0327", 4_200, 610),
        ("0424", 5_400, 690),
        ("0612", 4_200, 620),
        ("0828", 5_400, 650),
        ("1002", 4_200, 600),
        ("1030", 5_400, 680),
        ("1127", 5_400, 720),
    ]
    ledger.board_year(meetings, annual_fees=24_000)
    ledger.bank_fees(360)
    return ledger


def ledger_2026(last: Carry) -> SollefteaLedger:
    ledger = SollefteaLedger(2026, last.next_opening())
    ledger.settle_last_year(last)
    ledger.contributions(invoiced="0115", paid="0211")
    ledger.interest([1_280, 1_150])  # the third quarter's is credited on 30 September

    ledger.project_invoices("SAMC", MUNICIPALITY, months_of(2026, 1, 8, 25), split(827_000, [1] * 12)[:8])
    amounts = [money(50_000)] * 6 + [money(37_500), money(50_000)]  # July: holiday
    ledger.project_invoices("SAMSJ", REGION, months_of(2026, 1, 8, 26), amounts)
    amounts = [money(47_000)] * 6 + [money(35_000), money(47_000)]
    ledger.project_invoices("UNGA", MUNICIPALITY, months_of(2026, 1, 8, 27), amounts)
    text = "Samverkansfrukost för handläggare"
    for month_day, net in [("0205", 1_580), ("0305", 1_640), ("0409", 1_560), ("0507", 1_610)]:
        ledger.buy(month_day, BREAKFAST, text, INITIATIVES, net, 12, project="FRUKOST", terms=15)
    periods = [("0529", "processledning januari-maj 2026")]
    ledger.project_invoices("ANALYS", MUNICIPALITY, periods, [money(10_600)])
    text = "Föreläsning för beredningsgruppen: unga med aktivitetsersättning"
    ledger.buy("0416", LECTURERS, text, INITIATIVES, 12_400, project="BEREDN")
    ledger.buy("0319", HEALTH, "Föreläsning om stress och återhämtning", INITIATIVES, 8_200, project="FOLKH")

    office_year(ledger, director=44_100, accounting=3_950, rent=6_900, phone=339)
    ledger.buy("0414", AUDITOR, "Granskning av räkenskapsåret 2025", "6420", 19_700)
    for month_day, quarter in [("0109", 1), ("0410", 2), ("0710", 3)]:
        text = f"Microsoft 365 och support kv {quarter} 2026"
        ledger.buy(month_day, IT_SUPPLIER, text, "6540", 1_720, terms=20)
    ledger.buy("0203", WEB_HOST, "Webbhotell och domän 2026", "6540", 1_250, terms=20, rounded=True)
    ledger.buy("0130", INSURER, "Förbundets försäkringar 2026", "6310", 3_250, 0)
    ledger.buy("0213", NETWORK, "Medlemsavgift 2026", "6980", 6_200, 0)
    ledger.buy("0507", PRINTER, "Tryck av årsredovisning 2025", "5910", 4_100)
    ledger.buy("0204", STATIONER, "Kontorsmaterial", "6110", 548, terms=10, rounded=True)
    ledger.buy("0415", STATIONER, "Pärmar och kopieringspapper", "6110", 421, terms=10, rounded=True)
    ledger.buy("0318", TRAIN, "Tågresa Sollefteå-Stockholm, nätverksträff", "5800", 1_920, 6, terms=10)
    ledger.buy("0319", HOTEL, "Logi nätverksträff Stockholm", "5800", 1_680, 12, terms=10)
    text = "Länsträff för samordningsförbunden i Västernorrland, resa och lunch"
    ledger.buy("0521", "Samordningsförbundet i Härnösand", text, "5800", 1_200, 0)

    # Five meetings to the end of August; the fees of 27 August are paid in September.
    meetings = [
        ("0212", 5_400, 660),
        ("0326", 4_200, 630),
        ("0423", 5_400, 700),
        ("0611", 5_400, 640),
        ("0827", 5_400, 670),
    ]
    ledger.board_year(meetings)
    ledger.bank_fees(375)
    return ledger


# ---------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------


def check_2024(carry: Carry) -> None:
    assert -carry.result == money(-72_340)  # a deficit
    assert sum(carry.closing.values(), ZERO) + carry.result == 0
    assert -sum((carry.results[a] for a in ("3010", "3020", "3030")), ZERO) == money(2_842_000)


def check_2025(carry: Carry) -> None:
    income = -sum((carry.results[a] for a in ("3010", "3020", "3030")), ZERO)
    assert income == money(2_776_000)
    equity = -carry.next_opening()[EQUITY]
    assert Decimal("0.10") <= equity / income <= Decimal("0.18"), equity
    assert not carry.closing.get(DEFERRED_INCOME) and not carry.closing.get(RECEIVABLES)


def check_2026(carry: Carry) -> None:
    income = -sum((carry.results[a] for a in ("3010", "3020", "3030")), ZERO)
    assert income == money(1_850_667)  # eight twelfths of 2 776 000, to the krona
    costs = sum((amount for account, amount in carry.results.items() if account[0] in "4567"), ZERO)
    assert Decimal("0.6") <= costs / money(2_776_000) <= Decimal("0.7"), costs


def build() -> tuple[dict[int, bytes], list[tuple[SollefteaLedger, Carry]]]:
    """Both files' bytes by year, and each year's ledger and carry for the summary."""
    carry_2023_24 = carry_2024()
    check_2024(carry_2023_24)

    ledger = ledger_2025(carry_2023_24)
    carry_2025 = ledger.close()
    check_year(ledger, carry_2025, INTENDED_2025, (-60_000, 60_000))
    check_2025(carry_2025)
    files = {2025: sie_file(ledger, carry_2025, None, carry_2023_24.closing, carry_2023_24.results)}
    summary = [(ledger, carry_2025)]

    ledger = ledger_2026(carry_2025)
    carry_2026 = ledger.close()
    check_year(ledger, carry_2026, INTENDED_2026, (-60_000, 80_000))
    check_2026(carry_2026)
    files[2026] = sie_file(ledger, carry_2026, carry_2025.opening, carry_2025.closing, carry_2025.results)
    summary.append((ledger, carry_2026))
    return files, summary


def main() -> None:
    files, summary = build()
    write_files(OUTPUTS, files)
    for ledger, carry in summary:
        equity = -carry.next_opening()[EQUITY]
        print(
            f"{OUTPUTS[ledger.year].relative_to(ROOT)}: {len(ledger.vouchers)} vouchers to {ledger.end}, "
            f"result {-carry.result:,.2f}, equity with the result {equity:,.2f}".replace(",", " ")
        )
        for project, total in sorted(ledger.project_totals().items()):
            print(f"    {project:<8} {total:>12,.2f}".replace(",", " "))


if __name__ == "__main__":
    main()
