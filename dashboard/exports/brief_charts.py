"""The charts briefs carry, built from the analysis layer with the app's figure helpers.

No Dash state: every builder takes the store. Each returns a `Chart` (figure, height,
the sources drawn, an alt text); `figure_block` renders it and numbers its citations.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.comparison import comparison_series, country_codes, region_members
from dashboard.analysis.headlines import trend_series
from dashboard.analysis.maps import map_values
from dashboard.analysis.mix import half_year_counts, incident_types, platform_mix
from dashboard.analysis.rates import NORMALISATIONS, normalise_series
from dashboard.analysis.series import indicator_series, with_segments
from dashboard.charts import sources as chart_sources
from dashboard.charts.geometry import centroids
from dashboard.charts.lines import line_chart
from dashboard.charts.maps import map_figure, with_positions
from dashboard.charts.style import BREAK_COLOUR, OKABE_ITO, base_layout
from dashboard.charts.ticks import round_log_ticks
from dashboard.exports.brief import Citations, Figure
from dashboard.exports.images import render
from dashboard.language import N_, _, decimal, ngettext
from dashboard.store.read import StoreData
from dashboard.wording.denominators import denominator_line, denominator_source_ids, is_rate
from dashboard.wording.flags import flags_text, with_flag_texts
from dashboard.wording.text import wrap_line
from dashboard.wording.units import unit_label, units_by_id

HIGHLIGHT = OKABE_ITO[5]  # vermillion: the country a brief is about
OTHERS = "#9db4c8"
BUNDLING = N_("bundling")  # what the 2024 break in NCMEC's series is


def whole(value: float) -> str:
    """A bar's label: the value rounded as Python rounds, in the reader's language."""
    return decimal(round(value))


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    height: int
    source_ids: tuple[str, ...]
    alt: str
    denominator: str = ""  # what a rate divides by, for the caption (dashboard.wording)


def source_line(sources: pd.DataFrame, source_ids, how: str | None = None) -> str:
    """The source line wrapped to fit inside an A4-wide image; for a rate, what it divides by."""
    line = chart_sources.source_line(sources.set_index("id"), source_ids, width=105)
    if is_rate(how):
        line += "<br>" + wrap_line(denominator_line(how), 105, 2)
    return line


def fit_axes(figure: go.Figure, frame: pd.DataFrame, log: bool) -> go.Figure:
    """Years from the first to the last drawn (a break label must not stretch the axis) and
    round-number ticks on a log axis (1, 2, 5 x 10^k: 1M, 2M, 5M, 10M)."""
    if len(frame):
        figure.update_xaxes(range=[frame["year"].min() - 0.5, frame["year"].max() + 0.5])
    figure.update_yaxes(title_font={"size": 13})
    for annotation in figure.layout.annotations:
        if annotation.font.color == BREAK_COLOUR:
            # upright beside the dashed line (drawn half a year before the break): never clipped
            # at the right edge
            year = round(annotation.x + 0.5)
            annotation.update(
                text=_("series break {year}").format(year=year),
                textangle=-90,
                xanchor="left",
                xshift=1,
                y=0.5,
                yanchor="middle",
            )
    if log:
        figure.update_yaxes(**round_log_ticks(frame["value"]))
    return figure


def figure_block(citations: Citations, key: str, caption: str, chart: Chart) -> Figure:
    refs = citations.cite(chart.source_ids)
    png = render(chart.figure, chart.height)
    caption = f"{caption} {chart.denominator}" if chart.denominator else caption
    return Figure(key, caption, png, 700, chart.height, chart.alt, refs)


def _name(store: StoreData, code: str) -> str:
    return str(store.entities.set_index("code")["name"].get(code, code))


def choropleth(
    store: StoreData, indicator_id: str, year: int, highlight: str | None = None
) -> Chart:
    """The indicator by country for one year, log colour scale; `highlight` ringed."""
    indicator = store.indicators.set_index("id").loc[indicator_id]
    frame, _others = map_values(store, indicator, year, "raw")
    frame = with_positions(with_flag_texts(frame))
    frame["hover"] = ""
    countries = store.entities[store.entities["kind"] == "country"]
    missing = countries[~countries["code"].isin(frame.loc[frame["value"].notna(), "entity"])]
    no_data = pd.DataFrame({"entity": missing["code"], "name": missing["name"], "hover": ""})
    sources = list(frame["source_id"])
    figure = map_figure(
        frame,
        no_data,
        _("{indicator}, {year}").format(indicator=indicator["name"], year=year),
        source_line(store.sources, sources),
        _("reports (log scale)") if indicator["unit"] == "reports" else _("log scale"),
        True,
    )
    figure.update_layout(margin={"l": 10, "r": 10, "t": 44, "b": 70})
    point = centroids().get(highlight or "")
    if point:
        figure.add_trace(
            go.Scattergeo(
                lon=[point[0]],
                lat=[point[1]],
                mode="markers+text",
                text=[_name(store, highlight)],
                textposition="middle right",
                textfont={"size": 13, "color": "#000"},
                marker={
                    "size": 18,
                    "color": "rgba(0,0,0,0)",
                    "line": {"color": HIGHLIGHT, "width": 3},
                },
                showlegend=False,
            )
        )
    shown = int(frame["value"].notna().sum())
    alt = ngettext(
        "World map of {indicator} in {year}: {count} country with a value.",
        "World map of {indicator} in {year}: {count} countries with a value.",
        shown,
    ).format(indicator=indicator["name"], year=year, count=decimal(shown))
    return Chart(figure, 430, tuple(sources), alt)


def comparison(store: StoreData, indicator_id: str, code: str, how: str, log: bool) -> Chart:
    """The country against its UN region (sum of countries) and the world."""
    indicator = store.indicators.set_index("id").loc[indicator_id]
    entities = store.entities.set_index("code")
    frame = comparison_series(
        store.observations, store.indicators, store.entities, indicator_id, code, how
    )
    region = entities.loc[code, "un_region"] or _("region")
    names = {
        code: _name(store, code),
        "REGION": _("{region} (sum)").format(region=region),
        "WLD": _("World"),
    }
    frame = with_segments(frame, list(indicator["breaks"]))
    frame["flags_text"] = [
        flags_text(f, n) for f, n in zip(frame["flags"], frame["denominator_note"], strict=True)
    ]
    label = _("reports") if how == "raw" else _(NORMALISATIONS[how])
    plotted = frame.dropna(subset=["value"])
    figure = line_chart(
        plotted,
        names,
        list(indicator["breaks"]),
        _("{unit} (log scale)").format(unit=label) if log else label,
        log,
        _("not comparable") if len(indicator["breaks"]) else "",
        order=[code, "REGION", "WLD"],
    )
    what = (
        indicator["name"]
        if how == "raw"
        else _("{indicator}, {unit}").format(indicator=indicator["name"], unit=label)
    )
    title = _("{what}: {country}, {region}, world").format(
        what=what, country=names[code], region=region
    )
    sources = tuple(plotted["source_id"])
    base_layout(figure, title, source_line(store.sources, sources, how), height=400)
    figure.update_layout(margin={"t": 90, "b": 80})
    fit_axes(figure, plotted, log)
    alt = _("Line chart of {indicator} ({unit}) for {country}, {region} and the world.").format(
        indicator=indicator["name"], unit=label, country=names[code], region=region
    )
    cited = (*sources, *denominator_source_ids(store.observations, how))
    return Chart(figure, 400, cited, alt, denominator_line(how, plotted, names))


def region_peers(store: StoreData, indicator_id: str, code: str, year: int, how: str) -> Chart:
    """Horizontal bars for the countries of the country's UN region, the country highlighted."""
    members = region_members(store.entities, code)
    unit = store.indicators.set_index("id").loc[indicator_id, "unit"]
    series = indicator_series(store.observations, indicator_id, members)
    series = series[series["year"] == year]
    frame = normalise_series(series, store.observations, how, store.counts(unit))
    frame = frame.dropna(subset=["value"])
    frame = frame.sort_values("value").tail(20)
    names = frame["entity"].map(lambda c: _name(store, c))
    colours = [HIGHLIGHT if e == code else OTHERS for e in frame["entity"]]
    figure = go.Figure(
        go.Bar(
            x=frame["value"],
            y=names,
            orientation="h",
            marker_color=colours,
            text=[whole(v) for v in frame["value"]],
            textposition="outside",
            cliponaxis=False,
        )
    )
    region = store.entities.set_index("code").loc[code, "un_region"]
    sources = tuple(frame["source_id"])
    base_layout(
        figure,
        _("{normalisation}, {region}, {year}").format(
            normalisation=_(NORMALISATIONS[how]).capitalize(), region=region, year=year
        ),
        source_line(store.sources, sources, how),
        height=120 + 24 * len(frame),
    )
    figure.update_layout(margin={"l": 150, "r": 60, "t": 60, "b": 80}, showlegend=False)
    figure.update_xaxes(gridcolor="#eee", tickformat=",")
    alt = _("Bar chart: {normalisation} in {year} for the countries of {region}.").format(
        normalisation=_(NORMALISATIONS[how]), year=year, region=region
    )
    cited = (*sources, *denominator_source_ids(store.observations, how))
    named = dict(zip(frame["entity"], names, strict=True))
    return Chart(
        figure, max(300, 140 + 24 * len(frame)), cited, alt, denominator_line(how, frame, named)
    )


