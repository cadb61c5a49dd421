"""What opens every page: its title, a line on what it shows and how to read it, and a notice
for each URL parameter that fell back."""

from __future__ import annotations

import dash_mantine_components as dmc

from dashboard.app.components.controls import notices


def page_heading(title: str, intro: str, messages: list[str]) -> list:
    return [
        dmc.Title(title, order=2),
        dmc.Text(intro, c="dimmed", size="sm"),
        *notices(messages),
    ]
