"""The country profile page: title and facts, the brief buttons, the sentences, every
indicator, the chart against the region and the world with its controls, context, data gaps
and sources. An unknown code gives a notice and a country picker instead."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard.app import context
from dashboard.app.components.cards import chart_card
from dashboard.app.components.controls import (
    indicator_picker,
    normalisation_control,
    notices,
    scale_control,
    select,
)
from dashboard.app.components.platform_mix import mix_block
from dashboard.app.components.publications import publication_link
from dashboard.app.components.sentences import narrative_block
from dashboard.app.lookups import (
    countries,
    country_codes,
    indicator_options,
    indicators_by_id,
    units,
)
from dashboard.app.pages.country.state import STATE, CountryState, own_indicators
from dashboard.app.pages.country.view import NCMEC_YEARS, country_facts, indicator_table
from dashboard.app.urlstate import parse_state
from dashboard.wording.units import value_text

PATH = "/country/"
JUMPS = (
    ("indicators", "Every indicator"),
    ("modus-operandi", "Incident types"),
    ("comparison", "Region and world"),
    ("context", "Context"),
    ("gaps", "Data gaps"),
    ("sources", "Sources"),
)
# The brief itself: dashboard/exports/brief*.py
BRIEF_FORMATS = (("docx", "Word"), ("html", "HTML"), ("pdf", "PDF"))


def layout(path: str, query: dict[str, str]) -> html.Div:
    code = path.removeprefix(PATH).strip("/").upper()
    if code not in country_codes():
        _, messages = parse_state(CountryState, query)
        return unknown_country(code, messages)
    state, messages = STATE.from_query(query, code)
    entity = context.store().entities.set_index("code").loc[code]
    country = country_facts(code)
    meta = indicators_by_id()
    income = (entity["income_group"] or "not listed").replace("_", " ")
    facts = f"UN region: {entity['un_region'] or 'not listed'} · Income group: {income}"
    return html.Div(
        [
            dcc.Store(id="country-code", data=code),
            dmc.Group(
                [
                    html.Div(
                        [
                            dmc.Title(
                                f"{entity['name']} ({code})", order=1, size="h2", id="country-title"
                            ),
                            dmc.Text(facts, c="dimmed", size="sm", id="country-facts"),
                        ]
                    ),
                    country_picker(code),
                ],
                justify="space-between",
                align="flex-end",
            ),
            brief_buttons(),
            *notices(messages),
            html.Nav(
                [
                    html.A(label, href=f"#{anchor}", className="jump-link")
                    for anchor, label in JUMPS
                ],
                className="jump-links",
                **{"aria-label": "On this page"},
            ),
            narrative_block("country-narrative", country.narrative),
            dmc.Title("Every published indicator", order=3, mt="md", id="indicators"),
            indicator_table(country.table, meta)
            if len(country.table)
            else dmc.Text("No published OCSE indicator for this country.", id="profile-table"),
            dmc.Title(
                "Incident types of its CyberTipline referrals (NCMEC Global Platform)",
                order=3,
                mt="md",
                id="modus-operandi",
            ),
            *[part for part in mix_block(code, "country-mo") if part is not None],
            dmc.Title(
                f"Against {entity['un_region'] or 'its region'} and the world",
                order=3,
                mt="md",
                id="comparison",
            ),
            dmc.Group(
                [
                    indicator_picker(
                        "country-indicator",
                        state.indicator,
                        indicator_options(own_indicators(code)),
                    ),
                    normalisation_control("country-norm", state.norm),
                    scale_control(
                        "country-scale", state.scale, mt=24, **{"aria-label": "Axis scale"}
                    ),
                ],
                align="flex-start",
            ),
            html.Div(chart_card("country"), className="card-wrap"),
            dmc.SimpleGrid(
                [
                    html.Section(
                        [
                            dmc.Title("Context", order=4, id="context"),
                            context_table(country.context_rows, meta["name"].to_dict()),
                        ]
                    ),
                    html.Section(
                        [
                            dmc.Title("Data gaps", order=4, id="gaps"),
                            *gaps_block(country.gaps, country.missing, NCMEC_YEARS),
                        ]
                    ),
                ],
                cols=2,
                spacing="lg",
                mt="md",
            ),
            dmc.Title("Sources", order=4, mt="md", id="sources"),
            sources_list(country.sources),
        ]
    )


def unknown_country(code: str, messages: list[str]) -> html.Div:
    what = f"No country with the code '{code}'." if code else "No country chosen."
    return html.Div(
        [
            dmc.Title("Country profile", order=1, size="h2"),
            *notices([*messages, f"{what} Choose a country below."]),
            country_picker(None),
            dmc.Text(["Or pick a country on the ", dcc.Link("map", href="/map"), "."], mt="sm"),
        ]
    )


@context.per_store
def country_options() -> list[dict]:
    """The picker's choices: every country with at least one observation."""
    used = set(context.store().observations["entity"].unique())
    rows = countries()
    rows = rows[rows["code"].isin(used)]
    return [
        {"value": c, "label": f"{n} ({c})"} for c, n in zip(rows["code"], rows["name"], strict=True)
    ]


def country_picker(value: str | None) -> dmc.Select:
    return select(
        "country-picker",
        "Open another country",
        country_options(),
        value,
        320,
        searchable=True,
        placeholder="Type a country name",
        nothingFoundMessage="No country with that name",
        comboboxProps={"zIndex": 400},
    )


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


def context_table(rows: pd.DataFrame, names: dict) -> html.Table:
    body = [
        html.Tr(
            [
                html.Td(names.get(r["indicator"], r["indicator"])),
                html.Td(int(r["year"])),
                html.Td(value_text(r["value"], r["flags"], r["unit"], units())),
                html.Td(
                    publication_link(r["source_id"], "source", cited=True, page=r.get("source_url"))
                ),
            ]
        )
        for r in rows.to_dict("records")
    ]
    head = html.Tr([html.Th(c, scope="col") for c in ("Series", "Year", "Latest", "Source")])
    return html.Table(
        [html.Thead(head), html.Tbody(body or [html.Tr(html.Td("No context series."))])],
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
            html.Li([f"{r['publisher']}, ", publication_link(r["id"])])
            for r in frame.to_dict("records")
        ],
        className="source-list",
        id="country-sources",
    )
