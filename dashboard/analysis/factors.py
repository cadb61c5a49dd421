"""External factors: an OCSE indicator against a context series, country by country.

The factor is taken for the SAME country and year as the indicator value, never a nearby
year, so every point on a chart is one published figure beside one context figure. (A rate's
own denominator may still come from a year up to two years away, as in `rates`; the row says
so.) Statistics are refused, with a reason, when fewer than `MIN_N` points remain.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

# the two pieces used, not statsmodels.api (which imports every model: 26 MB per worker)
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.tools import add_constant

from dashboard.analysis.rates import (
    NO_DENOMINATOR,
    NORMALISATIONS,
    context_series,
    normalise_series,
    world_total,
)
from dashboard.analysis.series import crosses_break, indicator_rows, indicator_series
from dashboard.language import N_, _, ngettext

MIN_N = 8
# labels marked for the catalogue: shown with _(FACTORS[factor])
FACTORS = {
    "internet_users_pct": N_("Internet users (% of population)"),
    "gdp_per_capita_ppp": N_("GDP per capita (PPP, international $)"),
    "gdp_per_capita_const_usd": N_("GDP per capita (constant US$)"),
    "population_0_14": N_("Child population (aged 0-14)"),
    "mobile_cellular_per_100": N_("Mobile cellular subscriptions per 100 people"),
    "fixed_broadband_per_100": N_("Fixed broadband subscriptions per 100 people"),
}
# why a country-year has no point: its factor has no value that year
NO_FACTOR_VALUE = {
    "internet_users_pct": N_("no internet-use value for {year}"),
    "gdp_per_capita_ppp": N_("no GDP per capita (PPP) value for {year}"),
    "gdp_per_capita_const_usd": N_("no GDP per capita (constant US$) value for {year}"),
    "population_0_14": N_("no child-population value for {year}"),
    "mobile_cellular_per_100": N_("no mobile-subscription value for {year}"),
    "fixed_broadband_per_100": N_("no broadband-subscription value for {year}"),
}
FRAME_COLUMNS = [
    "entity",
    "year",
    "value",
    "raw_value",
    "flags",
    "source_id",
    "denominator_note",
    "factor",
]
NOT_A_COUNTRY = N_("not a country (a region or world total)")
NOT_POSITIVE = N_("zero or negative value (cannot be placed on a log scale)")

# the growth note of a year whose change crosses a series break (app/pages/factors marks it)
BREAK_NOTE = N_("series break: not comparable with the year before")


@dataclass
class FactorFrame:
    """Joined country-year rows, and every country-year that could not be used, with why."""

    rows: pd.DataFrame
    left_out: pd.DataFrame  # entity, year, reason

    def left_out_countries(self) -> list[str]:
        """Countries with no point at all (for one year: every country left out)."""
        used = set(self.rows["entity"])
        return sorted(set(self.left_out["entity"]) - used)


@dataclass
class Correlation:
    rho: float | None
    p: float | None
    n: int
    refused: str = ""


@dataclass
class LogLogFit:
    slope: float | None
    slope_low: float | None
    slope_high: float | None
    intercept: float | None
    r2: float | None
    n: int
    clustered: bool = False
    grid: pd.DataFrame = field(default_factory=pd.DataFrame)  # x, fit, low, high (data units)
    refused: str = ""


def refusal(n: int, what: str = "points", min_n: int = MIN_N) -> str:
    if n >= min_n:
        return ""
    if what == "year-on-year pairs":
        return ngettext(
            "Only {count} year-on-year pair; at least {minimum} are needed before a statistic "
            "means anything.",
            "Only {count} year-on-year pairs; at least {minimum} are needed before a statistic "
            "means anything.",
            n,
        ).format(count=n, minimum=min_n)
    return ngettext(
        "Only {count} point; at least {minimum} are needed before a statistic means anything.",
        "Only {count} points; at least {minimum} are needed before a statistic means anything.",
        n,
    ).format(count=n, minimum=min_n)


@dataclass(frozen=True)
class FactorInputs:
    """What the factor views are built from, looked up once: one indicator's preferred headline
    series (as `indicator_series` gives it) and unit, and the factor's series (entity, year,
    factor). The views never modify them, so a caller may keep them."""

    series: pd.DataFrame
    unit: str
    counts: bool  # the values count things (data/units.yaml), so may be normalised
    context: pd.DataFrame


def factor_inputs(
    observations: pd.DataFrame, indicators: pd.DataFrame, indicator: str, factor: str
) -> FactorInputs:
    known = indicators.set_index("id")
    return FactorInputs(
        series=indicator_series(observations, indicator),
        unit=observed_unit(observations, indicator),
        counts=bool(known.loc[indicator, "counts"]) if indicator in known.index else False,
        context=factor_series(observations, factor),
    )


def factor_series(observations: pd.DataFrame, factor: str) -> pd.DataFrame:
    """The factor's preferred values: entity, year, factor."""
    return context_series(observations, factor).rename(columns={factor: "factor"})


