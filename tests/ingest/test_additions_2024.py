"""IWF 2024 (with hosting by country), INHOPE 2024, Disrupting Harm Tanzania and NCMEC's 2025
world total as someone else transcribed it: figures a person can check against the pages, the
labels each page earns, and every row against the line of additions_observations.csv it cites."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.models import split_flags

DATA = Path(__file__).resolve().parents[2] / "data"
FOLDERS = [
    "grimm-peryear-2025",
    "iwf_adir2024",
    "iwf_press_2025",
    "iwf_ar2014_childnet",
    "iwf_reportremove_2024",
    "iwf_adir2024_hosting",
    "inhope_ar2024",
    "inhope_facts_2023",
    "inhope_nmhh_2024",
    "dh_tanzania",
    "dh_tanzania_secondary",
    "c3p_ctv_2022",
]


def _additions() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "data" / "published" / "additions_observations.csv"
        if candidate.is_file():
            return candidate
    return None


ADDITIONS = _additions()


def rows_of(store, source_id: str) -> pd.DataFrame:
    obs = store.observations
    return obs[obs["source_id"] == source_id]


def one(store, source_id: str, indicator: str, entity: str, year: int) -> pd.Series:
    rows = rows_of(store, source_id)
    found = rows[
        (rows["indicator"] == indicator) & (rows["entity"] == entity) & (rows["year"] == year)
    ]
    assert len(found) == 1, (source_id, indicator, entity, year)
    return found.iloc[0]


def test_iwf_2024_hosting_top_ten_add_up_to_the_printed_total(shipped_store):
    hosted = rows_of(shipped_store, "iwf_adir2024_hosting")
    counts = hosted[hosted["indicator"] == "iwf_csam_urls_hosted_exact"]
    # "Top ten total | 242,780 | 83%": Netherlands 83,037 down to the tenth country
    assert counts["value"].nlargest(10).sum() == 242_780
    assert (
        one(shipped_store, "iwf_adir2024_hosting", "iwf_csam_urls_hosted_exact", "NLD", 2024)[
            "value"
        ]
        == 83_037
    )
    # the "% last year" column is the 2023 share: Netherlands 33%, 29% in 2024
    shares = hosted[
        (hosted["indicator"] == "iwf_csam_hosting_share_pct") & (hosted["entity"] == "NLD")
    ]
    assert dict(zip(shares["year"], shares["value"], strict=True)) == {2024: 29, 2023: 33}


def test_iwf_zero_percent_shares_are_flagged_and_dark_web_is_no_country(shipped_store):
    shares = rows_of(shipped_store, "iwf_adir2024_hosting")
    shares = shares[shares["indicator"] == "iwf_csam_hosting_share_pct"]
    zero = shares["value"] == 0
    # "0%" means under 0.5%: approximate; every other printed share is left as published
    assert zero.sum() == 15
    assert shares.loc[zero, "flags"].map(lambda f: "approximate" in split_flags(f)).all()
    assert (shares.loc[~zero, "flags"] == "").all()
    onion = one(
        shipped_store, "iwf_adir2024_hosting", "iwf_csam_urls_hosted_exact", "ONION_DARK_WEB", 2024
    )
    assert onion["value"] == 531
    kinds = shipped_store.entities.set_index("code")["kind"]
    assert kinds["ONION_DARK_WEB"] != "country"


def test_iwf_2024_totals_and_the_press_figure_stay_apart(shipped_store):
    obs = shipped_store.observations
    chosen = obs[obs["preferred"] & (obs["entity"] == "WLD") & (obs["year"] == 2024)]
    chosen = chosen.set_index("indicator")
    assert chosen.loc["iwf_urls_confirmed_csam", "value"] == 291_273
    assert chosen.loc["iwf_urls_confirmed_csam", "source_id"] == "iwf_adir2024"
    assert chosen.loc["iwf_urls_confirmed_csam_press_release", "value"] == 291_270
    assert chosen.loc["iwf_reports_assessed", "value"] == 424_047


def test_inhope_2024_own_page_is_preferred_to_the_transcription(shipped_store):
    obs = shipped_store.observations
    rows = obs[(obs["indicator"] == "inhope_content_urls_exchanged") & (obs["year"] == 2024)]
    chosen = rows[rows["preferred"]].iloc[0]
    assert chosen["value"] == 2_497_438 and chosen["source_id"] == "inhope_ar2024"
    assert chosen["flags"] == ""
    # "CSAM was traced to 86 countries in 2024, up from 84 in 2023"
    traced = rows_of(shipped_store, "inhope_ar2024")
    traced = traced[traced["indicator"] == "inhope_csam_hosting_countries"]
    assert dict(zip(traced["year"], traced["value"], strict=True)) == {2024: 86, 2023: 84}


def test_tanzania_rows_are_split_by_the_page_they_were_read_on(shipped_store):
    sources = shipped_store.sources.set_index("id")
    own = rows_of(shipped_store, "dh_tanzania")
    other = rows_of(shipped_store, "dh_tanzania_secondary")
    assert sources.loc["dh_tanzania", "reliability"] == "primary"
    assert sources.loc["dh_tanzania_secondary", "reliability"] == "secondary"
    assert own["source_url"].str.contains("ecpat.org").all() and len(own) == 2
    assert not other["source_url"].str.contains("ecpat.org").any() and len(other) == 3
    assert other["flags"].map(lambda f: "secondary_source" in split_flags(f)).all()
    # no figure in both folders, so neither can contradict the other
    keys = ["indicator", "entity", "year"]
    assert own[keys].merge(other[keys]).empty
    headline = one(shipped_store, "dh_tanzania_secondary", "dh_ocsea_past_year_pct", "TZA", 2021)
    assert headline["value"] == 4 and "approximate" not in split_flags(headline["flags"])


def test_ncmec_2025_transcription_ranks_below_ncmec_own_tables(shipped_store):
    row = one(shipped_store, "grimm-peryear-2025", "cybertipline_reports", "WLD", 2025)
    assert row["value"] == 21_351_493
    assert "unverified_transcription" in split_flags(row["flags"])
    sources = shipped_store.sources.set_index("id")
    assert sources.loc["grimm-peryear-2025", "reliability"] == "third_party_transcription"
    own = sources.loc[["ncmec-ojjdp-cy2023", "ncmec-ojjdp-cy2023-appxa", "ncmec-bycountry-2023"]]
    assert (own["priority"] < sources.loc["grimm-peryear-2025", "priority"]).all()


def test_no_report_count_sits_under_trafficking(shipped_store):
    ind = shipped_store.indicators
    trafficking = ind[ind["theme"] == "Trafficking & modern slavery"]
    assert not (trafficking["measures"] == "reporting_volume").any()
    used = set(
        shipped_store.observations.loc[
            shipped_store.observations["source_id"].isin(FOLDERS), "indicator"
        ]
    )
    assert not used & set(trafficking["id"])


def test_cybertip_monthly_sextortion_rate_is_a_rate_on_a_news_page(shipped_store):
    row = one(shipped_store, "c3p_ctv_2022", "cybertip_sextortion_reports_per_month", "CAN", 2022)
    assert (row["value"], row["unit"]) == (300, "count_per_month")
    assert "secondary_source" in split_flags(row["flags"])
    source = shipped_store.sources.set_index("id").loc["c3p_ctv_2022"]
    assert (source["reliability"], source["priority"]) == ("secondary", 30)


@pytest.mark.skipif(ADDITIONS is None, reason="../shared/data/published not found")
def test_every_row_equals_the_line_of_the_additions_file_it_cites():
    with ADDITIONS.open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    header = {name: i for i, name in enumerate(lines[0])}
    checked = 0
    for folder in FOLDERS:
        with (DATA / "sources" / folder / "table.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                cited = re.search(r"line (\d+) of additions_observations\.csv", row["notes"])
                if cited is None:
                    continue  # dh_tanzania's earlier row, from ocse_observations.csv
                line = lines[int(cited.group(1)) - 1]
                assert line[header["source_id"]].lower() == folder.split("_secondary")[0]
                for column in ["year", "country_as_published", "indicator", "value", "source_url"]:
                    assert row[column] == line[header[column]], (folder, column, row)
                checked += 1
    assert checked == 100  # 1 + 4 + 1 + 1 + 2 + 73 + 9 + 3 + 1 + 4 + 1 additions rows
