"""Real SIE files written by some twenty bookkeeping programs (tests/data/sie/, see its README).

Each file either imports with the figures the file itself states, or is refused for the one
right reason (the code of the first problem shown). The expected figures are read from the
file by the small reader below, independently of funding/sie.py.
"""

import io
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from funding.ledger import import_sie, read_sie
from funding.models import LedgerAccount, LedgerBalance, LedgerObject, LedgerYear, Voucher, VoucherRow
from funding.sie import parse_sie, summarise
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "data" / "sie"

IMPORTED = "imported"

# file -> IMPORTED, or the code of the first problem. Why each refusal is right:
# - import_file: SIE 4I, vouchers for a bookkeeping program to take in, not a year's ledger.
# - organisation_number_missing: no #ORGNR (or an empty one), so whose ledger it is cannot
#   be checked; Finsam never imports a ledger it cannot tie to the förbund.
# - unknown_account: #TRANS rows on an account that #KONTO does not declare (SmallOffice's
#   9010, SoftOne's "FEL"); the row cannot be named or classed.
# - voucher_unbalanced: SoftOne XE's voucher 1 1 sums to 2.00; and a copy of an Avendo
#   file with one row changed by jsisie's author.
# SoftOne XE writes a quote mark for "ö" inside quoted names ("F"rskott till Lind" Park"),
# which the format forbids; as the name is a #KONTO's last field it is read with a warning.
OUTCOMES = {
    "avendo-arsaldo.se": IMPORTED,
    "avendo-objektsaldo.se": IMPORTED,
    "avendo-periodsaldo.se": IMPORTED,
    "avendo-sie3.se": IMPORTED,
    "avendo-sie4.se": IMPORTED,
    "avendo-transaktioner-bad-balance.se": "voucher_unbalanced",
    "avendo-transaktioner.se": IMPORTED,
    "avendo-urval.si": "import_file",
    "bl-administration-typ1.se": IMPORTED,
    "bl-administration-typ2.se": IMPORTED,
    "bl-administration-typ3.se": IMPORTED,
    "bl-administration-typ4.se": IMPORTED,
    "bl-administration-typ4i.si": "import_file",
    "briljant-test1.se": IMPORTED,
    "briljant-test2.se": IMPORTED,
    "briljant-test3.se": IMPORTED,
    "briljant-test4.se": IMPORTED,
    "edison-typ1.se": IMPORTED,
    "edison-typ2.se": IMPORTED,
    "edison-typ3.se": IMPORTED,
    "edison-typ4.se": IMPORTED,
    "edison-typ4.si": "import_file",
    "fortnox-sie4.si": "organisation_number_missing",
    "kontek-lon-lonekorning.si": "import_file",
    "magenta-sie1.se": IMPORTED,
    "magenta-sie2.se": IMPORTED,
    "magenta-sie3.se": IMPORTED,
    "magenta-sie4e.se": IMPORTED,
    "magenta-sie4i.se": "import_file",
    "mamut-sie1.se": IMPORTED,
    "mamut-sie2.se": IMPORTED,
    "mamut-sie3.se": IMPORTED,
    "mamut-sie4.se": IMPORTED,
    "norstedts-bokslut-sie1.se": IMPORTED,
    "norstedts-bokslut-sie4e.se": IMPORTED,
    "norstedts-bokslut-sie4i.si": "import_file",
    "norstedts-revision-sie1.se": IMPORTED,
    "real09-exempelbolaget.si": "import_file",
    "smalloffice-sie1-2.se": IMPORTED,
    "smalloffice-sie3-4.se": "unknown_account",
    "softone-business-sie2.se": IMPORTED,
    "softone-business-sie3.se": IMPORTED,
    "softone-business-sie4.se": "unknown_account",
    "softone-xe-sie1.se": IMPORTED,
    "softone-xe-sie2.se": IMPORTED,
    "softone-xe-sie3.se": IMPORTED,
    "softone-xe-sie4.se": "voucher_unbalanced",
    "specter-exempelfil.se": "organisation_number_missing",
    "visma-administration-200.si": "import_file",
    "visma-administration-underdim.se": IMPORTED,
    "visma-anlaggningsregister.si": "import_file",
    "visma-bokforing-sie1.se": IMPORTED,
    "visma-bokforing-sie2.se": IMPORTED,
    "visma-bokslut-bokorder.si": "import_file",
    "visma-bokslut-sie1.se": IMPORTED,
    "visma-compact-sie1.se": IMPORTED,
    "visma-eekonomi-live2011.se": IMPORTED,
    "visma-eget-aktiebolag-2010.se": IMPORTED,
    "visma-enskild-firma-2010.se": IMPORTED,
    "visma-fakturering.si": "import_file",
    "visma-lon-100.si": "import_file",
}

