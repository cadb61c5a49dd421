"""The Emerging threats page: indicator and year, the four thresholds, the summary and ranked
list, the chart card, and how the method works."""

from __future__ import annotations

import dash_mantine_components as dmc
from babel.numbers import get_decimal_symbol, get_group_symbol
from dash import html

from dashboard.analysis.emerging import MIN_HISTORY, MIN_PEERS, MIN_SCALE
from dashboard.app.components.cards import chart_card
from dashboard.app.components.controls import indicator_picker, select
from dashboard.app.components.page import page_heading
from dashboard.app.lookups import indicator_options, indicators_by_id, reports_caveat
from dashboard.app.pages.emerging.state import (
    STATE,
    EmergingState,
    eligible,
    focus_names,
    year_options,
)
from dashboard.language import _, current, decimal

PATH = "/emerging"


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = STATE.from_query(query)
    return html.Div(
        [
            *page_heading(
                _("Emerging threats"),
                _(
                    "Unusual rises in published counts, country by country, each with the reason "
                    "it was flagged. A flag is a reason to look closer, not evidence of more "
                    "abuse. {caveat}"
                ).format(caveat=reports_caveat()),
                messages,
            ),
            *controls(state),
            html.Div(id="emerging-live-notices"),
            html.P(id="emerging-summary", className="emerging-summary", role="status"),
            html.Div(id="emerging-list", className="emerging-list"),
            html.Div(chart_card("emerging"), className="card-wrap"),
            track_section(),
            method_section(indicators_by_id().loc[state.indicator, "unit"]),
        ]
    )


def controls(state: EmergingState) -> list:
    return [
        dmc.Group(
            [
                indicator_picker(
                    "emerging-indicator", state.indicator, indicator_options(set(eligible()))
                ),
                select(
                    "emerging-year",
                    _("Year"),
                    year_options(state.indicator),
                    str(state.year),
                    200,
                ),
                dmc.Switch(
                    id="emerging-focus",
                    label=_("Focus countries only ({countries})").format(countries=focus_names()),
                    checked=state.focus,
                    mt=28,
                ),
            ],
            align="flex-start",
            mt="md",
        ),
        dmc.Group(
            [
                number_input(
                    "emerging-min-base",
                    _("Minimum earlier value"),
                    state.min_base,
                    step=500,
                    allowDecimal=False,
                    description=_("smaller bases are never flagged"),
                ),
                number_input(
                    "emerging-min-growth",
                    _("Minimum growth (%)"),
                    state.min_growth,
                    step=10,
                    description=_("rise from the year before"),
                ),
                number_input(
                    "emerging-own-z",
                    _("Own-history score at least"),
                    state.own_z,
                    step=0.5,
                    decimalScale=2,
                    description=_("vs the country's other years"),
                ),
                number_input(
                    "emerging-peer-z",
                    _("Peer score at least"),
                    state.peer_z,
                    step=0.5,
                    decimalScale=2,
                    description=_("vs all countries that year"),
                ),
            ],
            align="flex-start",
            mt="sm",
        ),
    ]


def track_section() -> html.Section:
    """Filled by the callback: the thresholds' record in earlier years (track.py)."""
    return html.Section(
        [
            dmc.Title(_("Track record: how these thresholds did in earlier years"), order=3),
            dmc.Text(
                _(
                    "Every rise these thresholds would have flagged in each earlier year, in all "
                    "countries, and what the next year's figure did; the naive rule flags every "
                    "rise of 50% or more from the same minimum base. It changes with the "
                    "thresholds above."
                ),
                size="sm",
                c="dimmed",
            ),
            html.Div(id="emerging-track", role="status"),
        ],
        id="emerging-track-record",
        className="method",
    )


def number_input(component_id: str, label: str, value: float, **props) -> dmc.NumberInput:
    return dmc.NumberInput(
        id=component_id,
        label=label,
        value=value,
        min=0,
        debounce=400,
        w=200,
        thousandSeparator=get_group_symbol(locale=current()),
        decimalSeparator=get_decimal_symbol(locale=current()),
        **props,
    )


def method_section(unit: str) -> html.Section:
    """What the page computes, in words a report writer can check and repeat."""
    points = [
        (
            _("Growth"),
            _(
                "For each country and year the change from the year before is measured as "
                "log growth, ln(this year / last year). Only consecutive years are compared, and "
                "never across a series break: NCMEC's 2024 bundling of duplicate reports makes "
                "2024 incomparable with 2023, so no change into 2024 is scored."
            ),
        ),
        (
            _("Against its own history"),
            _(
                "How far this year's growth lies above the country's "
                "usual growth: (growth − median of its other years' growths) / (1.4826 × MAD), "
                "where MAD is the median absolute deviation. 1.4826 × MAD estimates a standard "
                "deviation that one odd year cannot inflate. It needs at least {years} other "
                "years in the same stretch between breaks. NCMEC's by-country tables cover "
                "2019–2023, so each country has at most four changes and this score is rough; "
                "the spread is never taken below {spread} (about 10%), so a very steady history "
                "cannot turn a small wobble into a huge score."
            ).format(years=MIN_HISTORY, spread=decimal(MIN_SCALE, "0.0##")),
        ),
        (
            _("Against peers"),
            _(
                "The same score against every country's growth in that year "
                "(at least {countries} countries): it asks whether the rise stands out from the "
                "general movement of reporting that year."
            ).format(countries=MIN_PEERS),
        ),
        (
            _("When a rise is flagged"),
            _(
                "The earlier year's value must be at least the minimum "
                "base (so small numbers do not cry wolf), growth at least the minimum growth, and "
                "the own-history score or the peer score must reach its threshold. The list is "
                "ranked by the larger score that fired. Change the thresholds above; the URL "
                "keeps them, so a link reproduces this exact list."
            ),
        ),
        (
            _("What a flag means"),
            _(
                "Counts of {unit} reflect how platforms detect and "
                "report, and where uploads geolocate (VPNs distort this). They are not counts of "
                "victims and not a measure of prevalence. A flag is a reason to look closer: a "
                "new platform reporting, a change in detection or a shift in geolocation can "
                "each produce one."
            ).format(unit=unit or _("reports")),
        ),
        (
            _("Reproduce it"),
            _(
                "{notebook} rebuilds this list from the "
                "store, without the dashboard, using the same functions "
                "({module})."
            ).format(
                notebook="notebooks/03_emerging_threats.ipynb",
                module="dashboard/analysis/emerging.py",
            ),
        ),
    ]
    return html.Section(
        [
            dmc.Title(_("How this works"), order=3),
            html.Dl(
                [item for term, text in points for item in (html.Dt(term), html.Dd(text))],
                className="method-list",
            ),
        ],
        id="emerging-method",
        className="method",
    )
