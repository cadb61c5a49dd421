"""Paste-ready sentences with their citations, and buttons that copy them."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

# Copies a sentence block; works without a secure context (plain http on an intranet).
COPY_SCRIPT = """
function(clicks, text) {
    if (!clicks) { return window.dash_clientside.no_update; }
    const fallback = () => {
        const area = document.createElement("textarea");
        area.value = text; document.body.appendChild(area); area.select();
        document.execCommand("copy"); document.body.removeChild(area);
    };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(fallback);
    } else { fallback(); }
    return "Copied";
}
"""


def copy_button(key: str, label: str) -> html.Button:
    """Copies the text of the element with id {"type": "copy-text", "card": key}."""
    return html.Button(
        "Copy", id={"type": "copy-btn", "card": key}, className="dl-btn", **{"aria-label": label}
    )


def narrative_block(block_id: str, sentences: list) -> html.Section:
    """Paste-ready sentences with their citations, and a button that copies them all."""
    text = "\n".join(s.full() for s in sentences)
    return html.Section(
        [
            dmc.Group(
                [
                    dmc.Title("In words", order=4),
                    copy_button(block_id, "Copy these sentences with their citations"),
                ],
                justify="space-between",
            ),
            html.Div(
                [html.P(s.full(), className="narrative-sentence") for s in sentences]
                or [html.P("No published figures to describe.")]
            ),
            html.Div(text, id={"type": "copy-text", "card": block_id}, hidden=True),
        ],
        className="narrative",
        id=block_id,
    )
