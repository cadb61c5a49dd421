"""Pieces of the Emerging threats page: sparklines, the ranked list, small multiples, the method."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import dash_mantine_components as dmc
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html
from plotly.subplots import make_subplots

from dashboard.analysis.emerging import MIN_HISTORY, MIN_PEERS, MIN_SCALE
from dashboard.charts.style import BREAK_COLOUR, OKABE_ITO
from dashboard.wording.flags import flags_text
from dashboard.wording.numbers import format_value

LINE, HIGHLIGHT, BREAK = OKABE_ITO[0], OKABE_ITO[5], BREAK_COLOUR
SPARK_W, SPARK_H, PAD = 132, 34, 4
GRID_COLUMNS = 4


def sparkline_svg(
    series: pd.DataFrame, years: tuple[int, int], breaks: list[int], year: int
) -> str:
    """A tiny line from zero, one polyline per stretch between breaks, the flagged year dotted;
    a data: URI so nothing is fetched."""
    first, last = years
    top = float(series["value"].max()) or 1.0

    def x(y: float) -> float:
        return PAD + (y - first) / max(last - first, 1) * (SPARK_W - 2 * PAD)

    def y_of(v: float) -> float:
        return SPARK_H - PAD - v / top * (SPARK_H - 2 * PAD)

    parts = [
        f'<line x1="{x(b - 0.5):.1f}" y1="0" x2="{x(b - 0.5):.1f}" y2="{SPARK_H}" '
        f'stroke="{BREAK}" stroke-dasharray="2,2" stroke-width="1"/>'
        for b in breaks
        if first < b <= last
    ]
    # plain lists: for a few points, frame operations cost more than the drawing
    points = list(
        zip(
            series["year"].tolist(),
            series["value"].tolist(),
            series["segment"].tolist(),
            strict=True,
        )
    )
    for stretch in sorted({segment for _, _, segment in points}):
        line = " ".join(f"{x(y):.1f},{y_of(v):.1f}" for y, v, s in points if s == stretch)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="1.6"/>')
    for y, v, _ in points:
        if y in (year - 1, year):
            colour = HIGHLIGHT if y == year else LINE
            parts.append(f'<circle cx="{x(y):.1f}" cy="{y_of(v):.1f}" r="2.6" fill="{colour}"/>')
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SPARK_W}" height="{SPARK_H}" '
        f'viewBox="0 0 {SPARK_W} {SPARK_H}">{"".join(parts)}</svg>'
    )
    return "data:image/svg+xml;utf8," + quote(svg)


def sparkline_alt(name: str, series: pd.DataFrame) -> str:
    pairs = zip(series["year"].tolist(), series["value"].tolist(), strict=True)
    values = "; ".join(f"{year}: {format_value(value)}" for year, value in pairs)
    return f"{name}, values by year: {values}"


def by_entity(series: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each entity's rows, split once rather than filtered out again for every row or panel."""
    return dict(tuple(series.groupby("entity", sort=False)))


def score_cell(score: float, note: str, fired: bool) -> html.Td:
    if pd.isna(score):
        return html.Td("–", title=note or "not computed", className="score na")
    return html.Td(f"{score:.1f}", className="score fired" if fired else "score")


