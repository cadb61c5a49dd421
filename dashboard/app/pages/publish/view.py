"""What the Publish page shows of a preview: the problems, the printed totals checked, the
rows to be added, the figures it repeats or contradicts, and the chart against the series."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard.app.components.cards import GRAPH_CONFIG
from dashboard.app.components.tables import data_table
from dashboard.app.lookups import entity_names, indicators_by_id
from dashboard.charts.preview import preview_figure
from dashboard.pipeline.preview import Preview
from dashboard.wording.numbers import number

PROBLEM_COLUMNS = ["severity", "file", "row", "column", "reason", "message"]


def preview_view(shown: Preview) -> list:
    """The preview, in the order an editor checks it."""
    if not shown.ok:
        errors = [p for p in shown.problems if p["severity"] == "error"]
        return [
            dmc.Alert(
                f"This file cannot be published: {len(errors)} problem(s), listed below with "
                "the file, row and column. Correct the file or the form and preview again.",
                color="red",
                title="Not publishable",
            ),
            *problems_block(shown),
        ]
    return [
        dmc.Alert(summary(shown), color="blue", title="Preview: nothing has changed yet"),
        *checks_block(shown),
        *problems_block(shown),
        dmc.Title("Rows to be added", order=3, mt="md"),
        dmc.Text(f"{len(shown.rows):,} rows.", size="sm"),
        data_table(shown.rows, "publish-rows", page_size=10),
        *overlaps_block(shown),
        *chart_block(shown),
    ]


def summary(shown: Preview) -> str:
    indicators = sorted(set(shown.rows["indicator"]))
    years = sorted(set(shown.rows["year"].astype(int)))
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return (
        f"{shown.source_id} would add {len(shown.rows):,} rows ({', '.join(indicators)}; "
        f"{span}; {shown.rows['entity'].nunique()} countries or regions) to version "
        f"{(shown.base_hash or 'none')[:12]}. Check the rows and the chart, then Publish."
    )


def checks_block(shown: Preview) -> list:
    if not shown.checks:
        return [dmc.Text("The publication prints no total to check the rows against.", mt="sm")]
    items = []
    for check in shown.checks:
        printed = check["printed_total"]
        verdict = "passed" if check["passed"] else "FAILED"
        text = f"{check['indicator']}: the rows add up to {number(check['rows_total'])}"
        if printed is not None:
            text += f"; the publication prints {number(printed)}"
        if check["printed_rows"] is not None:
            text += f"; {check['rows']} rows, the publication has {check['printed_rows']}"
        items.append(html.Li(f"{text}: the check {verdict}."))
    return [
        dmc.Title("Add-up check", order=3, mt="md"),
        html.Ul(items, id="publish-checks"),
    ]


def problems_block(shown: Preview) -> list:
    if not shown.problems:
        return [dmc.Text("No problems: the same checks as `ocse validate` found nothing.", mt="sm")]
    frame = pd.DataFrame(shown.problems).reindex(columns=PROBLEM_COLUMNS)
    frame["row"] = frame["row"].map(lambda r: "" if pd.isna(r) else str(int(r)))
    return [
        dmc.Title("Problems and notices", order=3, mt="md"),
        dmc.Text(
            "The same records as `ocse validate`: errors stop publishing; notices say how "
            "repeats and conflicts were resolved.",
            size="sm",
        ),
        data_table(frame, "publish-problems", page_size=10),
    ]


def overlaps_block(shown: Preview) -> list:
    if shown.overlaps.empty:
        return [dmc.Text("No figure in this file is already published by another source.")]
    conflicts = int((shown.overlaps["kind"] == "conflict").sum())
    return [
        dmc.Title("Figures already published", order=3, mt="md"),
        dmc.Text(
            f"{len(shown.overlaps):,} figures are already published by another source; "
            f"{conflicts:,} of them differ. `shown` says which one the pages will show "
            "(the more reliable source wins; see data/README.md).",
            size="sm",
        ),
        data_table(shown.overlaps, "publish-overlaps", page_size=10),
    ]


def chart_block(shown: Preview) -> list:
    first = shown.rows["indicator"].iloc[0]
    new = shown.rows[(shown.rows["indicator"] == first) & (shown.rows["category"] == "")]
    largest = new.nlargest(6, "value")
    names = entity_names()
    label = indicators_by_id()["name"].get(first, first)
    series = shown.series.assign(entity=shown.series["entity"].map(lambda e: names.get(e, e)))
    largest = largest.assign(entity=largest["entity"].map(lambda e: names.get(e, e)))
    title = f"{label}: the new values against what is published (largest six)"
    line = f"Preview of {shown.source_id}; published series from the store's current version."
    figure = preview_figure(series, largest, title, line)
    return [dcc.Graph(id="publish-chart", figure=figure, config=GRAPH_CONFIG)]
