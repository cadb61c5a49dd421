"""The notes under a chart, grouped as Our World in Data groups them: "What you should know"
(the few notes that change how the chart must be read: the page's own notes and the caveats
of the kinds `models.KEY_CAVEATS` names), then "Sources and processing" and "How to cite",
collapsed. A country or region left out of the chart is named first, with the reason.

The lines are those `lookups.citation_lines` writes for a download's header (one fact, one
place); their labels say which group each belongs to, and a caveat's kind is read from the
indicator catalogue (data/indicators.yaml), never guessed from its words. A label is the part
of the very message that wrote the line before its placeholder, in English and in the
reader's language, so the two cannot drift apart."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from dashboard.app import context
from dashboard.language import N_, _
from dashboard.models import KEY_CAVEATS

# The messages the lines are written with (wording/links.py, wording/denominators.py,
# lookups.version_line), each up to its first placeholder
CAVEAT = (N_("Caveat: {caveat}"),)
PROCESSING = (
    N_("Indicator: {name} ({unit}). {definition}"),
    N_("Rate denominator: {denominator}."),
)
CITING = (
    N_("Source: {source}"),
    N_("Figures: version {version}, built {date}."),
    N_("Figures: version {version}."),
)


def spoken(messages: tuple[str, ...]) -> tuple[str, ...]:
    """Each message's label (its words before the first placeholder), in English and in the
    reader's language."""
    labels = [m.split("{", 1)[0] for m in [*messages, *map(_, messages)]]
    return tuple(dict.fromkeys(label for label in labels if label))


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
    caveat, processed, cited = spoken(CAVEAT), spoken(PROCESSING), spoken(CITING)
    for line in lines:
        label = next((c for c in caveat if line.startswith(c)), None)
        if label is not None:
            text = line.removeprefix(label)
            (know if text in key_caveat_texts() else processing).append(text)
        elif line.startswith(processed):
            processing.append(line)
        elif line.startswith(cited):
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
                [html.Strong(_("Not on this chart: ")), html.Span("; ".join(left_out))],
                className="chart-left-out",
                role="note",
            )
        )
    if know:
        parts.append(
            html.Section(
                [
                    html.H5(_("What you should know"), className="notes-title"),
                    html.Ul([html.Li(line) for line in know], className="notes-list"),
                ],
                className="notes-know",
            )
        )
    for title, group in ((N_("Sources and processing"), processing), (N_("How to cite"), citing)):
        if group:
            parts.append(
                html.Details(
                    [
                        html.Summary(_(title), className="notes-summary"),
                        html.Ul([html.Li(line) for line in group], className="notes-list"),
                    ],
                    className="notes-more",
                )
            )
    return parts
