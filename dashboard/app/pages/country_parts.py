"""Pieces of the country profile: the indicator table, context, data gaps, sources, picker.

Each takes frames computed in dashboard.analysis.profile and turns them into plain HTML
tables and lists (a table is its own alternative: no chart needed to read it).
"""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard.wording.flags import qualifiers
from dashboard.wording.links import source_href
from dashboard.wording.numbers import ordinal
from dashboard.wording.units import CONTEXT_UNIT_WORDS, value_text


def change_text(row: dict) -> html.Span:
    previous_year = int(row["year"]) - 1
    if row["across_break"]:
        return html.Span(f"series break: not compared with {previous_year}", className="break-note")
    if pd.notna(row["change_pct"]):
        return html.Span(
            [html.Strong(f"{row['change_pct']:+.1f}%"), f" on {previous_year}"],
            className="headline-change",
        )
    return html.Span(f"no value for {previous_year}", className="no-value")


def rank_text(row: dict) -> str:
    if pd.isna(row["rank"]):
        return "—"
    return f"{ordinal(int(row['rank']))} of {int(row['of'])} countries"


def source_records(sources: pd.DataFrame) -> dict[str, dict]:
    """The publications by id, for many source_anchor look-ups."""
    return sources.set_index("id").to_dict("index")


def source_anchor(source_id: str, sources: dict[str, dict], label: str | None = None) -> object:
    """A link to a publication; `sources` is source_records(...)."""
    if source_id not in sources:
        return html.Span(source_id)
    row = sources[source_id]
    return html.A(
        label or row["title"],
        href=source_href(row["url"]),
        target="_blank",
        rel="noopener",
        className="source-link",
        title=row["citation"],
    )


def reading_warning(caveats: list[str]) -> str:
    """The caveat to show beside a value: the first one, when it says what the figure is not
    ('Not total reports: ...')."""
    return caveats[0] if caveats and caveats[0].startswith("Not ") else ""


