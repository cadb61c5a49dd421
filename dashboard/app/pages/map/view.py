"""What the map shows for a checked state: the figure, its table, footer and downloads, and
the notes under it (coverage, what is not mapped and why, breaks)."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.analysis.maps import headline_rows, map_values
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.analysis.series import indicator_rows
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.lookups import (
    citation_lines,
    indicators_by_id,
    source_line,
    units,
    world_totals,
)
from dashboard.app.pages.map.state import MapState, country_years
from dashboard.charts.maps import map_figure, with_positions
from dashboard.language import N_, _, decimal, ngettext
from dashboard.models import CaveatKind
from dashboard.wording import caveats
from dashboard.wording.flags import with_flag_texts
from dashboard.wording.hovers import hover_lines
from dashboard.wording.numbers import format_value
from dashboard.wording.units import unit_label, unit_word


@context.per_store
def indicator_headline_rows(indicator_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return headline_rows(context.store(), indicator_id)


@context.per_store
def country_entities() -> pd.DataFrame:
    entities = context.store().entities
    return entities[entities["kind"] == "country"]


def map_view(state: MapState) -> tuple:
    """Figure, table, footer, card data and notes for one checked state."""
    store = context.store()
    indicator = indicators_by_id().loc[state.indicator]
    unit, how = indicator["unit"], state.norm
    rows = indicator_headline_rows(state.indicator)
    world = world_totals(state.indicator)
    frame, others = map_values(store, indicator, state.year, how, rows, world)
    frame = with_positions(with_flag_texts(frame))
    frame["hover"] = hover_lines(frame, unit, how, store.sources, unit_word(unit, units()))
    countries = country_entities()
    valued = set(frame.loc[frame["value"].notna(), "entity"].tolist())
    missing = countries[[code not in valued for code in countries["code"].tolist()]]
    reasons = dict(zip(frame["entity"].tolist(), frame["denominator_note"].tolist(), strict=True))
    no_data = pd.DataFrame({"entity": missing["code"], "name": missing["name"]})
    no_data["hover"] = [
        no_value_hover(n, state.year, reasons.get(c))
        for c, n in zip(no_data["entity"], no_data["name"], strict=True)
    ]
    label = unit_label(unit, units()) if how == "raw" else _(NORMALISATIONS[how])
    if how == "index":
        base = int(frame["year"].min()) if len(frame) else state.year
        label = _("index ({year} = 100)").format(year=base)
    title = _("{indicator}, {year}: {label}").format(
        indicator=indicator["name"], year=state.year, label=label
    )
    figure = map_figure(
        frame,
        no_data,
        title,
        source_line(list(frame["source_id"]), how),
        _("{label} (log scale)").format(label=label) if state.scale == "log" else label,
        state.scale == "log",
    )
    table = table_frame(frame, store.sources)
    header = [
        _("{title}. OCSE Statistics Dashboard, map view (countries only).").format(title=title),
        *citation_lines(list(frame["source_id"]), state.indicator, how, frame),
    ]
    shown = table.drop(columns="country")
    linked = card_table(table.drop(columns="country name"), "map-table-data")
    linked.columns = [
        {**c, "presentation": "markdown"} if c["id"] == "country" else c for c in linked.columns
    ]
    linked.markdown_options = {"link_target": "_self"}  # a country's profile opens in place
    filename = safe_filename(state.indicator, state.year, state.norm, state.scale)
    return (
        figure,
        linked,
        card_footer(header[1:]),
        card_file(shown, header, filename, state),
        map_notes(
            indicator,
            state.year,
            country_years()[state.indicator][-1],
            frame,
            others,
            no_data,
        ),
    )


def no_value_hover(name: str, year: int, reason: str | None) -> str:
    """A grey country's hover text: no value, why (where known), and where a click leads."""
    if reason:
        return _(
            "<b>{country}</b> ({year})<br>no published value ({reason})<br>"
            "<i>click to open the country profile</i>"
        ).format(country=name, year=year, reason=reason)
    return _(
        "<b>{country}</b> ({year})<br>no published value<br>"
        "<i>click to open the country profile</i>"
    ).format(country=name, year=year)


