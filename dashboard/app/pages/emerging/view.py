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
from dashboard.language import N_, _, decimal, ngettext
from dashboard.wording.numbers import format_pct, format_value
from dashboard.wording.reasons import with_reasons
from dashboard.wording.units import after_value

LIST_LIMIT = 30
PANELS = 12
NO_RISE = N_("No rise meets these thresholds. Lower a threshold or choose another year.")


@context.per_store
def country_series(indicator: str) -> pd.DataFrame:
    """Every country's published series of the indicator, stretches between breaks numbered."""
    store = context.store()
    breaks = [int(b) for b in indicators_by_id().loc[indicator, "breaks"]]
    countries = list(store.entities.loc[store.entities["kind"] == "country", "code"])
    return with_segments(indicator_series(store.observations, indicator, countries), breaks)


@context.per_store
def country_lines(indicator: str) -> dict[str, pd.DataFrame]:
    """Each country's series of the indicator, split once per store: the list and the panels
    draw a few of them."""
    return by_entity(country_series(indicator))


def unit_suffix(unit: str) -> str:
    word = after_value(unit, units())
    return f" {word}" if word else ""


def threshold_text(state: EmergingState, unit: str) -> str:
    return _(
        "earlier value at least {value}; growth at least {growth}; "
        "own-history score at least {own} or peer score at least {peer}"
    ).format(
        value=format_value(state.min_base) + unit_suffix(unit),
        growth=format_pct(state.min_growth),
        own=score_text(state.own_z),
        peer=score_text(state.peer_z),
    )


def score_text(score: float) -> str:
    """A threshold as typed: 2.5, 3 (up to six significant digits, as `:g` writes them)."""
    return decimal(score, "#,##0.#####")


def first_sentence(flagged: int, year: int | None, focus: bool, checked: int) -> str:
    """'12 rises flagged in 2023 among 150 year-on-year changes checked.', one whole message per
    case (a year or all years; the focus countries or all)."""
    if focus:
        if year is None:
            text = ngettext(
                "{count} rise flagged in all years in the focus countries.",
                "{count} rises flagged in all years in the focus countries.",
                flagged,
            )
        else:
            text = ngettext(
                "{count} rise flagged in {year} in the focus countries.",
                "{count} rises flagged in {year} in the focus countries.",
                flagged,
            )
        return text.format(count=decimal(flagged), year=year)
    changes = ngettext(
        "{count} year-on-year change", "{count} year-on-year changes", checked
    ).format(count=decimal(checked))
    if year is None:
        text = ngettext(
            "{count} rise flagged in all years among {changes} checked.",
            "{count} rises flagged in all years among {changes} checked.",
            flagged,
        )
    else:
        text = ngettext(
            "{count} rise flagged in {year} among {changes} checked.",
            "{count} rises flagged in {year} among {changes} checked.",
            flagged,
        )
    return text.format(count=decimal(flagged), year=year, changes=changes)


