"""Every page of each role's navigation under load, as a ratio to an authenticated bare view
measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/finsam_national \\
        .venv/bin/python -m tests.benchmarks.load [--duration 10] [--connections 20] \\
        [--write docs/performance.md]

Needs the database that `python -m tests.benchmarks.national` filled and `wrk` (Debian:
`apt-get install wrk`). Serves it with gunicorn (2 sync workers, as the measurements in the
national-scale issue did, DEBUG off), logs in one user per role, and runs wrk against:

- the baseline, an authenticated view that returns a fixed string (tests/benchmarks/serving.py),
  before the pages, every few pages and after them; each page is compared with the mean of the
  baselines measured just before and just after it, so that a machine that gets busier during the
  run does not flatter or punish the pages measured late;
- every link of each role's navigation: the start page, the global menu (one förbund's entry of
  many) and the menu of the first förbund, plus the key pages the issue measured (key figures,
  participant statistics, the draft annual report, the comparison of every förbund, the member
  portal of an organisation in every förbund, the start page of an office of every förbund).

For every page it prints requests per second and its ratio to the baseline, the median and p95
latency and the p95's multiple of the baseline's, and the SQL queries the page makes (counted
in-process with the test client). The targets (national-scale issue): throughput ≥ 0.2 of the
baseline, p95 ≤ 5 × its p95, ≤ 15 queries. With --write, the table replaces the part of the
file between the markers `<!-- load-benchmark -->` and `<!-- /load-benchmark -->`, with the
machine's load average at the time.

A benchmark, not a test: nothing here fails on a slow machine; it reports.
"""

