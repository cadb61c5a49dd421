"""The notes under a chart, grouped as Our World in Data groups them: "What you should know"
(the few notes that change how the chart must be read: the page's own notes and the caveats
of the kinds `models.KEY_CAVEATS` names), then "Sources and processing" and "How to cite",
collapsed. A country or region left out of the chart is named first, with the reason.

The lines are those `lookups.citation_lines` writes for a download's header (one fact, one
place); their labels say which group each belongs to, and a caveat's kind is read from the
indicator catalogue (data/indicators.yaml), never guessed from its words."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from dashboard.app import context
from dashboard.models import KEY_CAVEATS

CAVEAT = "Caveat: "
PROCESSING = ("Indicator: ", "Rate denominator: ")
CITING = ("Source: ", "Figures: version ")


@context.per_store
def key_caveat_texts() -> frozenset[str]:
    """The texts of every caveat, of any indicator, that changes how a chart must be read."""
    wanted = {str(kind) for kind in KEY_CAVEATS}
    return frozenset(
        c["text"]
        for caveats in context.store().indicators["caveats"]
        for c in caveats
        if c["kind"] in wanted
    )


def grouped(lines: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """(what you should know, sources and processing, how to cite), each in the order given."""
    know, processing, citing = [], [], []
    for line in lines:
        if line.startswith(CAVEAT):
            text = line.removeprefix(CAVEAT)
            (know if text in key_caveat_texts() else processing).append(text)
        elif line.startswith(PROCESSING):
            processing.append(line)
        elif line.startswith(CITING):
            citing.append(line)
        else:
            know.append(line)  # the page's own note on this view
    return know, processing, citing


def chart_notes(lines: Sequence[str], left_out: Sequence[str] = ()) -> list:
    know, processing, citing = grouped(lines)
    parts = []
    if left_out:
        parts.append(
            html.Div(
                [html.Strong("Not on this chart: "), html.Span("; ".join(left_out))],
                className="chart-left-out",
                role="note",
            )
        )
    if know:
        parts.append(
            html.Section(
                [
                    html.H5("What you should know", className="notes-title"),
                    html.Ul([html.Li(line) for line in know], className="notes-list"),
                ],
                className="notes-know",
            )
        )
    for title, group in (("Sources and processing", processing), ("How to cite", citing)):
        if group:
            parts.append(
                html.Details(
                    [
                        html.Summary(title, className="notes-summary"),
                        html.Ul([html.Li(line) for line in group], className="notes-list"),
                    ],
                    className="notes-more",
                )
            )
    return parts