def emerging_view(state: EmergingState) -> tuple:
    """Summary, ranked list, figure, table, footer and card data for one state."""
    indicator = indicators_by_id().loc[state.indicator]
    breaks = [int(b) for b in indicator["breaks"]]
    unit = indicator["unit"]
    params = state.params()
    scored = apply_thresholds(indicator_scores(state.indicator), params)
    in_year = scored[selected_years(scored, state.year)]
    flagged = with_reasons(ranked_flags(in_year, params), params, units())
    # which test fired, from the scores (the `tests` column is words for readers)
    flagged = flagged.assign(
        own_fired=flagged["own_z"].ge(state.own_z), peer_fired=flagged["peer_z"].ge(state.peer_z)
    )
    focus = focus_countries()
    if state.focus:
        flagged = flagged[flagged["entity"].isin(focus)]  # ranks stay those among all countries
    everyone = country_series(state.indicator)
    years = (int(everyone["year"].min()), int(everyone["year"].max()))
    when = None if state.year == "all" else int(in_year["year"].max())
    checked = int(in_year["log_growth"].notna().sum())
    summary = " ".join(
        [
            first_sentence(len(flagged), when, state.focus, checked),
            focus_sentence(flagged, focus, when),
            _("Thresholds: {thresholds}.").format(thresholds=threshold_text(state, unit)),
        ]
    )
    if checked and in_year[["own_z", "peer_z"]].isna().all().all():
        summary += " " + _(
            "None of these changes can be scored: a country needs at least {history} other "
            "year-on-year changes, and a peer score at least {peers} countries."
        ).format(history=MIN_HISTORY, peers=MIN_PEERS)
    if when is None:
        title = _("Flagged rises in all years: {indicator}").format(indicator=indicator["name"])
    else:
        title = _("Flagged rises in {year}: {indicator}").format(
            year=when, indicator=indicator["name"]
        )
    lines = country_lines(state.indicator)
    figure = small_multiples(flagged, lines, breaks, unit, PANELS)
    sources = sorted(set(flagged["source_id"]) | set(flagged["previous_source_id"]))
    plotted = everyone[everyone["entity"].isin(flagged["entity"].head(PANELS))]["source_id"]
    base_layout(
        figure,
        _("{title} (top {count})").format(title=title, count=min(PANELS, len(flagged)))
        if len(flagged)
        else title,
        source_line(list(plotted) or list(everyone["source_id"])),
        height=120 + 180 * max(1, -(-min(PANELS, len(flagged)) // GRID_COLUMNS)),
    )
    figure.update_layout(margin={"t": 70})
    table = list_frame(flagged)
    header = [
        _("{title}. OCSE Statistics Dashboard, emerging threats view.").format(title=title),
        _("Thresholds: {thresholds}.").format(thresholds=threshold_text(state, unit)),
        _(
            "Method: log growth against the country's other years and against all countries "
            "that year, robust scores (median and 1.4826 x MAD); never across a series break. "
            "{caveat}"
        ).format(caveat=reports_caveat()),
        *citation_lines(sources, state.indicator),
    ]
    filename = safe_filename("emerging", state.indicator, state.year)
    return (
        summary,
        ranked_list(
            flagged,
            lines,
            years,
            breaks,
            LIST_LIMIT,
            set(focus),
            focus_sentence(flagged, focus, when)
            + " "
            + _("Show all countries, lower a threshold or choose another year.")
            if state.focus
            else _(NO_RISE),
        ),
        figure,
        card_table(table, "emerging-table-data"),
        card_footer(header[2:]),
        card_file(table, header, filename, state),
    )


def focus_sentence(flagged: pd.DataFrame, focus: dict[str, str], when: int | None) -> str:
    """Whether any focus country is flagged (in year `when`, or in all years if None), said
    plainly either way."""
    shown = flagged[flagged["entity"].isin(focus)]
    if shown.empty:
        countries = ", ".join(focus.values())
        if when is None:
            return _("None of the focus countries ({countries}) is flagged in all years.").format(
                countries=countries
            )
        return _("None of the focus countries ({countries}) is flagged in {year}.").format(
            countries=countries, year=when
        )
    with_year = shown["year"].nunique() > 1
    named = [
        f"{focus[r['entity']]}{' ' + str(r['year']) if with_year else ''} (#{r['rank']})"
        for r in shown.to_dict("records")
    ]
    if when is None:
        return _("Focus countries flagged in all years: {countries}.").format(
            countries=", ".join(named)
        )
    return _("Focus countries flagged in {year}: {countries}.").format(
        year=when, countries=", ".join(named)
    )


def ranked_list(
    flagged: pd.DataFrame,
    lines: dict[str, pd.DataFrame],
    years: tuple[int, int],
    breaks: list[int],
    limit: int,
    focus: set[str] = frozenset(),
    empty_text: str = "",
) -> html.Div:
    """The top rows as a table a person reads down: who, when, how much, why, and the line
    (from `lines`, each country's series); focus countries marked in words and colour."""
    if flagged.empty:
        return html.Div(
            dmc.Text(empty_text or _(NO_RISE), c="dimmed"),
            className="emerging-empty",
        )
    header = html.Thead(
        html.Tr(
            [
                html.Th(h, scope="col")
                for h in [
                    "#",
                    _("Country"),
                    _("Year"),
                    _("From → to"),
                    _("Growth"),
                    _("Own score"),
                    _("Peer score"),
                    _("Why it was flagged"),
                    _("Trend"),
                ]
            ]
        )
    )
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
                                [" ", html.Span(_("focus"), className="focus-badge")]
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
                    html.Td(format_pct(r["growth_pct"]), className="num"),
                    score_cell(r["own_z"], r["own_note"], r["own_fired"]),
                    score_cell(r["peer_z"], r["peer_note"], r["peer_fired"]),
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
        _(
            "Scores are robust z-scores of log growth; a bold score is the test that flagged "
            "the row; – means the score could not be computed (hover it for why). Trend: the "
            "published series from zero, the flagged year in orange, breaks dashed red."
        ),
        size="xs",
        c="dimmed",
        mb=4,
    )
    note = (
        [
            dmc.Text(
                _(
                    "Showing the top {limit} of {count}; the Table tab and the CSV below "
                    "hold every flagged row."
                ).format(limit=decimal(limit), count=decimal(len(flagged))),
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
        **{"aria-label": _("Rises flagged, by score")},
    )


def score_cell(score: float, note: str, fired: bool) -> html.Td:
    if pd.isna(score):
        return html.Td("–", title=note or _("not computed"), className="score na")
    return html.Td(decimal(score, "0.0"), className="score fired" if fired else "score")


def sparkline_alt(name: str, series: pd.DataFrame) -> str:
    pairs = zip(series["year"].tolist(), series["value"].tolist(), strict=True)
    values = "; ".join(f"{year}: {format_value(value)}" for year, value in pairs)
    return _("{name}, values by year: {values}").format(name=name, values=values)


def list_frame(flagged: pd.DataFrame) -> pd.DataFrame:
    """The flagged rows as the table tab and the CSV show them. The column names stay as they
    are (code and the CSV read them); N_ puts them in the catalogue for the table's headers."""
    return pd.DataFrame(
        {
            N_("rank"): flagged["rank"],
            N_("country"): flagged["name"],
            N_("iso3"): flagged["entity"],
            N_("year"): flagged["year"],
            N_("previous value"): flagged["previous"],
            N_("value"): flagged["value"],
            N_("growth %"): flagged["growth_pct"].round(1),
            N_("own-history score"): flagged["own_z"].round(2),
            N_("peer score"): flagged["peer_z"].round(2),
            N_("usual growth % (other years)"): flagged["usual_growth_pct"].round(1),
            N_("median growth % (all countries)"): flagged["peer_median_pct"].round(1),
            N_("tests fired"): flagged["tests"],
            N_("reason"): flagged["reason"],
            N_("source"): flagged["source_id"],
            N_("source (previous year)"): flagged["previous_source_id"],
        }
    )
