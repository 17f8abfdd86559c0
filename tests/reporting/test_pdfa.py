"""The report PDF is meant for the archive: PDF/A-3b, tagged, fonts embedded.

No PDF/A validator (veraPDF) can be installed from the registries these machines reach (PyPI,
Debian, npm), so this test reads the file the way a validator starts: the XMP identification,
the output intent with its ICC profile, the structure tree and marking, the document language,
and every font embedded. docs/data-formats.md says so.
"""

import io
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from reporting import documents

pytestmark = pytest.mark.django_db


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def fonts(reader):
    seen = {}
    for page in reader.pages:
        resources = resolve(page.get("/Resources")) or {}
        for font in (resolve(resources.get("/Font")) or {}).values():
            font = resolve(font)
            descendants = font.get("/DescendantFonts")
            targets = [resolve(item) for item in resolve(descendants)] if descendants else [font]
            for target in targets:
                descriptor = resolve(target.get("/FontDescriptor"))
                seen[str(target.get("/BaseFont"))] = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
    return seen


def test_the_report_is_pdf_a_3b_tagged_with_embedded_fonts(draft_2009):
    pdf = documents.report_pdf(draft_2009)
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.is_encrypted
    root = reader.trailer["/Root"]
    xmp = resolve(root["/Metadata"]).get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", xmp) and re.search(r"pdfaid:conformance(>|=\")B", xmp)
    assert "Årsredovisning 2009" in xmp  # the title, from the document's <title>
    intents = [resolve(intent) for intent in resolve(root["/OutputIntents"])]
    assert any(intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent for intent in intents)
    assert bool(resolve(root["/MarkInfo"])["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv"
    embedded = fonts(reader)
    assert embedded and all(embedded.values()), embedded
