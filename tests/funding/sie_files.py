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
