"""Early warning: unusual rises in a country's figures, against its own past and its peers.

For each country, indicator and year t the growth is g = ln(v_t / v_{t-1}), computed only when
both years exist and no series break lies between them. Two robust scores say how unusual g is:

- own history: (g - median of the country's other growths) / (1.4826 x MAD of those growths),
  using only years in the same stretch between breaks, and at least two of them;
- peers: (g - median of every country's growth that year) / (1.4826 x MAD), at least five
  countries.

1.4826 x MAD estimates a standard deviation that a single outlier cannot inflate. The scale is
never taken below 0.1 (about 10% growth), so a perfectly steady history does not make a tiny
wobble look infinite. A rise is flagged when the earlier value is at least `min_base`, growth is
at least `min_growth_pct`, and either score reaches its threshold.

Report counts reflect platform reporting and geolocation; a flagged rise is a reason to look,
not evidence of more abuse.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from dashboard.analysis.series import indicator_series, with_segments
from dashboard.language import N_, _, ngettext

ROBUST_SD = 1.4826
MIN_SCALE = 0.1
MIN_HISTORY = 2
MIN_PEERS = 5
DEFAULT_INDICATOR = "cybertipline_reports"
# why a change is not compared (`status`): kept in English as a code, said by wording.reasons
ZERO_VALUE = N_("not compared: a zero value has no growth rate")
ACROSS_BREAK = N_("not compared: series break in {year}, not comparable with {previous_year}")


class FlagParams(BaseModel):
    """The thresholds of the early-warning list; the page keeps them in its URL."""

    model_config = ConfigDict(frozen=True)

    min_base: float = Field(1000, ge=0, description="smallest earlier value that can be flagged")
    min_growth_pct: float = Field(50, ge=0, description="smallest growth (%) that can be flagged")
    own_z: float = Field(2.0, gt=0, description="own-history score needed to flag")
    peer_z: float = Field(2.0, gt=0, description="peer score needed to flag")
    year: int | Literal["latest", "all"] = "latest"
    indicators: list[str] | None = None  # None = every country-level reporting-volume count


def default_indicators(
    observations: pd.DataFrame, indicators: pd.DataFrame, entities: pd.DataFrame
) -> list[str]:
    """Count indicators of reporting volume where a score can be computed: a country with
    more than MIN_HISTORY year-on-year changes, or a year with MIN_PEERS countries."""
    eligible = indicators[indicators["counts"] & (indicators["measures"] == "reporting_volume")][
        "id"
    ]
    countries = set(entities.loc[entities["kind"] == "country", "code"])
    kept = (
        observations["preferred"]
        & (observations["category"] == "")
        & observations["indicator"].isin(set(eligible))
        & observations["entity"].isin(countries)
    )
    # narrow before filtering: each column of a filtered frame is copied
    rows = observations[["indicator", "entity", "year"]][kept].drop_duplicates()
    pairs = rows.assign(year=rows["year"] + 1).merge(rows, on=["indicator", "entity", "year"])
    history = pairs.groupby(["indicator", "entity"]).size().groupby("indicator").max()
    peers = pairs.groupby(["indicator", "year"]).size().groupby("indicator").max()
    scoreable = set(history[history > MIN_HISTORY].index) | set(peers[peers >= MIN_PEERS].index)
    return sorted(scoreable)


def growth_table(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entities: pd.DataFrame,
    indicator_ids: list[str],
) -> pd.DataFrame:
    """Every country x indicator x year with a previous year: log growth, or why there is none."""
    countries = list(entities.loc[entities["kind"] == "country", "code"])
    meta = indicators.set_index("id")
    parts = []
    for indicator in indicator_ids:
        breaks = [int(b) for b in meta.loc[indicator, "breaks"]]
        series = with_segments(indicator_series(observations, indicator, countries), breaks)
        flagged_breaks = series["flags"].str.split(";").map(lambda f: "series_break" in f)
        series = series.assign(indicator=indicator, unit=meta.loc[indicator, "unit"])
        before = series[["entity", "year", "value", "flags", "source_id", "segment"]].rename(
            columns={
                "value": "previous",
                "flags": "previous_flags",
                "source_id": "previous_source_id",
                "segment": "previous_segment",
            }
        )
        series = series.assign(flag_break=flagged_breaks).merge(
            before.assign(year=before["year"] + 1), on=["entity", "year"], how="inner"
        )
        parts.append(series)
    columns = [
        "indicator",
        "unit",
        "entity",
        "year",
        "previous",
        "value",
        "flags",
        "previous_flags",
        "source_id",
        "previous_source_id",
        "segment",
        "previous_segment",
        "flag_break",
    ]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    across = (frame["segment"] != frame["previous_segment"]) | frame["flag_break"].astype(bool)
    positive = (frame["previous"] > 0) & (frame["value"] > 0)
    frame["log_growth"] = np.where(
        ~across & positive,
        np.log(frame["value"].where(positive, 1) / frame["previous"].where(positive, 1)),
        np.nan,
    )
    frame["growth_pct"] = np.where(
        ~across & (frame["previous"] > 0), (frame["value"] / frame["previous"] - 1) * 100, np.nan
    )
    frame["status"] = ""
    frame.loc[~positive, "status"] = ZERO_VALUE
    frame.loc[across, "status"] = [
        ACROSS_BREAK.format(year=y, previous_year=y - 1) for y in frame.loc[across, "year"]
    ]
    return frame[[*columns[:-2], "log_growth", "growth_pct", "status"]].reset_index(drop=True)


def robust_score(value: float, others: np.ndarray) -> float:
    """(value - median) / (1.4826 x MAD), the scale never below MIN_SCALE."""
    median = float(np.median(others))
    mad = float(np.median(np.abs(others - median)))
    return (value - median) / max(ROBUST_SD * mad, MIN_SCALE)


def robust_scale(mad: np.ndarray) -> np.ndarray:
    """1.4826 x MAD, never below MIN_SCALE."""
    return np.maximum(ROBUST_SD * mad, MIN_SCALE)


def others_index(n: int) -> np.ndarray:
    """Row i lists the positions 0..n-1 but i: for n=3, [[1, 2], [0, 2], [0, 1]]."""
    return np.array([[j for j in range(n) if j != i] for i in range(n)], dtype=int)


def add_scores(growth: pd.DataFrame) -> pd.DataFrame:
    """Own-history and peer scores per row, with a note when one cannot be computed.

    Same numbers as robust_score row by row, computed with numpy a group at a time: own
    history stacks the stretches with the same number of changes, so each size is one pass."""
    size = len(growth)
    own_z, usual = np.full(size, np.nan), np.full(size, np.nan)
    peer_z, peer_median = np.full(size, np.nan), np.full(size, np.nan)
    own_note, peer_note = [""] * size, [""] * size
    peers = np.zeros(size, dtype=int)
    log_growth = growth["log_growth"].to_numpy(dtype=float)
    computed = np.flatnonzero(growth["log_growth"].notna().to_numpy())
    keys = growth[["indicator", "entity", "segment", "year"]].iloc[computed]

    # own history: each stretch's changes, stretches grouped by how many changes they hold
    stretches: dict[int, list[np.ndarray]] = {}
    for found in keys.groupby(["indicator", "entity", "segment"]).indices.values():
        stretches.setdefault(len(found), []).append(computed[found])
    for changes, groups in stretches.items():
        rows = np.array(groups)  # one stretch per line
        others = changes - 1
        if others < MIN_HISTORY:
            note = ngettext(
                "not enough history ({count} other year-on-year change)",
                "not enough history ({count} other year-on-year changes)",
                others,
            ).format(count=others)
            for row in rows.ravel():
                own_note[row] = note
            continue
        values = log_growth[rows]
        without = values[:, others_index(changes)]  # each change's other changes, on the last axis
        median = np.median(without, axis=-1)
        mad = np.median(np.abs(without - median[..., None]), axis=-1)
        own_z[rows] = (values - median) / robust_scale(mad)
        usual[rows] = (np.exp(median) - 1) * 100

    # peers: every country's change in the same indicator and year, the row's own included
    for found in keys.groupby(["indicator", "year"]).indices.values():
        rows = computed[found]
        peers[rows] = len(rows)
        if len(rows) < MIN_PEERS:
            note = _("too few countries that year ({count})").format(count=len(rows))
            for row in rows:
                peer_note[row] = note
            continue
        values = log_growth[rows]
        median = np.median(values)
        mad = np.median(np.abs(values - median))
        peer_z[rows] = (values - median) / robust_scale(mad)
        peer_median[rows] = (np.exp(median) - 1) * 100
    return growth.assign(
        own_z=own_z,
        usual_growth_pct=usual,
        own_note=own_note,
        peer_z=peer_z,
        peer_median_pct=peer_median,
        peer_note=peer_note,
        peers=peers,
    )


def growth_scores(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entities: pd.DataFrame,
    indicator_ids: list[str],
) -> pd.DataFrame:
    """Every year-on-year change of the indicators with its scores and country name: all that
    does not depend on the thresholds, so the page computes it once per store."""
    frame = add_scores(growth_table(observations, indicators, entities, indicator_ids))
    names = entities.set_index("code")["name"].to_dict()
    return frame.assign(name=frame["entity"].map(names).fillna(frame["entity"]))


def apply_thresholds(scores: pd.DataFrame, params: FlagParams) -> pd.DataFrame:
    """The scored changes with `flagged`, the `tests` that fired and the ranking `score`."""
    own = scores["own_z"].ge(params.own_z)
    peer = scores["peer_z"].ge(params.peer_z)
    flagged = (
        scores["status"].eq("")
        & scores["previous"].ge(params.min_base)
        & scores["growth_pct"].ge(params.min_growth_pct)
        & (own | peer)
    )
    tests = np.select(
        [flagged & own & peer, flagged & own, flagged & peer],
        [_("own history and peers"), _("own history"), _("peers")],
        "",
    )
    score = np.fmax(scores["own_z"].where(own), scores["peer_z"].where(peer))
    return scores.assign(flagged=flagged, tests=tests, score=score)


def score_growth(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entities: pd.DataFrame,
    params: FlagParams | None = None,
) -> pd.DataFrame:
    """Every year-on-year change checked and scored, flagged or not."""
    return _checked(observations, indicators, entities, params or FlagParams())


def _checked(
    observations: pd.DataFrame, indicators: pd.DataFrame, entities: pd.DataFrame, params: FlagParams
) -> pd.DataFrame:
    chosen = params.indicators or default_indicators(observations, indicators, entities)
    scores = growth_scores(observations, indicators, entities, chosen)
    return apply_thresholds(scores, params)


def selected_years(scored: pd.DataFrame, year: int | str) -> pd.Series:
    """Rows of the chosen year; "latest" = each indicator's latest year with a growth."""
    if year == "all":
        return pd.Series(True, index=scored.index)
    if year == "latest":
        computed = scored[scored["log_growth"].notna()]
        latest = computed.groupby("indicator")["year"].max()
        return scored["year"].eq(scored["indicator"].map(latest))
    return scored["year"].eq(int(year))


def ranked_flags(checked: pd.DataFrame, params: FlagParams) -> pd.DataFrame:
    """The flagged rows of `checked` (from apply_thresholds), strongest score first, ranked."""
    flagged = checked[checked["flagged"]].sort_values(
        ["score", "growth_pct", "entity"], ascending=[False, False, True]
    )
    flagged = flagged.reset_index(drop=True)
    return flagged.assign(rank=range(1, len(flagged) + 1))


def flag_rises(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entities: pd.DataFrame,
    params: FlagParams | None = None,
) -> pd.DataFrame:
    """The early-warning list: flagged rises in the chosen year(s), strongest score first."""
    params = params or FlagParams()
    checked = _checked(observations, indicators, entities, params)
    return ranked_flags(checked[selected_years(checked, params.year)], params)
