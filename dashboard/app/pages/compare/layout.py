"""The compare page: indicator and up to ten countries or regions, how to show them (raw,
normalised or indexed to a base year), the axis scale, and the chart card."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.app import context
from dashboard.app.components.cards import chart_card
from dashboard.app.components.controls import (
    indicator_picker,
    normalisation_control,
    scale_control,
    select,
)
from dashboard.app.components.page import page_heading
from dashboard.app.lookups import indicator_options, reports_caveat
from dashboard.app.pages.compare.state import MAX_ENTITIES, STATE, base_years
from dashboard.language import _

PATH = "/compare"


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = STATE.from_query(query)
    return html.Div(
        [
            *page_heading(
                _("Compare countries and regions"),
                _(
                    "Up to ten on one chart. {reports_caveat} Normalising by population or "
                    "internet users does not change that."
                ).format(reports_caveat=reports_caveat()),
                messages,
            ),
            dmc.Group(
                [
                    indicator_picker("compare-indicator", state.indicator, indicator_options()),
                    dmc.MultiSelect(
                        id="compare-entities",
                        label=_("Countries or regions (max 10)"),
                        data=entity_options(),
                        value=state.entities,
                        searchable=True,
                        maxValues=MAX_ENTITIES,
                        w=420,
                        clearable=True,
                    ),
                ],
                align="flex-start",
                mt="md",
            ),
            dmc.Group(
                [
                    normalisation_control("compare-norm", state.norm),
                    select(
                        "compare-base",
                        _("Base year (for the index)"),
                        [str(y) for y in base_years(state.indicator, tuple(state.entities))],
                        str(state.base) if state.base else None,
                        180,
                        placeholder=_("first year"),
                        clearable=True,
                        allowDeselect=True,
                    ),
                    scale_control("compare-scale", state.scale),
                ],
                mt="sm",
            ),
            html.Div(chart_card("compare"), className="card-wrap"),
        ]
    )


@context.per_store
def entity_options() -> list[dict]:
    """Countries and territories, then the world, regions and 'no country', by name."""
    store = context.store()
    used = set(store.observations["entity"].unique())
    entities = store.entities[store.entities["code"].isin(used)]
    countries = entities[entities["kind"] == "country"].sort_values("name")
    regions = entities[entities["kind"] != "country"].sort_values("name")
    return [
        {
            "group": _("Countries and territories"),
            "items": [
                {"value": c, "label": f"{n} ({c})"}
                for c, n in zip(countries["code"], countries["name"], strict=True)
            ],
        },
        {
            "group": _("World, regions, no country"),
            "items": [
                {"value": c, "label": n}
                for c, n in zip(regions["code"], regions["name"], strict=True)
            ],
        },
    ]
