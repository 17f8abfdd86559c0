"""No address or query makes a server error: every URL pattern of the configuration, with each
argument malformed or out of range in turn and with bad query strings, answers below 500 for the
office and for a login without any role (GET only).

The patterns come from `get_resolver()`, so a new page is walked without being listed here.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

from finsam.years import YearConverter

# The participants tests' world: two initiatives, a board decision, a register of enrolments.
from tests.participants.conftest import granted, imported, other_lead, steget, vagen  # noqa: F401

pytestmark = pytest.mark.django_db

# Each view reads its own keys, so one query string tries several at once.
BAD_QUERIES = ["ar=abc&year=1&page=-1&sida=-1&up_to=x", "ar=10000&year=abc&page=x&sida=0&internt=1"]


def walk(patterns, prefix="", converters=None):
    """(route, converters by argument name) for every pattern, with the prefixes of includes."""
    for pattern in patterns:
        found = {**(converters or {}), **pattern.pattern.converters}
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), found)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), found


def good_value(name, converter):
    if isinstance(converter, YearConverter):
        return "2025"
    if isinstance(converter, UUIDConverter):
        return str(uuid.uuid4())
    if isinstance(converter, IntConverter):
        return "1"
    if name == "slug":
        return "norr"
    if name == "code":
        return "steget"
    if isinstance(converter, (SlugConverter, PathConverter, StringConverter)):
        return "x"
    return converter.regex.split("|")[0]  # one of the documents' kinds (pdf|xlsx, ...)


def bad_values(name, converter):
    if isinstance(converter, YearConverter):
        return ["0000", "10000"]  # out of range, and five digits
    if isinstance(converter, UUIDConverter):
        return []
    if isinstance(converter, IntConverter):
        return ["0", str(2**40)]
    if isinstance(converter, SlugConverter):
        return ["x"]
    return ["-"]


def fill(route, values):
    for name, value in values.items():
        route = route.replace(f"<{name}>", value)
        for prefix in ("int", "slug", "str", "path", "uuid", "year"):
            route = route.replace(f"<{prefix}:{name}>", value)
        if f":{name}>" in route:
            start = route.index("<", 0, route.index(f":{name}>"))
            route = route[:start] + value + route[route.index(f":{name}>") + len(name) + 2 :]
    return "/" + route


def addresses():
    """Each pattern with good values, then with each argument in turn bad, then with bad queries."""
    urls = []
    for route, converters in walk(get_resolver().url_patterns):
        good = {name: good_value(name, converter) for name, converter in converters.items()}
        urls.append(fill(route, good))
        for name, converter in converters.items():
            urls += [fill(route, {**good, name: value}) for value in bad_values(name, converter)]
        urls += [f"{fill(route, good)}?{query}" for query in BAD_QUERIES]
    return urls


@pytest.mark.parametrize("persona", ["office_user", "stranger"])
def test_no_address_or_query_gives_a_server_error(client, imported, persona, request, verified_login):  # noqa: F811
    verified_login(request.getfixturevalue(persona))
    urls = addresses()
    failures = []
    for url in urls:
        try:
            status = client.get(url).status_code
        except Exception as error:  # the test client re-raises a view's error: report them all
            failures.append(f"{url}: {type(error).__name__}: {error}"[:300])
            continue
        if status >= 500:
            failures.append(f"{url}: {status}")
    assert failures == [], "\n".join(failures)
    assert len(urls) > 900
