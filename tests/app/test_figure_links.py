"""Every figure on the overview and on every country page links to the page it was read on
(issue 16, item 4): the links each part of a page draws are exactly the pages of the rows it
shows, never a publication's main page when a figure was read elsewhere."""

from __future__ import annotations

import pytest

from dashboard.app import context
from dashboard.wording.links import page_href

BUSINESS_GHANA = (
    "https://businessghana.com/site/news/General/286898/"
    "Govts-failing-in-modern-day-slavery-fight-Global-Slavery-Index"
)
DENOMINATORS = {"worldbank-wdi-population", "worldbank-wdi-ict"}


@pytest.fixture(scope="module")
def served(shipped_store):
    context.use_store(shipped_store)
    return shipped_store


def links(component) -> list[str]:
    """The href of every publication link in a Dash component tree."""
    if isinstance(component, list | tuple):
        return [href for part in component for href in links(part)]
    found = []
    if getattr(component, "className", None) == "source-link":
        found.append(component.href)
    children = getattr(component, "children", None)
    if children is None:
        return found
    for child in children if isinstance(children, list | tuple) else [children]:
        if not isinstance(child, str | int | float):
            found += links(child)
    return found


def pages_of(store, rows) -> set[str]:
    """Where each (source_id, source_url) pair's figure was read, as a link."""
    urls = store.sources.set_index("id")["url"]
    return {page_href(page, urls[source]) for source, page in rows if source}


def test_the_overview_focus_table_links_each_figure_to_its_own_page(served):
    from dashboard.app.pages.overview.layout import focus_frame, focus_section

    frame = focus_frame()
    shown = []
    for prefix in ["reports", "reports_previous", "referrals", "dh", "gsi"]:
        shown += list(zip(frame[f"{prefix}_source_id"], frame[f"{prefix}_source_url"], strict=True))
    urls = served.sources.set_index("id")["url"]
    denominators = {page_href(None, urls[s]) for s in DENOMINATORS}
    drawn = set(links(focus_section())) - denominators
    assert drawn == pages_of(served, shown)
    # Ghana's Walk Free figure was read on a Ghanaian page, not on its folder's main page
    ghana = frame.set_index("entity").loc["GHA"]
    assert ghana["gsi_source_url"] == BUSINESS_GHANA and BUSINESS_GHANA in drawn


def test_headlines_and_trend_cards_link_the_pages_of_their_figures(served):
    from dashboard.analysis.headlines import trend_series
    from dashboard.app.lookups import indicators_by_id
    from dashboard.app.pages.overview.layout import world_headlines
    from dashboard.app.pages.overview.view import TRENDS, headline_card, trend_view

    for row in world_headlines().to_dict("records"):
        shown = [(row["source_id"], row["source_url"])]
        if row["previous_source_id"] not in ("", row["source_id"]):
            shown.append((row["previous_source_id"], row["previous_source_url"]))
        assert set(links(headline_card(row))) == pages_of(served, shown), row["indicator"]
    for trend in TRENDS:
        breaks = list(indicators_by_id().loc[trend.indicator, "breaks"])
        series = trend_series(served.observations, trend.indicator, breaks)
        footer = trend_view(trend)[2]
        shown = zip(series["source_id"], series["source_url"], strict=True)
        assert set(links(footer)) == pages_of(served, shown), trend.indicator


def test_every_country_page_links_each_row_to_the_page_it_was_read_on(served):
    from dashboard.analysis.profile import profile_table
    from dashboard.app.lookups import country_codes, indicators_by_id
    from dashboard.app.pages.country.view import headline_ranks, indicator_table

    codes, ranks = country_codes(), headline_ranks()
    checked = 0
    for code in codes:
        # the table the country page draws (country_facts), without the rest of the page
        table = profile_table(served.observations, served.indicators, codes, code, ranks=ranks)
        if table.empty:
            continue
        drawn = links(indicator_table(table, indicators_by_id()))
        shown = zip(table["source_id"], table["source_url"], strict=True)
        # one link per row, each the page that row was read on
        assert len(drawn) == len(table), code
        assert set(drawn) == pages_of(served, shown), code
        checked += 1
    assert checked > 200  # every country with a figure, not a sample
