"""A county's year of member invoices through the documented commands, each its own process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam \\
        .venv/bin/python -m tests.benchmarks.county_invoices [--forbund 4] [--repeat 3]

Builds a throwaway database with `--forbund` förbund (tests.benchmarks.national, one year) and
next year's contributions, then times what a county's shared office runs for next year:
`manage.py issue_invoices --association X --year Y` and `manage.py export_invoices --association
X --year Y --output DIR` for every förbund (every quarter's invoices: about 40 PDFs with their
Peppol XML for four förbund). Beside it, in the same run, the baseline: as many processes of
`manage.py check`, which start Django and do nothing. The national-scale issue's target: the
whole county within 10 s; before the document libraries were imported lazily, process starts
alone took 25 of 37.5 s.
"""

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def _run(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *command], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forbund", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    from tests.benchmarks.harness import reference_loop, scratch_database, setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from funding import services
    from funding.models import Contribution
    from members.models import Association
    from tests.benchmarks.national import build, state_amount

    with scratch_database():
        today = timezone.localdate()
        build(arguments.forbund, 1, today=today, log=lambda _line: None)
        slugs = list(Association.objects.order_by("slug").values_list("slug", flat=True))
        database = connection.settings_dict
        url = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
            if connection.vendor == "postgresql"
            else f"sqlite:///{database['NAME']}"
        )
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "finsam.settings_test"}
        runs, baselines = [], []
        for attempt in range(arguments.repeat):
            year = today.year + 1 + attempt  # each run issues a year of its own
            for index, association in enumerate(Association.objects.order_by("slug")):
                services.save_contribution(
                    contribution=Contribution(
                        association=association,
                        year=year,
                        state_amount=Decimal(state_amount(index, year, today.year)),
                        split_method="population",
                        population_date=datetime.date(today.year - 1, 12, 31),
                        decided_on=datetime.date(today.year, 11, 15),
                    )
                )
            with tempfile.TemporaryDirectory() as output:
                start = time.perf_counter()
                for slug in slugs:
                    _run(
                        [
                            "issue_invoices",
                            "--association",
                            slug,
                            "--year",
                            str(year),
                            "--date",
                            f"{year}-01-02",
                        ],
                        env,
                    )
                    _run(
                        ["export_invoices", "--association", slug, "--year", str(year), "--output", output],
                        env,
                    )
                runs.append(time.perf_counter() - start)
                files = sorted(Path(output).rglob("*"))
            start = time.perf_counter()
            for _process in range(2 * len(slugs)):
                _run(["check"], env)
            baselines.append(time.perf_counter() - start)
            print(f"  run {attempt + 1}: {runs[-1]:.1f} s, baseline {baselines[-1]:.1f} s", flush=True)
        pdfs = sum(1 for path in files if path.suffix == ".pdf")
        xmls = sum(1 for path in files if path.suffix == ".xml")
        print(
            f"County year: {len(slugs)} förbund, {pdfs} invoice PDFs and {xmls} XML files, "
            f"{2 * len(slugs)} processes, {connection.vendor}, debug={settings.DEBUG}"
        )
        print(f"  (a fixed Python loop took {reference_loop():.2f} s, 0.06 s on a quiet machine)")
        print(
            f"  commands: median {sorted(runs)[len(runs) // 2]:.1f} s, fastest {min(runs):.1f} s (target 10 s)"
        )
        print(
            f"  as many bare process starts (manage.py check): median {sorted(baselines)[len(baselines) // 2]:.1f} s"
        )


if __name__ == "__main__":
    main()
