"""The History tab: every publish, withdrawal, doubt and rollback (who, when, which files, the
version before and after, rows added), and the versions kept, which an admin can roll back to."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html
from flask_wtf.csrf import generate_csrf

from dashboard.app.auth import can
from dashboard.app.components.tables import data_table
from dashboard.language import N_, _
from dashboard.store import audit, store_path
from dashboard.store.versions import versions

# column names stay as they are (code reads them); N_ puts them in the catalogue for the headers
COLUMNS = [
    N_("when"),
    N_("who"),
    N_("action"),
    N_("what"),
    N_("files"),
    N_("from"),
    N_("to"),
    N_("rows added"),
]


def history_content() -> html.Div:
    return html.Div(
        [
            dmc.Text(
                _(
                    "Every change to what is published, newest first. Nothing is edited in "
                    "place: a withdrawn publication stays listed with its reason, and every "
                    "earlier version is kept until an operator prunes it ({command})."
                ).format(command="`ocse versions prune`"),
                mb="sm",
            ),
            data_table(history_table(audit.history(store_path())), "history-table"),
            dmc.Title(_("Versions"), order=4, mt="lg"),
            versions_list(),
        ]
    )


def history_table(records: list[dict]) -> pd.DataFrame:
    rows = [
        {
            "when": r.get("at", "").replace("T", " ").removesuffix("+00:00"),
            "who": r.get("who", ""),
            "action": r.get("action", ""),
            "what": _what(r),
            "files": ", ".join(r.get("files", [])),
            "from": (r.get("from") or "")[:12],
            "to": (r.get("to") or "")[:12],
            "rows added": r.get("rows_added", ""),
        }
        for r in records
    ]
    return pd.DataFrame(rows, columns=COLUMNS).astype(str)


def _what(record: dict) -> str:
    parts = [record.get("source", "")]
    if record.get("figure"):
        figure = record["figure"]
        parts.append(f"{figure.get('indicator')} {figure.get('entity')} {figure.get('period')}")
    if record.get("reason"):
        parts.append(_("because: {reason}").format(reason=record["reason"]))
    return " ".join(p for p in parts if p)


def versions_list() -> html.Ul:
    admin = can("rollback")
    items = []
    for version in versions(store_path()):
        short = version.content_hash[:12]
        text = _("{version}, built {date}").format(
            version=short, date=version.built_at.replace("T", " ")[:16]
        )
        if version.current:
            items.append(html.Li(_("{version} (served now)").format(version=text)))
            continue
        button = []
        if admin:
            button = [
                html.Form(
                    [
                        dcc.Input(type="hidden", name="csrf_token", value=generate_csrf()),
                        dcc.Input(type="hidden", name="version", value=version.content_hash),
                        html.Button(
                            _("Roll back to this version"),
                            type="submit",
                            id=f"rollback-{short}",
                            **{
                                "aria-label": _("Roll back to version {version}").format(
                                    version=short
                                )
                            },
                        ),
                    ],
                    action="/publish/rollback",
                    method="post",
                    className="rollback-form",
                )
            ]
        items.append(html.Li([text, *button]))
    return html.Ul(items, id="versions-list")
