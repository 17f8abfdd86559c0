"""Small SIE 4 files built in the tests, encoded as an accounting program writes them (cp437)."""

HEADER = """#FLAGGA 0
#PROGRAM "Testprogram" 1.0
#FORMAT PC8
#GEN 20110115
#SIETYP 4
#FNAMN "{name}"
#ORGNR {orgnr}
#KPTYP BAS2014
#RAR 0 20100101 20101231
#RAR -1 20090101 20091231
#KONTO 1930 "Bank"
#KONTO 1650 "Mervärdesskattefordringar"
#KONTO 2010 "Eget kapital"
#KONTO 2440 "Leverantörsskulder"
#KONTO 3010 "Erhållna statliga bidrag"
#KONTO 3020 "Erhållna landstingsbidrag"
#KONTO 3030 "Erhållna kommunala bidrag"
#KONTO 4010 "Projektkostnader, finansierade insatser"
#KONTO 6550 "Konsultarvoden, kansli"
#KONTO 7240 "Styrelsearvoden"
#KONTO 8310 "Ränteintäkter"
#DIM 6 "Projekt"
#OBJEKT 6 "UNG" "Projekt Ungdomscoach"
#OBJEKT 6 "SIG" "Projekt Sigma"
"""

BALANCES = """#IB 0 1930 1000000.00
#IB 0 2010 -1000000.00
#UB 0 1930 {bank}
#UB 0 1650 0.00
#UB 0 2010 -1000000.00
#UB 0 2440 {suppliers}
#RES 0 3010 -400000.00
#RES 0 3020 -200000.00
#RES 0 3030 -200000.00
#RES 0 4010 {projects}
#RES 0 6550 150000.00
#RES 0 7240 30000.00
#RES 0 8310 -1000.00
#UB -1 1930 1000000.00
#UB -1 2010 -1000000.00
#RES -1 3010 -380000.00
#RES -1 4010 300000.00
"""

VOUCHERS = """#VER A 1 20100115 "Statens bidrag kv 1"
{
#TRANS 1930 {} 400000.00
#TRANS 3010 {} -400000.00
}
#VER A 2 20100120 "Landsting och kommuner"
{
#TRANS 1930 {} 400000.00
#TRANS 3020 {} -200000.00
#TRANS 3030 {} -200000.00
}
#VER A 3 20100301 "Ungdomscoach, faktura"
{
#TRANS 4010 {6 "UNG"} 250000.00
#TRANS 2440 {} -250000.00
}
#VER A 4 20100915 "Sigma, faktura"
{
#TRANS 4010 {6 "SIG"} 120000.00
#TRANS 2440 {} -120000.00
}
#VER A 5 20100930 "Kansli och styrelse"
{
#TRANS 6550 {} 150000.00
#TRANS 7240 {} 30000.00
#TRANS 1930 {} -180000.00
}
#VER A 6 20101231 "Ränta"
{
#TRANS 1930 {} 1000.00
#TRANS 8310 {} -1000.00
}
"""


def sie_file(
    *,
    orgnr="222000-1818",
    name="Samordningsförbundet i norra Örebro län",
    bank="1621000.00",
    suppliers="-370000.00",
    projects="370000.00",
    vouchers=VOUCHERS,
    extra="",
) -> bytes:
    text = (
        HEADER.format(name=name, orgnr=orgnr)
        + extra
        + BALANCES.format(bank=bank, suppliers=suppliers, projects=projects)
        + vouchers
    )
    return text.replace("\n", "\r\n").encode("cp437")


# --- A ledger built from vouchers, its balances computed: any year, any number of vouchers ----------

LEDGER_ACCOUNTS = {
    "1220": "Inventarier",
    "1229": "Ackumulerade avskrivningar inventarier",
    "1650": "Mervärdesskattefordringar",
    "1930": "Bank",
    "2010": "Eget kapital",
    "2440": "Leverantörsskulder",
    "3010": "Erhållna statliga bidrag",
    "3020": "Erhållna landstingsbidrag",
    "3030": "Erhållna kommunala bidrag",
    "3990": "Övriga bidrag ESF",
    "4010": "Projektkostnader, finansierade insatser",
    "6550": "Konsultarvoden, kansli",
    "7240": "Styrelsearvoden",
    "7830": "Avskrivningar inventarier",
    "8310": "Ränteintäkter",
    "8410": "Räntekostnader",
}

