"""Charts of the outcome statistics as SVG (matplotlib's object API: no global state), for pages and PDFs.

Hidden (suppressed) values are left out of the bars and marked "<5" or ".." instead.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from finsam.charts import COLOURS, data_uri, legend_below, new_figure, number_text, svg, swedish_axis
from participants.disclosure import Disclosed

__all__ = ["cost_chart", "data_uri", "participants_chart", "share_chart"]


def _bars(axis, positions, shown, colour, width, places=0):
    for position, cell in zip(positions, shown, strict=True):
        if cell.hidden or cell.value is None:
            axis.text(position, 0, cell.mark if cell.hidden else "–", ha="center", va="bottom")
        else:
            axis.bar(position, float(cell.value), width=width, color=colour)
            axis.text(
                position,
                float(cell.value),
                number_text(cell.value, places),
                ha="center",
                va="bottom",
                fontsize=9,
            )


def _grouped(years: list[Disclosed], title: str, series: list, unit: str = "", places: int = 0) -> str:
    """Bars per year, one per series (label, attribute), with the values written on them."""
    figure, axis = new_figure()
    width = 0.8 / len(series)
    for offset, (_name, attribute) in enumerate(series):
        positions = [index + (offset - (len(series) - 1) / 2) * width for index in range(len(years))]
        _bars(axis, positions, [getattr(item, attribute) for item in years], COLOURS[offset], width, places)
    axis.set_xticks(range(len(years)), [str(item.year) for item in years])
    swedish_axis(axis)
    if unit:
        axis.set_ylabel(unit)
    axis.set_title(title, loc="left")
    legend_below(axis, [label for label, _attribute in series])
    return svg(figure)


def participants_chart(years: list[Disclosed], title: str) -> str:
    """Participants, newly enrolled and ended per year."""
    series = [
        (_("Participants"), "participants"),
        (_("Newly enrolled"), "new"),
        (pgettext("participants", "Ended"), "ended"),
    ]
    return _grouped(years, title, series)


def share_chart(years: list[Disclosed], title: str) -> str:
    """Share ended, and of those ended the shares to work or studies and job-/study-ready, in percent."""
    series = [
        (_("Share ended"), "share_ended"),
        (_("Work or studies"), "share_work_or_studies"),
        (_("Job- or study-ready"), "share_ready"),
    ]
    return _grouped(years, title, series, "%", places=1)


def cost_chart(years: list[Disclosed], title: str) -> str:
    """Cost per participant and per ended participant, kronor."""
    series = [(_("Per participant"), "cost_per_participant"), (_("Per ended participant"), "cost_per_ended")]
    return _grouped(years, title, series, "kr")
