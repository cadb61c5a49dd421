"""Share a chart: "Copy link" copies the address of the view (with the card's anchor), "Embed"
shows an iframe snippet of the chart-only view (/embed/<card>?<the card's state>), ready to
copy. Both are made in the browser from the card's key, which the page's callback set; the
words the browser shows come from data attributes the server wrote in the reader's language."""

from __future__ import annotations

from dash import MATCH, Dash, Input, Output, State, clientside_callback, dcc, html

from dashboard.app.components.sentences import COPY_FUNCTION
from dashboard.language import _

EMBED_PATH = "/embed/"


def share_buttons(card: str) -> list:
    """The card's "Copy link" and "Embed" controls, for its button row."""
    return [
        html.Button(
            _("Copy link"),
            id={"type": "link-btn", "card": card},
            className="dl-btn",
            title=_("Copy the address of this view"),
            **{"data-done": _("Link copied")},
        ),
        html.Details(
            [
                html.Summary(
                    _("Embed"),
                    id={"type": "embed-summary", "card": card},
                    className="dl-btn embed-summary",
                ),
                html.Div(
                    [
                        html.Label(
                            [
                                _("Paste this into a web page to show the chart alone:"),
                                dcc.Textarea(
                                    id={"type": "embed-code", "card": card},
                                    readOnly=True,
                                    className="embed-code",
                                    rows=4,
                                ),
                            ]
                        ),
                        html.Button(
                            _("Copy embed code"),
                            id={"type": "embed-btn", "card": card},
                            className="dl-btn",
                            **{"data-done": _("Embed code copied")},
                        ),
                    ],
                    className="embed-panel",
                ),
            ],
            className="embed",
            id={"type": "embed", "card": card},
            # the embedded frame's accessible name: this, then the chart's file name
            **{"data-title": _("OCSE Statistics Dashboard: ")},
        ),
    ]


def register_share_callbacks(app: Dash) -> None:
    clientside_callback(
        """
        function(clicks, id, done) {
            if (!clicks) { return window.dash_clientside.no_update; }
            """
        + COPY_FUNCTION
        + """
            const url = new URL(window.location.href);
            url.hash = id.card + "-card";
            copy(url.href);
            return done;
        }
        """,
        Output({"type": "link-btn", "card": MATCH}, "children"),
        Input({"type": "link-btn", "card": MATCH}, "n_clicks"),
        State({"type": "link-btn", "card": MATCH}, "id"),
        State({"type": "link-btn", "card": MATCH}, "data-done"),
        prevent_initial_call=True,
    )
    clientside_callback(
        """
        function(opened, data, id, title) {
            if (!opened) { return window.dash_clientside.no_update; }  // made when first opened
            const key = (data && typeof data.key === "string") ? data.key : "";
            // the card's state, the page's language, and the view the credit link opens
            const params = new URLSearchParams(key.replace(/^[?]/, ""));
            params.set("lang", document.documentElement.lang || "en");
            params.set("view", window.location.pathname + window.location.search);
            const src = window.location.origin + EMBED + id.card + "?" + params.toString();
            const file = (data && typeof data.filename === "string") ? data.filename : "chart";
            const name = ((title || "") + file).replace(/[&"<>]/g, "");
            return '<iframe src="' + src.replace(/"/g, "%22") + '" title="' + name +
                '" width="100%" height="560" style="border:0" loading="lazy"></iframe>';
        }
        """.replace("EMBED", f'"{EMBED_PATH}"'),
        Output({"type": "embed-code", "card": MATCH}, "value"),
        Input({"type": "embed-summary", "card": MATCH}, "n_clicks"),
        Input({"type": "card-data", "card": MATCH}, "data"),
        State({"type": "embed", "card": MATCH}, "id"),
        State({"type": "embed", "card": MATCH}, "data-title"),
    )
    clientside_callback(
        """
        function(clicks, code, done) {
            if (!clicks) { return window.dash_clientside.no_update; }
            """
        + COPY_FUNCTION
        + """
            copy(code || "");
            return done;
        }
        """,
        Output({"type": "embed-btn", "card": MATCH}, "children"),
        Input({"type": "embed-btn", "card": MATCH}, "n_clicks"),
        State({"type": "embed-code", "card": MATCH}, "value"),
        State({"type": "embed-btn", "card": MATCH}, "data-done"),
        prevent_initial_call=True,
    )
