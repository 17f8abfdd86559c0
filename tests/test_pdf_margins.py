"""Long text wraps in every PDF: goal comments ran past the right margin (page 3 of the demo annual report).

Each kind is rendered from the demo with its longest texts, and with a synthetic 300-character word
that has no place to break; no word box may pass the right margin (documents/base.html: 18 mm).
"""

import datetime
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from funding.documents.invoice_pdf import invoice_pdf
from funding.models import Budget, Invoice
from initiatives.models import Goal
from members.models import Association
from reporting.renderers import RENDERERS
from tests.demo import load_demo

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]

RIGHT_MARGIN = 18 / 25.4 * 72  # points
TOLERANCE = 1.0
UNBROKEN = "Långtordutanmellanslag" * 14  # 308 characters, no hyphen, no space


def _words_past_the_margin(pdf: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
    # pdftotext writes XHTML: <page width=… height=…><word xMin=… xMax=…>text</word>
    root = ElementTree.fromstring(html.replace("<!DOCTYPE", "<!--").replace('dtd">', 'dtd"-->', 1))
    past = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        limit = float(page.get("width")) - RIGHT_MARGIN + TOLERANCE
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            if float(word.get("xMax")) > limit:
                past.append(
                    f"page {number}: {word.text[:40]!r} ends at {float(word.get('xMax')):.0f} > {limit:.0f}"
                )
    return past


@pytest.fixture
def demo_with_long_texts(db):
    load_demo()
    goals = list(Goal.objects.all())
    longest = max(goals, key=lambda goal: len(goal.outcome_note))
    for goal in goals:
        goal.outcome_note = f"{longest.outcome_note} {UNBROKEN}".strip()
        goal.text = f"{goal.text} {UNBROKEN}"
    Goal.objects.bulk_update(goals, ["outcome_note", "text"])
    invoice = Invoice.objects.exclude(number=None).first()
    if invoice is not None:
        Invoice.objects.filter(pk=invoice.pk).update(note=f"Avser {UNBROKEN}"[:300])


def _documents():
    solleftea = Association.objects.get(slug="solleftea")
    sofint = Association.objects.get(slug="sofint")
    budget = Budget.objects.order_by("-first_year").first()
    yield "annual", RENDERERS["annual"].render("pdf", association=solleftea, year=2025)
    yield (
        "interim",
        RENDERERS["interim"].render("pdf", association=solleftea, date=datetime.date(2026, 8, 31)),
    )
    yield "budget", RENDERERS["budget"].render("pdf", association=budget.association, year=budget.first_year)
    yield "outcome", RENDERERS["outcome"].render("pdf", association=solleftea, year=2025, date=None)
    yield "participants", RENDERERS["participants"].render("pdf", association=solleftea, year=2025)
    yield "comparison", RENDERERS["comparison"].render("pdf", associations=[sofint, solleftea], year=2025)
    yield "invoice", invoice_pdf(Invoice.objects.exclude(number=None).first())


def test_no_text_passes_the_right_margin_in_any_pdf(demo_with_long_texts):
    problems = []
    for kind, pdf in _documents():
        problems += [f"{kind} {problem}" for problem in _words_past_the_margin(pdf)]
    assert not problems, "\n".join(problems[:20])
