"""Factors: correlation and log-log fit on frames small enough to check by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from dashboard.analysis.factors import (
    MIN_N,
    NOT_A_COUNTRY,
    NOT_POSITIVE,
    factor_frame,
    growth_correlation,
    loglog_fit,
    spearman,
    within_country,
)

UNITS = {"reports_x": "reports", "internet_users_pct": "percent", "population_total": "people"}
# the indicators the toy observations use: reports count things, a percentage does not
INDICATORS = pd.DataFrame(
    {"id": list(UNITS), "unit": list(UNITS.values()), "counts": [True, False, True]}
)


def observations(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    """(indicator, entity, year, value) -> a frame shaped like the store's observations."""
    frame = pd.DataFrame(rows, columns=["indicator", "entity", "year", "value"])
    frame["period"] = frame["year"].astype(str)
    frame["unit"] = frame["indicator"].map(UNITS)
    frame["flags"] = ""
    frame["source_id"] = frame["indicator"] + "-src"
    frame["category"] = ""
    frame["preferred"] = True
    return frame


def power_law(n: int = 10, year: int = 2022) -> pd.DataFrame:
    """y = 10 * x^2 exactly, for x = 1..n, one country each."""
    rows = []
    for x in range(1, n + 1):
        rows.append(("reports_x", f"C{x:02d}", year, 10.0 * x**2))
        rows.append(("internet_users_pct", f"C{x:02d}", year, float(x)))
    return observations(rows)


def test_exact_power_law_gives_slope_two_r2_one_rho_one():
    frame = factor_frame(power_law(), INDICATORS, "reports_x", "internet_users_pct", 2022).rows
    assert len(frame) == 10
    corr = spearman(frame)
    fit = loglog_fit(frame)
    assert corr.rho == pytest.approx(1.0)
    assert corr.n == fit.n == 10
    assert fit.slope == pytest.approx(2.0)
    assert fit.intercept == pytest.approx(1.0)  # log10(10)
    assert fit.r2 == pytest.approx(1.0)
    assert fit.grid["fit"].iloc[-1] == pytest.approx(10 * 10**2)
    assert not fit.clustered


def five_points() -> pd.DataFrame:
    """log10 x = 0..4, log10 y = 0, 2, 1, 3, 4: slope 9/10, intercept 0.2, R² 0.81, rho 0.9."""
    log_y = [0, 2, 1, 3, 4]
    return pd.DataFrame(
        {
            "entity": list("ABCDE"),
            "year": 2022,
            "factor": [10.0**i for i in range(5)],
            "value": [10.0**v for v in log_y],
        }
    )


def test_five_point_example_matches_the_hand_computation():
    frame = five_points()
    corr = spearman(frame, min_n=3)
    fit = loglog_fit(frame, min_n=3)
    # Spearman: rank differences 0, -1, 1, 0, 0 -> 1 - 6 * 2 / (5 * 24) = 0.9
    assert corr.rho == pytest.approx(0.9)
    # OLS: Sxy = 9, Sxx = 10 -> slope 0.9; intercept 2 - 0.9 * 2 = 0.2
    assert fit.slope == pytest.approx(0.9)
    assert fit.intercept == pytest.approx(0.2)
    # residuals -0.2, 0.9, -1, 0.1, 0.2 -> SSres 1.9 of SStot 10
    assert fit.r2 == pytest.approx(0.81)
    half_width = stats.t.ppf(0.975, 3) * math.sqrt(1.9 / 3 / 10)
    assert fit.slope_low == pytest.approx(0.9 - half_width)
    assert fit.slope_high == pytest.approx(0.9 + half_width)
    band = fit.grid
    assert (band["low"] <= band["fit"]).all() and (band["fit"] <= band["high"]).all()


def test_fewer_than_eight_points_are_refused_with_a_reason():
    corr, fit = spearman(five_points()), loglog_fit(five_points())
    assert corr.rho is None and fit.slope is None
    assert f"at least {MIN_N}" in corr.refused and "Only 5" in fit.refused


