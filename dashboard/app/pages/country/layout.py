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
from dashboard.language import N_, _
from dashboard.wording.profile import income_words
from dashboard.wording.units import value_text

PATH = "/country/"
JUMPS = (  # labels translated where shown
    ("indicators", N_("Every indicator")),
    ("modus-operandi", N_("Incident types")),
    ("comparison", N_("Region and world")),
    ("context", N_("Context")),
    ("gaps", N_("Data gaps")),
    ("sources", N_("Sources")),
)
# The brief itself: dashboard/exports/brief*.py; format names stay as they are
BRIEF_FORMATS = (("docx", "Word"), ("html", "HTML"), ("pdf", "PDF"))


def layout(path: str, query: dict[str, str]) -> html.Div:
    code = path.removeprefix(PATH).strip("/").upper()
    if code not in country_codes():
        _state, messages = parse_state(CountryState, query)
        return unknown_country(code, messages)
    state, messages = STATE.from_query(query, code)
    entity = context.store().entities.set_index("code").loc[code]
    country = country_facts(code)
    meta = indicators_by_id()
    facts = _("UN region: {region} · Income group: {income}").format(
        region=entity["un_region"] or _("not listed"), income=income_words(entity["income_group"])
    )
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
                    html.A(_(label), href=f"#{anchor}", className="jump-link")
                    for anchor, label in JUMPS
                ],
                className="jump-links",
                **{"aria-label": _("On this page")},
            ),
            narrative_block("country-narrative", country.narrative),
            dmc.Title(_("Every published indicator"), order=3, mt="md", id="indicators"),
            indicator_table(country.table, meta)
            if len(country.table)
            else dmc.Text(_("No published OCSE indicator for this country."), id="profile-table"),
            dmc.Title(
                _("Incident types of its CyberTipline referrals (NCMEC Global Platform)"),
                order=3,
                mt="md",
                id="modus-operandi",
            ),
            *[part for part in mix_block(code, "country-mo") if part is not None],
            dmc.Title(
                _("Against {region} and the world").format(region=entity["un_region"])
                if entity["un_region"]
                else _("Against its region and the world"),
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
                        "country-scale", state.scale, mt=24, **{"aria-label": _("Axis scale")}
                    ),
                ],
                align="flex-start",
            ),
            html.Div(chart_card("country"), className="card-wrap"),
            dmc.SimpleGrid(
                [
                    html.Section(
                        [
                            dmc.Title(_("Context"), order=4, id="context"),
                            context_table(country.context_rows, meta["name"].to_dict()),
                        ]
                    ),
                    html.Section(
                        [
                            dmc.Title(_("Data gaps"), order=4, id="gaps"),
                            *gaps_block(country.gaps, country.missing, NCMEC_YEARS),
                        ]
                    ),
                ],
                cols=2,
                spacing="lg",
                mt="md",
            ),
            dmc.Title(_("Sources"), order=4, mt="md", id="sources"),
            sources_list(country.sources),
        ]
    )


def unknown_country(code: str, messages: list[str]) -> html.Div:
    what = (
        _("No country with the code '{code}'. Choose a country below.").format(code=code)
        if code
        else _("No country chosen. Choose a country below.")
    )
    before, _link, after = _("Or pick a country on the {map}.").partition("{map}")
    return html.Div(
        [
            dmc.Title(_("Country profile"), order=1, size="h2"),
            *notices([*messages, what]),
            country_picker(None),
            dmc.Text([before, dcc.Link(_("map"), href="/map"), after], mt="sm"),
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
        _("Open another country"),
        country_options(),
        value,
        320,
        searchable=True,
        placeholder=_("Type a country name"),
        nothingFoundMessage=_("No country with that name"),
        comboboxProps={"zIndex": 400},
    )


def brief_buttons() -> html.Div:
    """'Download brief' as Word, HTML or PDF: key figures, charts, caveats and sources."""
    return html.Div(
        [
            dmc.Text(_("Download brief:"), size="sm", fw=600),
            *[
                html.Button(
                    label,
                    id={"type": "brief-btn", "format": fmt},
                    className="dl-btn",
                    **{
                        "aria-label": _("Download a brief on this country as {format}").format(
                            format=label
                        )
                    },
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
                    publication_link(
                        r["source_id"], _("source"), cited=True, page=r.get("source_url")
                    )
                ),
            ]
        )
        for r in rows.to_dict("records")
    ]
    columns = (_("Series"), _("Year"), _("Latest"), _("Source"))
    head = html.Tr([html.Th(c, scope="col") for c in columns])
    return html.Table(
        [html.Thead(head), html.Tbody(body or [html.Tr(html.Td(_("No context series.")))])],
        className="focus-table",
        id="context-table",
    )


def gaps_block(gaps: list[tuple[str, list[str]]], missing: list[int], years: range) -> list:
    span = {"first": years[0], "last": years[-1]}
    ncmec = (
        _("NCMEC CyberTipline reports by country, {first}-{last}: missing {years}").format(
            years=", ".join(map(str, missing)), **span
        )
        if missing
        else _(
            "NCMEC CyberTipline reports by country, {first}-{last}: every year published."
        ).format(**span)
    )
    items = [html.Li(ncmec, id="gap-ncmec-years")]
    for publisher, names in gaps:
        items.append(html.Li([html.Strong(publisher + ": "), "; ".join(names)]))
    if not gaps:
        items.append(html.Li(_("Every indicator published for two or more countries has a value.")))
    return [
        dmc.Text(
            _("Indicators published for two or more countries with no value for this country:"),
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
