"""The lighter plotly.js (`make plotly`, dashboard/app/plotlyjs/bundle.js) draws every chart the
app draws: each page with charts opened in a real browser, every trace type on it registered."""

from __future__ import annotations

import pytest
from plotly.offline import get_plotlyjs_version

pytestmark = pytest.mark.browser

CHART_PAGES = [
    "/",
    "/map",
    "/map?indicator=dh_ocsea_past_year_pct&scale=linear",
    "/country/PHL",
    "/compare?entities=PHL,THA,WLD&norm=index&base=2020&scale=log",
    "/emerging",
    "/modus-operandi",
    "/factors",
    "/gaps",
    "/gaps?who=KHM",
]
DRAWN = """() => {
  const known = Object.keys(Plotly.PlotSchema.get().traces);
  const drawn = [...document.querySelectorAll('.js-plotly-plot')]
    .flatMap(graph => (graph.data || []).map(trace => trace.type || 'scatter'));
  return {known, drawn, version: Plotly.version};
}"""


def test_every_chart_type_the_pages_draw_is_in_the_bundle(visit):
    drawn: set[str] = set()
    for path in CHART_PAGES:
        page = visit.open(path)
        page.wait_for_selector(".js-plotly-plot .main-svg", state="attached")
        found = page.evaluate(DRAWN)
        missing = set(found["drawn"]) - set(found["known"])
        assert not missing, f"{path} draws {missing}, which the bundle lacks"
        drawn |= set(found["drawn"])
    assert found["version"] == get_plotlyjs_version()  # the figures' schema is plotly.py's
    assert "sankey" not in found["known"]  # the light bundle, not the full plotly.js
    assert drawn >= {"choropleth", "scattergeo", "bar", "scatter", "heatmap"}, drawn
    assert visit.console_errors == []
