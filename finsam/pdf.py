"""Render a Django template to PDF with WeasyPrint.

Documents extend templates/documents/base.html: A4, the association's name and
organisation number in the header, "Sida X av Y" in the footer, DejaVu Sans embedded.
"""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from finsam.formatting import format_organisation_number


def render_pdf(
    template_name: str, context: dict, *, pdf_variant: str | None = None, pdf_tags: bool = False
) -> bytes:
    """pdf_variant "pdf/a-3b" with pdf_tags gives an archivable, tagged (accessible) PDF."""
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant=pdf_variant, pdf_tags=pdf_tags, uncompressed_pdf=False)


def page_context(*, name: str, organisation_number: str, footer: str = "") -> dict:
    """The header and footer every document shows: the association and its organisation number."""
    return {
        "document_author": name,
        "header_left": name,
        "header_right": f"Org.nr {format_organisation_number(organisation_number)}",
        "footer_left": footer,
    }
