"""The dependency order holds for every module and every template, not only where someone looked."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
# Lowest first: an app may use the URLs of its own and the apps before it.
LAYERS = list(reversed(CONTRACT["contracts"][0]["layers"]))
URL_NAME = re.compile(r"""\{%\s*url\s+["']([a-z_]+):""")


def test_the_layers_contract_covers_every_package_of_the_project():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "scripts"}
    }
    assert packages == set(CONTRACT["root_packages"]) == set(LAYERS)
    local_apps = {app.split(".")[0] for app in settings.INSTALLED_APPS if app.split(".")[0] in packages}
    assert packages - {"finsam"} <= local_apps


def test_an_apps_templates_name_no_url_of_an_app_above_it():
    found = []
    for app in LAYERS[1:]:
        allowed = set(LAYERS[: LAYERS.index(app) + 1])
        for template in (ROOT / "templates" / app).rglob("*.html"):
            for namespace in URL_NAME.findall(template.read_text()):
                if namespace in LAYERS and namespace not in allowed:
                    found.append(f"{template.relative_to(ROOT)} -> {namespace}")
    assert found == []


def test_the_project_wide_templates_name_only_urls_of_the_lowest_app():
    # base.html and includes/ serve every app; the menu's entries come from the apps themselves.
    for template in [ROOT / "templates" / "base.html", *(ROOT / "templates" / "includes").rglob("*.html")]:
        assert set(URL_NAME.findall(template.read_text())) <= {"admin", "members"}
