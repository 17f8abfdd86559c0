"""The menu, assembled from entries each app registers in its AppConfig.ready().

finsam imports no app: apps add their entries here, and the members app's context
processor decides which of them the current user sees from their roles.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    kinds: tuple[str, ...]
    per_association: bool = True
    order: int = 100


_entries: list[NavEntry] = []


def register(*entries: NavEntry) -> None:
    for entry in entries:
        if entry not in _entries:
            _entries.append(entry)
    _entries.sort(key=lambda entry: entry.order)


def entries() -> tuple[NavEntry, ...]:
    return tuple(_entries)
