"""The Data gaps page's figures: the status grid (indicator by country, or by year for one
country) and the world map of how many OCSE indicators each country has."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.charts.geometry import GEO_DIR
from dashboard.charts.style import NO_DATA, OKABE_ITO, SEQUENTIAL, base_layout, figure_of
from dashboard.language import N_, _
from dashboard.wording.text import wrap_line

PUBLISHED, MISSING, NOT_APPLICABLE = 1, 0, 2
STATUS_COLOURS = {MISSING: OKABE_ITO[1], PUBLISHED: OKABE_ITO[0], NOT_APPLICABLE: "#f2f2f2"}
STATUS_LABELS = {
    PUBLISHED: N_("published"),
    MISSING: N_("missing (published for other countries)"),
    NOT_APPLICABLE: N_("national statistic of another country"),
}
BINS = [(1, 2, "1-2"), (3, 3, "3"), (4, 5, "4-5"), (6, 10, "6-10"), (11, 10_000, N_("11 or more"))]
GEO = GEO_DIR / "world_50m.json"
ROW_HEIGHT = 22


def short(name: str, width: int = 64) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def status_colourscale() -> list:
    """Discrete 0/1/2 colours for a heatmap with zmin=0, zmax=2."""
    stops = []
    for index, status in enumerate([MISSING, PUBLISHED, NOT_APPLICABLE]):
        colour = STATUS_COLOURS[status]
        stops += [[index / 3, colour], [(index + 1) / 3, colour]]
    return stops


def _heatmap(z, x, y, text, hover, title: str, source: str) -> go.Figure:
    """The status grid and a legend entry per status. Traces and axes are dicts made into a
    figure in one call (`figure_of`): adding and updating them one by one costs plotly
    milliseconds each."""
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": x,
        "y": y,
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 10},
        "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>",
        "colorscale": status_colourscale(),
        "zmin": -0.5,
        "zmax": 2.5,
        "xgap": 2,
        "ygap": 2,
        "showscale": False,
    }
    legend = [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "marker": {"symbol": "square", "size": 12, "color": STATUS_COLOURS[status]},
            "name": _(STATUS_LABELS[status]),
        }
        for status in (PUBLISHED, MISSING, NOT_APPLICABLE)
    ]
    axes = {
        "xaxis": {"side": "top", "tickfont": {"size": 11}, "type": "category"},
        "yaxis": {"autorange": "reversed", "tickfont": {"size": 11}},
    }
    figure = figure_of([heatmap, *legend], axes)
    rows = len(y[0]) if y and isinstance(y[0], list) else len(y)
    height = max(360, 220 + ROW_HEIGHT * rows)
    base_layout(figure, title, wrap_line(source.replace("<br>", " "), 110, 3), height=height)
    figure.update_layout(
        margin={"l": 20, "r": 20, "t": 120, "b": 80},
        legend={"yref": "container", "y": 1 - 44 / height, "yanchor": "top"},
    )
    figure.update_annotations(y=-20 / height, selector={"xref": "paper", "yref": "paper"})
    return figure


def focus_matrix(
    shown: pd.DataFrame, entities: list[str], names: dict[str, str], title: str, source: str
):
    """Indicator x country; each cell the latest year published, or why it is empty."""
    rows = shown.drop_duplicates("indicator")[["indicator", "name", "theme"]]
    cells = {(c["indicator"], c["entity"]): c for c in shown.to_dict("records")}
    z, text, hover = [], [], []
    for indicator, name in zip(rows["indicator"], rows["name"], strict=True):
        z_row, t_row, h_row = [], [], []
        for entity in entities:
            cell = cells[(indicator, entity)]
            status = _status(cell)
            z_row.append(status)
            t_row.append(str(int(cell["latest_year"])) if status == PUBLISHED else "")
            words = _(STATUS_LABELS[status])
            if status == PUBLISHED:
                words = _("{status}, latest {year}").format(
                    status=words, year=int(cell["latest_year"])
                )
            h_row.append(f"{names.get(entity, entity)}<br>{name}<br>{words}")
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    y = [list(rows["theme"]), [short(n) for n in rows["name"]]]
    x = [names.get(e, e) for e in entities]
    return _heatmap(z, x, y, text, hover, title, source)


def country_matrix(shown: pd.DataFrame, name: str, title: str, source: str):
    """Indicator x year for one country: published, missing within the span, outside it."""
    years = list(range(int(shown["span_start"].min()), int(shown["span_end"].max()) + 1))
    z, text, hover = [], [], []
    for row in shown.to_dict("records"):
        have = set(row["years_published"])
        z_row, h_row = [], []
        for year in years:
            if year in have:
                status, words = PUBLISHED, _("published")
            elif year in row["years_any"]:
                national = row["scope"] == "national"
                status = NOT_APPLICABLE if national else MISSING
                words = _(STATUS_LABELS[status])
            else:
                status, words = None, _("no country has a value this year (no edition)")
            z_row.append(status)
            h_row.append(f"{name} {year}<br>{row['name']}<br>{words}")
        z.append(z_row)
        text.append([""] * len(years))
        hover.append(h_row)
    y = [list(shown["theme"]), [short(n) for n in shown["name"]]]
    return _heatmap(z, years, y, text, hover, title, source)


def _status(cell: dict) -> int:
    if cell["published"]:
        return PUBLISHED
    return NOT_APPLICABLE if cell["scope"] == "national" else MISSING


@lru_cache(maxsize=1)
def map_shapes() -> frozenset[str]:
    """ISO3 codes that have a polygon in the local 1:50m map file."""
    data = json.loads(GEO.read_text())
    return frozenset(
        g["id"] for g in data["objects"]["countries"]["geometries"] if g.get("id") is not None
    )


def coverage_map(coverage: pd.DataFrame, names: dict[str, str], source: str) -> go.Figure:
    """Choropleth of how many OCSE indicators each country has: grey = none, cividis bins."""
    bins = coverage["indicators"].map(_bin)
    colours = sample_colorscale(SEQUENTIAL, [i / (len(BINS) - 1) for i in range(len(BINS))])
    palette = [NO_DATA, *colours]
    steps = len(palette)
    scale = []
    for index, colour in enumerate(palette):
        scale += [[index / steps, colour], [(index + 1) / steps, colour]]
    hover = [
        (
            _("{country}: {count} OCSE indicators")
            if pd.isna(year)
            else _("{country}: {count} OCSE indicators, latest year {year}")
        ).format(country=names.get(code, code), count=count, year=year)
        for code, count, year in zip(
            coverage["entity"], coverage["indicators"], coverage["latest_year"], strict=True
        )
    ]
    figure = go.Figure(
        go.Choropleth(
            locations=coverage["entity"],
            z=bins,
            zmin=-0.5,
            zmax=steps - 0.5,
            colorscale=scale,
            marker={"line": {"color": "white", "width": 0.4}},
            customdata=hover,
            text=coverage["indicators"],
            hovertemplate="%{customdata}<br>" + _("click to list its gaps") + "<extra></extra>",
            colorbar={
                "title": {"text": _("OCSE indicators<br>with any value")},
                "tickvals": list(range(steps)),
                "ticktext": [_("none"), *[_(label) for _low, _high, label in BINS]],
                "len": 0.8,
            },
        )
    )
    figure.update_geos(
        resolution=50,
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showcountries=False,
        showland=True,
        landcolor="#fbfbfb",
        lataxis_range=[-58, 85],
    )
    title = _("How many OCSE indicators each country has (context series not counted)")
    base_layout(figure, title, source, height=540)
    figure.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 100})
    return figure


def _bin(count: int) -> int:
    for index, (low, high, _label) in enumerate(BINS, start=1):
        if low <= count <= high:
            return index
    return 0
