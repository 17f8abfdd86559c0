"""A process starts without the heavy document libraries: WeasyPrint, matplotlib and openpyxl are
imported where a PDF, a chart or a workbook is made, so an app server, a worker or a command that
makes none does not wait for them (about 3 s per process start before)."""

import subprocess
import sys

from django.conf import settings

HEAVY = ("weasyprint", "matplotlib", "openpyxl")
START_UP = """
import sys
import django
django.setup()
from django.urls import resolve, reverse
from django.core.management import get_commands, load_command_class
resolve("/")  # the whole URLconf and so every view module
for name, app in get_commands().items():
    if app in {"members", "funding", "initiatives", "participants", "reporting"}:
        load_command_class(app, name)
from finsam.wsgi import application
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in {HEAVY})))
"""


def test_starting_the_app_imports_no_document_library():
    finished = subprocess.run(
        [sys.executable, "-c", START_UP.replace("{HEAVY}", repr(set(HEAVY)))],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "finsam.settings_test", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert finished.stdout.strip() == ""


def test_a_document_still_imports_them_when_it_is_made():
    from finsam import charts, excel, pdf

    figure, _axis = charts.new_figure()
    assert charts.svg(figure).startswith("<svg")
    workbook = excel.new_workbook()
    excel.write_title(workbook.create_sheet("Blad"), "Rubrik")
    assert excel.to_bytes(workbook).startswith(b"PK")
    assert pdf.StaticFilesOnly.__name__ == "StaticFilesOnly"
    assert "matplotlib" in sys.modules and "openpyxl" in sys.modules
