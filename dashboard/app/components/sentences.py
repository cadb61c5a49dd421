"""Paste-ready sentences with their citations, and buttons that copy them; a button's
"Copied" comes from its data attribute, written in the reader's language."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.language import _

# A browser function `copy(text)`; works without a secure context (plain http on an intranet).
COPY_FUNCTION = """
    const copy = (text) => {
        const fallback = () => {
            const area = document.createElement("textarea");
            area.value = text; document.body.appendChild(area); area.select();
            document.execCommand("copy"); document.body.removeChild(area);
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).catch(fallback);
        } else { fallback(); }
    };
"""
# Copies a sentence block; answers with the button's `data-done` text.
COPY_SCRIPT = (
    """
function(clicks, text, done) {
    if (!clicks) { return window.dash_clientside.no_update; }
"""
    + COPY_FUNCTION
    + """
    copy(text);
    return done;
}
"""
)


def copy_button(key: str, label: str, text: str = "") -> html.Button:
    """Copies the text of the element with id {"type": "copy-text", "card": key}; `label`, its
    accessible name, starts with the visible `text` ("Copy" unless given)."""
    return html.Button(
        text or _("Copy"),
        id={"type": "copy-btn", "card": key},
        className="dl-btn",
        **{"aria-label": label, "data-done": _("Copied")},
    )


def sentence_row(key: str, number: int, text: str) -> html.Div:
    """One sentence with its citation, and a button that copies just that."""
    return html.Div(
        [
            html.P(text, className="narrative-sentence"),
            copy_button(key, _("Copy sentence {number} with its citation").format(number=number)),
            html.Div(text, id={"type": "copy-text", "card": key}, hidden=True),
        ],
        className="sentence-row",
    )


def narrative_block(block_id: str, sentences: list) -> html.Section:
    """Paste-ready sentences with their citations, each with a button that copies it, and one
    that copies them all."""
    text = "\n".join(s.full() for s in sentences)
    return html.Section(
        [
            dmc.Group(
                [
                    dmc.Title(_("In words"), order=4),
                    copy_button(
                        block_id,
                        _("Copy all these sentences with their citations"),
                        _("Copy all"),
                    ),
                ],
                justify="space-between",
            ),
            html.Div(
                [
                    sentence_row(f"{block_id}-{i}", i, s.full())
                    for i, s in enumerate(sentences, start=1)
                ]
                or [html.P(_("No published figures to describe."))]
            ),
            html.Div(text, id={"type": "copy-text", "card": block_id}, hidden=True),
        ],
        className="narrative",
        id=block_id,
    )
