"""Blocks on the start page, contributed by each app for the sections a user sees.

A provider is called with the user and one start-page section (an association with
the user's role kinds in it, or an organisation the user represents) and returns a
Block or None. Apps register providers in AppConfig.ready(); finsam imports no app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Block:
    template: str
    data: Any


Provider = Callable[[Any, Any], Block | None]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def blocks_for(user, section) -> list[Block]:
    return [block for provider in _providers if (block := provider(user, section)) is not None]
