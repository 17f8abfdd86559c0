"""Named providers: a way for an app to the right to answer a question an app to its left asks.

The layers only let apps import to the left (members <- funding <- initiatives ...). When
funding needs to know something only initiatives knows (which project object is which kind
of initiative), initiatives registers a provider here in its AppConfig.ready(), and funding
asks for it by name, with a default for when no app provides it.
"""

from collections.abc import Callable
from typing import Any

_providers: dict[str, Callable[..., Any]] = {}


def provide(name: str, function: Callable[..., Any]) -> None:
    _providers[name] = function


def ask(name: str, *args, default: Any = None, **kwargs) -> Any:
    function = _providers.get(name)
    return function(*args, **kwargs) if function else default
