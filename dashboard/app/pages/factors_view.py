"""Figures, tables and the statistics panel of the Factors page (no callbacks here)."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard.analysis.factors import (
    FACTORS,
    Correlation,
    FactorFrame,
    LogLogFit,
)
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.charts.ticks import spanning_log_ticks
from dashboard.wording.flags import flags_text
from dashboard.wording.text import wrap_line

FACTOR_SHORT = {
    "internet_users_pct": "internet use",
    "gdp_per_capita_ppp": "GDP per capita (PPP)",
    "gdp_per_capita_const_usd": "GDP per capita (constant US$)",
    "population_0_14": "child population",
    "mobile_cellular_per_100": "mobile subscriptions",
    "fixed_broadband_per_100": "fixed broadband subscriptions",
}
FOCUS = ["PHL", "GHA", "KHM", "THA", "IND"]
CAVEAT = (
    "Association is not causation. A rank correlation or a fitted line across countries says "
    "that two figures tend to rise together, not that one drives the other. Report counts "
    "reflect how much platforms report, what they detect and where uploads geolocate "
    "(VPNs move them), not how much abuse happens; a country with more internet users and "
    "more platform coverage produces more reports for that reason alone. The context series "
    "come from the World Bank (WDI), ITU and UN World Population Prospects, via Gapminder "
    "(CC BY 4.0)."
)


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:,.{digits}f}"


def fmt_p(p: float | None) -> str:
    if p is None:
        return "–"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def scatter_figure(
    frame: FactorFrame,
    fit: LogLogFit,
    names: dict[str, str],
    y_label: str,
    factor: str,
    log: bool,
    title: str,
    source: str,
) -> go.Figure:
    """Countries as points, the log-log fit and its 95% confidence band; focus countries named."""
    rows = frame.rows.assign(
        name=lambda f: f["entity"].map(names).fillna(f["entity"]),
        qualifiers=lambda f: [
            flags_text(a, b) or "none"
            for a, b in zip(f["flags"].tolist(), f["denominator_note"].tolist(), strict=True)
        ],
    )
    traces = []
    if not fit.refused and len(fit.grid):
        band = fit.grid
        traces += [
            {
                "type": "scatter",
                "x": band["x"],
                "y": band["high"],
                "mode": "lines",
                "line": {"width": 0},
                "hoverinfo": "skip",
                "showlegend": False,
            },
            {
                "type": "scatter",
                "x": band["x"],
                "y": band["low"],
                "mode": "lines",
                "line": {"width": 0},
                "fill": "tonexty",
                "fillcolor": "rgba(0,114,178,0.15)",
                "name": "95% confidence band of the fit",
                "hoverinfo": "skip",
            },
            {
                "type": "scatter",
                "x": band["x"],
                "y": band["fit"],
                "mode": "lines",
                "line": {"color": OKABE_ITO[0], "width": 2},
                "name": f"log-log fit (slope {fit.slope:.2f})",
                "hoverinfo": "skip",
            },
        ]
    hover = (
        "<b>%{customdata[0]}</b> %{customdata[1]}<br>"
        + f"{FACTORS[factor]}: "
        + "%{x:,.4~g}<br>"
        + f"{y_label}: "
        + "%{y:,.4~g}<br>qualifiers: %{customdata[2]}<br>source: %{customdata[3]}<extra></extra>"
    )
    # Columns as arrays: the two point layers are slices of them.
    x, y = rows["factor"].to_numpy(), rows["value"].to_numpy()
    customdata = rows[["name", "year", "qualifiers", "source_id"]].to_numpy()
    focus = rows["entity"].isin(FOCUS).to_numpy()
    for part, label, colour, named in [
        (~focus, "countries", "#56B4E9", False),
        (focus, "focus countries", OKABE_ITO[5], True),
    ]:
        if not part.any():
            continue
        traces.append(
            {
                "type": "scatter",
                "x": x[part],
                "y": y[part],
                "mode": "markers+text" if named else "markers",
                "text": latest_label(rows[part]) if named else None,
                "textposition": "top center",
                "textfont": {"size": 11, "color": "#333"},
                "name": label,
                "marker": {
                    "size": 8,
                    "color": colour,
                    "opacity": 0.85,
                    "line": {"width": 0.5, "color": "#333"},
                },
                "customdata": customdata[part],
                "hovertemplate": hover,
            }
        )
    axis = "log" if log else "linear"
    xaxis = {"type": axis, "title": FACTORS[factor], "gridcolor": "#eee", "zeroline": False}
    yaxis = {"type": axis, "title": y_label, "gridcolor": "#eee", "zeroline": False}
    if log and len(rows):
        xaxis.update(tickvals=spanning_log_ticks(rows["factor"]), tickformat=",~g")
        yaxis.update(tickvals=spanning_log_ticks(rows["value"]), tickformat=",~g")
    figure = go.Figure(data=traces, layout={"xaxis": xaxis, "yaxis": yaxis})
    titled(figure, title, source, 540)
    return figure


def latest_label(rows: pd.DataFrame) -> list[str]:
    """Name each country once, at its latest year, so pooled years do not repeat labels."""
    latest = rows.groupby("entity")["year"].transform("max")
    return [
        n if y == last else ""
        for n, y, last in zip(
            rows["name"].tolist(), rows["year"].tolist(), latest.tolist(), strict=True
        )
    ]


def titled(figure: go.Figure, title: str, source: str, height: int) -> go.Figure:
    """base_layout with a long title wrapped onto two lines that stay inside the image."""
    wrapped = wrap_line(title, 88, 2)
    base_layout(figure, wrapped, wrap_line(source.replace("<br>", " "), 120, 3), height=height)
    if "<br>" in wrapped:
        figure.layout.title.y = 1 - 26 / height
    return figure


def scatter_table(frame: FactorFrame, names: dict[str, str], factor: str) -> pd.DataFrame:
    rows = frame.rows
    return pd.DataFrame(
        {
            "country": rows["entity"].map(names).fillna(rows["entity"]),
            "code": rows["entity"],
            "year": rows["year"],
            "value": rows["value"].round(4),
            "as published": rows["raw_value"],
            FACTORS[factor]: rows["factor"].round(3),
            "qualifiers": [
                flags_text(a, b)
                for a, b in zip(
                    rows["flags"].tolist(), rows["denominator_note"].tolist(), strict=True
                )
            ],
            "source": rows["source_id"],
        }
    )


def stats_lines(corr: Correlation, fit: LogLogFit, frame: FactorFrame, pooled: bool) -> list[str]:
    """The numbers of the panel as plain sentences (also written into the CSV header)."""
    if corr.refused:
        return [f"No statistics: {corr.refused}"]
    countries = frame.rows["entity"].nunique()
    unit = f"{corr.n} country-years from {countries} countries" if pooled else f"{corr.n} countries"
    lines = [
        f"Spearman rank correlation rho = {corr.rho:.2f} ({fmt_p(corr.p)}), n = {unit}.",
    ]
    if not fit.refused:
        ten = (1.1**fit.slope - 1) * 100
        lines.append(
            f"Log-log OLS slope = {fit.slope:.2f} (95% CI {fit.slope_low:.2f} to "
            f"{fit.slope_high:.2f}), R² = {fit.r2:.2f}: where the factor is 10% higher, the "
            f"indicator tends to be about {ten:+.0f}% different."
            + (" Confidence interval clustered by country." if fit.clustered else "")
        )
    return lines


def stats_panel(
    corr: Correlation,
    fit: LogLogFit,
    frame: FactorFrame,
    left_out: tuple[int, list[str]],
    pooled: bool,
    extra_notes: list[str],
) -> list:
    """Rho, slope with CI, R², n and the countries left out, in words a reader can quote."""
    items: list = []
    if corr.refused:
        items.append(dmc.Alert(corr.refused, color="yellow", title="No statistics shown"))
    else:
        items += [
            stat("Spearman ρ", f"{corr.rho:.2f}", fmt_p(corr.p), "stat-rho"),
            stat(
                "Slope (log-log)",
                fmt(fit.slope),
                f"95% CI {fmt(fit.slope_low)} to {fmt(fit.slope_high)}",
                "stat-slope",
            ),
            stat("R²", fmt(fit.r2), "share of log variance the line explains", "stat-r2"),
            stat(
                "n",
                str(corr.n),
                f"country-years from {frame.rows['entity'].nunique()} countries"
                if pooled
                else "countries",
                "stat-n",
            ),
        ]
        items.append(dmc.Text(stats_lines(corr, fit, frame, pooled)[-1], size="sm", mt="xs"))
    items.append(left_out_details(frame, *left_out))
    items += [dmc.Text(note, size="sm", className="caveat", mt=6) for note in extra_notes]
    return items


def stat(label: str, value: str, detail: str, element_id: str) -> html.Div:
    return html.Div(
        [
            html.Div(label, className="stat-label"),
            html.Div(value, className="stat-value", id=element_id),
            html.Div(detail, className="stat-detail"),
        ],
        className="stat-box",
    )


def left_out_summary(frame: FactorFrame, names: dict[str, str]) -> tuple[int, list[str]]:
    """Number of countries with no point, and one line per reason listing them."""
    left = frame.left_out[frame.left_out["entity"].isin(frame.left_out_countries())]
    lines = []
    for reason, group in left.groupby("reason", sort=True):
        countries = sorted({names.get(e, e) for e in group["entity"]})
        lines.append(f"{reason} ({len(countries)}): {', '.join(countries)}")
    return len(set(left["entity"])), lines


def left_out_details(frame: FactorFrame, count: int, lines: list[str]) -> html.Details:
    """The countries with no point, from `left_out_summary`, one line per reason."""
    reasons = "; ".join(line.split(" (")[0] for line in lines[:2])
    more = "; …" if len(lines) > 2 else ""
    summary = f"Left out: {count} countries" + (f" ({reasons}{more})" if lines else "")
    whole = frame.left_out["entity"].isin(frame.left_out_countries())
    partial = int((~whole).sum())
    body = [html.Li(line) for line in lines]
    if partial:
        body.append(html.Li(f"{partial} further country-years of countries that do appear."))
    return html.Details(
        [html.Summary(summary, className="about-summary", id="factors-left-out"), html.Ul(body)],
        className="left-out",
    )


def pooling_note(pooled: bool, years: list[int]) -> list[str]:
    if not pooled:
        return []
    span = f"{min(years)}-{max(years)}" if years else "all years"
    return [
        f"All years pooled ({span}): each country appears once per year. Its repeated points "
        "are not independent evidence, so the slope's confidence interval is clustered by "
        "country and the Spearman p-value is too optimistic."
    ]


def norm_label(norm: str, unit: str) -> str:
    return unit if norm == "raw" else NORMALISATIONS[norm]
