"""The demo data, loaded as `make run` does: `load_demo` runs only with DEBUG on."""

import io

from django.core.management import call_command
from django.test import override_settings


def load_demo() -> str:
    with override_settings(DEBUG=True):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
    return out.getvalue()
