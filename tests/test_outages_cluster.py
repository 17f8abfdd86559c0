"""A real outage: a throwaway PostgreSQL cluster is stopped under a bounded load of writes sent
through HTTP to gunicorn, and started again. While it is down, requests get the Swedish 503 page
with Retry-After and /healthz says 503; afterwards every write that was acknowledged (a redirect
after saving) is in the database, and the app serves again without a restart.

Runs where PostgreSQL's initdb is installed, with the PostgreSQL suite (CI's `make test`);
skips cleanly elsewhere. Every wait is for a condition, with a deadline.
"""

import glob
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

DEADLINE_SECONDS = 90
THREADS = 4
MAX_REQUESTS = 600  # the load is bounded whatever happens


def _postgres_binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda path: int(path.split("/")[4]))
    return found[-1] if found else shutil.which(name)


pytestmark = [
    pytest.mark.outage,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="outages are tested with the PostgreSQL suite"
    ),
    pytest.mark.skipif(_postgres_binary("initdb") is None, reason="PostgreSQL's initdb is not installed"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _until(condition, what: str):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not (result := condition()):
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)
    return result


class Cluster:
    """initdb into a temporary directory, started and stopped with pg_ctl on a free port."""

    def __init__(self, directory: Path):
        self.directory = directory / "data"
        self.port = _free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres")
            directory.chmod(0o700)
        self._run("initdb", "-D", str(self.directory), "-U", "postgres", "--auth=trust", "--no-sync")

    def _run(self, program: str, *arguments: str) -> None:
        finished = subprocess.run(
            [*self.as_postgres, _postgres_binary(program), *arguments],
            capture_output=True,
            timeout=DEADLINE_SECONDS,
            cwd="/tmp",
        )
        assert finished.returncode == 0, finished.stderr.decode()[-2000:]

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off "
            f"-c unix_socket_directories={self.directory}"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.directory),
            "-o",
            options,
            "-l",
            str(self.directory / "log"),
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.directory), "-m", mode, "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/finsam_outage"