# One of each kind of row an initiative's project object can carry (see docs/architecture.md,
# "What an initiative costs"): (date, text, [(account, object or "", amount)]).
AWKWARD_VOUCHERS = [
    ("0115", "Statens bidrag", [("1930", "", "400000.00"), ("3010", "", "-400000.00")]),
    (
        "0120",
        "Region och kommuner",
        [("1930", "", "400000.00"), ("3020", "", "-200000.00"), ("3030", "", "-200000.00")],
    ),
    ("0301", "Ungdomscoach, faktura", [("4010", "UNG", "250000.00"), ("2440", "", "-250000.00")]),
    ("0315", "Ungdomscoach, avskrivning", [("7830", "UNG", "10000.00"), ("1229", "UNG", "-10000.00")]),
    ("0320", "ESF-bidrag till Ungdomscoach", [("1930", "", "50000.00"), ("3990", "UNG", "-50000.00")]),
    ("0410", "Moms på Ungdomscoach", [("1650", "UNG", "5000.00"), ("1930", "", "-5000.00")]),
    ("0420", "Ränta på sen betalning", [("8410", "UNG", "300.00"), ("1930", "", "-300.00")]),
    ("0915", "Sigma, faktura", [("4010", "SIG", "120000.00"), ("2440", "", "-120000.00")]),
    (
        "0920",
        "Omföring från Ungdomscoach till Sigma",
        [("4010", "UNG", "-20000.00"), ("4010", "SIG", "20000.00")],
    ),
    (
        "0930",
        "Kansli och styrelse",
        [("6550", "", "150000.00"), ("7240", "", "30000.00"), ("1930", "", "-180000.00")],
    ),
    ("1231", "Ränta", [("1930", "", "1000.00"), ("8310", "", "-1000.00")]),
]


def ledger_file(
    year: int,
    vouchers=AWKWARD_VOUCHERS,
    *,
    repeat: int = 1,
    opening=None,
    orgnr="222000-1818",
    name="Samordningsförbundet i norra Örebro län",
) -> bytes:
    """An SIE 4E file for `year` whose #UB and #RES are the sums of its vouchers.

    `repeat` books every voucher that many times (more rows, the same shape); `opening` are the
    balance accounts' opening balances (default: bank 1 000 000 against equity).
    """
    from decimal import Decimal

    opening = dict(opening or {"1930": Decimal("1000000.00"), "2010": Decimal("-1000000.00")})
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "Testprogram" 1.0',
        "#FORMAT PC8",
        f"#GEN {year + 1}0115",
        "#SIETYP 4",
        f'#FNAMN "{name}"',
        f"#ORGNR {orgnr}",
        "#KPTYP BAS2014",
        f"#RAR 0 {year}0101 {year}1231",
        f"#RAR -1 {year - 1}0101 {year - 1}1231",
        *(f'#KONTO {number} "{text}"' for number, text in LEDGER_ACCOUNTS.items()),
        '#DIM 6 "Projekt"',
        '#OBJEKT 6 "UNG" "Projekt Ungdomscoach"',
        '#OBJEKT 6 "SIG" "Projekt Sigma"',
    ]
    sums: dict[str, Decimal] = {}
    body = []
    number = 0
    for _ in range(repeat):
        for date, text, rows in vouchers:
            number += 1
            body += [f'#VER A {number} {year}{date} "{text}"', "{"]
            for account, obj, amount in rows:
                objects = f'{{6 "{obj}"}}' if obj else "{}"
                body.append(f"#TRANS {account} {objects} {amount}")
                sums[account] = sums.get(account, Decimal(0)) + Decimal(amount)
            body.append("}")
    for account, amount in opening.items():
        lines.append(f"#IB 0 {account} {amount}")
    for account in sorted(set(sums) | set(opening)):
        if account[0] in "12":
            lines.append(
                f"#UB 0 {account} {opening.get(account, Decimal(0)) + sums.get(account, Decimal(0))}"
            )
        else:
            lines.append(f"#RES 0 {account} {sums[account]}")
    text = "\n".join(lines + body) + "\n"
    return text.replace("\n", "\r\n").encode("cp437")


def closing_balances(data: bytes) -> dict[str, str]:
    """The #UB 0 balances of a file from ledger_file: the next year's opening balances."""
    balances = {}
    for line in data.decode("cp437").splitlines():
        if line.startswith("#UB 0 "):
            _label, _index, account, amount = line.split()
            balances[account] = amount
    return balances
