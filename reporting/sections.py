"""The hand-written sections of each kind of report, in the order the report shows them.

Everything else in a report is computed. A section left empty is flagged on the draft and
blocks adoption.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionSpec:
    key: str
    heading: Promise
    help: Promise


ANNUAL = [
    SectionSpec(
        "background",
        _("Background: financial coordination"),
        _("The Act (2003:1210), its purpose, and who funds what."),
    ),
    SectionSpec(
        "association",
        _("The association and its members"),
        _("When it was formed, its purpose and its area. The members' shares are shown below from the data."),
    ),
    SectionSpec(
        "environment", _("The world around us"), _("Omvärldsanalys: what changed around the förbund.")
    ),
    SectionSpec("activity", _("The year's activity"), _("What the förbund did during the year.")),
    SectionSpec("events", _("Events of significance"), _("Events during or after the year that matter.")),
    SectionSpec(
        "goals",
        _("Goal fulfilment"),
        _("A comment on the goals; the table of goals, targets and outcomes is computed."),
    ),
    SectionSpec(
        "initiatives",
        _("Funded initiatives"),
        _("A comment on the initiatives; their money and participants are computed."),
    ),
    SectionSpec(
        "finances",
        _("Good economic management"),
        _("An assessment in words; the result, equity and its share of the contributions are computed."),
    ),
    SectionSpec(
        "future",
        _("Expected development"),
        _("What lies ahead; the initiatives already decided for the coming years are computed."),
    ),
]

INTERIM = [
    SectionSpec("events", _("Key events of the period"), _("What has happened since the start of the year.")),
    SectionSpec("activity", _("The activity so far"), _("The initiatives and the office's work so far.")),
    SectionSpec(
        "forecast",
        _("Forecast and assessment"),
        _("An assessment of the full year; the forecast per line is entered in the table."),
    ),
]


def specs_for(kind: str) -> list[SectionSpec]:
    return ANNUAL if kind == "annual" else INTERIM


def headings(kind: str) -> dict[str, Promise]:
    return {spec.key: spec.heading for spec in specs_for(kind)}


def paragraphs(text: str) -> list[tuple[str, str]]:
    """("heading" | "paragraph", text) blocks of a section: blank lines separate, "## " heads."""
    blocks = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("## "):
            heading, _newline, rest = block.partition("\n")
            blocks.append(("heading", heading[3:].strip()))
            if rest.strip():
                blocks.append(("paragraph", " ".join(rest.split())))
        else:
            blocks.append(("paragraph", " ".join(block.split())))
    return blocks
