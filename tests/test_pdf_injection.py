"""A förbund's name cannot steer a PDF: it breaks out of no CSS, and WeasyPrint fetches nothing
but data: URIs and the project's static files."""

import http.server
import threading

import pytest
from django.conf import settings

from finsam import pdf
from finsam.templatetags.finsam import css_string
from tests.documents import pdf_text


@pytest.fixture
def outside_server():
    """A web server on this machine that records every request it gets; none may come."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"@page { @top-left { content: 'STYRD' } }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def header_pdf(name: str) -> bytes:
    context = pdf.page_context(name=name, organisation_number="2222222222", footer="Sidfot")
    return pdf.render_pdf("documents/base.html", context)


@pytest.mark.parametrize(
    "breakout",
    [
        "\r}}@import url({url}/x.css);",
        "\f}} html {{ background: url({url}/x.png) }} @page {{ @top-right {{ content: 'x' }}",
        '"; background: url({url}/y.png); content: "',
        "</style><link rel=stylesheet href={url}/z.css><style>",
    ],
    ids=["cr-import", "ff-background", "quote", "end-of-style"],
)
def test_a_name_that_tries_to_leave_the_header_is_shown_as_text_and_fetches_nothing(outside_server, breakout):
    url, requests = outside_server
    name = "Förbund Norr " + breakout.format(url=url)
    text = pdf_text(header_pdf(name))
    assert requests == []
    visible = " ".join(text.split())
    assert "Förbund Norr" in visible and "STYRD" not in visible
    assert url.removeprefix("http://") in visible.replace("\n", "")


def test_the_fetcher_refuses_everything_but_data_uris_and_static_files(outside_server):
    url, requests = outside_server
    fetcher = pdf.StaticFilesOnly()
    for refused in [f"{url}/a.png", "file:///etc/passwd", f"file://{settings.BASE_DIR}/finsam/settings.py"]:
        with pytest.raises(ValueError, match="static files"):
            fetcher.fetch(refused)
    assert requests == []
    assert fetcher.fetch("data:text/plain,hej").read() == b"hej"
    static_file = next(path for path in (settings.BASE_DIR / "static").rglob("*") if path.is_file())
    assert fetcher.fetch(static_file.as_uri()).read() == static_file.read_bytes()


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Norr", "Norr"),
        ("a\rb", "a b"),
        ("a\fb\nc\x00", "a b c "),
        ('"\\', "\\22 \\5c "),
        ("</style>", "\\3c /style\\3e "),
    ],
)
def test_css_string_escapes_as_css_string_syntax_asks(text, escaped):
    assert css_string(text) == escaped
