"""Two app servers (gunicorn on two ports) and two task workers (`manage.py db_worker`) over one
PostgreSQL database and one Redis cache, as docs/deployment.md lays them out: a user logs in on
one server and goes on on the other, a logout on either ends the session on both, and jobs
started on one server are each taken by one worker and downloaded from the other."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest
from django.conf import settings
from django.db import connection

from reporting.models import Job
from tests.funding.conftest import contribution_2026, issued_q1  # noqa: F401  (fixtures)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several servers share one PostgreSQL"),
]
DEADLINE_SECONDS = 90
REDIS = ("127.0.0.1", 6379)


def _until(condition, what):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not (result := condition()):
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(tmp_path, **extra) -> dict:
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "finsam.settings_test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        # One Redis for both servers, under a prefix of this test's own (other runs share Redis).
        "CACHE_URL": f"rediscache://{REDIS[0]}:{REDIS[1]}/0?key_prefix={tmp_path.name}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "FINSAM_TEST_GATE": str(tmp_path / "gate"),
        **extra,
    }


class Browser:
    """A user agent with its own cookies that can be pointed at either server."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data, referer):
        token = _csrf_token(self.get(referer)[1])
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": referer}))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=DEADLINE_SECONDS) as response:
                return response.status, response.read().decode(errors="replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=2) as redis:
            redis.sendall(b"PING\r\n")
            return redis.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _start_server(stack, tmp_path, name):
    port = _free_port()
    log = stack.enter_context(open(tmp_path / f"{name}.log", "wb"))  # noqa: SIM115  (closed by the stack)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "finsam.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=_environment(tmp_path),
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    stack.callback(process.wait, timeout=DEADLINE_SECONDS)
    stack.callback(process.terminate)
    base = f"http://127.0.0.1:{port}"

    def started():
        assert process.poll() is None, (tmp_path / f"{name}.log").read_text()[-3000:]
        try:
            return Browser().get(f"{base}/healthz")[0] == 200
        except urllib.error.URLError:
            return False  # not listening yet

    _until(started, f"{name} to start")
    return base


def _start_worker(stack, tmp_path, name):
    log = stack.enter_context(open(tmp_path / f"{name}.log", "wb"))  # noqa: SIM115  (closed by the stack)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
        env=_environment(tmp_path, DJANGO_SETTINGS_MODULE="tests.waiting_worker"),
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    stack.callback(process.wait, timeout=DEADLINE_SECONDS)
    stack.callback(process.terminate)


@pytest.mark.usefixtures("issued_q1")
def test_two_app_servers_and_two_workers_serve_one_user_as_one(sofint, sofint_office, tmp_path):
    assert _redis_answers(), "Redis must run on 127.0.0.1:6379 (it does on these machines)"
    with ExitStack() as stack:
        first, second = (_start_server(stack, tmp_path, name) for name in ("first", "second"))
        browser = Browser()

        status, _page, headers = browser.post(
            f"{first}/konto/logga-in/",
            {"username": sofint_office.username, "password": "correct horse battery"},
            referer=f"{first}/konto/logga-in/",
        )
        assert status == 302 and headers["Location"] == "/"
        status, page, _headers = browser.get(f"{second}/")
        assert status == 200 and sofint.name in page  # the other server knows the session

        # Two jobs started on the second server, taken by two workers at once, one job each.
        archive = f"{second}/forbund/sofint/fakturor/arkiv/"
        for _job in range(2):
            status, _page, headers = browser.post(
                f"{second}/forbund/sofint/fakturor/2026/export/", {}, referer=archive
            )
            assert status == 302 and "/jobb/" in headers["Location"]
        for name in ("worker-1", "worker-2"):
            _start_worker(stack, tmp_path, name)
        running = Job.objects.filter(status="running", progress=11)
        _until(lambda: running.count() == 2, "both jobs to run at the same time")
        running = list(running)
        (tmp_path / "gate").touch()
        _until(lambda: Job.objects.filter(status="done").count() == 2, "both jobs to finish")

        from django_tasks_db.models import DBTaskResult

        workers = [result.worker_ids for result in DBTaskResult.objects.all()]
        assert len(workers) == 2 and all(len(ids) == 1 for ids in workers)  # each job taken once
        assert workers[0] != workers[1]  # by two different workers
        assert set(Job.objects.values_list("attempt", flat=True)) == {1}
        for job in running:
            status, page, _headers = browser.get(f"{first}/jobb/{job.pk}/fil")
            assert (status, page) == (200, "klart")

        # A logout on the first server ends the session on both.
        status, _page, _headers = browser.post(f"{first}/konto/logga-ut/", {}, referer=f"{first}/")
        assert status == 302
        status, _page, headers = browser.get(f"{second}/")
        assert status == 302 and headers["Location"].startswith("/konto/logga-in/")