def factor_frame(
    observations: pd.DataFrame, indicators: pd.DataFrame, indicator: str, factor: str, *rest
) -> FactorFrame:
    """Country-level preferred headline values (normalised) beside the same-year factor, in one
    call: `rest` is `joined_frame`'s year, normalisation and countries."""
    inputs = factor_inputs(observations, indicators, indicator, factor)
    return joined_frame(inputs, observations, indicator, factor, *rest)


def joined_frame(
    inputs: FactorInputs,
    observations: pd.DataFrame,
    indicator: str,
    factor: str,
    year: int | None,
    normalisation: str = "raw",
    countries: Collection[str] | None = None,
) -> FactorFrame:
    """`inputs`' indicator values beside the same-year factor, from inputs already looked up.

    year=None pools every year. `countries` (ISO3 codes) marks which entities are countries;
    without it every entity counts as one."""
    series = inputs.series
    if year is not None:
        series = series[series["year"] == year].reset_index(drop=True)
    world = None
    if normalisation == "share_of_world":
        world = world_total(observations, indicator, summable=False)
    shown = normalise_series(series, observations, normalisation, inputs.counts, world=world)
    left = []
    no_denominator = _("no denominator for '{normalisation}' within 2 years").format(
        normalisation=_(NORMALISATIONS.get(normalisation, ""))
    )
    if countries is not None:
        known = set(countries)
        outside = np.array([e not in known for e in shown["entity"].tolist()], dtype=bool)
        left.append(shown.loc[outside, ["entity", "year"]].assign(reason=_(NOT_A_COUNTRY)))
        shown = shown[~outside]
    no_value = shown["value"].isna()
    reasons = shown.loc[no_value, "denominator_note"].replace(
        {"": _("no value after normalisation"), _(NO_DENOMINATOR): no_denominator}
    )
    left.append(shown.loc[no_value, ["entity", "year"]].assign(reason=reasons.values))
    shown = shown[~no_value]
    joined = shown.merge(inputs.context, on=["entity", "year"], how="left")
    missing = joined["factor"].isna()
    no_factor = _(NO_FACTOR_VALUE.get(factor, N_("no {factor} value for {year}")))
    left.append(
        joined.loc[missing, ["entity", "year"]].assign(
            reason=[
                no_factor.format(factor=factor, year=int(y)) for y in joined.loc[missing, "year"]
            ]
        )
    )
    joined = joined[~missing]
    bad = (joined["value"] <= 0) | (joined["factor"] <= 0)
    left.append(joined.loc[bad, ["entity", "year"]].assign(reason=_(NOT_POSITIVE)))
    rows = joined[~bad][FRAME_COLUMNS].sort_values(["entity", "year"]).reset_index(drop=True)
    left_out = pd.concat([f for f in left if len(f)] or [_empty_left_out()], ignore_index=True)
    left_out = left_out.sort_values(["entity", "year"]).reset_index(drop=True)
    return FactorFrame(rows=rows, left_out=left_out)


def observed_unit(observations: pd.DataFrame, indicator: str) -> str:
    """The unit of an indicator's observations ("" when it has none)."""
    units = indicator_rows(observations, indicator, preferred=False)["unit"]
    return str(units.iloc[0]) if len(units) else ""


def _empty_left_out() -> pd.DataFrame:
    return pd.DataFrame({"entity": pd.Series(dtype=str), "year": [], "reason": []})


def spearman(frame: pd.DataFrame, min_n: int = MIN_N) -> Correlation:
    """Rank correlation of `value` with `factor`: robust to skew, says nothing about cause."""
    n = len(frame)
    if reason := refusal(n, min_n=min_n):
        return Correlation(None, None, n, reason)
    result = stats.spearmanr(frame["factor"], frame["value"])
    return Correlation(float(result.statistic), float(result.pvalue), n)


