"""Years in addresses and queries, bounded before they reach a query or a date.

`<year:year>` in a URL accepts four digits from FIRST to LAST (the app has nothing outside them);
anything else does not match and is a 404. A year in a query string goes through `query_year`,
which answers 404 for text or a year out of range instead of a server error.
"""

from django.http import Http404

FIRST = 1990
LAST = 2100


def in_range(year: int) -> bool:
    return FIRST <= year <= LAST


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not in_range(year):
            raise ValueError(f"year {year} is outside {FIRST}–{LAST}")
        return year

    def to_url(self, value) -> str:
        return str(int(value))


def query_year(query, key: str, default: int) -> int:
    """The year given as `key` in a QueryDict (request.GET or POST), or the default if empty."""
    value = query.get(key, "")
    if not value.strip():
        return default
    try:
        year = int(value)
    except ValueError:
        raise Http404(f"{key} is not a year") from None
    if not in_range(year):
        raise Http404(f"{key} is outside {FIRST}–{LAST}")
    return year
