"""`make run PORT=8080` serves on that port (the Makefile had 8000 fixed)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("arguments", "port"), [([], "8000"), (["PORT=8080"], "8080")])
def test_make_run_serves_on_the_port_asked_for(arguments, port):
    # -n prints the recipe without running it; -W marks the prerequisites done, so nothing installs.
    plan = subprocess.run(
        ["make", "-n", "-W", ".venv/.installed", "run", *arguments],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    assert f"runserver 127.0.0.1:{port}" in plan
    assert f"http://127.0.0.1:{port}" in plan
