"""Helpers of the race suite: N people (or one double click) send the same write at the same moment.

Each request goes through the real view with its own test Client and its own database
connection; a Barrier releases them together. The tests assert that no answer is a 5xx, that
the data is as after one request, and what the others were told. Row locks and constraints
behave as in production only on PostgreSQL, so the suite skips elsewhere.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client

from tests.second_factor import log_in_verified

WORKERS = 6

# Every race test: committed transactions (each thread has its own connection), PostgreSQL only.
RACES = [
    pytest.mark.races,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="races are tested on PostgreSQL"),
]


@dataclass
class Answer:
    status: int
    location: str
    messages: list[str]
    content: str
    error: str  # the view's exception behind a 500, for the failure report


def _answer(response) -> Answer:
    exc_info = getattr(response, "exc_info", None)
    return Answer(
        status=response.status_code,
        location=response.get("Location", ""),
        messages=[str(message) for message in get_messages(response.wsgi_request)],
        content=response.content.decode(errors="replace"),
        error=repr(exc_info[1]) if exc_info else "",
    )


def race(user, send: Callable[[Client], object], workers: int = WORKERS) -> list[Answer]:
    """Send the same request from `workers` clients at once; their answers, in no order.

    A view's exception becomes its 500 answer (raise_request_exception=False), so a test can
    assert on it rather than see a traceback from a thread.
    """
    clients = []
    for _ in range(workers):
        client = Client(raise_request_exception=False)
        # With both factors, as office staff and leads open participant pages.
        log_in_verified(client, user)
        clients.append(client)
    barrier = threading.Barrier(workers)
    answers: list[Answer] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(client):
        try:
            barrier.wait(timeout=30)
            answer = _answer(send(client))
            with lock:
                answers.append(answer)
        except BaseException as error:  # reported below, with the test's failure
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(answers) == workers
    server_errors = [answer for answer in answers if answer.status >= 500]
    assert not server_errors, [answer.error or answer.content[:300] for answer in server_errors]
    return answers