def table_frame(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The table's rows; the column names are shown translated (table_format.readable)."""
    titles = sources.set_index("id")["title"]
    columns = ["entity", "name", "year", "value", "raw_value", "flags_text", "source_id"]
    ordered = frame[columns].sort_values("value", ascending=False, na_position="last")
    return pd.DataFrame(
        {
            N_("country"): [
                f"[{n}](/country/{c})"
                for c, n in zip(ordered["entity"].tolist(), ordered["name"].tolist(), strict=True)
            ],
            N_("country name"): ordered["name"],
            N_("code"): ordered["entity"],
            N_("year"): ordered["year"],
            N_("value"): ordered["value"],
            N_("as published"): ordered["raw_value"],
            N_("qualifiers"): ordered["flags_text"],
            N_("source"): ordered["source_id"].map(titles).fillna(ordered["source_id"]),
        }
    )


@context.per_store
def last_published_year(indicator_id: str) -> int:
    """The latest year of any row of an indicator, country or not, preferred or not."""
    rows = indicator_rows(context.store().observations, indicator_id, preferred=False)
    return int(rows["year"].max()) if len(rows) else 0


def map_notes(indicator: pd.Series, year: int, last_year: int, frame, others, no_data) -> list:
    """Coverage, what is not mapped and why, breaks: said in words under the map."""
    moved = (  # a rate whose denominator is from another year
        frame["denominator_year"].notna() & (frame["denominator_year"] != frame["year"])
        if "denominator_year" in frame
        else pd.Series(False, index=frame.index)
    )
    frame = frame[["name", "value", "raw_value", "denominator_note", "has_shape", "lon"]]
    valued = frame[frame["value"].notna()]
    total = len(valued) + len(no_data)
    lines = [
        ngettext(
            "{count} of {total} country or territory has a value for {year}; the rest are grey "
            "(no published value).",
            "{count} of {total} countries and territories have a value for {year}; the rest "
            "are grey (no published value).",
            total,
        ).format(count=decimal(len(valued)), total=decimal(total), year=year),
    ]
    measures = context.store().measures_statement(indicator["measures"])
    if measures:
        lines.insert(0, measures)
    reading = caveats.first(indicator["caveats"], CaveatKind.READING)
    if reading:
        lines.insert(0, reading)
    nearby = int(moved[valued.index].sum())
    if nearby:
        lines.append(
            ngettext(
                "{count} rate uses a denominator from a year within two of {year}.",
                "{count} rates use a denominator from a year within two of {year}.",
                nearby,
            ).format(count=decimal(nearby), year=year)
        )
    lacking = frame[frame["value"].isna() & frame["raw_value"].notna()]
    for reason, group in lacking.groupby("denominator_note", sort=True):
        lines.append(  # every one named: a reader looking for a country finds why it is grey
            ngettext(
                "{count} country with a published value is grey here: {reason}: {names}.",
                "{count} countries with a published value are grey here: {reason}: {names}.",
                len(group),
            ).format(
                count=decimal(len(group)),
                reason=reason or _("no value after normalising"),
                names=", ".join(sorted(group["name"])),
            )
        )
    unseen = valued[~valued["has_shape"] & valued["lon"].isna()]
    if len(unseen):
        lines.append(
            _("Not drawn (no shape or position in the map file; see the table): {names}.").format(
                names=", ".join(sorted(unseen["name"]))
            )
        )
    if len(others):
        listed = "; ".join(
            f"{n}: {format_value(v, f)}"
            for n, v, f in zip(others["name"], others["value"], others["flags"], strict=True)
        )
        lines.append(_("Not mapped (not a country): {listed}.").format(listed=listed))
    for cut in sorted(int(b) for b in indicator["breaks"]):
        if year >= cut:
            lines.append(
                _("Series break in {year}: not comparable with years before {year}.").format(
                    year=cut
                )
            )
    if last_published_year(indicator.name) > last_year:
        lines.append(
            _(
                "Country values end in {year}; later years exist only as totals or other "
                "tables (see the caveats under the map)."
            ).format(year=last_year)
        )
    return [html.Li(line) for line in lines]


def year_marks(years: list[int]) -> dict:
    step = 1 if len(years) <= 12 else 5
    return {int(y): (str(y) if y % step == 0 or y in (years[0], years[-1]) else "") for y in years}
