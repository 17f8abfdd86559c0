"""Charts of the reports where a reader would rather look than read: SVG images (data: URIs)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from finsam.charts import COLOURS, data_uri, legend_below, new_figure, number_text, svg, swedish_axis
from finsam.money import in_thousands


def _grouped_bars(labels: list[str], series: list[tuple[str, list]], title: str, unit: str) -> str:
    figure, axis = new_figure()
    width = 0.8 / len(series)
    for offset, (_name, values) in enumerate(series):
        for index, value in enumerate(values):
            if value is None:
                continue
            position = index + (offset - (len(series) - 1) / 2) * width
            axis.bar(position, float(value), width=width, color=COLOURS[offset])
            axis.text(position, float(value), number_text(value), ha="center", va="bottom", fontsize=8)
    axis.set_xticks(range(len(labels)), labels)
    swedish_axis(axis)
    axis.set_ylabel(unit)
    axis.set_title(title, loc="left")
    legend_below(axis, [name for name, _values in series])
    return data_uri(svg(figure))


_thousands = in_thousands


def annual_charts(content) -> dict[str, str]:
    history = content.history
    years = [str(item.year) for item in history]
    five_years = _grouped_bars(
        years,
        [
            (_("The members' contributions"), [_thousands(item.contributions) for item in history]),
            (_("Operating costs"), [_thousands(item.total_costs) for item in history]),
        ],
        _("Income and costs, thousand kronor"),
        _("thousand kr"),
    )
    split = content.key.split
    figure, axis = new_figure(6, 2.4)
    parts = [
        (_("Individual-oriented"), split.individual),
        (_("Structural"), split.structural),
        (_("Administration"), split.administration),
    ]
    total = split.total or Decimal(1)
    left = 0.0
    for index, (label, amount) in enumerate(parts):
        share = float(amount * 100 / total)
        axis.barh(0, share, left=left, color=COLOURS[index], label=label)
        if share >= 6:
            axis.text(
                left + share / 2,
                0,
                f"{number_text(Decimal(share), 0)} %",
                ha="center",
                va="center",
                color="white" if index == 0 else "black",
            )
        left += share
    axis.set_xlim(0, 100)
    axis.set_yticks([])
    axis.set_title(_("Costs by orientation %(year)s, %%") % {"year": content.year}, loc="left")
    legend_below(axis, [label for label, _amount in parts])
    cost_split = data_uri(svg(figure))

    figure, axis = new_figure()
    shares = [item.equity_share for item in history]
    positions = [index for index, share in enumerate(shares) if share is not None]
    axis.bar(positions, [float(shares[index]) for index in positions], color=COLOURS[0], width=0.5)
    for index in positions:
        axis.text(
            index,
            float(shares[index]),
            f"{number_text(shares[index], 1)} %",
            ha="center",
            va="bottom",
            fontsize=8,
        )
    ceiling = float(content.key.ceiling_percent)
    axis.axhline(ceiling, color=COLOURS[4], linestyle="--", linewidth=1.5)
    axis.text(
        len(history) - 0.5,
        ceiling,
        _("ceiling %(percent)s %%") % {"percent": number_text(content.key.ceiling_percent)},
        ha="right",
        va="bottom",
        color=COLOURS[4],
        fontsize=8,
    )
    axis.set_xticks(range(len(years)), years)
    axis.set_ylabel("%")
    axis.set_title(_("Equity as a share of the year's contributions"), loc="left")
    equity = data_uri(svg(figure))
    return {"five_years": five_years, "cost_split": cost_split, "equity": equity}


def interim_charts(content) -> dict[str, str]:
    lines = [line for line in content.lines if not line.level and line.budget]
    if not lines:
        return {}
    labels = [line.label if len(line.label) <= 30 else line.label[:29] + "…" for line in lines]
    figure, axis = new_figure(6.5, 0.45 * len(lines) + 1.2)
    positions = list(range(len(lines)))
    axis.barh(
        [p + 0.2 for p in positions],
        [abs(float(line.budget)) / 1000 for line in lines],
        height=0.4,
        color=COLOURS[1],
        label=_("Budget, full year"),
    )
    axis.barh(
        [p - 0.2 for p in positions],
        [abs(float(line.outcome or 0)) / 1000 for line in lines],
        height=0.4,
        color=COLOURS[0],
        label=_("Outcome so far"),
    )
    axis.set_yticks(positions, labels, fontsize=8)
    axis.invert_yaxis()
    axis.set_xlabel(_("thousand kr"))
    axis.set_title(_("Outcome so far against the year's budget"), loc="left")
    legend_below(axis, [_("Outcome so far"), _("Budget, full year")])
    return {"outcome": data_uri(svg(figure))}
