"""Headline figures for the Overview: latest value, change on the year before, focus countries.

Which figures are headlines is declared here (indicator, entity, label); every number and every
change is computed from the store's preferred observations. A change is never computed across a
series break: the headline then says why, and gives the last change that is comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.rates import normalise_series
from dashboard.analysis.series import crosses_break, indicator_series, with_segments
from dashboard.models import split_flags


@dataclass(frozen=True)
class HeadlineSpec:
    indicator: str
    label: str
    entity: str = "WLD"


HEADLINES = (
    HeadlineSpec("cybertipline_reports", "NCMEC CyberTipline reports"),
    HeadlineSpec("iwf_urls_confirmed_csam", "IWF: URLs confirmed as child sexual abuse material"),
    HeadlineSpec("inhope_content_urls_exchanged", "INHOPE: content URLs exchanged by hotlines"),
    HeadlineSpec("gsi_people_in_modern_slavery", "Walk Free: people in modern slavery"),
    HeadlineSpec("glotip_detected_victims", "UNODC: detected victims of trafficking"),
    HeadlineSpec(
        "icse_victims_identified_cumulative", "INTERPOL ICSE: children identified since 2011"
    ),
)

# Focus-country columns: latest preferred value of one indicator per country.
FOCUS_LATEST = {
    "referrals": "cybertipline_referrals",
    "dh": "dh_ocsea_past_year_pct",
    "gsi": "gsi_prevalence_per_1000",
}


def percent_change(value: float, previous: float) -> float | None:
    if previous is None or pd.isna(previous) or previous == 0:
        return None
    return (value / previous - 1) * 100


def _row_for(series: pd.DataFrame, year: int) -> pd.Series | None:
    rows = series[series["year"] == year]
    return rows.iloc[0] if len(rows) else None


def last_comparable_change(series: pd.DataFrame, breaks: list[int], before: int) -> dict:
    """The latest pair of consecutive years before `before` that no break separates."""
    for year in sorted(series["year"], reverse=True):
        if year >= before:
            continue
        current, previous = _row_for(series, year), _row_for(series, year - 1)
        if previous is None or crosses_break(year - 1, year, breaks):
            continue
        if "lower_bound" in split_flags(current["flags"] + ";" + previous["flags"]):
            continue
        return {
            "comparable_year": int(year),
            "comparable_previous_year": int(year - 1),
            "comparable_change_pct": percent_change(current["value"], previous["value"]),
        }
    return {}


def headline(observations: pd.DataFrame, indicator: pd.Series, spec: HeadlineSpec) -> dict:
    """One headline: latest value, the year before, the change or the reason there is none."""
    breaks = list(indicator["breaks"])
    series = indicator_series(observations, spec.indicator, [spec.entity])
    row = {
        "indicator": spec.indicator,
        "label": spec.label,
        "entity": spec.entity,
        "unit": indicator["unit"],
        "measures": indicator["measures"],
        "half_year": bool(indicator["half_year"]),
        "change_pct": None,
        "no_change": "",  # why there is no change on the year (NO_CHANGE), for the words
        "break_year": None,
        "after_break": None,  # break in the year before: comparable change, earlier years not
        "previous_year": None,
        "previous_value": None,
        "previous_flags": "",
        "previous_source_id": "",
        "previous_source_url": "",
        "comparable_year": None,
        "comparable_previous_year": None,
        "comparable_change_pct": None,
    }
    if series.empty:
        return row | {
            "year": None,
            "value": None,
            "flags": "",
            "source_id": "",
            "source_url": "",
            "period": "",
        }
    latest = series.iloc[-1]
    year = int(latest["year"])
    row |= {
        "year": year,
        "period": latest["period"],
        "value": float(latest["value"]),
        "flags": latest["flags"],
        "source_id": latest["source_id"],
        "source_url": latest.get("source_url", ""),
    }
    previous = _row_for(series, year - 1)
    if previous is not None and year - 1 in breaks:
        row["after_break"] = year - 1
    earlier = series[series["year"] < year]
    if previous is not None:
        row |= {
            "previous_year": year - 1,
            "previous_value": float(previous["value"]),
            "previous_flags": previous["flags"],
            "previous_source_id": previous["source_id"],
            "previous_source_url": previous.get("source_url", ""),
        }
    if previous is not None and crosses_break(year - 1, year, breaks):
        row["break_year"] = year
        row["no_change"] = "break_after_previous"
        row |= last_comparable_change(series, breaks, year)
    elif previous is not None and "lower_bound" in split_flags(
        latest["flags"] + ";" + previous["flags"]
    ):
        row["no_change"] = "lower_bound"
    elif previous is not None:
        row["change_pct"] = percent_change(row["value"], row["previous_value"])
    elif year in breaks:
        row["break_year"] = year
        row["no_change"] = "break_year"
    elif len(earlier) and crosses_break(int(earlier["year"].max()), year, breaks):
        crossed = [b for b in breaks if earlier["year"].max() < b <= year]
        row["break_year"] = max(crossed)
        row["no_change"] = "earlier_break"
    else:
        row["no_change"] = "no_previous"
    return row


def headline_figures(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    specs: tuple[HeadlineSpec, ...] = HEADLINES,
) -> pd.DataFrame:
    """One row per headline spec whose indicator is in the store, in the declared order."""
    by_id = indicators.set_index("id")
    rows = [
        headline(observations, by_id.loc[s.indicator], s)
        for s in specs
        if s.indicator in by_id.index
    ]
    return pd.DataFrame(rows, dtype=object)


def trend_series(
    observations: pd.DataFrame, indicator: str, breaks: list[int], entity: str = "WLD"
):
    """A world series with `segment` numbered at series breaks and at missing years, so a line
    never bridges a methodology change or a gap (nothing is interpolated)."""
    series = with_segments(indicator_series(observations, indicator, [entity]), breaks)
    gap = series["year"].diff().fillna(1).gt(1).cumsum()
    return series.assign(segment=series["segment"] * 1000 + gap)


def missing_years(series: pd.DataFrame) -> list[int]:
    if series.empty:
        return []
    present = set(series["year"])
    return [
        y for y in range(int(series["year"].min()), int(series["year"].max())) if y not in present
    ]


def _latest(observations: pd.DataFrame, indicator: str, countries: list[str]) -> pd.DataFrame:
    series = indicator_series(observations, indicator, countries)
    return series.groupby("entity").tail(1).set_index("entity")


def focus_at_a_glance(
    observations: pd.DataFrame, indicators: pd.DataFrame, countries: list[str]
) -> pd.DataFrame:
    """One row per focus country: NCMEC reports (latest comparable year, change on the year
    before, per 100k population and internet users), 2024 referrals, Disrupting Harm headline
    percentage, Walk Free prevalence. Missing values are NaN, never 0."""
    by_id = indicators.set_index("id")
    breaks = list(by_id.loc["cybertipline_reports", "breaks"])
    observations = observations[observations["entity"].isin(countries)]
    reports = indicator_series(observations, "cybertipline_reports", countries)
    frame = pd.DataFrame({"entity": list(countries)}).set_index("entity")
    latest = reports.groupby("entity").tail(1).set_index("entity")
    frame["reports_year"] = latest["year"]
    frame["reports"] = latest["value"]
    frame["reports_flags"] = latest["flags"]
    frame["reports_source_id"] = latest["source_id"]
    frame["reports_source_url"] = latest.get("source_url")
    previous = reports.merge(latest["year"].rename("latest").reset_index(), on="entity")
    previous = previous[previous["year"] == previous["latest"] - 1].set_index("entity")
    frame["reports_previous"] = previous["value"]
    frame["reports_previous_source_id"] = previous["source_id"]
    frame["reports_previous_source_url"] = previous.get("source_url")
    frame["reports_change_pct"] = [
        np.nan if pd.isna(p) or crosses_break(int(y) - 1, int(y), breaks) else percent_change(v, p)
        for v, p, y in zip(
            frame["reports"],
            frame["reports_previous"],
            frame["reports_year"].fillna(0),
            strict=True,
        )
    ]
    for how in ("per_100k_population", "per_100k_internet_users"):
        counts = bool(by_id.loc["cybertipline_reports", "counts"])
        rates = normalise_series(latest.reset_index(), observations, how, counts)
        rates = rates.set_index("entity")
        frame[how] = rates["value"]
        frame[f"{how}_note"] = rates["denominator_note"]
    for key, indicator in FOCUS_LATEST.items():
        values = _latest(observations, indicator, countries)
        frame[f"{key}_year"] = values["year"]
        frame[key] = values["value"]
        frame[f"{key}_flags"] = values["flags"]
        frame[f"{key}_source_id"] = values["source_id"]
        frame[f"{key}_source_url"] = values.get("source_url")
    text = [
        c for c in frame.columns if c.endswith(("_flags", "_source_id", "_source_url", "_note"))
    ]
    frame[text] = frame[text].fillna("")
    return frame.reset_index()