# The one file not in code page 437: UTF-8 (without a byte order mark) despite #FORMAT PC8.
ENCODINGS = {"visma-administration-underdim.se": "utf-8"}

LEDGER_TABLES = (LedgerYear, LedgerAccount, LedgerBalance, LedgerObject, Voucher, VoucherRow)


def test_the_table_covers_every_file_of_the_corpus():
    assert set(OUTCOMES) == {path.name for path in CORPUS.glob("*.s[ei]")}
    assert len(OUTCOMES) >= 40


class Stated:
    """What a file states, read line by line without funding/sie.py."""

    def __init__(self, data: bytes, encoding: str) -> None:
        self.results: dict[int, Decimal] = defaultdict(Decimal)
        self.closing: dict[int, Decimal] = defaultdict(Decimal)
        self.vouchers = 0
        self.organisation_number = ""
        self.first_year = None
        for line in data.decode(encoding).splitlines():
            fields = line.replace('"', "").split()
            if not fields:
                continue
            label = fields[0].upper()
            if label == "#RES":
                self.results[int(fields[1])] += Decimal(fields[3])
            elif label == "#UB":
                self.closing[int(fields[1])] += Decimal(fields[3])
            elif label == "#VER":
                self.vouchers += 1
            elif label == "#ORGNR" and len(fields) > 1:
                digits = re.sub(r"\D", "", fields[1])
                # 12 digits: a century prefix ("16" for a company, "19"/"20" for a person).
                self.organisation_number = digits[2:] if len(digits) == 12 else digits
            elif label == "#RAR" and fields[1:2] == ["0"] and len(fields) > 2:
                self.first_year = int(fields[2][:4])


def stated(name: str) -> Stated:
    return Stated((CORPUS / name).read_bytes(), ENCODINGS.get(name, "cp437"))


def counts() -> list[int]:
    return [model.objects.count() for model in LEDGER_TABLES]


@pytest.mark.parametrize("name", sorted(name for name, outcome in OUTCOMES.items() if outcome == IMPORTED))
def test_imports_with_the_figures_the_file_states(name):
    data = (CORPUS / name).read_bytes()
    own = stated(name)
    association = AssociationFactory(organisation_number=own.organisation_number)
    ledger = import_sie(association=association, data=data, file_name=name)

    assert ledger.year == own.first_year
    assert ledger.voucher_count == own.vouchers == Voucher.objects.filter(ledger=ledger).count()
    assert ledger.encoding == ENCODINGS.get(name, "cp437")
    balances = LedgerBalance.objects.filter(ledger=ledger)
    for index in (0, -1):
        results = balances.filter(kind=LedgerBalance.Kind.RESULT, year_index=index)
        closing = balances.filter(kind=LedgerBalance.Kind.CLOSING, year_index=index)
        assert sum((b.amount for b in results), Decimal(0)) == own.results.get(index, 0), index
        assert sum((b.amount for b in closing), Decimal(0)) == own.closing.get(index, 0), index

    summary = summarise(parse_sie(data))
    for year in summary.years:
        if year.index in own.results:
            assert year.result == -own.results[year.index]
        if year.index in own.closing:
            assert year.closing_balance_sum == own.closing[year.index]


