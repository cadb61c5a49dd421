"""What the Publish page shows of a preview: the problems, the printed totals checked, the
rows to be added, the figures it repeats or contradicts, and the chart against the series."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard.app.components.cards import graph_config
from dashboard.app.components.tables import data_table
from dashboard.app.lookups import entity_names, indicators_by_id
from dashboard.charts.preview import preview_figure
from dashboard.language import N_, _, decimal
from dashboard.pipeline.preview import Preview
from dashboard.wording.numbers import number

# column names stay as they are (code reads them); N_ puts them in the catalogue for the headers
PROBLEM_COLUMNS = [N_("severity"), N_("file"), N_("row"), N_("column"), N_("reason"), N_("message")]


def preview_view(shown: Preview) -> list:
    """The preview, in the order an editor checks it."""
    if not shown.ok:
        errors = [p for p in shown.problems if p["severity"] == "error"]
        return [
            dmc.Alert(
                _(
                    "This file cannot be published: {count} problem(s), listed below with "
                    "the file, row and column. Correct the file or the form and preview again."
                ).format(count=decimal(len(errors))),
                color="red",
                title=_("Not publishable"),
            ),
            *problems_block(shown),
        ]
    return [
        dmc.Alert(summary(shown), color="blue", title=_("Preview: nothing has changed yet")),
        *checks_block(shown),
        *problems_block(shown),
        dmc.Title(_("Rows to be added"), order=3, mt="md"),
        dmc.Text(_("{count} rows.").format(count=decimal(len(shown.rows))), size="sm"),
        data_table(shown.rows, "publish-rows", page_size=10),
        *overlaps_block(shown),
        *chart_block(shown),
    ]


def summary(shown: Preview) -> str:
    indicators = sorted(set(shown.rows["indicator"]))
    years = sorted(set(shown.rows["year"].astype(int)))
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return _(
        "{source} would add {count} rows ({indicators}; {span}; {entities} countries or "
        "regions) to version {version}. Check the rows and the chart, then Publish."
    ).format(
        source=shown.source_id,
        count=decimal(len(shown.rows)),
        indicators=", ".join(indicators),
        span=span,
        entities=shown.rows["entity"].nunique(),
        version=shown.base_hash[:12] if shown.base_hash else _("none"),
    )


def checks_block(shown: Preview) -> list:
    if not shown.checks:
        return [dmc.Text(_("The publication prints no total to check the rows against."), mt="sm")]
    items = [html.Li(check_sentence(check)) for check in shown.checks]
    return [
        dmc.Title(_("Add-up check"), order=3, mt="md"),
        html.Ul(items, id="publish-checks"),
    ]


def check_sentence(check: dict) -> str:
    """'cybertipline_reports: the rows add up to 100; the publication prints 100: the check
    passed.', one whole message per outcome and per what the publication prints."""
    printed, printed_rows = check["printed_total"], check["printed_rows"]
    key = (bool(check["passed"]), printed is not None, printed_rows is not None)
    return _(CHECK_SENTENCES[key]).format(
        indicator=check["indicator"],
        total=number(check["rows_total"]),
        printed=number(printed) if printed is not None else "",
        rows=check["rows"],
        printed_rows=printed_rows,
    )


# (passed, prints a total, prints a row count) -> the sentence
CHECK_SENTENCES = {
    (True, True, True): N_(
        "{indicator}: the rows add up to {total}; the publication prints {printed}; "
        "{rows} rows, the publication has {printed_rows}: the check passed."
    ),
    (True, True, False): N_(
        "{indicator}: the rows add up to {total}; the publication prints {printed}: "
        "the check passed."
    ),
    (True, False, True): N_(
        "{indicator}: the rows add up to {total}; {rows} rows, the publication has "
        "{printed_rows}: the check passed."
    ),
    (True, False, False): N_("{indicator}: the rows add up to {total}: the check passed."),
    (False, True, True): N_(
        "{indicator}: the rows add up to {total}; the publication prints {printed}; "
        "{rows} rows, the publication has {printed_rows}: the check FAILED."
    ),
    (False, True, False): N_(
        "{indicator}: the rows add up to {total}; the publication prints {printed}: "
        "the check FAILED."
    ),
    (False, False, True): N_(
        "{indicator}: the rows add up to {total}; {rows} rows, the publication has "
        "{printed_rows}: the check FAILED."
    ),
    (False, False, False): N_("{indicator}: the rows add up to {total}: the check FAILED."),
}


def problems_block(shown: Preview) -> list:
    if not shown.problems:
        return [
            dmc.Text(
                _("No problems: the same checks as {command} found nothing.").format(
                    command="`ocse validate`"
                ),
                mt="sm",
            )
        ]
    frame = pd.DataFrame(shown.problems).reindex(columns=PROBLEM_COLUMNS)
    frame["row"] = frame["row"].map(lambda r: "" if pd.isna(r) else str(int(r)))
    return [
        dmc.Title(_("Problems and notices"), order=3, mt="md"),
        dmc.Text(
            _(
                "The same records as {command}: errors stop publishing; notices say how "
                "repeats and conflicts were resolved."
            ).format(command="`ocse validate`"),
            size="sm",
        ),
        data_table(frame, "publish-problems", page_size=10),
    ]


def overlaps_block(shown: Preview) -> list:
    if shown.overlaps.empty:
        return [dmc.Text(_("No figure in this file is already published by another source."))]
    conflicts = int((shown.overlaps["kind"] == "conflict").sum())
    return [
        dmc.Title(_("Figures already published"), order=3, mt="md"),
        dmc.Text(
            _(
                "{count} figures are already published by another source; "
                "{conflicts} of them differ. {column} says which one the pages will show "
                "(the more reliable source wins; see {readme})."
            ).format(
                count=decimal(len(shown.overlaps)),
                conflicts=decimal(conflicts),
                column="`shown`",
                readme="data/README.md",
            ),
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
    title = _("{indicator}: the new values against what is published (largest six)").format(
        indicator=label
    )
    line = _("Preview of {source}; published series from the store's current version.").format(
        source=shown.source_id
    )
    figure = preview_figure(series, largest, title, line)
    return [dcc.Graph(id="publish-chart", figure=figure, config=graph_config())]
