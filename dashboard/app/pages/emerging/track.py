"""Emerging threats' track record: how the thresholds on screen would have done in earlier
years, next to the naive growth rule, in a table a person reads down and three sentences."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard.analysis.emerging import apply_thresholds
from dashboard.analysis.track_record import NAIVE_GROWTH_PCT, track_record
from dashboard.app.lookups import indicators_by_id
from dashboard.app.pages.emerging.state import EmergingState, indicator_scores
from dashboard.language import N_, _, decimal
from dashboard.wording.track_record import track_record_sentences

HEADER = [N_("Flagged"), N_("Stayed high in t+1"), N_("Fell back"), N_("Cannot tell yet")]
COUNTS = ["flagged", "stayed_high", "fell_back", "cannot_tell"]


def track_view(state: EmergingState) -> list:
    """The record of the current thresholds over every year of the indicator (all countries,
    whatever the year and focus controls show)."""
    params = state.params()
    breaks = [int(b) for b in indicators_by_id().loc[state.indicator, "breaks"]]
    checked = apply_thresholds(indicator_scores(state.indicator), params)
    record = track_record(checked, params, breaks)
    summary, meaning, unknown = track_record_sentences(record)
    return [
        dmc.Text(summary, size="sm", id="emerging-track-summary"),
        dmc.Text(meaning, size="sm", fw=600, id="emerging-track-meaning", mt=4),
        dmc.Text(unknown, size="sm", c="dimmed", id="emerging-track-unknown", mt=4)
        if unknown
        else None,
        track_table(record) if not record.empty else None,
    ]


def track_table(record: pd.DataFrame) -> html.Div:
    """Years t down the side; the thresholds' and the naive rule's outcomes across."""
    wide = {rule: rows.set_index("year") for rule, rows in record.groupby("rule")}
    years = sorted(set(record["year"]))
    head = html.Thead(
        [
            html.Tr(
                [
                    html.Th("", scope="col"),
                    html.Th(_("These thresholds"), colSpan=4, scope="colgroup"),
                    html.Th(
                        _("Naive rule: grew by {growth}% or more").format(
                            growth=decimal(NAIVE_GROWTH_PCT, "#,##0.##")
                        ),
                        colSpan=4,
                        scope="colgroup",
                    ),
                ]
            ),
            html.Tr(
                [html.Th(_("Year t flagged"), scope="col")]
                + [html.Th(_(h), scope="col") for _rule in range(2) for h in HEADER]
            ),
        ]
    )
    body = [
        html.Tr(
            [html.Th(str(year), scope="row")]
            + [cell(wide.get(rule), year, c) for rule in ("thresholds", "naive") for c in COUNTS]
        )
        for year in years
    ]
    return html.Div(
        html.Table(
            [
                html.Caption(
                    _(
                        "Stayed high: the next year's value kept at least half of the rise. Fell "
                        "back: it gave back more than half. Cannot tell yet: no comparable figure "
                        "for the next year."
                    )
                ),
                head,
                html.Tbody(body),
            ],
            className="emerging-table track-table",
            id="emerging-track-table",
        ),
        className="emerging-table-wrap",
        tabIndex="0",  # a region that may scroll sideways on a phone: reachable by keyboard
        role="region",
        **{"aria-label": _("Track record of the thresholds, by year")},
    )


def cell(rows: pd.DataFrame | None, year: int, column: str) -> html.Td:
    if rows is None or year not in rows.index:
        return html.Td("0", className="num")
    value = int(rows.loc[year, column])
    why = rows.loc[year, "why_unknown"] if column == "cannot_tell" and value else ""
    return html.Td(str(value), className="num", title=why or None)
