"""A country's modus operandi from NCMEC's Global Platform: the incident-type mix of its
CyberTipline referrals, full year and January-June, as NCMEC rounded them.

Values keep their flags (`rounded`, `upper_bound` for "<50"). Nothing here adds censored values
up: the incident types are listed, not summed, and a share is never computed from a bound.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.series import indicator_rows
from dashboard.ingest.gpcep import PLATFORM_REFERRALS, TABLE_REFERRALS, referral_disagreements
from dashboard.language import _

INCIDENTS = "gpcep_referrals_by_incident_type"
INCIDENTS_H1 = INCIDENTS + "_h1"
COLUMNS = ["category", "year", "period", "value", "flags", "source_id", "half_year"]


def incident_mix(observations: pd.DataFrame, code: str) -> pd.DataFrame:
    """The country's referrals by incident type: one row per type and period, the full year
    first; types in order of the latest full-year value, "fewer than" values last."""
    rows = indicator_rows(observations, [INCIDENTS, INCIDENTS_H1])
    rows = rows[rows["entity"] == code]
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = rows[["indicator", "category", "year", "value", "flags", "source_id"]].copy()
    frame["half_year"] = frame["indicator"] == INCIDENTS_H1
    frame["year"] = frame["year"].astype(int)
    frame["period"] = [
        _("January-June {year}").format(year=y) if h else str(y)
        for y, h in zip(frame["year"], frame["half_year"], strict=True)
    ]
    full = frame[~frame["half_year"]]
    latest = full[full["year"] == full["year"].max()] if len(full) else frame
    bounded = latest["flags"].str.split(";").map(lambda f: "upper_bound" in f)
    order = (
        latest.assign(_bound=bounded)
        .sort_values(["_bound", "value", "category"], ascending=[True, False, True])["category"]
        .drop_duplicates()
        .tolist()
    )
    order += sorted(set(frame["category"]) - set(order))
    frame["_order"] = frame["category"].map({c: i for i, c in enumerate(order)})
    frame = frame.sort_values(["half_year", "year", "_order"], ascending=[True, False, True])
    return frame[COLUMNS].reset_index(drop=True)


def referral_disagreement(observations: pd.DataFrame, code: str) -> dict | None:
    """The country's platform referrals and annual-table referrals of the same year, if they
    disagree beyond the platform's rounding: both values, flags and sources."""
    rows = observations[
        (observations["entity"] == code)
        & observations["indicator"].isin([PLATFORM_REFERRALS, TABLE_REFERRALS])
    ]
    found = referral_disagreements(rows)
    if found.empty:
        return None
    return found.sort_values("year").iloc[-1].to_dict()