def ranked_list(
    flagged: pd.DataFrame,
    series: pd.DataFrame,
    years: tuple[int, int],
    breaks: list[int],
    limit: int,
) -> html.Div:
    """The top rows as a table a person reads down: who, when, how much, why, and the line."""
    if flagged.empty:
        return html.Div(
            dmc.Text(
                "No rise meets these thresholds. Lower a threshold or choose another year.",
                c="dimmed",
            ),
            className="emerging-empty",
        )
    header = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col")
                for h in [
                    "#",
                    "Country",
                    "Year",
                    "From → to",
                    "Growth",
                    "Own score",
                    "Peer score",
                    "Why it was flagged",
                    "Trend",
                ]
            ]
        )
    )
    lines = by_entity(series)
    rows = []
    for r in flagged.head(limit).to_dict("records"):
        line = lines[r["entity"]]
        rows.append(
            html.Tr(
                [
                    html.Td(str(r["rank"])),
                    html.Td(dcc.Link(r["name"], href=f"/country/{r['entity']}")),
                    html.Td(str(r["year"])),
                    html.Td(
                        f"{format_value(r['previous'])} → {format_value(r['value'])}",
                        className="num",
                    ),
                    html.Td(f"{r['growth_pct']:+,.0f}%", className="num"),
                    score_cell(r["own_z"], r["own_note"], "own history" in r["tests"]),
                    score_cell(r["peer_z"], r["peer_note"], "peers" in r["tests"]),
                    html.Td(r["reason"], className="reason"),
                    html.Td(
                        html.Img(
                            src=sparkline_svg(line, years, breaks, r["year"]),
                            alt=sparkline_alt(r["name"], line),
                            width=SPARK_W,
                            height=SPARK_H,
                        )
                    ),
                ]
            )
        )
    more = len(flagged) - limit
    legend = dmc.Text(
        "Scores are robust z-scores of log growth; a bold score is the test that flagged the "
        "row; – means the score could not be computed (hover it for why). Trend: the published "
        "series from zero, the flagged year in orange, breaks dashed red.",
        size="xs",
        c="dimmed",
        mb=4,
    )
    note = (
        [
            dmc.Text(
                f"Showing the top {limit} of {len(flagged)}; the Table tab and the CSV below "
                "hold every flagged row.",
                size="sm",
                c="dimmed",
                mt=4,
            )
        ]
        if more > 0
        else []
    )
    return html.Div(
        [legend, html.Table([header, html.Tbody(rows)], className="emerging-table"), *note],
        className="emerging-table-wrap",
    )


@lru_cache(maxsize=8)
def grid_layout(rows: int) -> dict:
    """The layout make_subplots gives a grid of `rows` x GRID_COLUMNS panels, each with a
    title slot, without the template. make_subplots takes tens of milliseconds, so it runs
    once per number of rows; callers copy what they change."""
    figure = make_subplots(
        rows=rows,
        cols=GRID_COLUMNS,
        subplot_titles=["-"] * (rows * GRID_COLUMNS),
        horizontal_spacing=0.06,
        vertical_spacing=0.5 / rows,
    )
    return {k: v for k, v in figure.layout.to_plotly_json().items() if k != "template"}