@pytest.mark.parametrize("name", sorted(name for name, outcome in OUTCOMES.items() if outcome != IMPORTED))
def test_is_refused_for_the_one_right_reason_and_nothing_is_written(name):
    own = stated(name)
    association = AssociationFactory(organisation_number=own.organisation_number or "2220001818")
    before = counts()
    with pytest.raises(ValidationError) as caught:
        import_sie(association=association, data=(CORPUS / name).read_bytes(), file_name=name)
    assert caught.value.error_list[0].code == OUTCOMES[name], caught.value.messages[:3]
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("visma-bokforing-sie1.se", "Övningsbolaget AB"),
        ("edison-typ4.se", "Övningsföretaget AB"),
        ("magenta-sie4e.se", "TESTFÖRETAGET AB"),
        ("briljant-test4.se", "Exempelföretag 44"),
    ],
)
def test_company_names_decode_to_swedish_letters(name, company):
    data = (CORPUS / name).read_bytes()
    own = stated(name)
    ledger = import_sie(
        association=AssociationFactory(organisation_number=own.organisation_number), data=data, file_name=name
    )
    assert ledger.company_name == company
    names = " ".join(LedgerAccount.objects.filter(ledger=ledger).values_list("name", flat=True))
    # Box-drawing characters or "Ã" are what a wrong character set leaves behind.
    assert not set(names) & set("╓╘╞╔═║╚╗╝┤╡╢╖╕╣÷Ã")
    assert re.search("[åäöÅÄÖ]", names)


@pytest.mark.parametrize("encoding", ["iso-8859-1", "cp1252", "utf-8", "utf-8-sig"])
def test_latin1_windows_1252_and_utf8_copies_read_as_the_original(encoding):
    # The file's #FNR is a Windows path written in Windows-1252 by Visma itself ("Bokf÷ring"
    # in cp437); Finsam ignores #FNR, and the copy leaves it out to stay encodable.
    data = b"".join(
        line
        for line in (CORPUS / "visma-bokforing-sie1.se").read_bytes().splitlines(True)
        if not line.startswith(b"#FNR")
    )
    original = parse_sie(data)
    copy = parse_sie(data.decode("cp437").encode(encoding))
    assert copy.company_name == original.company_name == "Övningsbolaget AB"
    assert {number: a.name for number, a in copy.accounts.items()} == {
        number: a.name for number, a in original.accounts.items()
    }
    assert copy.encoding == {"iso-8859-1": "cp1252", "utf-8-sig": "utf-8"}.get(encoding, encoding)


def test_types_1_to_3_import_without_vouchers_and_say_so():
    own = stated("bl-administration-typ1.se")
    sie = read_sie(
        AssociationFactory(organisation_number=own.organisation_number),
        (CORPUS / "bl-administration-typ1.se").read_bytes(),
    )
    assert not sie.vouchers
    assert [w.code for w in sie.warnings] == ["no_vouchers"]


def test_objects_used_without_objekt_are_created_with_a_warning():
    name = "mamut-sie4.se"
    own = stated(name)
    ledger = import_sie(
        association=AssociationFactory(organisation_number=own.organisation_number),
        data=(CORPUS / name).read_bytes(),
        file_name=name,
    )
    created = LedgerObject.objects.get(ledger=ledger, dimension=10, object_id="12")
    assert created.name == "12"
    sie = parse_sie((CORPUS / name).read_bytes())
    assert (10, "12") in sie.created_objects
    [warning] = [w for w in sie.warnings if w.code == "created_objects"]
    assert warning.params["count"] == len(sie.created_objects) == 107


def test_repeated_voucher_numbers_are_all_booked():
    # BL Administration numbers its automatic depreciation vouchers "#" 1, every month.
    sie = parse_sie((CORPUS / "bl-administration-typ4.se").read_bytes())
    repeated = [v for v in sie.vouchers if (v.series, v.number) == ("#", "1")]
    assert len(repeated) == 12
    assert sie.warning_count == 12 - 1 + 1  # eleven repeats and the created objects


@pytest.mark.parametrize(
    "name", ["norstedts-bokslut-sie1.se", "norstedts-bokslut-sie4e.se", "norstedts-revision-sie1.se"]
)
def test_checksums_of_real_files_verify(name):
    assert parse_sie((CORPUS / name).read_bytes()).checksum_verified


