"""What Emerging threats shows for a checked state: the summary, the ranked list with the
reason for each flag, the small multiples, the table and the downloads."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard.analysis.emerging import (
    MIN_HISTORY,
    MIN_PEERS,
    apply_thresholds,
    ranked_flags,
    selected_years,
)
from dashboard.analysis.series import indicator_series, with_segments
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.lookups import (
    citation_lines,
    indicators_by_id,
    reports_caveat,
    source_line,
    units,
)
from dashboard.app.pages.emerging.figures import (
    GRID_COLUMNS,
    SPARK_H,
    SPARK_W,
    by_entity,
    small_multiples,
    sparkline_svg,
)
from dashboard.app.pages.emerging.state import EmergingState, focus_countries, indicator_scores
from dashboard.charts.style import base_layout
from dashboard.wording.numbers import format_pct, format_value
from dashboard.wording.reasons import with_reasons
from dashboard.wording.units import after_value

LIST_LIMIT = 30
PANELS = 12


@context.per_store
def country_series(indicator: str) -> pd.DataFrame:
    """Every country's published series of the indicator, stretches between breaks numbered."""
    store = context.store()
    breaks = [int(b) for b in indicators_by_id().loc[indicator, "breaks"]]
    countries = list(store.entities.loc[store.entities["kind"] == "country", "code"])
    return with_segments(indicator_series(store.observations, indicator, countries), breaks)


def unit_suffix(unit: str) -> str:
    word = after_value(unit, units())
    return f" {word}" if word else ""


def threshold_text(state: EmergingState, unit: str) -> str:
    return (
        f"earlier value at least {format_value(state.min_base)}{unit_suffix(unit)}; "
        f"growth at least {format_pct(state.min_growth)}; "
        f"own-history score at least {state.own_z:g} or peer score at least {state.peer_z:g}"
    )


def emerging_view(state: EmergingState) -> tuple:
    """Summary, ranked list, figure, table, footer and card data for one state."""
    indicator = indicators_by_id().loc[state.indicator]
    breaks = [int(b) for b in indicator["breaks"]]
    unit = indicator["unit"]
    params = state.params()
    scored = apply_thresholds(indicator_scores(state.indicator), params)
    in_year = scored[selected_years(scored, state.year)]
    flagged = with_reasons(ranked_flags(in_year, params), params, units())
    focus = focus_countries()
    if state.focus:
        flagged = flagged[flagged["entity"].isin(focus)]  # ranks stay those among all countries
    everyone = country_series(state.indicator)
    years = (int(everyone["year"].min()), int(everyone["year"].max()))
    series = everyone[everyone["entity"].isin(flagged["entity"])]
    when = "in all years" if state.year == "all" else f"in {int(in_year['year'].max())}"
    checked = int(in_year["log_growth"].notna().sum())
    counted = (
        "in the focus countries"
        if state.focus
        else f"among {checked} year-on-year change{'s' if checked != 1 else ''} checked"
    )
    summary = (
        f"{len(flagged)} rise{'s' if len(flagged) != 1 else ''} flagged {when} {counted}. "
        f"{focus_sentence(flagged, focus, when)} Thresholds: {threshold_text(state, unit)}."
    )
    if checked and in_year[["own_z", "peer_z"]].isna().all().all():
        summary += (
            f" None of these changes can be scored: a country needs at least {MIN_HISTORY} other "
            f"year-on-year changes, and a peer score at least {MIN_PEERS} countries."
        )
    title = f"Flagged rises {when}: {indicator['name']}"
    figure = small_multiples(flagged, series, breaks, unit, PANELS)
    sources = sorted(set(flagged["source_id"]) | set(flagged["previous_source_id"]))
    plotted = series[series["entity"].isin(flagged["entity"].head(PANELS))]["source_id"]
    base_layout(
        figure,
        f"{title} (top {min(PANELS, len(flagged))})" if len(flagged) else title,
        source_line(list(plotted) or list(everyone["source_id"])),
        height=120 + 180 * max(1, -(-min(PANELS, len(flagged)) // GRID_COLUMNS)),
    )
    figure.update_layout(margin={"t": 70})
    table = list_frame(flagged)
    header = [
        f"{title}. OCSE Statistics Dashboard, emerging threats view.",
        f"Thresholds: {threshold_text(state, unit)}.",
        "Method: log growth against the country's other years and against all countries that "
        "year, robust scores (median and 1.4826 x MAD); never across a series break. "
        f"{reports_caveat()}",
        *citation_lines(sources, state.indicator),
    ]
    filename = safe_filename("emerging", state.indicator, state.year)
    return (
        summary,
        ranked_list(
            flagged,
            series,
            years,
            breaks,
            LIST_LIMIT,
            set(focus),
            focus_sentence(flagged, focus, when) + " Show all countries, lower a threshold or "
            "choose another year."
            if state.focus
            else "No rise meets these thresholds. Lower a threshold or choose another year.",
        ),
        figure,
        card_table(table, "emerging-table-data"),
        card_footer(header[2:]),
        card_file(table, header, filename, state),
    )


def focus_sentence(flagged: pd.DataFrame, focus: dict[str, str], when: str) -> str:
    """Whether any focus country is flagged, said plainly either way."""
    shown = flagged[flagged["entity"].isin(focus)]
    if shown.empty:
        return f"None of the focus countries ({', '.join(focus.values())}) is flagged {when}."
    with_year = shown["year"].nunique() > 1
    named = [
        f"{focus[r['entity']]}{' ' + str(r['year']) if with_year else ''} (#{r['rank']})"
        for r in shown.to_dict("records")
    ]
    return f"Focus countries flagged {when}: {', '.join(named)}."


def ranked_list(
    flagged: pd.DataFrame,
    series: pd.DataFrame,
    years: tuple[int, int],
    breaks: list[int],
    limit: int,
    focus: set[str] = frozenset(),
    empty_text: str = "No rise meets these thresholds. Lower a threshold or choose another year.",
) -> html.Div:
    """The top rows as a table a person reads down: who, when, how much, why, and the line;
    focus countries marked in words and colour."""
    if flagged.empty:
        return html.Div(
            dmc.Text(empty_text, c="dimmed"),
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
                className="focus-row" if r["entity"] in focus else None,
                children=[
                    html.Td(str(r["rank"])),
                    html.Td(
                        [
                            dcc.Link(r["name"], href=f"/country/{r['entity']}"),
                            *(
                                [" ", html.Span("focus", className="focus-badge")]
                                if r["entity"] in focus
                                else []
                            ),
                        ]
                    ),
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
                ],
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
        tabIndex="0",  # a region that may scroll sideways on a phone: reachable by keyboard
        role="region",
        **{"aria-label": "Rises flagged, by score"},
    )


def score_cell(score: float, note: str, fired: bool) -> html.Td:
    if pd.isna(score):
        return html.Td("–", title=note or "not computed", className="score na")
    return html.Td(f"{score:.1f}", className="score fired" if fired else "score")


def sparkline_alt(name: str, series: pd.DataFrame) -> str:
    pairs = zip(series["year"].tolist(), series["value"].tolist(), strict=True)
    values = "; ".join(f"{year}: {format_value(value)}" for year, value in pairs)
    return f"{name}, values by year: {values}"


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
