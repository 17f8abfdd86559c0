"""The start page: each role's to-do list, contributed by each app.

A provider is called once with the user and all their start-page sections (an association
with the user's role kinds in it, or an organisation the user represents) and yields
(section, item) pairs: a Todo (something waiting for the user, linking to the page where it
is done) or a Block (a template of other facts). Providers read every section at once, so the
start page's number of queries does not grow with the number of förbund a user serves. Apps
register providers in AppConfig.ready(); finsam imports no app.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Block:
    template: str
    data: Any


@dataclass(frozen=True)
class Todo:
    """One thing that waits for the user; the link leads to the page where it is done."""

    text: str
    url: str
    amount: Decimal | None = None
    date: datetime.date | None = None
    date_label: str = ""
    urgent: bool = False
    urgent_label: str = ""  # the badge of an urgent item; "Overdue" if empty


Provider = Callable[[Any, list], Iterable[tuple[Any, Todo | Block]]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def fill(user, sections: list) -> None:
    """Give each section its to-do items and blocks, in the order the providers were registered."""
    for provider in _providers:
        for section, item in provider(user, sections):
            (section.todos if isinstance(item, Todo) else section.blocks).append(item)
