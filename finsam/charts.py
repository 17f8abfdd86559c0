"""Shared helpers for charts as SVG: matplotlib's object API (no global figure state), one look.

Charts are drawn as SVG and shown as images (`data_uri`), on pages and in PDFs alike: WeasyPrint
draws SVG images but not the CSS inside inline SVG, and the pages' CSP allows data: images.
"""

import base64
import functools
import io

from finsam.formatting import format_number

COLOURS = ["#0b4f71", "#5b9bb8", "#b7d3e2", "#7a4b00", "#a4161a"]


@functools.cache
def _matplotlib():
    """matplotlib, configured, imported the first time a chart is drawn (not when the app starts)."""
    import matplotlib

    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 10,
            "svg.fonttype": "none",
            "svg.hashsalt": "finsam",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return matplotlib


def new_figure(width: float = 6, height: float = 3.2):
    _matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    return figure, figure.subplots()


def svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def data_uri(svg_text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode("utf-8")).decode("ascii")


def number_text(value, places: int = 0) -> str:
    """Swedish number format (`15 036`, `36,4`, `-26 469`), with ordinary spaces for the SVG text."""
    return format_number(value, places).replace("\u00a0", " ").replace("\u2212", "-")


def swedish_axis(axis) -> None:
    """Tick labels on the value axis in Swedish format."""
    from matplotlib.ticker import FuncFormatter

    axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: number_text(value)))


def legend_below(axis, labels: list[str]) -> None:
    from matplotlib.patches import Patch

    axis.legend(
        handles=[Patch(color=COLOURS[index], label=label) for index, label in enumerate(labels)],
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=len(labels),
    )