def world_trend(store: StoreData, indicator_id: str, title: str) -> Chart:
    """A world series with breaks drawn and gaps not bridged."""
    indicator = store.indicators.set_index("id").loc[indicator_id]
    breaks = list(indicator["breaks"])
    series = trend_series(store.observations, indicator_id, breaks)
    series["flags_text"] = series["flags"].map(flags_text)
    label = unit_label(indicator["unit"], units_by_id(store.units))
    figure = line_chart(series, {"WLD": _("World")}, breaks, label, False, BUNDLING)
    sources = tuple(series["source_id"])
    base_layout(figure, title, source_line(store.sources, sources), height=380)
    figure.update_layout(showlegend=False, margin={"t": 60, "b": 95})
    fit_axes(figure, series, False)
    alt = _("Line chart of {indicator}, world, per year.").format(indicator=indicator["name"])
    return Chart(figure, 380, sources, alt)


def top_countries(store: StoreData, indicator_id: str, year: int, top: int = 15) -> Chart:
    """The `top` countries by value in one year, largest on top."""
    series = indicator_series(store.observations, indicator_id)
    countries = country_codes(store.entities)
    rows = series[(series["year"] == year) & series["entity"].isin(countries)]
    rows = rows.nlargest(top, "value").sort_values("value")
    figure = go.Figure(
        go.Bar(
            x=rows["value"],
            y=rows["entity"].map(lambda c: _name(store, c)),
            orientation="h",
            marker_color=OKABE_ITO[0],
            text=[whole(v) for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
        )
    )
    sources = tuple(rows["source_id"])
    name = store.indicators.set_index("id").loc[indicator_id, "name"]
    title = _("{indicator}: top {top}, {year}").format(indicator=name, top=top, year=year)
    base_layout(figure, title, source_line(store.sources, sources))
    figure.update_layout(margin={"l": 150, "r": 80, "t": 60, "b": 80}, showlegend=False)
    figure.update_xaxes(gridcolor="#eee", tickformat="~s")
    alt = _("Bar chart: the {top} countries with most {indicator}, {year}.").format(
        top=top, indicator=name, year=year
    )
    return Chart(figure, 500, sources, alt)


def incident_lines(store: StoreData) -> Chart:
    """Reports by incident type per year, log scale, the 2024 break drawn."""
    frame = incident_types(store.observations, store.indicators)
    lines = with_segments(frame.rename(columns={"category": "entity"}), [2024])
    lines["flags_text"] = lines["flags"].map(flags_text)
    figure = line_chart(lines, {}, [2024], _("reports (log scale)"), True, BUNDLING)
    sources = tuple(frame["source_id"])
    base_layout(
        figure,
        _("CyberTipline reports by incident type, world"),
        source_line(store.sources, sources),
    )
    figure.update_layout(
        height=560, margin={"t": 150, "b": 95}, legend={"font": {"size": 11}, "y": 1.04}
    )
    fit_axes(figure, lines, True)
    return Chart(figure, 560, sources, _("Line chart of CyberTipline reports by incident type."))


def platform_bars(store: StoreData, top: int = 10) -> Chart:
    """The latest year's reports by platform: the `top` by name, the rest summed."""
    frame = platform_mix(store.observations, top)
    latest = frame[frame["year"] == frame["year"].max()].iloc[::-1]
    year = int(latest["year"].max())
    figure = go.Figure(
        go.Bar(
            x=latest["value"],
            y=latest["platform"],
            orientation="h",
            marker_color=OKABE_ITO[2],
            text=[
                _("{value} ({share}%)").format(
                    value=whole(v), share=decimal(float(f"{s:.1f}"), "0.0")
                )
                for v, s in zip(latest["value"], latest["share_pct"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
        )
    )
    sources = tuple(latest["source_id"])
    title = _("CyberTipline reports by online platform, {year}: top {top} and the rest").format(
        year=year, top=top
    )
    base_layout(figure, title, source_line(store.sources, sources))
    figure.update_layout(margin={"l": 170, "r": 120, "t": 60, "b": 80}, showlegend=False)
    figure.update_xaxes(gridcolor="#eee", tickformat="~s")
    alt = _("Bar chart of CyberTipline reports by platform, {year}.").format(year=year)
    return Chart(figure, 440, sources, alt)


def half_year_bars(store: StoreData) -> Chart:
    """January-June counts, 2024 against 2025, side by side on their own log axis."""
    half = half_year_counts(store.observations, store.indicators)
    half = half.assign(
        short=half["category"].str.replace(
            r"CyberTipline reports: | \(January-June\)", "", regex=True
        )
    )
    figure = go.Figure()
    for i, (period, rows) in enumerate(half.groupby("period", sort=True)):
        figure.add_trace(
            go.Bar(
                y=rows["short"],
                x=rows["value"],
                orientation="h",
                name=period,
                marker_color=OKABE_ITO[i],
                text=[whole(v) for v in rows["value"]],
                textposition="outside",
                cliponaxis=False,
            )
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(type="log", title=None, gridcolor="#eee", **round_log_ticks(half["value"]))
    sources = tuple(half["source_id"])
    base_layout(
        figure,
        _("Reports in January-June, 2024 and 2025 (log scale)"),
        source_line(store.sources, sources),
    )
    figure.update_layout(margin={"l": 190, "r": 70, "t": 90, "b": 75})
    return Chart(figure, 440, sources, _("Grouped bars of January-June reports by category."))
