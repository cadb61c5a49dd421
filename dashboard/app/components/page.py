"""What opens every page: its title, a line on what it shows and how to read it, and a notice
for each URL parameter that fell back."""

from __future__ import annotations

import dash_mantine_components as dmc
from flask import get_flashed_messages, has_request_context

from dashboard.app.components.controls import notices


def page_heading(title: str, intro: str, messages: list[str]) -> list:
    return [
        dmc.Title(title, order=1, size="h2"),
        dmc.Text(intro, c="dimmed", size="sm"),
        *notices(messages),
    ]


OUTCOME_COLOURS = {"success": "green", "warning": "yellow", "error": "red", "message": "blue"}


def flashed() -> list:
    """The outcome of the form just sent (publish, withdraw, roll back...), shown once."""
    if not has_request_context():
        return []
    return [
        dmc.Alert(
            text,
            color=OUTCOME_COLOURS.get(kind, "blue"),
            mt="sm",
            className="publish-outcome",
        )
        for kind, text in get_flashed_messages(with_categories=True)
    ]