def small_multiples(
    flagged: pd.DataFrame, series: pd.DataFrame, breaks: list[int], unit: str, count: int
) -> go.Figure:
    """The top flagged series, one panel each, never joined across a break.

    The panels' traces, break lines and titles are dicts passed to go.Figure at once, which
    validates them in one pass: adding them one by one costs plotly milliseconds each."""
    top = flagged.head(count)
    if top.empty:
        figure = go.Figure()
        figure.add_annotation(
            text="No rise meets these thresholds.",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
        )
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return figure
    grid = grid_layout(-(-len(top) // GRID_COLUMNS))
    x_style = {"dtick": 1, "tickformat": "d", "showgrid": False, "tickfont": {"size": 9}}
    y_style = {
        "rangemode": "tozero",
        "gridcolor": "#eee",
        "tickfont": {"size": 9},
        "tickformat": "~s",
    }
    # new dicts throughout: the cached grid itself is never changed
    layout = {
        key: {**axis, **(x_style if key.startswith("xaxis") else y_style)}
        for key, axis in grid.items()
        if key != "annotations"
    }
    panels = top.to_dict("records")
    layout["annotations"] = [
        {**title, "text": f"{r['rank']}. {r['name']} ({r['year']})", "font": {"size": 11}}
        for title, r in zip(grid["annotations"], panels, strict=False)
    ]
    lines = by_entity(series)
    traces, shapes = [], []
    for position, r in enumerate(panels):
        # panels are numbered row by row; the first one's axes are "x" and "y"
        axes = {"xaxis": f"x{position + 1 if position else ''}"}
        axes["yaxis"] = axes["xaxis"].replace("x", "y")
        line = lines[r["entity"]]
        years, values = line["year"].to_numpy(), line["value"].to_numpy()
        segments, flags = line["segment"].to_numpy(), [flags_text(f) for f in line["flags"]]
        for stretch in np.unique(segments):
            part = segments == stretch
            traces.append(
                {
                    "type": "scatter",
                    "x": years[part],
                    "y": values[part],
                    "mode": "lines+markers",
                    "line": {"color": LINE, "width": 2},
                    "marker": {"size": 5},
                    "showlegend": False,
                    "name": r["name"],
                    "customdata": [f for f, inside in zip(flags, part, strict=True) if inside],
                    "hovertemplate": f"{r['name']} %{{x}}: %{{y:,.0f}} {unit}"
                    "<br>%{customdata}<extra></extra>",
                    **axes,
                }
            )
        point = years == r["year"]
        traces.append(
            {
                "type": "scatter",
                "x": years[point],
                "y": values[point],
                "mode": "markers",
                "showlegend": False,
                "marker": {"color": HIGHLIGHT, "size": 10, "symbol": "diamond"},
                "hovertemplate": f"flagged: {r['growth_pct']:+,.0f}%<extra></extra>",
                **axes,
            }
        )
        for year in breaks:
            if len(years) and years.min() < year <= years.max():
                shapes.append(
                    {
                        "type": "line",
                        "x0": year - 0.5,
                        "x1": year - 0.5,
                        "xref": axes["xaxis"],
                        "y0": 0,
                        "y1": 1,
                        "yref": f"{axes['yaxis']} domain",
                        "line": {"dash": "dash", "color": BREAK, "width": 1},
                    }
                )
    if shapes:
        layout["shapes"] = shapes
    return go.Figure(data=traces, layout=layout)


def list_frame(flagged: pd.DataFrame) -> pd.DataFrame:
    """The flagged rows as the table tab and the CSV show them."""
    return pd.DataFrame(
        {
            "rank": flagged["rank"],
            "country": flagged["name"],
            "iso3": flagged["entity"],
            "year": flagged["year"],
            "previous value": flagged["previous"],
            "value": flagged["value"],
            "growth %": flagged["growth_pct"].round(1),
            "own-history score": flagged["own_z"].round(2),
            "peer score": flagged["peer_z"].round(2),
            "usual growth % (other years)": flagged["usual_growth_pct"].round(1),
            "median growth % (all countries)": flagged["peer_median_pct"].round(1),
            "tests fired": flagged["tests"],
            "reason": flagged["reason"],
            "source": flagged["source_id"],
            "source (previous year)": flagged["previous_source_id"],
        }
    )


def method_section(unit: str) -> html.Section:
    """What the page computes, in words a report writer can check and repeat."""
    points = [
        (
            "Growth",
            "For each country and year the change from the year before is measured as "
            "log growth, ln(this year / last year). Only consecutive years are compared, and never "
            "across a series break: NCMEC's 2024 bundling of duplicate reports makes 2024 "
            "incomparable with 2023, so no change into 2024 is scored.",
        ),
        (
            "Against its own history",
            "How far this year's growth lies above the country's "
            "usual growth: (growth − median of its other years' growths) / (1.4826 × MAD), where "
            "MAD is the median absolute deviation. 1.4826 × MAD estimates a standard deviation "
            f"that one odd year cannot inflate. It needs at least {MIN_HISTORY} other years in the "
            "same stretch between breaks. NCMEC's by-country tables cover 2019–2023, so each "
            "country has at most four changes and this score is rough; the spread is never "
            f"taken below {MIN_SCALE} (about 10%), so a very steady history cannot turn a small "
            "wobble into a huge score.",
        ),
        (
            "Against peers",
            "The same score against every country's growth in that year "
            f"(at least {MIN_PEERS} countries): it asks whether the rise stands out from the "
            "general movement of reporting that year.",
        ),
        (
            "When a rise is flagged",
            "The earlier year's value must be at least the minimum "
            "base (so small numbers do not cry wolf), growth at least the minimum growth, and the "
            "own-history score or the peer score must reach its threshold. The list is ranked by "
            "the larger score that fired. Change the thresholds above; the URL keeps them, so a "
            "link reproduces this exact list.",
        ),
        (
            "What a flag means",
            f"Counts of {unit or 'reports'} reflect how platforms detect and "
            "report, and where uploads geolocate (VPNs distort this). They are not counts of "
            "victims and not a measure of prevalence. A flag is a reason to look closer: a new "
            "platform reporting, a change in detection or a shift in geolocation can each produce "
            "one.",
        ),
        (
            "Reproduce it",
            "notebooks/03_emerging_threats.ipynb rebuilds this list from the "
            "store, without the dashboard, using the same functions "
            "(dashboard/analysis/emerging.py).",
        ),
    ]
    return html.Section(
        [
            dmc.Title("How this works", order=3),
            html.Dl(
                [item for term, text in points for item in (html.Dt(term), html.Dd(text))],
                className="method-list",
            ),
        ],
        id="emerging-method",
        className="method",
    )
