"""Modus operandi: how the mix of reported incident types and platforms changes over time.

Categories are published world figures. Half-year (January-June) counts are kept apart from
full-year ones, and every share says what it is a share of.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.series import indicator_rows
from dashboard.language import N_, _

# The incident types NCMEC's transparency reports use (as categorised by the reporter).
INCIDENT_TYPES = [
    "cybertipline_reports_child_pornography",
    "cybertipline_reports_online_enticement",
    "cybertipline_reports_child_sex_trafficking",
    "cybertipline_reports_child_sexual_molestation",
    "cybertipline_reports_unsolicited_obscene_material_sent_to_child",
    "cybertipline_reports_misleading_words_or_digital_images",
    "cybertipline_reports_misleading_domain_name",
    "cybertipline_reports_child_sex_tourism",
]
PLATFORM_INDICATOR = "cybertipline_reports_by_esp"
OTHER_PLATFORMS = N_("All other platforms")


def _preferred(observations: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    rows = indicator_rows(observations, indicators)
    return rows[rows["entity"] == "WLD"]


def incident_types(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Full-year counts per incident type (category = indicator), with each year's share."""
    names = indicators.set_index("id").loc[INCIDENT_TYPES, "name"]
    rows = _preferred(observations, INCIDENT_TYPES)
    frame = rows[["indicator", "year", "value", "flags", "source_id"]].copy()
    # the type alone: "CyberTipline reports: online enticement" in English, "Signalements
    # CyberTipline : ..." in French; whatever comes before the first colon goes
    frame["category"] = frame["indicator"].map(names).str.replace(r"^[^:]*:\s*", "", regex=True)
    totals = frame.groupby("year")["value"].transform("sum")
    frame["share_pct"] = frame["value"] / totals * 100
    return frame.sort_values(["year", "value"], ascending=[True, False]).reset_index(drop=True)


def half_year_counts(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """January-June counts, never to be plotted against full years."""
    half = indicators[indicators["half_year"]]
    rows = _preferred(observations, list(half["id"]))
    frame = rows[["indicator", "year", "value", "flags", "source_id"]].copy()
    frame["category"] = frame["indicator"].map(half.set_index("id")["name"])
    frame["period"] = [_("January-June {year}").format(year=y) for y in frame["year"]]
    return frame.sort_values(["indicator", "year"]).reset_index(drop=True)


def platform_mix(observations: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """Reports by platform: the `top` platforms of the latest year, the rest summed.

    Platform names are as NCMEC printed them each year; a renamed platform appears as two.
    """
    rows = indicator_rows(observations, PLATFORM_INDICATOR)
    if rows.empty:
        return pd.DataFrame(
            columns=["platform", "year", "value", "share_pct", "platforms", "source_id"]
        )
    rows = rows[["category", "year", "value", "source_id"]]
    latest = int(rows["year"].max())
    leaders = (rows[rows["year"] == latest].nlargest(top, "value")["category"]).tolist()
    others = _(OTHER_PLATFORMS)
    frame = rows.assign(platform=rows["category"].where(rows["category"].isin(leaders), others))
    # One aggregation per column: a fraction of the time of one named .agg(...) call.
    groups = frame.groupby(["platform", "year"])
    grouped = pd.DataFrame(
        {
            "value": groups["value"].sum(),
            "platforms": groups["category"].nunique(),
            "source_id": groups["source_id"].first(),
        }
    ).reset_index()
    grouped["share_pct"] = (
        grouped["value"] / grouped.groupby("year")["value"].transform("sum") * 100
    )
    order = {name: i for i, name in enumerate([*leaders, others])}
    grouped["_order"] = grouped["platform"].map(order)
    return grouped.sort_values(["_order", "year"]).drop(columns="_order").reset_index(drop=True)


def world_series(
    observations: pd.DataFrame, indicator_ids: list[str], names: dict[str, str]
) -> pd.DataFrame:
    """Sparse world series (IWF shares and counts): one row per published figure."""
    rows = _preferred(observations, indicator_ids)
    frame = rows[["indicator", "year", "value", "flags", "source_id"]].copy()
    frame["category"] = frame["indicator"].map(names)
    return frame.sort_values(["indicator", "year"]).reset_index(drop=True)
