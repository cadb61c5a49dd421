"""What the compare view shows for a checked state: the chart, its table, the footer saying
which selections have no value and why, and the card's downloads."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.rates import NORMALISATIONS, normalise_series
from dashboard.analysis.series import indicator_series, with_segments
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.lookups import (
    citation_lines,
    entity_names,
    indicators_by_id,
    source_line,
    units,
    world_totals,
)
from dashboard.app.pages.compare.state import CompareState
from dashboard.charts.lines import line_chart
from dashboard.charts.style import base_layout
from dashboard.language import N_, _
from dashboard.wording.flags import with_flag_texts
from dashboard.wording.units import unit_label


def compare_view(state: CompareState) -> tuple:
    """Figure, table, footer and card data for one state: what the callback returns."""
    store = context.store()
    indicator = indicators_by_id().loc[state.indicator]
    series = indicator_series(store.observations, state.indicator, state.entities)
    world = world_totals(state.indicator)
    base = state.base or (int(series["year"].min()) if len(series) else None)
    shown = normalise_series(
        series,
        store.observations,
        state.norm,
        indicator["counts"],
        indicator["breaks"],
        base,
        world,
    )
    shown = with_flag_texts(with_segments(shown, indicator["breaks"]))
    plotted = shown.dropna(subset=["value"])
    names = entity_names()
    raw = unit_label(indicator["unit"], units())
    label = raw if state.norm == "raw" else _(NORMALISATIONS[state.norm])
    if state.norm == "index":
        label = _("index ({year} = 100)").format(year=base)
    log = state.scale == "log"
    figure = line_chart(plotted, names, indicator["breaks"], label, log, order=state.entities)
    title = _("{indicator}, {label}").format(indicator=indicator["name"], label=label)
    base_layout(figure, title, source_line(list(plotted["source_id"]), state.norm))
    table = pd.DataFrame(  # the column names are shown translated (table_format.readable)
        {
            N_("country or region"): shown["entity"].map(names).fillna(shown["entity"]),
            N_("code"): shown["entity"],
            N_("year"): shown["year"],
            N_("value"): shown["value"],
            N_("as published"): shown["raw_value"],
            N_("qualifiers"): shown["flags_text"],
            N_("source"): shown["source_id"],
        }
    )
    header = [
        _("{title}. OCSE Statistics Dashboard, compare view.").format(title=title),
        *citation_lines(list(shown["source_id"]), state.indicator, state.norm, shown),
    ]
    filename = safe_filename(state.indicator, state.norm, "-".join(state.entities), state.scale)
    left_out, partial = selection_notes(state, shown, names)
    return (
        figure,
        card_table(table, "compare-table-data"),
        card_footer([*partial, *header[1:]], left_out),
        card_file(table, header, filename, state),
    )


def selection_notes(
    state: CompareState, shown: pd.DataFrame, names: dict[str, str]
) -> tuple[list[str], list[str]]:
    """The selections left out of the chart, each with the reason; and for those on it with
    some values missing or moved, which and why."""
    entity = shown["entity"].to_numpy()
    values, notes = shown["value"].to_numpy(), shown["denominator_note"].to_numpy()
    left_out, partial = [], []
    for code in state.entities:
        mine = entity == code
        name = names.get(code, code)
        if not mine.any():
            left_out.append(_("{name} (no published value for this indicator)").format(name=name))
        elif pd.isna(values[mine]).all():
            left_out.append(_("{name} ({reason})").format(name=name, reason=notes[mine][0]))
        elif (notes[mine] != "").any():
            reasons = "; ".join(sorted(set(notes[mine]) - {""}))
            partial.append(_("{name}: {reasons}.").format(name=name, reasons=reasons))
    return left_out, partial
