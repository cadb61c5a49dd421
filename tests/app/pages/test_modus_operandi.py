"""Modus operandi in a real browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_four_cards_render_with_half_year_kept_apart(visit):
    page = visit.open("/modus-operandi?top=5&scale=linear")
    for card in ["mo-incidents", "mo-platforms", "mo-emerging", "mo-iwf"]:
        page.wait_for_selector(f"#{card}-graph .main-svg", state="attached")
    assert "January-June 2024" in page.inner_text("#mo-emerging-graph")
    assert "top 5" in page.inner_text("#mo-platforms-graph")
    assert "series break 2024" in page.inner_text("#mo-incidents-graph")
    visit.screenshot("modus-operandi")
    assert visit.external_requests() == []
    assert visit.console_errors == []


def test_csv_download_has_the_citation_header(visit):
    page = visit.open("/modus-operandi")
    page.wait_for_selector("#mo-incidents-graph .main-svg", state="attached")
    with page.expect_download() as info:
        page.locator("#mo-incidents-card").get_by_role("button", name="CSV").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert text.startswith("# CyberTipline reports by incident type")
    assert "# Source:" in text and "186819" in text
    assert info.value.suggested_filename == "ncmec_incident_types.csv"


def test_bad_parameter_falls_back_with_a_notice(visit):
    page = visit.open("/modus-operandi?top=500")
    assert "Ignored 'top=500'" in page.inner_text("#page")
    page.wait_for_selector("#mo-platforms-graph .main-svg", state="attached")
