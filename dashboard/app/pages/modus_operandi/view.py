"""What Modus operandi shows: four cards (incident types, platforms, sextortion and AI, IWF
self-generated imagery), each a figure, its table, footer and downloads."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.mix import half_year_counts, incident_types, platform_mix, world_series
from dashboard.analysis.platform import INCIDENTS
from dashboard.analysis.series import indicator_rows, with_segments
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.components.platform_mix import ABOUT, disagreement_text, mix_for, shown_value
from dashboard.app.lookups import citation_lines, entity_names, indicators_by_id, source_line
from dashboard.app.pages.modus_operandi.state import MixState
from dashboard.charts.lines import line_chart
from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.language import N_, _, current, decimal
from dashboard.wording.flags import flags_text

IWF_SERIES = ["iwf_urls_self_generated", "iwf_category_a_share_pct", "iwf_csam_showing_girls_pct"]
FULL_YEAR_EMERGING = [
    "cybertipline_reports_financial_sextortion",
    "cybertipline_reports_generative_ai",
]


def reports_chart(
    frame: pd.DataFrame, key: str, breaks: list[int], log: bool, break_note: str = ""
) -> go.Figure:
    """Report counts, one line per `key` value, never joined across `breaks`."""
    lines = with_segments(frame.rename(columns={key: "entity"}), breaks)
    lines["flags_text"] = lines["flags"].map(flags_text)
    y_title = _("reports (log scale)") if log else _("reports")
    return line_chart(lines, {}, breaks, y_title, log, break_note)


def card_parts(
    name: str,
    figure: go.Figure,
    table: pd.DataFrame,
    header: list[str],
    filename: str,
    state: MixState | None = None,
):
    """A card's figure, table, footer and file, in the order `card_outputs` names them."""
    return (
        figure,
        card_table(table, f"{name}-table-data"),
        card_footer(header),
        card_file(table, header, safe_filename(filename), state),
    )


@context.per_store
def incident_table() -> pd.DataFrame:
    store = context.store()
    return incident_types(store.observations, store.indicators)


def incidents_view(state: MixState) -> tuple:
    frame = incident_table()
    figure = reports_chart(
        frame, "category", [2024], state.scale == "log", _("bundling; not comparable")
    )
    base_layout(
        figure,
        _("CyberTipline reports by incident type, world"),
        source_line(list(frame["source_id"])),
        height=500,
    )
    table = frame[["year", "category", "value", "share_pct", "flags", "source_id"]].rename(
        columns={"share_pct": N_("share of the year's reports (%)")}
    )
    header = [
        _("CyberTipline reports by incident type (as categorised by the reporter)."),
        _("Shares are of the sum of the incident types published for that year."),
        *citation_lines(list(frame["source_id"]), "cybertipline_reports_online_enticement"),
    ]
    return card_parts("mo-incidents", figure, table, header, "ncmec_incident_types", state)


def platforms_view(state: MixState) -> tuple:
    frame = platform_mix(context.store().observations, state.top)
    figure = reports_chart(frame.assign(flags=""), "platform", [], state.scale == "log")
    base_layout(
        figure,
        _("CyberTipline reports by online platform: top {count} of the latest year").format(
            count=state.top
        ),
        source_line(list(frame["source_id"])),
        height=520,
    )
    table = frame.rename(
        columns={
            "share_pct": N_("share of ESP reports (%)"),
            "platforms": N_("platforms counted"),
        }
    )
    header = [
        _(
            "CyberTipline reports by electronic service provider: the {count} largest "
            "in the latest year by name, the rest summed."
        ).format(count=state.top),
        _(
            "A platform's count reflects its size and how much it detects and reports, "
            "not how much abuse happens on it. Names are as NCMEC printed them each year."
        ),
        *citation_lines(list(frame["source_id"]), "cybertipline_reports_by_esp"),
    ]
    return card_parts(
        "mo-platforms", figure, table, header, f"ncmec_platforms_top{state.top}", state
    )


