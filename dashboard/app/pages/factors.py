"""External factors: an indicator against internet use, GDP, child population or subscriptions."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import Dash, Input, Output, State, html

from dashboard.analysis.factors import (
    FACTORS,
    MIN_N,
    FactorInputs,
    country_growth,
    factor_series,
    growth_correlation,
    joined_frame,
    loglog_fit,
    observed_unit,
    spearman,
)
from dashboard.analysis.series import indicator_rows, indicator_series
from dashboard.app import context
from dashboard.app.components.cards import (
    card_data,
    card_footer,
    card_table,
    chart_card,
    safe_filename,
)
from dashboard.app.components.controls import (
    indicator_about,
    indicator_picker,
    normalisation_control,
    notices,
    scale_control,
)
from dashboard.app.lookups import (
    citation_lines,
    country_codes,
    entity_names,
    indicator_options,
    indicators_by_id,
    source_line,
)
from dashboard.app.pages import Page, factors_growth
from dashboard.app.pages import factors_view as view
from dashboard.app.pages.factors_state import (
    NORMS,
    FactorsState,
    checked_state,
    country_options,
    indicator_years,
    year_options,
)
from dashboard.app.urlstate import parse_state, to_query

PATH = "/factors"


def inputs_for(indicator: str, factor: str) -> FactorInputs:
    """The indicator's and the factor's series, each looked up once per store."""
    series, unit = indicator_inputs(indicator)
    return FactorInputs(series=series, unit=unit, context=factor_values(factor))


@context.per_store
def indicator_inputs(indicator: str) -> tuple[pd.DataFrame, str]:
    observations = context.store().observations
    return indicator_series(observations, indicator), observed_unit(observations, indicator)


@context.per_store
def factor_values(factor: str) -> pd.DataFrame:
    return factor_series(context.store().observations, factor)


def scatter_view(state: FactorsState) -> tuple:
    store = context.store()
    indicator = indicators_by_id().loc[state.indicator]
    pooled = state.year == "all"
    year = None if pooled else int(state.year)
    frame = joined_frame(
        inputs_for(state.indicator, state.factor),
        store.observations,
        state.indicator,
        state.factor,
        year,
        state.norm,
        country_codes(),
    )
    corr, fit = spearman(frame.rows), loglog_fit(frame.rows)
    names = entity_names()
    y_label = view.norm_label(state.norm, indicator["unit"])
    when = "all years pooled" if pooled else str(year)
    title = f"{indicator['name']}, {y_label}, vs {view.FACTOR_SHORT[state.factor]}, {when}"
    sources = [*frame.rows["source_id"], *factor_sources(state.factor)]
    figure = view.scatter_figure(
        frame, fit, names, y_label, state.factor, state.scale == "log", title, source_line(sources)
    )
    notes = view.pooling_note(pooled, sorted(set(frame.rows["year"])))
    if state.norm == "per_100k_internet_users" and state.factor == "internet_users_pct":
        notes.append(
            "The indicator is divided by internet users and plotted against internet use: "
            "part of any relation is built in by the arithmetic."
        )
    table = view.scatter_table(frame, names, state.factor)
    left_count, left_lines = view.left_out_summary(frame, names)
    stat_lines = view.stats_lines(corr, fit, frame, pooled)
    citations = citation_lines(sources, state.indicator)
    footer = [
        *stat_lines,
        *notes,
        f"Left out: {left_count} countries (listed beside the chart and in the CSV).",
        *citations,
    ]
    plain_title = title.replace("<br>", " ")
    left = [f"Left out: {line}" for line in left_lines]
    header = [
        f"{plain_title}. OCSE Statistics Dashboard, factors view.",
        *stat_lines,
        *notes,
        *left,
        *citations,
    ]
    filename = safe_filename("factors", state.indicator, state.norm, state.factor, state.year)
    return (
        figure,
        card_table(table, "factors-table-data"),
        card_footer(footer),
        card_data(table, header, filename),
        view.stats_panel(corr, fit, frame, (left_count, left_lines), pooled, notes),
    )


@context.per_store
def factor_sources(factor: str) -> list[str]:
    rows = indicator_rows(context.store().observations, factor, preferred=False)
    return sorted(rows["source_id"].unique())


def within_view(state: FactorsState) -> tuple:
    indicator = indicators_by_id().loc[state.indicator]
    inputs = inputs_for(state.indicator, state.factor)
    growth = country_growth(inputs, state.country, indicator["breaks"])
    corr = growth_correlation(growth)
    name = entity_names().get(state.country, state.country)
    sources = [*growth["source_id"], *factor_sources(state.factor)]
    figure = factors_growth.growth_figure(
        growth, indicator["name"], state.factor, name, source_line(sources)
    )
    if corr.refused:
        verdict = f"No correlation of the growth rates: {corr.refused}"
    else:
        verdict = (
            f"Spearman rho of the two growth rates = {corr.rho:.2f} ({view.fmt_p(corr.p)}), "
            f"n = {corr.n} year pairs."
        )
    table = factors_growth.growth_table(growth, state.factor)
    citations = citation_lines(sources, state.indicator)
    header = [f"{name}: year-on-year growth. OCSE Statistics Dashboard.", verdict, *citations]
    filename = safe_filename("growth", state.country, state.indicator, state.factor)
    return (
        figure,
        card_table(table, "factors-within-table-data"),
        card_footer([verdict, *citations]),
        card_data(table, header, filename),
        verdict,
    )


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = parse_state(FactorsState, query)
    state, more = checked_state(state)
    eligible = set(indicator_years())
    return html.Div(
        [
            dmc.Title("External factors", order=2),
            dmc.Text(
                "How an indicator lines up with internet use, income, child population or "
                "subscriptions, country by country. One point is one country in one year; "
                f"statistics need at least {MIN_N} points.",
                c="dimmed",
                size="sm",
            ),
            *notices(messages + more),
            dmc.Group(
                [
                    indicator_picker(
                        "factors-indicator", state.indicator, indicator_options(only=eligible)
                    ),
                    dmc.Select(
                        id="factors-factor",
                        label="Context factor",
                        data=[{"value": k, "label": v} for k, v in FACTORS.items()],
                        value=state.factor,
                        allowDeselect=False,
                        w=380,
                    ),
                ],
                align="flex-start",
                mt="md",
            ),
            dmc.Group(
                [
                    normalisation_control("factors-norm", state.norm, NORMS),
                    dmc.Select(
                        id="factors-year",
                        label="Year",
                        data=year_options(state.indicator),
                        value=state.year,
                        allowDeselect=False,
                        w=200,
                    ),
                    scale_control(
                        "factors-scale",
                        state.scale,
                        linear="Linear axes",
                        log="Log axes",
                        first="log",
                        mt=22,
                    ),
                ],
                mt="sm",
            ),
            dmc.Text(
                "The factor is taken for the same country and year as the indicator, never a "
                "nearby year; a rate's own denominator may come from up to two years away.",
                size="xs",
                c="dimmed",
                mt=4,
            ),
            dmc.Grid(
                [
                    dmc.GridCol(html.Div(chart_card("factors"), className="card-wrap"), span=8),
                    dmc.GridCol(
                        html.Aside(
                            id="factors-stats",
                            className="stats-panel",
                            **{"aria-label": "Statistics"},
                        ),
                        span=4,
                    ),
                ],
                mt="sm",
            ),
            dmc.Alert(
                view.CAVEAT,
                title="Read this before quoting",
                color="gray",
                mt="md",
                id="factors-caveat",
            ),
            dmc.Title("Within one country: does growth track growth?", order=3, mt="xl"),
            dmc.Text(
                "Compares the change on the year before of the indicator (as published) and of "
                "the factor. No growth is computed across a series break.",
                c="dimmed",
                size="sm",
            ),
            dmc.Select(
                id="factors-country",
                label="Country",
                data=country_options(state.indicator),
                value=state.country,
                searchable=True,
                allowDeselect=False,
                w=300,
                mt="sm",
            ),
            dmc.Text(id="factors-within-verdict", size="sm", mt="xs"),
            html.Div(chart_card("factors-within"), className="card-wrap"),
        ]
    )


INPUTS = [
    Input("factors-indicator", "value"),
    Input("factors-norm", "value"),
    Input("factors-factor", "value"),
    Input("factors-year", "value"),
    Input("factors-scale", "value"),
    Input("factors-country", "value"),
]


def _state(indicator, norm, factor, year, scale, country) -> FactorsState:
    defaults = FactorsState()
    state = FactorsState(
        indicator=indicator or defaults.indicator,
        norm=norm if norm in NORMS else defaults.norm,
        factor=factor if factor in FACTORS else defaults.factor,
        year=year or None,
        scale=scale or defaults.scale,
        country=country or defaults.country,
    )
    return checked_state(state)[0]


def register(app: Dash) -> None:
    @app.callback(
        Output("factors-year", "data"),
        Output("factors-year", "value"),
        Output("factors-country", "data"),
        Output("factors-country", "value"),
        Input("factors-indicator", "value"),
        State("factors-year", "value"),
        State("factors-country", "value"),
        prevent_initial_call=True,
    )
    def options(indicator, year, country):
        state = _state(indicator, None, None, year, None, country)
        return (
            year_options(state.indicator),
            state.year,
            country_options(state.indicator),
            state.country,
        )

    @app.callback(
        Output("factors-graph", "figure"),
        Output("factors-table", "children"),
        Output("factors-footer", "children"),
        Output({"type": "card-data", "card": "factors"}, "data"),
        Output("factors-stats", "children"),
        Output("factors-indicator-about", "children"),
        *INPUTS[:5],
    )
    def update(*values):
        state = _state(*values, None)
        return (*scatter_view(state), indicator_about(state.indicator))

    @app.callback(
        Output("factors-within-graph", "figure"),
        Output("factors-within-table", "children"),
        Output("factors-within-footer", "children"),
        Output({"type": "card-data", "card": "factors-within"}, "data"),
        Output("factors-within-verdict", "children"),
        Input("factors-indicator", "value"),
        Input("factors-factor", "value"),
        Input("factors-country", "value"),
    )
    def update_within(indicator, factor, country):
        return within_view(_state(indicator, None, factor, None, None, country))

    @app.callback(Output("url", "search", allow_duplicate=True), *INPUTS, prevent_initial_call=True)
    def sync_url(*values):
        state = _state(*values)
        return to_query(state.model_dump(), FactorsState())


PAGE = Page(PATH, "Factors", layout, register)
