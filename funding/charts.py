"""The key figures over the years as a chart: contributions and costs as bars, the equity share as a line.

Drawn from the rows the key-figures page already has (funding.statements.key_figures_over_years),
so the chart costs no query. The page's table beside it is the text alternative, with every figure.
"""

from django.utils.translation import gettext as _

from finsam.charts import COLOURS, data_uri, new_figure, number_text, svg, swedish_axis
from finsam.money import in_thousands
from funding.statements import KeyFigures


def key_figures_chart(rows: list[KeyFigures]) -> str:
    """The chart as a data: URI (SVG)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    figure, axis = new_figure(9, 3.4)
    # The marks the table uses: * from the next year's file, † a year still open (so far).
    years = [
        f"{row.year}{'*' if row.source == 'previous' else ''}{' †' if row.open_until else ''}" for row in rows
    ]
    width = 0.38
    for offset, (values, colour) in enumerate(
        [
            ([in_thousands(row.contributions) for row in rows], COLOURS[0]),
            ([in_thousands(row.total_costs) for row in rows], COLOURS[1]),
        ]
    ):
        positions = [index + (offset - 0.5) * width for index in range(len(rows))]
        axis.bar(positions, [float(value) for value in values], width=width, color=colour)
    axis.set_xticks(range(len(years)), years)
    swedish_axis(axis)
    axis.set_ylabel(_("thousand kr"))
    axis.set_title(_("Key figures over the years"), loc="left")

    shares = axis.twinx()
    shares.spines["right"].set_visible(True)
    points = [
        (index, float(row.equity_share)) for index, row in enumerate(rows) if row.equity_share is not None
    ]
    if points:
        shares.plot(*zip(*points, strict=True), color=COLOURS[3], marker="o", linewidth=2)
        for index, share in points:
            shares.annotate(
                f"{number_text(share, 1)} %",
                (index, share),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=8,
                color=COLOURS[3],
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
            )
    ceiling = float(rows[0].ceiling_percent) if rows else 0
    shares.axhline(ceiling, color=COLOURS[4], linestyle="--", linewidth=1.2)
    top = max([ceiling, *(share for _index, share in points)]) * 1.3 or 1
    shares.set_ylim(0, top)
    shares.set_ylabel("%")
    axis.legend(
        handles=[
            Patch(color=COLOURS[0], label=_("Contributions")),
            Patch(color=COLOURS[1], label=_("Operating costs")),
            Line2D([], [], color=COLOURS[3], marker="o", label=_("Equity share of contributions")),
            Line2D(
                [],
                [],
                color=COLOURS[4],
                linestyle="--",
                label=_("ceiling %(percent)s %%")
                % {"percent": number_text(rows[0].ceiling_percent if rows else 0)},
            ),
        ],
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=2,
    )
    return data_uri(svg(figure))
