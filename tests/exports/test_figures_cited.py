"""Every figure links to the page it was read from, and every rate names what it divides by
(issue 16, item 4): over every row of the store, on the country page, in the briefs and in the
chart downloads."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis import profile
from dashboard.analysis.comparison import country_codes
from dashboard.exports import brief_charts
from dashboard.exports.brief import Citations
from dashboard.exports.brief_country import RATE, key_figures
from dashboard.wording.links import is_page, page_href

BUSINESS_GHANA = (
    "https://businessghana.com/site/news/General/286898/"
    "Govts-failing-in-modern-day-slavery-fight-Global-Slavery-Index"
)
GMA = "https://www.gmanetwork.com/news/topstories/nation/871250/"
# the audit's section 7: rows shown with a page they were not read on
READ_ON = {
    ("gsi_prevalence_per_1000", "GHA", 2021): BUSINESS_GHANA,
    ("gsi_vulnerability_score", "GHA", 2021): BUSINESS_GHANA,
}


def test_every_observation_names_the_page_it_was_read_from(shipped_store):
    obs = shipped_store.observations
    blank = obs[obs["source_url"].fillna("").str.strip() == ""]
    assert blank.empty, blank[["source_id", "file", "row"]].head().to_dict("records")
    # every OCSE row (not a context series, whose rows name their provenance) names a page
    ocse = obs[~obs["source_id"].isin(["worldbank-wdi-population", "worldbank-wdi-ict"])]
    ocse = ocse[~ocse["source_id"].str.startswith(("gapminder-", "worldbank-"))]
    not_pages = ocse[~ocse["source_url"].map(is_page)]
    assert not_pages.empty, not_pages[["source_id", "source_url"]].head().to_dict("records")


def test_the_audited_rows_cite_the_page_they_were_read_on(shipped_store):
    obs = shipped_store.observations
    for (indicator, entity, year), page in READ_ON.items():
        rows = obs[(obs["indicator"] == indicator) & (obs["entity"] == entity)]
        rows = rows[rows["year"] == year]
        assert len(rows) and set(rows["source_url"]) == {page}, (indicator, entity)


def test_ghana_walk_free_figure_links_to_the_ghanaian_page(shipped_store):
    table = profile.profile_table(
        shipped_store.observations,
        shipped_store.indicators,
        country_codes(shipped_store.entities),
        "GHA",
    )
    gsi = table[table["indicator"] == "gsi_prevalence_per_1000"].iloc[0]
    url = shipped_store.sources.set_index("id").loc[gsi["source_id"], "url"]
    # the folder's main page is another one; the figure links to its own page
    assert page_href(gsi["source_url"], url) == BUSINESS_GHANA
    cites = Citations(shipped_store.sources)
    key = key_figures(shipped_store, "GHA", table, cites)
    assert key.rows
    refs = [(gsi["source_id"], gsi["source_url"])]
    (number,) = cites.cite(refs)
    entry = {c.number: c for c in cites.entries()}[number]
    assert entry.url == BUSINESS_GHANA
    assert not any(c.url.startswith(GMA) for c in cites.entries())


def test_brief_rate_charts_name_the_denominator_and_its_year(shipped_store):
    chart = brief_charts.comparison(shipped_store, "cybertipline_reports", "IND", RATE, log=False)
    assert "ITU" in chart.denominator and "World Bank" in chart.denominator
    assert "India 2023 (denominator from 2022)" in chart.denominator
    assert {"worldbank-wdi-population", "worldbank-wdi-ict"} <= set(chart.source_ids)
    assert "ITU" in chart.figure.layout.annotations[-1].text or any(
        "ITU" in str(a.text) for a in chart.figure.layout.annotations
    )


def test_brief_rate_row_says_the_denominator_year(shipped_store):
    table = profile.profile_table(
        shipped_store.observations,
        shipped_store.indicators,
        country_codes(shipped_store.entities),
        "IND",
    )
    cites = Citations(shipped_store.sources)
    key = key_figures(shipped_store, "IND", table, cites)
    rate = next(r for r in key.rows if "per 100,000 internet users" in r[0])
    assert rate[1] == "2023" and "denominator from 2022" in rate[2]
    cited = {c.source_id for c in cites.entries()}
    assert {"worldbank-wdi-population", "worldbank-wdi-ict"} <= cited


@pytest.fixture
def served(shipped_store):
    from dashboard.app import context

    context.use_store(shipped_store)
    return shipped_store


@pytest.mark.parametrize(
    ("norm", "words"),
    [
        (
            "per_100k_internet_users",
            ["ITU", "IT.NET.USER.ZS", "India 2023 (denominator from 2022)"],
        ),
        ("per_100k_population", ["SP.POP.TOTL"]),
        ("per_100k_children", ["population aged 0-14"]),
    ],
)
def test_rate_downloads_and_charts_cite_the_denominator(served, norm, words):
    from dashboard.app.pages.compare.state import CompareState
    from dashboard.app.pages.compare.view import compare_view

    state = CompareState(indicator="cybertipline_reports", entities=["IND", "PHL"], norm=norm)
    figure, _table, _footer, file = compare_view(state)
    header = "\n".join(file.header)
    for word in words:
        assert word in header, (word, file.header)
    assert "Rate denominator" in str(figure.layout.annotations[-1].text) or any(
        "Rate denominator" in str(a.text) for a in figure.layout.annotations
    )
    assert "World Bank" in header or "Gapminder" in header
    raw = compare_view(CompareState(indicator="cybertipline_reports", entities=["IND"]))[3]
    assert not any("Rate denominator" in line for line in raw.header)
    assert isinstance(file.frame, pd.DataFrame)
