"""Render a Django template to PDF with WeasyPrint.

Documents extend templates/documents/base.html: A4, the association's name and
organisation number in the header, "Sida X av Y" in the footer, DejaVu Sans embedded.
"""

import contextlib
import functools
import gc
import logging
import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string

from finsam.formatting import format_organisation_number

logger = logging.getLogger(__name__)


class RenderFailed(Exception):
    """WeasyPrint could not make a PDF. Pages answer with a Swedish error page and jobs with a
    Swedish message (finsam.outages, reporting.jobs); the cause is logged, never shown."""


# WeasyPrint builds a tree of tens of thousands of boxes that all live until the PDF is written.
# With Python's default thresholds the collector runs hundreds of times during a long report,
# and its full passes walk every object of the process each time: a fifth to a third of a
# 30-page report's time (tests/benchmarks/annual_report.py). So while a document renders, the
# youngest generation is collected less often and the older ones not at all. After a big render
# (one that filled even the enlarged youngest generation twice), the full pass is made when the
# response has been sent or the background job is done (`collect_put_off_garbage`, connected
# in finsam.apps), not while a user waits for the PDF.
RENDERING_THRESHOLDS = (50_000, 1_000, 1_000)
BIG_RENDER_COLLECTIONS = 2
_renders = 0
_collection_due = False
_lock = threading.Lock()
_default_threshold: tuple[int, ...] = gc.get_threshold()


def _young_collections() -> int:
    return gc.get_stats()[0]["collections"]


@contextlib.contextmanager
def fewer_collections():
    """Raise the collector's thresholds while any thread renders; restore them after the last."""
    global _renders, _default_threshold, _collection_due
    with _lock:
        if _renders == 0:
            _default_threshold = gc.get_threshold()
            gc.set_threshold(*map(max, RENDERING_THRESHOLDS, _default_threshold))
        _renders += 1
    young_before = _young_collections()
    try:
        yield
    finally:
        with _lock:
            _renders -= 1
            if _young_collections() - young_before >= BIG_RENDER_COLLECTIONS:
                _collection_due = True
            if _renders == 0:
                gc.set_threshold(*_default_threshold)


def collect_put_off_garbage(**_signal) -> bool:
    """The full collection a big render put off, once no render is under way. True if made."""
    global _collection_due
    with _lock:
        if not _collection_due or _renders:
            return False
        _collection_due = False
    gc.collect()
    return True


@functools.cache
def _static_files_only():
    """The URL fetcher class, made when the first document renders: WeasyPrint (with Pango and
    fontTools behind it) is imported then, not when the app starts."""
    from weasyprint.urls import URLFetcher

    class StaticFilesOnly(URLFetcher):
        """Fetches nothing but data: URIs (the charts) and the project's own static files.

        A document's text comes from users; should any of it ever reach the HTML or CSS as a URL,
        WeasyPrint must not fetch it from the network or read another file of the server (server-side
        request forgery). A refused resource is left out of the PDF with a warning in the log.
        """

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data" or (scheme == "file" and self._is_static(url)):
                return super().fetch(url, headers)
            raise ValueError(f"Only the project's static files may be used in a document: {url[:200]}")

        @staticmethod
        def _is_static(url: str) -> bool:
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            roots = [Path(root).resolve() for root in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT] if root]
            return any(path.is_relative_to(root) for root in roots)

    return StaticFilesOnly


def __getattr__(name: str):
    if name == "StaticFilesOnly":  # finsam.pdf.StaticFilesOnly, as before the import was put off
        return _static_files_only()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_pdf(
    template_name: str, context: dict, *, pdf_variant: str | None = None, pdf_tags: bool = False
) -> bytes:
    """pdf_variant "pdf/a-3b" with pdf_tags gives an archivable, tagged (accessible) PDF."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    with fewer_collections():
        try:
            document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_files_only()())
            return document.write_pdf(pdf_variant=pdf_variant, pdf_tags=pdf_tags, uncompressed_pdf=False)
        except Exception as error:  # WeasyPrint's own errors have no common base class
            logger.exception("Rendering %s as PDF failed", template_name)
            raise RenderFailed(template_name) from error


def page_context(*, name: str, organisation_number: str, footer: str = "") -> dict:
    """The header and footer every document shows: the association and its organisation number."""
    return {
        "document_author": name,
        "header_left": name,
        "header_right": f"Org.nr {format_organisation_number(organisation_number)}",
        "footer_left": footer,
    }
