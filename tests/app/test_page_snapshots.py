"""What a reader sees on twenty views, pinned: the text, the controls' values, every chart's
title, notes and plotted numbers, and the rows of the table tabs.

Code moves must leave these unchanged. A deliberate change is re-recorded with
`pytest tests/app/test_page_snapshots.py --update-snapshots` and named in its commit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SNAPSHOTS = Path(__file__).parent / "snapshots"
VIEWS = [
    "/",
    "/?theme=hosting",
    "/map",
    "/map?year=2021&norm=per_100k_population",
    "/map?indicator=dh_ocsea_past_year_pct&scale=linear",
    "/map?indicator=bogus&year=1900",
    "/country/PHL",
    "/country/GHA",
    "/country/IND?norm=per_100k_internet_users",
    "/country/KHM?norm=index&scale=log",
    "/country/XYZ",
    "/compare",
    "/compare?entities=PHL,THA,WLD&norm=index&base=2020&scale=log",
    "/emerging",
    "/emerging?year=all&min_base=500&min_growth=25",
    "/modus-operandi?top=5&scale=linear",
    "/factors",
    "/factors?factor=gdp_per_capita_ppp&norm=per_100k_internet_users&country=IND",
    "/gaps",
    "/gaps?who=KHM",
    "/sources?tab=indicators&indicator=gsi_prevalence_per_1000",
    "/sources?tab=notices",
    "/no-such-page",
]

# Everything a reader can see or download from the page area, once every callback has run.
CAPTURE = """() => {
    const page = document.querySelector('#page');
    const round = (v) => typeof v === 'number' ? Number(v.toPrecision(10)) : v;
    const list = (a) => a == null ? null
        : Array.from(a, (v) => Array.isArray(v) ? list(v) : round(v));
    const graphs = Array.from(page.querySelectorAll('.js-plotly-plot')).map((plot) => ({
        id: plot.parentElement.id || plot.closest('[id]').id,
        title: plot.layout && plot.layout.title ? plot.layout.title.text : null,
        annotations: ((plot.layout && plot.layout.annotations) || []).map((a) => a.text),
        axes: ['xaxis', 'yaxis'].map((k) => plot.layout && plot.layout[k] && plot.layout[k].title
            ? plot.layout[k].title.text : null),
        traces: (plot.data || []).map((t) => ({
            type: t.type, name: t.name, x: list(t.x), y: list(t.y), z: list(t.z),
            locations: list(t.locations), text: list(t.text), hovertext: list(t.hovertext),
        })),
    }));
    // a control is named by its own id, or its nearest ancestor's (Mantine's ids are random)
    const named = (i) => i.closest('[id]:not([id^="mantine-"])');
    const controls = Array.from(page.querySelectorAll('input, textarea')).filter(named)
        .map((i) => named(i).id + ' = ' + (i.type === 'radio' || i.type === 'checkbox'
            ? (i.checked ? i.value : '') : i.value)).filter((line) => !line.endsWith(' = '));
    const tables = Array.from(page.querySelectorAll('.dash-spreadsheet'))
        .map((t) => t.innerText);
    // chart text is taken from the figures above: the SVG's own text depends on timing
    const hide = document.createElement('style');
    hide.textContent = '.js-plotly-plot { visibility: hidden !important; }';
    document.head.appendChild(hide);
    const text = page.innerText;
    hide.remove();
    return {text, controls, graphs, tables};
}"""
LOADING = "() => !document.querySelector('[data-dash-is-loading=\"true\"], ._dash-loading')"


def slug(view: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", view).strip("-") or "overview"


def settled(page) -> dict:
    """The capture once nothing is loading and two reads half a second apart agree."""
    page.wait_for_function(LOADING)
    previous = None
    for _ in range(40):
        page.wait_for_timeout(500)
        page.wait_for_function(LOADING)
        current = page.evaluate(CAPTURE)
        if current == previous:
            return current
        previous = current
    raise AssertionError("the page kept changing for 20 s")


def rendered(capture: dict) -> str:
    """The capture as text that diffs well: one section per part, trailing spaces dropped."""
    lines = ["# text", *capture["text"].splitlines(), "# controls", *capture["controls"]]
    for graph in capture["graphs"]:
        lines += [f"# graph {graph['id']}", json.dumps(graph, indent=1, ensure_ascii=False)]
    for number, table in enumerate(capture["tables"], start=1):
        lines += [f"# table {number}", *table.splitlines()]
    return "\n".join(line.rstrip() for line in lines) + "\n"


@pytest.mark.parametrize("view", VIEWS, ids=slug)
def test_view_shows_what_it_showed(visit, view, request):
    page = visit.open(view)
    seen = rendered(settled(page))
    path = SNAPSHOTS / f"{slug(view)}.txt"
    if request.config.getoption("--update-snapshots") or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(seen, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert seen == expected, f"{view} differs from {path.name}"
