"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.demo import load_demo
from tests.second_factor import code_now

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "finsam-demo-2025"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as a script; our pages' CSP rightly forbids that, so tests bypass it.
    return {**browser_context_args, "bypass_csp": True, "locale": "sv-SE"}


@pytest.fixture
def demo(transactional_db):
    load_demo()


@pytest.fixture
def login(page, live_server):
    def login_as(username: str):
        page.goto(f"{live_server.url}/konto/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{live_server.url}/")
        # Office staff and leads then pass the second step with the demo's published key, as a
        # person would with the app (fixtures/demo/members.toml).
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is not None:
            page.goto(f"{live_server.url}/konto/tvastegsverifiering/")
            page.get_by_label("Kod").fill(code_now(device))
            page.get_by_role("button", name="Verifiera").click()
            page.wait_for_url(f"{live_server.url}/")
        return page

    return login_as


@pytest.fixture
def axe(page):
    """Run axe-core on the current page; fail on serious or critical violations."""

    def check(context: str = ""):
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} – "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{context or page.url}: " + " | ".join(serious)

    return check