def indicator_table(
    profile: pd.DataFrame, sources: dict[str, dict], meta: pd.DataFrame
) -> html.Div:
    """Every indicator with a value, grouped by theme: latest, change, rank, source
    (`sources` is source_records(...))."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(c, scope="col")
                for c in (
                    "Indicator",
                    "Latest year",
                    "Latest value",
                    "Change on the year before",
                    "Rank among countries (1 = highest)",
                    "Source",
                )
            ]
        )
    )
    half_year, caveats = meta["half_year"].to_dict(), meta["caveats"].to_dict()
    body = []
    for theme, group in profile.groupby("theme", sort=True):
        body.append(html.Tr(html.Th(theme, colSpan=6, scope="colgroup", className="theme-row")))
        for row in group.to_dict("records"):
            words = qualifiers(row["flags"], bool(half_year[row["indicator"]]))
            warning = reading_warning(caveats[row["indicator"]])
            if "series_break" in row["flags"].split(";"):
                words.append("after a series break")
            body.append(
                html.Tr(
                    [
                        html.Td(
                            [
                                html.Div(row["name"]),
                                html.Div(row["publisher"], className="cell-note"),
                                html.Div(warning, className="caveat") if warning else None,
                            ]
                        ),
                        html.Td(int(row["year"])),
                        html.Td(
                            [
                                html.Strong(value_text(row["value"], row["flags"], row["unit"])),
                                html.Div("; ".join(words), className="cell-note")
                                if words
                                else None,
                            ]
                        ),
                        html.Td(change_text(row)),
                        html.Td(rank_text(row)),
                        html.Td(source_anchor(row["source_id"], sources)),
                    ],
                    id=f"row-{row['indicator']}",
                )
            )
    return html.Div(
        html.Table(
            [
                html.Caption(
                    "Change is on the year before, never across a series break. Rank is among "
                    "countries with a value that year; regions, the world and 'No country "
                    "listed' are not ranked. Report counts measure reporting volume, not "
                    "victims or prevalence."
                ),
                head,
                html.Tbody(body),
            ],
            className="focus-table profile-table",
            id="profile-table",
        ),
        className="focus-wrap",
    )


def context_table(context: pd.DataFrame, names: dict, sources: dict[str, dict]) -> html.Table:
    rows = [
        html.Tr(
            [
                html.Td(names.get(r["indicator"], r["indicator"])),
                html.Td(int(r["year"])),
                html.Td(value_text(r["value"], r["flags"], r["unit"], CONTEXT_UNIT_WORDS)),
                html.Td(source_anchor(r["source_id"], sources, "source")),
            ]
        )
        for r in context.to_dict("records")
    ]
    head = html.Tr([html.Th(c, scope="col") for c in ("Series", "Year", "Latest", "Source")])
    return html.Table(
        [html.Thead(head), html.Tbody(rows or [html.Tr(html.Td("No context series."))])],
        className="focus-table",
        id="context-table",
    )


def gaps_block(gaps: list[tuple[str, list[str]]], missing: list[int], years: range) -> list:
    span = f"{years[0]}-{years[-1]}"
    ncmec = (
        f"NCMEC CyberTipline reports by country, {span}: missing " + ", ".join(map(str, missing))
        if missing
        else f"NCMEC CyberTipline reports by country, {span}: every year published."
    )
    items = [html.Li(ncmec, id="gap-ncmec-years")]
    for publisher, names in gaps:
        items.append(html.Li([html.Strong(publisher + ": "), "; ".join(names)]))
    if not gaps:
        items.append(html.Li("Every indicator published for two or more countries has a value."))
    return [
        dmc.Text(
            "Indicators published for two or more countries with no value for this country:",
            size="sm",
        ),
        html.Ul(items, className="source-list", id="gaps-list"),
    ]


def sources_list(frame: pd.DataFrame) -> html.Ul:
    return html.Ul(
        [
            html.Li(
                [
                    f"{r['publisher']}, ",
                    html.A(
                        r["title"],
                        href=source_href(r["url"]),
                        target="_blank",
                        rel="noopener",
                        className="source-link",
                    ),
                ]
            )
            for r in frame.to_dict("records")
        ],
        className="source-list",
        id="country-sources",
    )


def country_picker(options: list[dict], value: str | None) -> dmc.Select:
    return dmc.Select(
        id="country-picker",
        label="Open another country",
        data=options,
        value=value,
        searchable=True,
        placeholder="Type a country name",
        w=320,
        nothingFoundMessage="No country with that name",
        comboboxProps={"zIndex": 400},
    )


# --- Download brief (the brief itself: dashboard/exports/brief*.py) --------------------------
BRIEF_FORMATS = (("docx", "Word"), ("html", "HTML"), ("pdf", "PDF"))


def brief_buttons() -> html.Div:
    """'Download brief' as Word, HTML or PDF: key figures, charts, caveats and sources."""
    return html.Div(
        [
            dmc.Text("Download brief:", size="sm", fw=600),
            *[
                html.Button(
                    label,
                    id={"type": "brief-btn", "format": fmt},
                    className="dl-btn",
                    **{"aria-label": f"Download a brief on this country as {label}"},
                )
                for fmt, label in BRIEF_FORMATS
            ],
            dcc.Loading(html.Span(id="brief-status", className="cell-note"), type="dot"),
            dcc.Download(id="brief-download"),
        ],
        className="brief-buttons",
        id="brief-buttons",
        style={
            "display": "flex",
            "gap": "6px",
            "alignItems": "center",
            "flexWrap": "wrap",
            "marginTop": "6px",
        },
    )


def register_brief_download(app: Dash) -> None:
    @app.callback(
        Output("brief-download", "data"),
        Output("brief-status", "children"),
        Input({"type": "brief-btn", "format": ALL}, "n_clicks"),
        State("country-code", "data"),
        prevent_initial_call=True,
    )
    def download_brief(clicks, code):
        from dashboard.app import context
        from dashboard.exports.brief import BriefError, build_brief, render
        from dashboard.exports.images import ImageError

        if not code or not any(clicks or []) or not isinstance(ctx.triggered_id, dict):
            return no_update, no_update
        fmt = ctx.triggered_id["format"]
        try:
            made = build_brief(context.store(), code)
            data = render(made, fmt)
        except (BriefError, ImageError) as exc:
            return no_update, f"Could not make the brief: {exc}"
        name = made.filename(fmt)
        return dcc.send_bytes(data, name), f"Downloaded {name}"