def loglog_fit(frame: pd.DataFrame, points: int = 60, min_n: int = MIN_N) -> LogLogFit:
    """OLS of log10(value) on log10(factor): the slope is an elasticity (1% -> slope %).

    When a country appears more than once (pooled years) the standard errors are clustered
    by country, because its repeated points are not independent evidence.
    """
    n = len(frame)
    if reason := refusal(n, min_n=min_n):
        return LogLogFit(None, None, None, None, None, n, refused=reason)
    x = np.log10(frame["factor"].to_numpy(dtype=float))
    y = np.log10(frame["value"].to_numpy(dtype=float))
    if np.ptp(x) == 0:
        return LogLogFit(None, None, None, None, None, n, refused=_("The factor does not vary."))
    design = add_constant(x)
    clustered = frame["entity"].duplicated().any()
    if clustered:
        groups = pd.factorize(frame["entity"])[0]
        model = OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": groups})
    else:
        model = OLS(y, design).fit()
    low, high = model.conf_int(0.05)[1]
    grid_x = np.linspace(x.min(), x.max(), points)
    band = model.get_prediction(add_constant(grid_x, has_constant="add")).summary_frame(0.05)
    grid = pd.DataFrame(
        {
            "x": 10**grid_x,
            "fit": 10 ** band["mean"].to_numpy(),
            "low": 10 ** band["mean_ci_lower"].to_numpy(),
            "high": 10 ** band["mean_ci_upper"].to_numpy(),
        }
    )
    r2 = float(model.rsquared) if np.isfinite(model.rsquared) else 1.0
    return LogLogFit(
        slope=float(model.params[1]),
        slope_low=float(low),
        slope_high=float(high),
        intercept=float(model.params[0]),
        r2=r2,
        n=n,
        clustered=bool(clustered),
        grid=grid,
    )


def within_country(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entity: str,
    indicator: str,
    factor: str,
    breaks: Collection[int] = (),
) -> pd.DataFrame:
    """Year-on-year growth (%) of the indicator and the factor for one country.

    Growth is computed only between consecutive years, never across a series break (from
    `breaks` or a row flagged series_break): there the row says why it is empty.
    """
    inputs = factor_inputs(observations, indicators, indicator, factor)
    return country_growth(inputs, entity, breaks)


def country_growth(inputs: FactorInputs, entity: str, breaks: Collection[int] = ()) -> pd.DataFrame:
    """`within_country` from inputs already looked up."""
    series = inputs.series[inputs.series["entity"] == entity]
    flagged = series.loc[series["flags"].str.contains("series_break", na=False), "year"]
    all_breaks = sorted({*map(int, breaks), *map(int, flagged)})
    context = inputs.context[inputs.context["entity"] == entity]
    frame = series[["year", "value", "flags", "source_id"]].merge(
        context[["year", "factor"]], on="year", how="left"
    )
    frame = frame.sort_values("year").reset_index(drop=True)
    previous = frame.shift(1)
    consecutive = frame["year"] - previous["year"] == 1
    across = [
        bool(c) and crosses_break(int(p), int(y), all_breaks)
        for c, p, y in zip(consecutive, previous["year"].fillna(0), frame["year"], strict=True)
    ]
    usable = consecutive & ~pd.Series(across, index=frame.index)
    frame["value_growth_pct"] = (frame["value"] / previous["value"] - 1) * 100
    frame["factor_growth_pct"] = (frame["factor"] / previous["factor"] - 1) * 100
    frame.loc[~usable, ["value_growth_pct", "factor_growth_pct"]] = np.nan
    notes = pd.Series("", index=frame.index)
    notes[~consecutive] = _("no value for the year before")
    notes[pd.Series(across, index=frame.index)] = _(BREAK_NOTE)
    notes[usable & frame["factor_growth_pct"].isna()] = _(
        "no factor value for one of the two years"
    )
    frame["note"] = notes
    if len(frame):
        frame.loc[frame.index[0], "note"] = _("first year")
    return frame


def growth_correlation(growth: pd.DataFrame) -> Correlation:
    """Spearman of the two growth columns, refused below MIN_N year pairs."""
    pairs = growth.dropna(subset=["value_growth_pct", "factor_growth_pct"])
    n = len(pairs)
    if reason := refusal(n, "year-on-year pairs"):
        return Correlation(None, None, n, reason)
    result = stats.spearmanr(pairs["factor_growth_pct"], pairs["value_growth_pct"])
    return Correlation(float(result.statistic), float(result.pvalue), n)
