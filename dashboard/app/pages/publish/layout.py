"""The Publish page, for editors: upload a file with what it is, see the preview, publish or
discard it; withdraw a publication or mark a figure doubtful. Plain forms, posted to the
routes in `dashboard.app.publishing`, so nothing depends on a callback to write."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html
from flask_wtf.csrf import generate_csrf

from dashboard.app import context
from dashboard.app.auth import can, current_user_name
from dashboard.app.components.page import flashed
from dashboard.app.pages.publish.view import preview_view
from dashboard.app.publishing import PUBLISH
from dashboard.models import Reliability
from dashboard.pipeline.drafts import load_draft
from dashboard.store import store_path

PATH = PUBLISH
RELIABILITY = {
    Reliability.PRIMARY: "primary: the publisher's own document",
    Reliability.OFFICIAL_STATEMENT: "official statement",
    Reliability.SECONDARY: "secondary: a news report or another page quoting it",
    Reliability.THIRD_PARTY_TRANSCRIPTION: "third-party transcription of the publisher's table",
}


def layout(path: str, query: dict[str, str]) -> object:
    draft = load_draft(store_path(), query.get("draft", ""), current_user_name() or "")
    given = draft[2] if draft else {}
    preview = []
    if draft is not None:
        preview = [
            dmc.Title("Preview", order=3, mt="lg"),
            *preview_view(draft[1]),
            decision(query["draft"], draft[1].ok),
        ]
    elif query.get("draft"):
        preview = [dmc.Alert("That preview is no longer there.", color="yellow")]
    return html.Div(
        [
            dmc.Title("Publish", order=1, size="h2"),
            dmc.Text(
                "Add a publication: upload the table as published and say what it is. A preview "
                "comes first; nothing changes until you press Publish. Every change is recorded "
                "on the History tab of Data & sources and can be rolled back by an admin.",
                c="dimmed",
                size="sm",
            ),
            *flashed(),
            *preview,
            upload_form(given),
            corrections_forms(),
        ],
        className="publish-page",
    )


def decision(token: str, publishable: bool) -> html.Div:
    publish = form(
        "commit",
        [dcc.Input(type="hidden", name="draft", value=token)],
        "Publish",
        disabled=not publishable,
    )
    discard = form("discard", [dcc.Input(type="hidden", name="draft", value=token)], "Discard")
    return html.Div([publish, discard], className="publish-decision")


def upload_form(given: dict) -> html.Section:
    fields = [
        field("file", "The file: NCMEC PDF, CSV, XLSX, or a WDI or OWID download", kind="file"),
        html.P(
            "For an NCMEC PDF, or a WDI or OWID download, the fields below may stay empty: the "
            "file names its publication. For any other file fill them in.",
            className="publish-hint",
        ),
        field("publisher", "Publisher", given),
        field("title", "Title", given),
        field("url", "Address (URL) where it is published", given, kind="url"),
        field("year", "Year of publication", given, kind="number"),
        field("licence", "Licence or terms of use", given),
        choice("reliability", "Reliability", RELIABILITY, given.get("reliability", "")),
        field("caveats", "Caveats, one per line", given, kind="textarea"),
        field("indicator", "Indicator id, when the rows do not name it", given),
        field("unit", "Unit, when the rows do not name it", given),
        field("id", "Publication id (optional; made from the title)", given),
    ]
    return html.Section(
        [
            dmc.Title("Upload a publication", order=3, mt="lg"),
            form("preview", fields, "Preview", multipart=True),
        ],
        className="publish-form",
    )


def corrections_forms() -> html.Section:
    sources = {s: s for s in sorted(context.store().sources["id"])}
    withdraw = form(
        "withdraw",
        [choice("source", "Publication", sources, ""), field("reason", "Why (readers see it)")],
        "Withdraw",
    )
    doubt = form(
        "doubt",
        [
            choice("source", "Publication", sources, "", "doubt-source"),
            field("indicator", "Indicator id", field_id="doubt-indicator"),
            field("entity", "Country or region code (ISO3)"),
            field("period", "Period (year)"),
            field("category", "Category, if any", field_id="doubt-category"),
            field("reason", "Why (readers see it)", field_id="doubt-reason"),
        ],
        "Mark doubtful",
    )
    parts = [
        dmc.Title("Withdraw a publication", order=3, mt="xl"),
        dmc.Text("Its figures leave every page; it stays listed with the reason.", size="sm"),
        withdraw,
        dmc.Title("Mark a figure doubtful", order=3, mt="lg"),
        dmc.Text("The figure keeps its value and is shown with the reason.", size="sm"),
        doubt,
    ]
    if can("rollback"):
        parts.append(
            dmc.Text(
                [
                    "Roll back to an earlier version on the ",
                    dcc.Link("History", href="/sources?tab=history"),
                    " tab.",
                ],
                size="sm",
                mt="lg",
            )
        )
    return html.Section(parts, className="publish-corrections")


def form(action: str, children: list, label: str, multipart: bool = False, disabled: bool = False):
    extra = {"encType": "multipart/form-data"} if multipart else {}
    return html.Form(
        [
            dcc.Input(type="hidden", name="csrf_token", value=generate_csrf()),
            *children,
            html.Button(label, type="submit", id=f"publish-{action}-button", disabled=disabled),
        ],
        action=f"{PUBLISH}/{action}",
        method="post",
        id=f"publish-{action}-form",
        className="publish-form-body",
        **extra,
    )


def field(name: str, label: str, given: dict | None = None, kind: str = "text", field_id: str = ""):
    field_id = field_id or f"publish-{name}"
    value = (given or {}).get(name, "")
    if kind == "textarea":
        control = html.Textarea(value, id=field_id, name=name, rows=3)
    elif kind == "file":  # the input itself is added by assets/file_input.js
        control = html.Div(**{"data-file-input": name, "data-input-id": field_id})
    else:
        control = dcc.Input(id=field_id, name=name, type=kind, value=value)
    return html.Div([html.Label(label, htmlFor=field_id), control], className="publish-field")


def choice(name: str, label: str, options: dict, value: str, field_id: str = ""):
    field_id = field_id or f"publish-{name}"
    return html.Div(
        [
            html.Label(label, htmlFor=field_id),
            html.Select(
                [html.Option("", value="")]
                + [
                    html.Option(text, value=str(key), selected=str(key) == value)
                    for key, text in options.items()
                ],
                id=field_id,
                name=name,
            ),
        ],
        className="publish-field",
    )
