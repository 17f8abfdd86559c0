"""How long a large SIE 4E ledger takes to import, and how much memory, beside a plain COPY.

    DATABASE_URL=postgres://... python -m tests.benchmarks.sie_import [--rows 100000] [--repeat 1]

Writes a year's bookkeeping with the given number of #TRANS rows (vouchers of 2-6 rows, project
objects in dimension 6, consistent #IB/#UB/#RES), then, in a throwaway database:

* parses it alone, in a fresh process (the parser's share of time and memory);
* imports it through `funding.ledger.import_sie`, in a fresh process, so that the peak resident
  memory (VmHWM, see `_peak_mb`) is the import's own, and then re-imports it (the year is replaced);
* copies the same rows with one plain COPY into a bare table (no keys, no indexes), in this
  process: the floor that the import is compared with.

Target (issue 12): 100 000 rows in at most 10 s and 250 MB on PostgreSQL.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

from tests.benchmarks.harness import reference_loop, scratch_database, setup_django, sie_header

YEAR = 2025
BALANCE_ACCOUNTS = {
    "1930": "Bank",
    "1510": "Kundfordringar",
    "2440": "Leverantörsskulder",
    "2010": "Eget kapital",
}
RESULT_ACCOUNTS = {
    "3010": "Erhållna statliga bidrag",
    "3020": "Erhållna regionbidrag",
    "3030": "Erhållna kommunala bidrag",
    "4010": "Projektkostnader, finansierade insatser",
    "5010": "Lokalhyra",
    "5410": "Förbrukningsinventarier",
    "6110": "Kontorsmateriel",
    "6550": "Konsultarvoden, kansli",
    "7010": "Löner",
    "7240": "Styrelsearvoden",
    "7510": "Arbetsgivaravgifter",
}
COST_ACCOUNTS = [account for account in RESULT_ACCOUNTS if account[0] != "3"]
TEXTS = ["Faktura", "Hyra kansliet", "Arvode Örebro", "Resa Sollefteå", "Utbildning", "Lön"]


def _amount(cents: int) -> str:
    return str(Decimal(cents).scaleb(-2))


def sie_ledger(orgnr: str, rows: int, seed: int = 2025) -> tuple[bytes, int]:
    """A year's bookkeeping with `rows` #TRANS rows, cp437 as the specification says; and the
    number of vouchers. Every voucher balances; the closing balances and results are the sums."""
    rng = random.Random(seed)
    projects = [f"P{number:03}" for number in range(60)]
    lines = sie_header(orgnr, YEAR)
    lines += [f'#KONTO {number} "{name}"' for number, name in {**BALANCE_ACCOUNTS, **RESULT_ACCOUNTS}.items()]
    lines += ['#DIM 1 "Kostnadsställe"', '#DIM 6 "Projekt"', '#OBJEKT 1 "K1" "Kansliet"']
    lines += [f'#OBJEKT 6 "{code}" "Insats {code} för samordnad rehabilitering"' for code in projects]
    totals: dict[str, int] = dict.fromkeys([*BALANCE_ACCOUNTS, *RESULT_ACCOUNTS], 0)
    vouchers: list[str] = []
    written = number = 0
    while written < rows:
        size = min(rng.randint(2, 6), rows - written)
        if rows - written - size == 1:  # never leave a voucher of one row at the end
            size += 1
        number += 1
        day = 1 + (number * 7) % 365
        date = f"{YEAR}{1 + (day - 1) // 31 % 12:02}{1 + (day - 1) % 28:02}"
        income = number % 25 == 0
        vouchers += [f'#VER A {number} {date} "{rng.choice(TEXTS)} {number}"', "{"]
        balance = 0
        for _ in range(size - 1):
            cents = rng.randint(100, 5_000_000)
            if income:
                account, objects, cents = rng.choice(["3010", "3020", "3030"]), "{}", -cents
            else:
                account = rng.choice(COST_ACCOUNTS)
                objects = f'{{6 "{rng.choice(projects)}"}}' if account == "4010" else "{}"
                if account == "6110":
                    objects = '{1 "K1" 6 "' + rng.choice(projects) + '"}'
            totals[account] += cents
            balance += cents
            if rng.random() < 0.3:
                vouchers.append(f'#TRANS {account} {objects} {_amount(cents)} {date} "{rng.choice(TEXTS)}"')
            else:
                vouchers.append(f"#TRANS {account} {objects} {_amount(cents)}")
        against = "1510" if income else rng.choice(["1930", "2440"])
        totals[against] -= balance
        vouchers += [f"#TRANS {against} {{}} {_amount(-balance)}", "}"]
        written += size
    opening = {"1930": 50_000_000_00, "2010": -50_000_000_00}
    lines += [f"#IB 0 {account} {_amount(cents)}" for account, cents in opening.items()]
    lines += [
        f"#UB 0 {account} {_amount(opening.get(account, 0) + totals[account])}"
        for account in BALANCE_ACCOUNTS
    ]
    lines += [f"#RES 0 {account} {_amount(totals[account])}" for account in RESULT_ACCOUNTS]
    lines += [f"#UB -1 {account} {_amount(cents)}" for account, cents in opening.items()]
    text = "\r\n".join(lines + vouchers) + "\r\n"
    return text.encode("cp437"), number


def _peak_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries the parent's peak over
    into a child at exec, so a child of a big benchmark would report the benchmark's memory."""
    try:
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024  # kilobytes
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child(mode: str, path: str, association_pk: int, profile: bool) -> None:
    """In a fresh process: parse or import the file; print the time and the peak memory as JSON."""
    setup_django()
    from funding.ledger import import_sie
    from funding.sie import parse_sie
    from members.models import Association

    association = Association.objects.get(pk=association_pk)
    before = _peak_mb()
    with open(path, "rb") as file:
        data = file.read()
    if mode == "parse":

        def action():
            return parse_sie(data)
    else:
        _time_phases()

        def action():
            return import_sie(association=association, data=data, file_name="benchmark.se")

    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(action)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
        return
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), "before_mb": before, "phases": PHASES}))


