"""Every figure the pages send is a valid plotly figure. Charts built from dicts are not
validated per request (charts/style.figure_of), so a misspelt or misplaced property would reach
the browser, which ignores it silently; here plotly's own validation checks each figure the
recorded callbacks (benchmarks/load/payloads: every page, its opening and its controls) return."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.charts.style import figure_of

PAYLOADS = Path(__file__).resolve().parents[2] / "benchmarks" / "load" / "payloads"


def figures_in(answer: dict) -> list[dict]:
    return [
        props["figure"]
        for props in answer.get("response", {}).values()
        if isinstance(props.get("figure"), dict) and "data" in props["figure"]
    ]


def strictly(figure: dict) -> go.Figure:
    """The figure as plotly validates it: an unknown property raises ValueError."""
    return go.Figure(figure, skip_invalid=False)


@pytest.fixture(scope="module")
def sent_figures(shipped_store) -> dict[str, list[dict]]:
    from dashboard.app import create_app

    client = create_app(shipped_store).server.test_client()
    client.get("/")  # Dash's one-time set-up completes the callback map
    found: dict[str, list[dict]] = {}
    for path in sorted(PAYLOADS.glob("*.json")):
        for request in json.loads(path.read_text()):
            response = client.post(
                "/_dash-update-component", data=request["body"], headers=request["headers"]
            )
            if response.status_code == 200:
                found.setdefault(path.stem, []).extend(figures_in(response.get_json()))
    return found


def test_every_figure_the_pages_send_is_valid(sent_figures):
    # the pages with charts built from dicts, each with several figures (opening, controls)
    for page in ("map", "country-PHL", "compare", "emerging", "factors", "gaps"):
        assert len(sent_figures.get(page, [])) >= 2, page
    for page, figures in sent_figures.items():
        for number, figure in enumerate(figures):
            try:
                strictly(figure)
            except ValueError as error:
                pytest.fail(f"{page}, figure {number}: {str(error)[:300]}")


def test_the_check_finds_a_misspelt_property():
    figure = figure_of([{"type": "scatter", "x": [1], "y": [2], "colour": "red"}], {})
    assert figure.data[0].to_plotly_json()["colour"] == "red"  # made without complaint
    with pytest.raises(ValueError, match="colour"):
        strictly(figure.to_plotly_json())
