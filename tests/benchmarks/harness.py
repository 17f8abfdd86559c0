"""A throwaway database and a stopwatch for the benchmark scripts."""

import contextlib
import os
import statistics
import time


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings_test")
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()  # the test client's host, fast password hashing


@contextlib.contextmanager
def scratch_database():
    """A fresh database (the test database's name with a _benchmark suffix), removed afterwards."""
    from django.conf import settings
    from django.db import connection

    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if connection.vendor != "sqlite":
        test_settings["NAME"] = f"{settings.DATABASES['default']['NAME']}_benchmark"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def timed(label: str, action, repeat: int) -> tuple[str, float, float, float]:
    """Run `action` `repeat` times; return the label with the median, the fastest and the slowest
    run in seconds (wall-clock time: what a user waits for).

    Between runs, the garbage collection a big render puts off is made, as the app server makes it
    once the response has been sent and the worker once the job is done (finsam.pdf).
    """
    from finsam.pdf import collect_put_off_garbage

    runs = []
    for _ in range(repeat):
        collect_put_off_garbage()
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return label, statistics.median(runs), min(runs), max(runs)


def reference_loop(repeat: int = 5) -> float:
    """The median time of a fixed piece of pure Python work, in seconds: how fast the machine is
    right now. These machines are shared: the same loop can take twice as long from one minute
    to the next, and so can every figure of a benchmark."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def report(title: str, results: list[tuple[str, float, float, float]]) -> None:
    print(title)
    print(f"  (a fixed Python loop took {reference_loop():.2f} s after the runs, 0.06 s on a quiet machine)")
    width = max(len(label) for label, *_times in results)
    print(f"  {'':{width}}  median   fastest  slowest")
    for label, median, fastest, slowest in results:
        print(f"  {label:{width}}  {median:6.2f} s  {fastest:6.2f} s  {slowest:6.2f} s")


def sie_header(orgnr: str, year: int) -> list[str]:
    """The opening records of a generated SIE 4E year (cp437, as the specification says)."""
    return [
        "#FLAGGA 0",
        '#PROGRAM "Benchmark" 1.0',
        "#FORMAT PC8",
        f"#GEN {year + 1}0215",
        "#SIETYP 4",
        '#FNAMN "Samordningsförbundet Benchmark"',
        f"#ORGNR {orgnr}",
        "#KPTYP BAS2014",
        f"#RAR 0 {year}0101 {year}1231",
        f"#RAR -1 {year - 1}0101 {year - 1}1231",
    ]
