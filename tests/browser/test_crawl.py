"""Every role walks every link of its navigation and of its start page, at 1 280 px and 390 px.

A link a role is offered must open for that role (no 404, no 5xx): the initiative lead was offered
its förbund's page and two decision links (`/moten/…/`) that were 404 for it. A product page must
not scroll sideways on a phone (390 px), and every page passes axe at both widths. Each menu page
is opened in the browser; the other links on those pages are asked for their status only.
One browser page per role, reused for all its pages.
"""

import re
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
# Files and actions: a menu's are asked for their status, a page's own are left to their tests.
NOT_A_PAGE = re.compile(r"(\.(pdf|xlsx|xml|zip|csv|sie)$|/fil$|/logga-ut/)")


def _links(page, live_server, selector) -> set[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(link => link.href)")
    paths = set()
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" == live_server.url:  # not mailto: or another site
            paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _check_page(page, axe, username, path, width, problems):
    try:
        axe(f"{username} {path} at {width} px")
    except AssertionError as violation:
        problems.append(str(violation))
    if not path.startswith("/admin/"):
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{username}: {path} scrolls {overflow} px sideways at {width} px")


def _walk(page, live_server, axe, username) -> list[str]:
    problems: list[str] = []
    wide, narrow = WIDTHS
    page.set_viewport_size({"width": wide, "height": 900})
    page.goto(f"{live_server.url}/")
    todo = sorted(_links(page, live_server, "main a[href], nav a[href]"))
    menu = set(todo) | {"/"}
    asked = set(todo) | {"/"}
    pages = ["/"]
    _check_page(page, axe, username, "/", wide, problems)
    while todo:
        path = todo.pop(0)
        response = page.request.get(f"{live_server.url}{path}")
        if response.status >= 400:
            problems.append(f"{username}: {path} answers {response.status}")
            continue
        if path not in menu or NOT_A_PAGE.search(path) or "text/html" not in response.headers["content-type"]:
            continue
        page.goto(f"{live_server.url}{path}")
        pages.append(path)
        _check_page(page, axe, username, path, wide, problems)
        for found in sorted(_links(page, live_server, "nav a[href]") - asked):
            menu.add(found)
            todo.append(found)
        # The page's own links (a decision, an initiative) must open too; their status is enough.
        own = _links(page, live_server, "main a[href]") - asked - menu
        todo.extend(sorted(link for link in own if not NOT_A_PAGE.search(urlsplit(link).path)))
        asked.update(todo)
    page.set_viewport_size({"width": narrow, "height": 900})
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        _check_page(page, axe, username, path, narrow, problems)
    return problems


@pytest.mark.parametrize("username", ROLES)
def test_every_link_a_role_is_offered_opens_and_reads_well_at_both_widths(
    demo, login, live_server, axe, username
):
    page = login(username)
    page.set_default_timeout(15_000)
    problems = _walk(page, live_server, axe, username)
    assert not problems, "\n".join(problems)
