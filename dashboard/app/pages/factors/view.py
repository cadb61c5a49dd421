"""What the Factors page shows for a checked state: the scatter card with its statistics
panel, and the within-country growth card."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard.analysis.factors import (
    FACTORS,
    Correlation,
    FactorFrame,
    FactorInputs,
    LogLogFit,
    country_growth,
    factor_series,
    growth_correlation,
    joined_frame,
    loglog_fit,
    observed_unit,
    spearman,
)
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.analysis.series import indicator_rows, indicator_series
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.lookups import (
    citation_lines,
    country_codes,
    entity_names,
    indicators_by_id,
    source_line,
    units,
)
from dashboard.app.pages.factors.figures import FACTOR_SHORT, growth_figure, scatter_figure
from dashboard.app.pages.factors.state import FactorsState
from dashboard.language import N_, _, decimal
from dashboard.wording.flags import flags_text, with_flag_texts
from dashboard.wording.units import unit_label


def inputs_for(indicator: str, factor: str) -> FactorInputs:
    """The indicator's and the factor's series, each looked up once per store."""
    series, unit = indicator_inputs(indicator)
    counts = bool(indicators_by_id().loc[indicator, "counts"])
    return FactorInputs(series=series, unit=unit, counts=counts, context=factor_values(factor))


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
    with_flag_texts(frame.rows)
    corr, fit = spearman(frame.rows), loglog_fit(frame.rows)
    names = entity_names()
    y_label = norm_label(state.norm, indicator["unit"])
    factor_short = _(FACTOR_SHORT[state.factor])
    if pooled:
        title = _("{indicator}, {unit}, vs {factor}, all years pooled").format(
            indicator=indicator["name"], unit=y_label, factor=factor_short
        )
    else:
        title = _("{indicator}, {unit}, vs {factor}, {year}").format(
            indicator=indicator["name"], unit=y_label, factor=factor_short, year=year
        )
    sources = [*frame.rows["source_id"], *factor_sources(state.factor)]
    figure = scatter_figure(
        frame,
        fit,
        names,
        y_label,
        state.factor,
        state.scale == "log",
        title,
        source_line(sources, state.norm),
    )
    notes = pooling_note(pooled, sorted(set(frame.rows["year"])))
    if state.norm == "per_100k_internet_users" and state.factor == "internet_users_pct":
        notes.append(
            _(
                "The indicator is divided by internet users and plotted against internet use: "
                "part of any relation is built in by the arithmetic."
            )
        )
    table = scatter_table(frame, names, state.factor)
    left_count, left_lines = left_out_summary(frame, names)
    stat_lines = stats_lines(corr, fit, frame, pooled)
    citations = citation_lines(sources, state.indicator, state.norm, frame.rows)
    footer = [
        *stat_lines,
        *notes,
        _("Left out: {count} countries (listed beside the chart and in the CSV).").format(
            count=decimal(left_count)
        ),
        *citations,
    ]
    header = [
        _("{title}. OCSE Statistics Dashboard, factors view.").format(
            title=title.replace("<br>", " ")
        ),
        *stat_lines,
        *notes,
        *(_("Left out: {countries}").format(countries=line) for line in left_lines),
        *citations,
    ]
    filename = safe_filename("factors", state.indicator, state.norm, state.factor, state.year)
    return (
        figure,
        card_table(table, "factors-table-data"),
        card_footer(footer),
        card_file(table, header, filename, state),
        stats_panel(corr, fit, frame, (left_count, left_lines), pooled, notes),
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
    figure = growth_figure(growth, indicator["name"], state.factor, name, source_line(sources))
    if corr.refused:
        verdict = _("No correlation of the growth rates: {reason}").format(reason=corr.refused)
    else:
        verdict = _(
            "Spearman rho of the two growth rates = {rho} ({p}), n = {count} year pairs."
        ).format(rho=decimal(corr.rho, "0.00"), p=fmt_p(corr.p), count=corr.n)
    table = growth_table(growth, state.factor)
    citations = citation_lines(sources, state.indicator)
    header = [
        _("{country}: year-on-year growth. OCSE Statistics Dashboard.").format(country=name),
        verdict,
        *citations,
    ]
    filename = safe_filename("growth", state.country, state.indicator, state.factor)
    return (
        figure,
        card_table(table, "factors-within-table-data"),
        card_footer([verdict, *citations]),
        card_file(table, header, filename, state),
        verdict,
    )


def scatter_table(frame: FactorFrame, names: dict[str, str], factor: str) -> pd.DataFrame:
    """The points as the table tab and the CSV show them (`frame.rows` with `flags_text`).
    Column names stay as they are (code and the CSV read them); N_ puts them in the catalogue
    for the table's headers."""
    rows = frame.rows
    return pd.DataFrame(
        {
            N_("country"): rows["entity"].map(names).fillna(rows["entity"]),
            N_("code"): rows["entity"],
            N_("year"): rows["year"],
            N_("value"): rows["value"],
            N_("as published"): rows["raw_value"],
            FACTORS[factor]: rows["factor"],
            N_("qualifiers"): rows["flags_text"],
            N_("source"): rows["source_id"],
        }
    )


def growth_table(growth: pd.DataFrame, factor: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            N_("year"): growth["year"],
            N_("indicator value"): growth["value"],
            N_("indicator growth %"): growth["value_growth_pct"],
            FACTORS[factor]: growth["factor"],
            N_("factor growth %"): growth["factor_growth_pct"],
            N_("note"): growth["note"],
            N_("qualifiers"): [flags_text(f) for f in growth["flags"]],
            N_("source"): growth["source_id"],
        }
    )


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None or pd.isna(value):
        return "–"
    return decimal(value, "#,##0." + "0" * digits if digits else "#,##0")


