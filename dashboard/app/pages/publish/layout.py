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
from dashboard.language import N_, _
from dashboard.models import Reliability
from dashboard.pipeline.drafts import load_draft
from dashboard.store import store_path

PATH = PUBLISH
RELIABILITY = {
    Reliability.PRIMARY: N_("primary: the publisher's own document"),
    Reliability.OFFICIAL_STATEMENT: N_("official statement"),
    Reliability.SECONDARY: N_("secondary: a news report or another page quoting it"),
    Reliability.THIRD_PARTY_TRANSCRIPTION: N_("third-party transcription of the publisher's table"),
}


def layout(path: str, query: dict[str, str]) -> object:
    draft = load_draft(store_path(), query.get("draft", ""), current_user_name() or "")
    given = draft[2] if draft else {}
    preview = []
    if draft is not None:
        preview = [
            dmc.Title(_("Preview"), order=3, mt="lg"),
            *preview_view(draft[1]),
            decision(query["draft"], draft[1].ok),
        ]
    elif query.get("draft"):
        preview = [dmc.Alert(_("That preview is no longer there."), color="yellow")]
    return html.Div(
        [
            dmc.Title(_("Publish"), order=1, size="h2"),
            dmc.Text(
                _(
                    "Add a publication: upload the table as published and say what it is. A "
                    "preview comes first; nothing changes until you press Publish. Every change "
                    "is recorded on the History tab of Data & sources and can be rolled back by "
                    "an admin."
                ),
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
        _("Publish"),
        disabled=not publishable,
    )
    discard = form("discard", [dcc.Input(type="hidden", name="draft", value=token)], _("Discard"))
    return html.Div([publish, discard], className="publish-decision")


def upload_form(given: dict) -> html.Section:
    fields = [
        field("file", _("The file: NCMEC PDF, CSV, XLSX, or a WDI or OWID download"), kind="file"),
        html.P(
            _(
                "For an NCMEC PDF, or a WDI or OWID download, the fields below may stay empty: "
                "the file names its publication. For any other file fill them in."
            ),
            className="publish-hint",
        ),
        field("publisher", _("Publisher"), given),
        field("title", _("Title"), given),
        field("url", _("Address (URL) where it is published"), given, kind="url"),
        field("year", _("Year of publication"), given, kind="number"),
        field("licence", _("Licence or terms of use"), given),
        choice(
            "reliability",
            _("Reliability"),
            {key: _(text) for key, text in RELIABILITY.items()},
            given.get("reliability", ""),
        ),
        field("caveats", _("Caveats, one per line"), given, kind="textarea"),
        field("indicator", _("Indicator id, when the rows do not name it"), given),
        field("unit", _("Unit, when the rows do not name it"), given),
        field("id", _("Publication id (optional; made from the title)"), given),
    ]
    return html.Section(
        [
            dmc.Title(_("Upload a publication"), order=3, mt="lg"),
            form("preview", fields, _("Preview"), multipart=True),
        ],
        className="publish-form",
    )


def corrections_forms() -> html.Section:
    sources = {s: s for s in sorted(context.store().sources["id"])}
    withdraw = form(
        "withdraw",
        [
            choice("source", _("Publication"), sources, ""),
            field("reason", _("Why (readers see it)")),
        ],
        _("Withdraw"),
    )
    doubt = form(
        "doubt",
        [
            choice("source", _("Publication"), sources, "", "doubt-source"),
            field("indicator", _("Indicator id"), field_id="doubt-indicator"),
            field("entity", _("Country or region code (ISO3)")),
            field("period", _("Period (year)")),
            field("category", _("Category, if any"), field_id="doubt-category"),
            field("reason", _("Why (readers see it)"), field_id="doubt-reason"),
        ],
        _("Mark doubtful"),
    )
    parts = [
        dmc.Title(_("Withdraw a publication"), order=3, mt="xl"),
        dmc.Text(_("Its figures leave every page; it stays listed with the reason."), size="sm"),
        withdraw,
        dmc.Title(_("Mark a figure doubtful"), order=3, mt="lg"),
        dmc.Text(_("The figure keeps its value and is shown with the reason."), size="sm"),
        doubt,
    ]
    if can("rollback"):
        # one sentence with the link in it: the translation says where the link goes
        sentence = _("Roll back to an earlier version on the {link} tab.")
        before, _link, after = sentence.partition("{link}")
        parts.append(
            dmc.Text(
                [before, dcc.Link(_("History"), href="/sources?tab=history"), after],
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