import argparse
import datetime
import html
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SETTINGS = "tests.benchmarks.serving_settings"
BARE = "/_benchmark/bare/"
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.timeout))
end
"""
MARK_START, MARK_END = "<!-- load-benchmark -->", "<!-- /load-benchmark -->"
PERSONAS = [
    # label, username (made by tests.benchmarks.national)
    ("office, one förbund", "kansli-sf01"),
    ("office of every förbund", "lan-kansli"),
    ("board member", "styrelse-sf01"),
    ("auditor", "revisor-sf01"),
    ("initiative lead", "insats-sf01"),
    ("member, every förbund (Försäkringskassan)", "fk-ekonom"),
    ("member, one förbund (a municipality)", "kommun-sf01"),
]


@dataclass
class Run:
    requests_per_second: float
    median_ms: float
    p95_ms: float
    errors: int


@dataclass
class Page:
    persona: str
    url: str
    label: str
    queries: int = 0
    run: Run | None = None
    baseline: Run | None = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _get(base: str, url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(base + url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _menu_links(page: str) -> list[tuple[str, str]]:
    links = []
    for menu in re.findall(r"<nav\b.*?</nav>", page, flags=re.S):
        for href, label in re.findall(r'<a href="(/[^"]*)"[^>]*>(.*?)</a>', menu, flags=re.S):
            links.append((html.unescape(href), re.sub(r"<[^>]+>|\s+", " ", label).strip()))
    return links


def _pages(base: str, cookies: dict[str, str]) -> list[Page]:
    """Each persona's start page, its global menu (one förbund of many) and the first förbund's menu."""
    from reporting.models import Report

    pages, seen = [], set()

    def add(persona, url, label):
        if (persona, url) not in seen and not url.startswith(("/konto/", "/admin/")):
            seen.add((persona, url))
            pages.append(Page(persona, url, label))

    for persona, _username in PERSONAS:
        cookie = cookies[persona]
        status, start = _get(base, "/", cookie)
        assert status == 200, f"{persona}: the start page answered {status}"
        add(persona, "/", "start page")
        association_pages = 0
        for url, label in _menu_links(start):
            if url.startswith("/forbund/") and url.count("/") == 3:
                association_pages += 1
                if association_pages > 1:
                    continue  # one förbund's start page of many
                _status, association = _get(base, url, cookie)
                add(persona, url, f"{label}: start")
                for inner, inner_label in _menu_links(association):
                    if inner.startswith(url):
                        add(persona, inner, inner_label)
            else:
                add(persona, url, label)
    office = "office, one förbund"
    draft = (
        Report.objects.filter(association__slug="sf01")
        .exclude(status="adopted")
        .order_by("-period_end")
        .first()
    )
    if draft:
        add(office, f"/forbund/sf01/rapporter/{draft.pk}/", "draft annual report")
    add(office, "/forbund/sf01/nyckeltal/", "key figures")
    add(office, "/forbund/sf01/deltagarstatistik/", "participant statistics")
    add("office of every förbund", "/jamforelse/", "comparison of every förbund")
    return pages


def _count_queries(pages: list[Page], users: dict) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        client = Client()
        client.force_login(users[page.persona])
        client.get(page.url)  # warm: the first request of a process loads what later ones reuse
        with CaptureQueriesContext(connection) as queries:
            client.get(page.url)
        page.queries = len(queries)


def _wrk(base: str, url: str, cookie: str, duration: int, connections: int, script: str) -> Run:
    finished = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            script,
            "-H",
            f"Cookie: {cookie}",
            base + url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    requests, micros, median, p95, errors = (
        int(value) for value in re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", finished.stdout).groups()
    )
    return Run(requests / (micros / 1e6), median / 1000, p95 / 1000, errors)


def _mean(runs: list[Run]) -> Run:
    return Run(
        statistics.mean(run.requests_per_second for run in runs),
        statistics.mean(run.median_ms for run in runs),
        statistics.mean(run.p95_ms for run in runs),
        sum(run.errors for run in runs),
    )


def table(pages: list[Page], sizes: str, load_before: tuple, load_after: tuple, arguments) -> str:
    rows = [
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} cores: {sizes}; gunicorn with "
        f"2 sync workers, {arguments.connections} concurrent connections, {arguments.duration} s per page. "
        f"Load average before {load_before[0]:.2f}, after {load_after[0]:.2f}.",
        "",
        "| role | page | queries | requests/s (vs bare) | median | p95 (vs bare) | target met |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in pages:
        run, base = page.run, page.baseline
        ratio = run.requests_per_second / base.requests_per_second
        p95_ratio = run.p95_ms / max(base.p95_ms, 0.001)
        met = ratio >= 0.2 and p95_ratio <= 5 and page.queries <= 15 and run.errors == 0
        rows.append(
            f"| {page.persona} | {page.label} `{page.url}` | {page.queries} | "
            f"{run.requests_per_second:.0f} ({ratio:.2f}) | {run.median_ms:.0f} ms | "
            f"{run.p95_ms:.0f} ms ({p95_ratio:.1f}×) | {'yes' if met else '**no**'} |"
        )
    bare = _mean([page.baseline for page in pages])
    rows.insert(
        4,
        f"| (baseline) | authenticated bare view `{BARE}` | 0 | {bare.requests_per_second:.0f} (1.00) | "
        f"{bare.median_ms:.0f} ms | {bare.p95_ms:.0f} ms (1.0×) | — |",
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--baseline-every", type=int, default=5, help="pages between baseline runs")
    parser.add_argument("--only", help="measure only pages whose URL contains this")
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    from tests.benchmarks.harness import setup_django

    setup_django()
    from django.db import connection

    from funding.models import Invoice, VoucherRow
    from members.models import Association, User
    from participants.models import Enrolment

    users = {persona: User.objects.get(username=username) for persona, username in PERSONAS}
    cookies = {persona: _session_cookie(user) for persona, user in users.items()}
    sizes = (
        f"{Association.objects.count()} förbund, {Invoice.objects.count()} invoices, "
        f"{VoucherRow.objects.count()} voucher rows, {Enrolment.objects.count()} enrolments, {connection.vendor}"
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    database = connection.settings_dict
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "finsam.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(base, "/healthz", "")[0] == 200:
                    break
            except urllib.error.URLError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)
        pages = _pages(base, cookies)
        if arguments.only:
            pages = [page for page in pages if arguments.only in page.url]
        broken = []
        for page in pages:
            status, _body = _get(base, page.url, cookies[page.persona])
            if status != 200:  # a dead link in a menu: reported, not measured
                broken.append(f"{page.persona}: {page.url} answered {status}")
        pages = [
            page
            for page in pages
            if not any(line.startswith(f"{page.persona}: {page.url} ") for line in broken)
        ]
        _count_queries(pages, users)
        print(f"{len(pages)} pages; {sizes}")
        load_before = os.getloadavg()
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(LUA)
            script.flush()
            bare_cookie = cookies[PERSONAS[0][0]]

            def baseline():
                return _wrk(base, BARE, bare_cookie, arguments.duration, arguments.connections, script.name)

            before = baseline()
            for start in range(0, len(pages), arguments.baseline_every):
                group = pages[start : start + arguments.baseline_every]
                for page in group:
                    page.run = _wrk(
                        base,
                        page.url,
                        cookies[page.persona],
                        arguments.duration,
                        arguments.connections,
                        script.name,
                    )
                    print(
                        f"  {page.persona:<42} {page.url:<48} {page.run.requests_per_second:8.1f}/s",
                        flush=True,
                    )
                after = baseline()
                for page in group:
                    page.baseline = _mean([before, after])
                before = after
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = table(pages, sizes, load_before, load_after, arguments)
    if broken:
        result += "\n\nLinks in a menu that did not answer 200 (not measured):\n\n" + "\n".join(
            f"- {line}" for line in broken
        )
    print(result)
    if arguments.write:
        text = arguments.write.read_text() if arguments.write.exists() else f"{MARK_START}\n{MARK_END}\n"
        head, rest = text.split(MARK_START, 1)
        _old, tail = rest.split(MARK_END, 1)
        arguments.write.write_text(f"{head}{MARK_START}\n{result}\n{MARK_END}{tail}")


if __name__ == "__main__":
    main()