def test_left_out_rows_say_why():
    obs = pd.concat(
        [
            power_law(),
            observations(
                [
                    ("reports_x", "WLD", 2022, 1e6),  # a region
                    ("reports_x", "NOF", 2022, 50.0),  # factor only for 2021: strict same year
                    ("internet_users_pct", "NOF", 2021, 40.0),
                    ("reports_x", "ZER", 2022, 0.0),  # zero: no place on a log axis
                    ("internet_users_pct", "ZER", 2022, 60.0),
                ]
            ),
        ]
    )
    countries = {f"C{x:02d}" for x in range(1, 11)} | {"NOF", "ZER"}
    result = factor_frame(
        obs, INDICATORS, "reports_x", "internet_users_pct", 2022, "raw", countries
    )
    reasons = result.left_out.set_index("entity")["reason"].to_dict()
    assert reasons == {
        "WLD": NOT_A_COUNTRY,
        "NOF": "no internet-use value for 2022",
        "ZER": NOT_POSITIVE,
    }
    assert len(result.rows) == 10
    assert result.left_out_countries() == ["NOF", "WLD", "ZER"]


def test_per_100k_population_and_missing_denominator():
    obs = pd.concat(
        [
            power_law(),
            observations(
                [("population_total", f"C{x:02d}", 2022, 1_000_000.0) for x in range(1, 10)]
            ),
        ]
    )
    result = factor_frame(
        obs, INDICATORS, "reports_x", "internet_users_pct", 2022, "per_100k_population"
    )
    assert len(result.rows) == 9
    first = result.rows.set_index("entity").loc["C01"]
    assert first["value"] == pytest.approx(10 / 1_000_000 * 100_000)
    assert result.left_out.iloc[0]["entity"] == "C10"
    assert "no denominator" in result.left_out.iloc[0]["reason"]


def test_pooled_years_cluster_by_country():
    obs = pd.concat([power_law(year=2021), power_law(year=2022)])
    frame = factor_frame(obs, INDICATORS, "reports_x", "internet_users_pct", None).rows
    assert len(frame) == 20 and frame["entity"].nunique() == 10
    fit = loglog_fit(frame)
    assert fit.clustered and fit.slope == pytest.approx(2.0)


def test_within_country_growth_never_crosses_a_break():
    obs = observations(
        [
            ("reports_x", "PHL", 2019, 80.0),
            ("reports_x", "PHL", 2021, 100.0),
            ("reports_x", "PHL", 2022, 150.0),
            ("reports_x", "PHL", 2023, 300.0),
            ("reports_x", "PHL", 2024, 30.0),
            *[
                ("internet_users_pct", "PHL", y, v)
                for y, v in [(2021, 50.0), (2022, 55.0), (2023, 60.5), (2024, 66.55)]
            ],
        ]
    )
    growth = within_country(
        obs, INDICATORS, "PHL", "reports_x", "internet_users_pct", breaks=[2024]
    )
    by_year = growth.set_index("year")
    assert by_year.loc[2022, "value_growth_pct"] == pytest.approx(50.0)
    assert by_year.loc[2022, "factor_growth_pct"] == pytest.approx(10.0)
    assert by_year.loc[2023, "value_growth_pct"] == pytest.approx(100.0)
    assert np.isnan(by_year.loc[2024, "value_growth_pct"])
    assert by_year.loc[2024, "note"].startswith("series break")
    assert by_year.loc[2021, "note"] == "no value for the year before"
    corr = growth_correlation(growth)
    assert corr.n == 2 and corr.rho is None and "year-on-year pairs" in corr.refused


def test_shipped_ncmec_per_100k_population_vs_internet_use_2022(shipped_store):
    store = shipped_store
    countries = set(store.entities.loc[store.entities["kind"] == "country", "code"])
    obs = store.observations
    result = factor_frame(
        obs,
        store.indicators,
        "cybertipline_reports",
        "internet_users_pct",
        2022,
        "per_100k_population",
        countries,
    )
    published = obs[
        (obs["indicator"] == "cybertipline_reports")
        & obs["preferred"]
        & (obs["category"] == "")
        & (obs["year"] == 2022)
    ]
    # every published entity is either a point or left out, never both, never lost
    assert len(result.rows) + len(result.left_out) == published["entity"].nunique()
    assert not set(result.rows["entity"]) & set(result.left_out["entity"])
    assert len(result.left_out_countries()) == len(result.left_out)
    # every point's factor is the same-year published internet-use value
    internet = obs[(obs["indicator"] == "internet_users_pct") & (obs["year"] == 2022)]
    lookup = internet.set_index("entity")["value"]
    assert (result.rows["factor"].to_numpy() == lookup.loc[result.rows["entity"]].to_numpy()).all()
    corr, fit = spearman(result.rows), loglog_fit(result.rows)
    assert corr.n == fit.n == len(result.rows) >= 30
    assert 0 < corr.rho < 1 and fit.slope > 0 and 0 < fit.r2 < 1
    assert fit.slope_low < fit.slope < fit.slope_high