def sextortion_ai_view() -> tuple:
    """Full-year sextortion and AI counts, and January-June counts on their own axis."""
    store = context.store()
    names = indicators_by_id()["name"].to_dict()
    full = world_series(store.observations, FULL_YEAR_EMERGING, names)
    half = half_year_counts(store.observations, store.indicators)
    figure = go.Figure()
    for i, (category, rows) in enumerate(half.groupby("category", sort=True)):
        figure.add_trace(
            go.Bar(
                x=rows["period"],
                y=rows["value"],
                name=category,
                marker_color=OKABE_ITO[i % len(OKABE_ITO)],
                hovertemplate="%{fullData.name}, %{x}: %{y:,}<extra></extra>",
            )
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(type="log", title=_("reports, January-June (log scale)"), gridcolor="#eee")
    base_layout(
        figure,
        _("Half-year counts: January-June 2024 vs January-June 2025"),
        source_line(list(half["source_id"])),
        height=480,
    )
    table = pd.concat(
        [
            full.assign(
                period=full["year"].map(lambda year: _("{year} (full year)").format(year=year))
            ),
            half,
        ]
    )[["category", "period", "value", "flags", "source_id"]]
    table["qualifiers"] = table["flags"].map(flags_text)
    table = table.drop(columns="flags")
    full_text = "; ".join(
        f"{r['category']} {r['year']}: {decimal(r['value'])}"
        + (f" ({flags_text(r['flags'])})" if r["flags"] else "")
        for r in full.to_dict("records")
    )
    header = [
        _("January-June counts are shown on their own and never against full years."),
        _("Full-year figures (in the table): {figures}.").format(figures=full_text),
        *citation_lines(list(table["source_id"])),
    ]
    return card_parts("mo-emerging", figure, table, header, "ncmec_sextortion_ai")


def iwf_view() -> tuple:
    indicators = indicators_by_id()
    frame = world_series(context.store().observations, IWF_SERIES, indicators["name"].to_dict())
    figure = go.Figure()
    for i, (indicator, rows) in enumerate(frame.groupby("indicator", sort=False)):
        pct = indicators.loc[indicator, "unit"] == "percent"
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                name=indicators.loc[indicator, "name"],
                mode="markers+lines",
                yaxis="y2" if pct else "y",
                line={"color": OKABE_ITO[i], "dash": "dot" if pct else "solid"},
                hovertemplate="%{fullData.name} %{x}: %{y:,}<extra></extra>",
            )
        )
    figure.update_layout(
        yaxis={"title": _("URLs / webpages"), "gridcolor": "#eee"},
        yaxis2={
            "title": _("percent (dotted lines)"),
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "showgrid": False,
        },
    )
    figure.update_xaxes(dtick=1, tickformat="d")
    base_layout(
        figure,
        _("IWF: self-generated imagery, Category A share, share showing girls"),
        source_line(list(frame["source_id"])),
        height=480,
    )
    table = frame[["category", "year", "value", "flags", "source_id"]]
    header = [
        _("IWF figures as published for the years found; gaps are years with no figure."),
        _(
            "Counts (solid, left axis) and percentages (dotted, right axis) are different "
            "measures on separate axes."
        ),
        *citation_lines(list(frame["source_id"]), "iwf_urls_self_generated"),
    ]
    return card_parts("mo-iwf", figure, table, header, "iwf_self_generated_severity")


FIXED_CARDS = {"mo-emerging": sextortion_ai_view, "mo-iwf": iwf_view}  # no control changes them


def fixed_card(name: str) -> tuple:
    return language_card(name, current())


@context.per_store
def language_card(name: str, language: str) -> tuple:
    """A fixed card once per store and language (its texts are in the reader's language)."""
    return FIXED_CARDS[name]()


def country_options() -> list[dict]:
    """The country picker's groups: the focus countries first, then every other country with
    platform incident types."""
    names = entity_names()
    focus, others = country_groups()
    item = lambda c: {"value": c, "label": f"{names.get(c, c)} ({c})"}  # noqa: E731
    return [
        {"group": _("Focus countries"), "items": [item(c) for c in focus]},
        {"group": _("Other countries"), "items": [item(c) for c in others]},
    ]


@context.per_store
def country_groups() -> tuple[list[str], list[str]]:
    """The focus countries with platform incident types, and every other country that has
    them, by name."""
    store = context.store()
    names = entity_names()
    rows = indicator_rows(store.observations, [INCIDENTS, INCIDENTS + "_h1"])
    have = set(rows["entity"])
    focus = [c for c in store.focus() if c in have]
    return focus, sorted(have - set(focus), key=lambda c: names.get(c, c))


def country_mix_view(state: MixState) -> tuple:
    """One country's referrals by incident type, full year as bars; "fewer than 50" drawn
    apart, as a bound, and every value in the table as NCMEC rounded it."""
    code = state.country
    name = entity_names().get(code, code)
    frame = mix_for(code)
    full = frame[~frame["half_year"].astype(bool)] if len(frame) else frame
    latest = full[full["year"] == full["year"].max()] if len(full) else full
    bounded = latest["flags"].str.contains("upper_bound") if len(latest) else latest["flags"]
    figure = go.Figure()
    for is_bound, label, color in (
        (False, _("rounded by NCMEC"), OKABE_ITO[0]),
        (True, _("fewer than 50 (an upper bound)"), "#cccccc"),
    ):
        rows = latest[bounded == is_bound] if len(latest) else latest
        figure.add_trace(
            go.Bar(
                y=rows["category"].tolist(),
                x=rows["value"].tolist(),
                orientation="h",
                name=label,
                marker_color=color,
                text=[shown_value(r) for r in rows.to_dict("records")],
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(
        type="log" if state.scale == "log" else "linear",
        title=_("referrals (log scale)") if state.scale == "log" else _("referrals"),
        gridcolor="#eee",
    )
    if len(latest):
        title = _(
            "CyberTipline referrals by incident type: {country}, {year} (NCMEC Global Platform)"
        ).format(country=name, year=int(latest["year"].max()))
    else:
        title = _(
            "CyberTipline referrals by incident type: {country} (NCMEC Global Platform)"
        ).format(country=name)
    base_layout(
        figure,
        title,
        source_line(list(frame["source_id"])),
        height=440,
    )
    table = pd.DataFrame(
        {
            N_("incident type"): frame["category"],
            N_("period"): frame["period"],
            N_("value"): frame["value"],
            N_("as shown"): [shown_value(r) for r in frame.to_dict("records")],
            N_("qualifiers"): frame["flags"].map(flags_text),
            N_("source"): frame["source_id"],
        }
    )
    conflict = disagreement_text(code)
    header = [
        _("CyberTipline referrals by incident type, {country} (NCMEC Global Platform).").format(
            country=name
        ),
        _(ABOUT),
        *([conflict] if conflict else []),
        *(
            []
            if len(frame)
            else [
                _("NCMEC's Global Platform lists no incident types for {country}.").format(
                    country=name
                )
            ]
        ),
        *citation_lines(list(frame["source_id"]), INCIDENTS),
    ]
    return card_parts(
        "mo-country", figure, table, header, f"ncmec_gpcep_incident_types_{code}", state
    )
