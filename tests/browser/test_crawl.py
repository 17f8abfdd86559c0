"""Every role walks every link of its navigation and of its start page, at 1 280 px and 390 px.

A link a role is offered must open for that role (no 404, no 5xx), a product page must not
scroll sideways on a phone, and every page passes axe. One browser page is reused throughout.
"""

from urllib.parse import urlsplit

import pytest

# username: who they are in the demo (README.md)
ROLES = {
    "kansli": "office of both förbund",
    "styrelse": "board member of both",
    "revisor": "auditor of both",
    "insats": "initiative lead in Sollefteå",
    "kommun": "member representative of one förbund's municipality",
    "medlem": "member representative of an organisation in both förbund",
}
WIDTHS = (1280, 390)
NAV_LINKS = "nav a[href]"
START_LINKS = "main a[href], nav a[href]"


def _links(page, live_server, selector) -> set[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(link => link.href)")
    paths = set()
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != live_server.url:
            continue  # mailto:, other sites
        paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _horizontal_overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def _walk(page, live_server, axe, username) -> list[str]:
    problems = []
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(f"{live_server.url}/")
    todo = sorted(_links(page, live_server, START_LINKS))
    seen = set(todo) | {"/"}
    pages = ["/"]
    # Navigation links found on any page the menu leads to (an association's own menu appears there).
    while todo:
        path = todo.pop(0)
        response = page.request.get(f"{live_server.url}{path}", max_redirects=5)
        if response.status >= 400:
            problems.append(f"{username}: {path} answers {response.status}")
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue  # a download: its status is what matters
        pages.append(path)
        page.goto(f"{live_server.url}{path}")
        for found in sorted(_links(page, live_server, NAV_LINKS) - seen):
            seen.add(found)
            todo.append(found)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(f"{live_server.url}{path}")
            try:
                axe(f"{username} {path} at {width} px")
            except AssertionError as violation:
                problems.append(str(violation))
            if not path.startswith("/admin/"):
                overflow = _horizontal_overflow(page)
                if overflow > 0:
                    problems.append(f"{username}: {path} scrolls {overflow} px sideways at {width} px")
    return problems


@pytest.mark.parametrize("username", ROLES)
def test_every_link_a_role_is_offered_opens_and_reads_well_at_both_widths(
    demo, login, live_server, axe, username
):
    page = login(username)
    problems = _walk(page, live_server, axe, username)
    assert not problems, "\n".join(problems)