def test_a_changed_amount_breaks_the_checksum():
    data = (CORPUS / "norstedts-bokslut-sie1.se").read_bytes()
    line = re.search(rb"^#UB[^\r\n]*", data, re.MULTILINE)
    changed = data.replace(line[0], line[0][:-1] + (b"1" if line[0][-1:] != b"1" else b"2"), 1)
    own = stated("norstedts-bokslut-sie1.se")
    with pytest.raises(ValidationError) as caught:
        read_sie(AssociationFactory(organisation_number=own.organisation_number), changed)
    problem = caught.value.error_list[0]
    assert problem.code == "checksum_mismatch"
    closing_line = data[: data.rindex(b"#KSUMMA")].count(b"\n") + 1
    assert f"Rad {closing_line}:" in problem.message or f"Line {closing_line}:" in problem.message


def test_a_checksum_opened_and_never_closed_is_a_truncated_file():
    data = (CORPUS / "norstedts-bokslut-sie1.se").read_bytes()
    truncated = data[: data.rindex(b"#KSUMMA")]
    own = stated("norstedts-bokslut-sie1.se")
    with pytest.raises(ValidationError) as caught:
        read_sie(AssociationFactory(organisation_number=own.organisation_number), truncated)
    assert [error.code for error in caught.value.error_list] == ["checksum_unclosed"]


def sofints_copy(name: str) -> bytes:
    """A corpus file with SOFINT's organisation number in place of its own."""
    data = (CORPUS / name).read_bytes()
    return re.sub(rb"^#ORGNR[^\r\n]*", b"#ORGNR 222000-1818", data, count=1, flags=re.MULTILINE)


def test_the_upload_page_says_a_type_1_file_has_no_vouchers(client, sofint, sofint_office):
    client.force_login(sofint_office)
    upload = io.BytesIO(sofints_copy("bl-administration-typ1.se"))
    upload.name = "typ1.se"
    preview = client.post(reverse("funding:ledger_upload", args=["sofint"]), {"file": upload}, follow=True)
    assert (
        "Filen är SIE typ 1: den innehåller saldon och resultat men inga verifikationer"
        in preview.content.decode()
    )
    response = client.post(preview.redirect_chain[-1][0] + "bekrafta/", follow=True)
    page = response.content.decode()
    assert "importerades: 0 verifikationer" in page
    assert "Filen innehåller inga verifikationer" in page
    assert LedgerYear.objects.get(association=sofint).voucher_count == 0


def test_the_import_command_says_a_type_2_file_has_no_vouchers(sofint, tmp_path):
    path = tmp_path / "typ2.se"
    path.write_bytes(sofints_copy("magenta-sie2.se"))
    out = io.StringIO()
    call_command("import_sie", str(path), "--association", "sofint", stdout=out)
    assert "Filen innehåller inga verifikationer" in out.getvalue()


@pytest.mark.parametrize("encoding", ["cp437", "iso-8859-1", "cp1252", "utf-8", "utf-8-sig"])
def test_orebro_is_never_read_as_a_box_drawing_character(sofint, encoding):
    text = sofints_copy("edison-typ4.se").decode("cp437")
    text = re.sub(r"^#FNAMN[^\r\n]*", '#FNAMN "Samordningsförbundet i norra Örebro län"', text, flags=re.M)
    ledger = import_sie(association=sofint, data=text.encode(encoding), file_name="orebro.se")
    assert ledger.company_name == "Samordningsförbundet i norra Örebro län"


def test_a_name_with_unescaped_quotes_is_read_to_the_end_of_its_record():
    sie = parse_sie((CORPUS / "softone-xe-sie1.se").read_bytes())
    assert sie.accounts["1288"].name == 'F"rskott till Lind" Park'
    assert sie.accounts["1684"].name == 'Fordringar hos leverant"r'
    assert {w.code for w in sie.warnings} == {"unescaped_quote", "no_vouchers"}