PHASES: dict[str, float] = {}


def _time_phases() -> None:
    """Wrap the import's steps with a stopwatch; what is left of its time is the commit."""
    from funding import ledger, ledger_store

    def timing(module, name, label):
        step = getattr(module, name)

        def timed_step(*args, **kwargs):
            start = time.perf_counter()
            try:
                return step(*args, **kwargs)
            finally:
                PHASES[label] = PHASES.get(label, 0) + time.perf_counter() - start

        setattr(module, name, timed_step)

    timing(ledger, "read_sie", "parse")
    timing(ledger_store, "delete_year", "delete")
    timing(ledger_store, "store_chart", "chart")
    timing(ledger_store, "copy_vouchers", "vouchers and rows")
    timing(ledger_store, "create_vouchers", "vouchers and rows")


def _in_fresh_process(mode: str, path: str, association_pk: int, database_url: str, profile: bool) -> dict:
    command = [sys.executable, "-m", "tests.benchmarks.sie_import", "--child", mode, path]
    command += ["--association", str(association_pk)] + (["--profile"] if profile else [])
    environment = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"{mode} failed:\n{result.stderr}")
    if profile:
        print(result.stderr)
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])


def plain_copy(rows) -> float:
    """The same rows by one COPY into a bare table with the row table's columns: the floor."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE benchmark_plain_rows (voucher bigint, account varchar(20), amount numeric(14, 2),"
            " date date, text varchar(300), project varchar(40), object_refs jsonb)"
        )
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        columns = "voucher, account, amount, date, text, project, object_refs"
        with cursor.copy(f"COPY benchmark_plain_rows ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    return time.perf_counter() - start


def _rows_of(sie) -> list[tuple]:
    """The rows as the import stores them, prepared beforehand (not timed)."""
    rows = []
    for number, voucher in enumerate(sie.vouchers, 1):
        for row in voucher.transactions:
            project = next((object_id for dimension, object_id in row.objects if dimension == 6), "")
            refs = json.dumps([list(pair) for pair in row.objects])
            rows.append((number, row.account, row.amount, row.date, row.text[:300], project, refs))
    return rows


def _scratch_url(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="imports (each in a fresh process)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one import")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--association", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child, arguments.association, arguments.profile)
        return
    setup_django()

    from django.db import connection

    from funding.models import VoucherRow
    from funding.sie import parse_sie
    from tests.factories import AssociationFactory

    if connection.vendor != "postgresql":
        sys.exit("The benchmark compares with PostgreSQL's COPY: set DATABASE_URL to a PostgreSQL database.")
    with scratch_database(), tempfile.TemporaryDirectory() as directory:
        association = AssociationFactory(slug="benchmark", name="Samordningsförbundet Benchmark")
        data, vouchers = sie_ledger(association.organisation_number, arguments.rows)
        path = os.path.join(directory, "benchmark.se")
        with open(path, "wb") as file:
            file.write(data)
        url = _scratch_url(connection.settings_dict["NAME"])
        connection.close()  # the children write; this process waits
        if arguments.profile:
            _in_fresh_process("import", path, association.pk, url, profile=True)
            return
        parse = _in_fresh_process("parse", path, association.pk, url, profile=False)
        imports = [
            _in_fresh_process("import", path, association.pk, url, profile=False)
            for _ in range(arguments.repeat + 1)
        ]
        stored = VoucherRow.objects.count()
        if stored != arguments.rows:
            sys.exit(f"Expected {arguments.rows} rows, found {stored}.")
        copy_seconds = plain_copy(_rows_of(parse_sie(data)))
        loop = reference_loop()

    first, again = imports[0], imports[1:]
    print(
        f"SIE import, {arguments.rows} #TRANS rows in {vouchers} vouchers ({len(data) / 1e6:.1f} MB),"
        f" {connection.vendor}"
    )
    print(f"  (a fixed Python loop took {loop:.2f} s after the runs, 0.06 s on a quiet machine)")
    print(f"  {'':28}  time      peak memory (process before: Django loaded)")
    table = [("parse alone", parse), ("import (new year)", first)]
    table += [(f"re-import {n} (replaces it)", result) for n, result in enumerate(again, 1)]
    for label, result in table:
        print(
            f"  {label:28}  {result['seconds']:6.2f} s  {result['peak_mb']:5.0f} MB ({result['before_mb']:.0f} MB)"
        )
        if phases := result.get("phases"):
            phases["commit and the rest"] = result["seconds"] - sum(phases.values())
            print("    " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases.items()))
    print(f"  {'plain COPY of the rows':28}  {copy_seconds:6.2f} s")
    print(f"  import / COPY: {first['seconds'] / copy_seconds:.1f}")


if __name__ == "__main__":
    main()