def fmt_p(p: float | None) -> str:
    if p is None:
        return "–"
    return f"p < {decimal(0.001, '0.000')}" if p < 0.001 else f"p = {decimal(p, '0.000')}"


def stats_lines(corr: Correlation, fit: LogLogFit, frame: FactorFrame, pooled: bool) -> list[str]:
    """The numbers of the panel as plain sentences (also written into the CSV header)."""
    if corr.refused:
        return [_("No statistics: {reason}").format(reason=corr.refused)]
    countries = frame.rows["entity"].nunique()
    rho, p = decimal(corr.rho, "0.00"), fmt_p(corr.p)
    if pooled:
        first = _(
            "Spearman rank correlation rho = {rho} ({p}), n = {count} country-years from "
            "{countries} countries."
        ).format(rho=rho, p=p, count=corr.n, countries=countries)
    else:
        first = _("Spearman rank correlation rho = {rho} ({p}), n = {count} countries.").format(
            rho=rho, p=p, count=corr.n
        )
    lines = [first]
    if not fit.refused:
        ten = (1.1**fit.slope - 1) * 100
        lines.append(
            _(
                "Log-log OLS slope = {slope} (95% CI {low} to {high}), R² = {r2}: where the "
                "factor is 10% higher, the indicator tends to be about {change}% different."
            ).format(
                slope=decimal(fit.slope, "0.00"),
                low=decimal(fit.slope_low, "0.00"),
                high=decimal(fit.slope_high, "0.00"),
                r2=decimal(fit.r2, "0.00"),
                change=decimal(ten, "+0;-0"),
            )
            + (" " + _("Confidence interval clustered by country.") if fit.clustered else "")
        )
    return lines


def stats_panel(
    corr: Correlation,
    fit: LogLogFit,
    frame: FactorFrame,
    left_out: tuple[int, list[str]],
    pooled: bool,
    extra_notes: list[str],
) -> list:
    """Rho, slope with CI, R², n and the countries left out, in words a reader can quote."""
    items: list = []
    if corr.refused:
        items.append(dmc.Alert(corr.refused, color="yellow", title=_("No statistics shown")))
    else:
        items += [
            stat(_("Spearman ρ"), decimal(corr.rho, "0.00"), fmt_p(corr.p), "stat-rho"),
            stat(
                _("Slope (log-log)"),
                fmt(fit.slope),
                _("95% CI {low} to {high}").format(
                    low=fmt(fit.slope_low), high=fmt(fit.slope_high)
                ),
                "stat-slope",
            ),
            stat(_("R²"), fmt(fit.r2), _("share of log variance the line explains"), "stat-r2"),
            stat(
                _("n"),
                str(corr.n),
                _("country-years from {countries} countries").format(
                    countries=frame.rows["entity"].nunique()
                )
                if pooled
                else _("countries"),
                "stat-n",
            ),
        ]
        items.append(dmc.Text(stats_lines(corr, fit, frame, pooled)[-1], size="sm", mt="xs"))
    items.append(left_out_details(frame, *left_out))
    items += [dmc.Text(note, size="sm", className="caveat", mt=6) for note in extra_notes]
    return items


def stat(label: str, value: str, detail: str, element_id: str) -> html.Div:
    return html.Div(
        [
            html.Div(label, className="stat-label"),
            html.Div(value, className="stat-value", id=element_id),
            html.Div(detail, className="stat-detail"),
        ],
        className="stat-box",
    )


def left_out_summary(frame: FactorFrame, names: dict[str, str]) -> tuple[int, list[str]]:
    """Number of countries with no point, and one line per reason listing them."""
    left = frame.left_out[frame.left_out["entity"].isin(frame.left_out_countries())]
    lines = []
    for reason, group in left.groupby("reason", sort=True):
        countries = sorted({names.get(e, e) for e in group["entity"]})
        lines.append(f"{reason} ({len(countries)}): {', '.join(countries)}")
    return len(set(left["entity"])), lines


def left_out_details(frame: FactorFrame, count: int, lines: list[str]) -> html.Details:
    """The countries with no point, from `left_out_summary`, one line per reason."""
    reasons = "; ".join(line.split(" (")[0] for line in lines[:2])
    more = "; …" if len(lines) > 2 else ""
    if lines:
        summary = _("Left out: {count} countries ({reasons})").format(
            count=decimal(count), reasons=reasons + more
        )
    else:
        summary = _("Left out: {count} countries").format(count=decimal(count))
    whole = frame.left_out["entity"].isin(frame.left_out_countries())
    partial = int((~whole).sum())
    body = [html.Li(line) for line in lines]
    if partial:
        body.append(
            html.Li(
                _("{count} further country-years of countries that do appear.").format(
                    count=decimal(partial)
                )
            )
        )
    return html.Details(
        [html.Summary(summary, className="about-summary", id="factors-left-out"), html.Ul(body)],
        className="left-out",
    )


def pooling_note(pooled: bool, years: list[int]) -> list[str]:
    if not pooled:
        return []
    span = f"{min(years)}-{max(years)}" if years else _("all years")
    return [
        _(
            "All years pooled ({span}): each country appears once per year. Its repeated points "
            "are not independent evidence, so the slope's confidence interval is clustered by "
            "country and the Spearman p-value is too optimistic."
        ).format(span=span)
    ]


def norm_label(norm: str, unit: str) -> str:
    return unit_label(unit, units()) if norm == "raw" else _(NORMALISATIONS[norm])