SEED = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from funding import budgets
from members.models import Association, Role, User
import datetime
association = Association.objects.create(
    name="Samordningsförbundet Avbrott", slug="avbrott", organisation_number="2220001818",
    bankgiro="50501055", city="Örebro",
)
user = User.objects.create_user(username="kansli", password="ett långt lösenord för test")
Role.objects.create(user=user, kind=Role.Kind.OFFICE, association=association, valid_from=datetime.date(2020, 1, 1))
budget = budgets.create_budget(association=association, first_year=2026)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"session": session.session_key, "budget": budget.pk}))
"""


def _environment(cluster: Cluster) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "finsam.settings_test",
        "DATABASE_URL": cluster.url,
        "DATABASE_CONN_MAX_AGE": "60",  # persistent connections, as in production
    }


def _request(port: int, method: str, path: str, *, cookie: str = "", body: dict | None = None):
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie, "Host": "127.0.0.1"}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection_.request(method, path, body=data, headers=headers)
        response = connection_.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection_.close()


@pytest.fixture
def cluster_directory():
    # Not pytest's tmp_path: its parents are private to the user running the tests, and the
    # cluster runs as postgres.
    directory = Path(tempfile.mkdtemp(prefix="finsam-outage-"))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def test_a_database_outage_under_load_loses_no_acknowledged_write_and_answers_503_meanwhile(
    cluster_directory,
):
    cluster = Cluster(cluster_directory)
    cluster.start()
    server = None
    try:
        _createdb = subprocess.run(
            [
                _postgres_binary("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.port),
                "-U",
                "postgres",
                "finsam_outage",
            ],
            capture_output=True,
            timeout=DEADLINE_SECONDS,
        )
        assert _createdb.returncode == 0, _createdb.stderr.decode()
        env = _environment(cluster)
        manage = [sys.executable, "manage.py"]
        migrated = subprocess.run(
            [*manage, "migrate", "--noinput"],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            timeout=300,
        )
        assert migrated.returncode == 0, migrated.stderr.decode()[-2000:]
        seeded = subprocess.run(
            [*manage, "shell", "-c", SEED], env=env, cwd=settings.BASE_DIR, capture_output=True, timeout=120
        )
        assert seeded.returncode == 0, seeded.stderr.decode()[-2000:]
        seed = json.loads(seeded.stdout.decode().strip().splitlines()[-1])

        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "finsam.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def healthz():
            try:
                return _request(port, "GET", "/healthz")[0]
            except OSError:
                return None

        _until(lambda: healthz() == 200, "gunicorn to serve")
        line_path = f"/forbund/avbrott/budget/{seed['budget']}/rad/ny/"
        status, headers, page = _request(port, "GET", line_path, cookie=f"sessionid={seed['session']}")
        assert status == 200, (status, page[:500])
        csrf_cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
        csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        cookie = f"sessionid={seed['session']}; csrftoken={csrf_cookie}"

        lock = threading.Lock()
        acknowledged: list[str] = []
        answers: list[tuple[str, int, str, str]] = []  # phase, status, Retry-After, body
        phase = {"now": "before"}
        stop = threading.Event()
        sent = iter(range(MAX_REQUESTS))

        def load(worker: int):
            while not stop.is_set():
                with lock:
                    number = next(sent, None)
                if number is None:
                    return
                label = f"Avbrottsrad {worker}-{number}"
                started_in = phase["now"]
                form = {"csrfmiddlewaretoken": csrf_token, "section": "administration", "label": label}
                form |= {
                    "measure": "",
                    "accounting_object": "",
                    "amount_1": "100",
                    "amount_2": "0",
                    "amount_3": "0",
                }
                try:
                    status, headers, body = _request(port, "POST", line_path, cookie=cookie, body=form)
                except OSError as error:  # no answer at all is a failure too, recorded
                    status, headers, body = 0, {}, str(error)
                with lock:
                    answers.append((started_in, status, headers.get("Retry-After", ""), body))
                    if status == 302:
                        acknowledged.append(label)

        def count(status: int, in_phase: str | None = None) -> int:
            with lock:
                return sum(
                    1 for p, s, _r, _b in answers if s == status and (in_phase is None or p == in_phase)
                )

        workers = [threading.Thread(target=load, args=(number,)) for number in range(THREADS)]
        for worker in workers:
            worker.start()
        try:
            _until(lambda: count(302) >= 10, "writes to be acknowledged before the outage")
            phase["now"] = "down"
            cluster.stop("immediate")  # as a crash: no checkpoint, connections cut mid-request
            _until(lambda: count(503, "down") >= 8, "requests to be answered 503 during the outage")
            assert healthz() == 503
            phase["now"] = "restarting"
            cluster.start()
            _until(lambda: healthz() == 200, "the app to reach the database again")
            phase["now"] = "back"
            _until(lambda: count(302, "back") >= 10, "writes to be acknowledged after the restart")
        finally:
            stop.set()
            for worker in workers:
                worker.join(timeout=DEADLINE_SECONDS)

        assert healthz() == 200
        statuses = {status for _phase, status, _retry, _body in answers}
        assert statuses <= {302, 503}, sorted(statuses)  # no 500, no dropped connection
        # Once the database answers /healthz again, every write succeeds: no app server is left
        # with a broken connection (those the outage broke were dropped after their request).
        assert {status for phase_, status, _retry, _body in answers if phase_ == "back"} == {302}
        for _phase, status, retry_after, body in answers:
            if status == 503:
                assert retry_after == "30" and "Finsam är tillfälligt otillgängligt" in body
        stored = subprocess.run(
            [
                _postgres_binary("psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(cluster.port),
                "-U",
                "postgres",
                "-d",
                "finsam_outage",
                "-At",
                "-c",
                "SELECT label FROM funding_budgetline",
            ],
            capture_output=True,
            timeout=DEADLINE_SECONDS,
        )
        assert stored.returncode == 0, stored.stderr.decode()
        in_database = set(stored.stdout.decode().split("\n"))
        missing = [label for label in acknowledged if label not in in_database]
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged writes were lost"
        assert len(acknowledged) >= 20
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=DEADLINE_SECONDS)
        cluster.stop("immediate") if (cluster.directory / "postmaster.pid").exists() else None
