"""Every page, any URL parameters: a page with fallback notices, never an exception."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import context
from dashboard.app.pages import all_pages

KEYS = [
    "indicator",
    "entities",
    "entity",
    "norm",
    "base",
    "scale",
    "year",
    "tab",
    "top",
    "theme",
    "factor",
    "min_base",
    "min_growth",
    "threshold",
    "group",
    "country",
    "mode",
    "x",
    "junk",
]
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "1e9",
            "2023",
            "1700",
            "PHL",
            "phl,GHA,ZZZ",
            "log",
            "per_100k_population",
            "bogus",
            "cybertipline_reports",
            "<script>",
            "NaN",
            "%00",
            "a" * 300,
            ",,,",
            "null",
        ]
    ),
    st.text(max_size=20),
)
PATHS = []
for page in all_pages():
    if not page.needs:  # an editor page is drawn per signed-in account (tests/app/auth)
        PATHS.append(page.path + ("PHL" if page.prefix else ""))
PATHS += ["/country/XYZ", "/country/", "/country/phl"]


@pytest.fixture(scope="module", autouse=True)
def _store(shipped_store):
    """Layouts name asset URLs, which Dash knows once an app exists."""
    from dashboard.app import create_app

    create_app(shipped_store)
    context.use_store(shipped_store)


@pytest.mark.parametrize("path", PATHS)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=5))
def test_layout_accepts_any_query(path, query):
    """The page opens with its heading, and each parameter it does not know is named in a
    notice, whatever the values."""
    page = next(p for p in all_pages() if p.matches(path))
    shown = text_of(page.layout(path, query))
    assert headings(page.layout(path, query)), path
    fields = set(page_fields(page))
    for key in query:
        if key not in fields:
            assert f"Ignored unknown URL parameter '{key}'." in shown, (path, key)


def text_of(component) -> str:
    """Every string a layout shows, in order (attributes such as ids left out)."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    children = getattr(component, "children", None)
    return text_of(children) if children is not None else ""


def headings(component) -> list:
    """The page titles (h1) in a layout."""
    found = []
    if isinstance(component, list | tuple):
        for child in component:
            found += headings(child)
        return found
    if type(component).__name__ == "Title" and getattr(component, "order", None) == 1:
        found.append(component)
    children = getattr(component, "children", None)
    return found + (headings(children) if children is not None else [])


def page_fields(page) -> list[str]:
    """The URL parameters a page knows: its state model's fields. The embed view has no state
    of its own: it hands every parameter to the card it draws, so it names none."""
    try:
        module = importlib.import_module(page.register.__module__.rsplit(".", 1)[0] + ".state")
    except ModuleNotFoundError:
        return KEYS
    return list(module.STATE.model.model_fields)


@pytest.mark.parametrize("search", ["?indicator=bogus", "?indicator=", "?tab=coverage&x=1"])
def test_sources_tab_switch_checks_the_indicator_in_the_url(shipped_store, search):
    """The tab callback reads the URL itself: an unknown indicator falls back, never a 500."""
    from dashboard.app import create_app

    app = create_app(shipped_store)
    output = next(k for k in app.callback_map if k.startswith("..sources-tab-content.children"))
    response = app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": [
                {"id": "sources-tab-content", "property": "children"},
                {"id": "url", "property": "search"},
            ],
            "inputs": [{"id": "sources-tabs", "property": "value", "value": "coverage"}],
            "changedPropIds": ["sources-tabs.value"],
            "state": [{"id": "url", "property": "search", "value": search}],
        },
    )
    assert response.status_code == 200
    assert "indicator=bogus" not in response.get_json()["response"]["url"]["search"]
