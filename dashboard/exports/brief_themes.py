"""The NCMEC thematic brief (CyberTipline reporting worldwide) and helpers theme briefs share.

Every number is read from the store through dashboard.analysis; sentences use the narrative
module's wording rules (reports are never victims; no change across a series break).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.analysis.comparison import country_codes
from dashboard.analysis.headlines import HeadlineSpec, headline
from dashboard.analysis.mix import INCIDENT_TYPES, incident_types
from dashboard.analysis.series import indicator_series
from dashboard.exports import brief_charts as charts
from dashboard.exports.brief import (
    Brief,
    Citations,
    Heading,
    Section,
    Table,
    indicator_caveats,
    refs_text,
)
from dashboard.exports.brief_country import latest_country_year
from dashboard.language import N_, _, decimal, ngettext
from dashboard.store.read import StoreData
from dashboard.wording.flags import qualifiers
from dashboard.wording.headlines import no_change_reason
from dashboard.wording.numbers import number, qualified
from dashboard.wording.sentences import Sentence, cited, entity_name, world_narrative

NCMEC = "cybertipline_reports"


def percent_text(value: float, signed: bool = False) -> str:
    """'12.3%' / '+12.3%' with one decimal, rounded as Python rounds (as the English always
    was), in the reader's language."""
    shown = decimal(float(f"{value:.1f}"), "+0.0;-0.0" if signed else "0.0")
    return _("{value}%").format(value=shown)


def years_text(years) -> str:
    """2019-2023, 2025: runs of consecutive years."""
    runs: list[list[int]] = []
    for year in sorted(set(map(int, years))):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def coverage_lines(store: StoreData, indicator_ids, scope: str) -> list[str]:
    """'<indicator>: published for <years> (<scope>).' for each indicator in the store."""
    meta = store.indicators.set_index("id")
    lines = []
    for indicator in indicator_ids:
        series = indicator_series(store.observations, indicator, category=None)
        if indicator in meta.index:
            years = years_text(series["year"]) if len(series) else _("no year")
            lines.append(
                _("{indicator}: published for {years} ({scope}).").format(
                    indicator=meta.loc[indicator, "name"], years=years, scope=scope
                )
            )
    return lines


def _row(store, cites: Citations, label: str, row: pd.Series, note: str = "") -> tuple:
    words = qualifiers(row["flags"], "half_year" in row["flags"])
    value = qualified(row["value"], row["flags"])
    if words:
        value = _("{value} ({qualifiers})").format(value=value, qualifiers="; ".join(words))
    period = str(row.get("period") or int(row["year"]))
    return (
        label,
        period,
        value,
        note,
        refs_text(cites.cite([(row["source_id"], row.get("source_url", ""))])).strip(),
    )


FIGURE_COLUMNS = (N_("Figure"), N_("Period"), N_("Value"), N_("Change or note"), N_("Source"))


def change_words(head: dict) -> str:
    """'+4.1% on 2024 (series break in 2024: ...)', or why there is no change."""
    if head["change_pct"] is None:
        return no_change_reason(head)
    change = percent_text(head["change_pct"], signed=True)
    if head["after_break"] is not None:
        return _(
            "{change} on {previous_year} (series break in {break_year}: not comparable with "
            "earlier years)"
        ).format(change=change, previous_year=head["year"] - 1, break_year=head["after_break"])
    return _("{change} on {previous_year}").format(change=change, previous_year=head["year"] - 1)


def world_rows(store: StoreData, cites: Citations) -> list[tuple]:
    """The latest world total with its change; when that change starts at a series break, the
    break year too; then the last change comparable across it."""
    meta = store.indicators.set_index("id")
    spec = HeadlineSpec(NCMEC, "reports")
    head = headline(store.observations, meta.loc[NCMEC], spec)
    series = indicator_series(store.observations, NCMEC, ["WLD"]).set_index("year")
    label = _("CyberTipline reports, world")
    rows = [_row(store, cites, label, series.loc[head["year"]], change_words(head))]
    if head["after_break"] is not None:
        obs = store.observations
        later = (
            (obs["indicator"] == NCMEC)
            & (obs["entity"] == "WLD")
            & (obs["year"] > head["after_break"])
        )
        head = headline(obs[~later], meta.loc[NCMEC], spec)
        rows.append(_row(store, cites, label, series.loc[head["year"]], change_words(head)))
    if head["comparable_year"]:
        year = head["comparable_year"]
        change = _("{change} on {previous_year} (last comparable change)").format(
            change=percent_text(head["comparable_change_pct"], signed=True), previous_year=year - 1
        )
        rows.append(_row(store, cites, label, series.loc[year], change))
    return rows


def top_country_sentence(store: StoreData, year: int, top: int = 3) -> Sentence:
    series = indicator_series(store.observations, NCMEC)
    rows = series[(series["year"] == year) & series["entity"].isin(country_codes(store.entities))]
    world = indicator_series(store.observations, NCMEC, ["WLD"]).set_index("year")["value"]
    leaders = rows.nlargest(top, "value")
    listed = [
        _("{country} ({count})").format(
            country=entity_name(store, r["entity"]), count=number(r["value"])
        )
        for _index, r in leaders.iterrows()
    ]
    share = leaders["value"].sum() / world[year] * 100
    text = _(
        "In {year} the most CyberTipline reports were geolocated to {countries} and {last}: "
        "together {share} of the {total} reports worldwide"
    ).format(
        year=year,
        countries=", ".join(listed[:-1]),
        last=listed[-1],
        share=percent_text(share),
        total=number(world[year]),
    )
    caveat = store.measures_statement("reporting_volume")
    return cited(store, text, leaders["source_id"].iloc[0], caveat)


def top_table(store: StoreData, year: int, cites: Citations, top: int = 10) -> Table:
    series = indicator_series(store.observations, NCMEC)
    countries = country_codes(store.entities)
    rows = series[series["entity"].isin(countries)]
    now = rows[rows["year"] == year].nlargest(top, "value")
    before = rows[rows["year"] == year - 1].set_index("entity")["value"]
    world = indicator_series(store.observations, NCMEC, ["WLD"]).set_index("year")["value"]
    names = store.entities.set_index("code")["name"]
    body = []
    for rank, (_index, r) in enumerate(now.iterrows(), start=1):
        previous = before.get(r["entity"])
        change = (
            percent_text((r["value"] / previous - 1) * 100, signed=True)
            if previous
            else _("no value")
        )
        body.append(
            (
                str(rank),
                f"{names[r['entity']]} ({r['entity']})",
                number(r["value"]),
                percent_text(r["value"] / world[year] * 100),
                change,
                refs_text(cites.cite([(r["source_id"], r.get("source_url", ""))])).strip(),
            )
        )
    columns = (
        _("Rank"),
        _("Country"),
        _("Reports {year}").format(year=year),
        _("Share of world"),
        _("Change on {year}").format(year=year - 1),
        _("Source"),
    )
    return Table(
        "top-countries",
        _("Countries with the most CyberTipline reports, {year}").format(year=year),
        columns,
        tuple(body),
    )


def ncmec_brief(store: StoreData, today: date | None = None) -> Brief:
    cites = Citations(store.sources)
    year = latest_country_year(store, NCMEC)
    countries = indicator_series(store.observations, NCMEC)
    countries = countries[
        (countries["year"] == year) & countries["entity"].isin(country_codes(store.entities))
    ]
    incidents = incident_types(store.observations, store.indicators)
    latest_incidents = incidents[incidents["year"] == incidents["year"].max()]
    enticement = latest_incidents[
        latest_incidents["indicator"] == "cybertipline_reports_online_enticement"
    ]
    rows = world_rows(store, cites)
    rows.append(
        (
            _("Countries and territories with reports geolocated to them"),
            str(year),
            decimal(countries["entity"].nunique()),
            _("countries with a published value"),
            refs_text(cites.cite(countries["source_id"])).strip(),
        )
    )
    if len(enticement):
        rows.append(
            _row(
                store,
                cites,
                _("Reports of online enticement, world"),
                enticement.iloc[0],
                _("{share} of the incident types published").format(
                    share=percent_text(enticement.iloc[0]["share_pct"])
                ),
            )
        )
    columns = tuple(_(c) for c in FIGURE_COLUMNS)
    key = Table("key-figures", _("Key figures"), columns, tuple(rows))
    top = top_table(store, year, cites)
    words = [
        cites.sentence(s) for s in [*world_narrative(store), top_country_sentence(store, year)]
    ]
    blocks = [
        Heading(_("The world total, with the 2024 break")),
        charts.figure_block(
            cites,
            "world-trend",
            _(
                "CyberTipline reports per year, world. From 2024 platforms could bundle duplicate "
                "reports of one viral incident, so 2024 is not comparable with 2023."
            ),
            charts.world_trend(store, NCMEC, _("NCMEC CyberTipline reports, world, per year")),
        ),
        Heading(_("Where reports are geolocated, {year}").format(year=year)),
        charts.figure_block(
            cites,
            "top-countries",
            _("The 15 countries with most reports in {year}.").format(year=year),
            charts.top_countries(store, NCMEC, year),
        ),
        charts.figure_block(
            cites,
            "map",
            _("CyberTipline reports by country, {year}. Grey: no published value.").format(
                year=year
            ),
            charts.choropleth(store, NCMEC, year),
        ),
        Heading(_("Incident types and platforms")),
        charts.figure_block(
            cites,
            "incident-types",
            _("Reports by incident type as categorised by the reporter, log scale."),
            charts.incident_lines(store),
        ),
        charts.figure_block(
            cites,
            "platforms",
            _(
                "Reports by electronic service provider: a platform's count reflects its size and "
                "how much it detects and reports, not how much abuse happens on it."
            ),
            charts.platform_bars(store),
        ),
    ]
    by_country = indicator_series(store.observations, NCMEC)
    by_country = by_country[by_country["entity"].isin(country_codes(store.entities))]
    without = len(country_codes(store.entities)) - countries["entity"].nunique()
    gaps = [
        _(
            "By-country report totals: published for {years}; the 2024 by-country table has "
            "referrals and informational reports, not totals."
        ).format(years=years_text(by_country["year"])),
        ngettext(
            "{count} country or territory in the store has no published report count for {year}.",
            "{count} countries and territories in the store have no published report count for "
            "{year}.",
            without,
        ).format(count=decimal(without), year=year),
        *coverage_lines(
            store, [NCMEC, *INCIDENT_TYPES[:1], "cybertipline_reports_by_esp"], _("world")
        ),
    ]
    return Brief(
        subject="ncmec",
        title=_("NCMEC CyberTipline reporting worldwide"),
        subtitle=_(
            "Thematic brief: reports to NCMEC's CyberTipline by year, country, incident type and "
            "platform. {measures}"
        ).format(measures=store.measures_statement("reporting_volume")),
        sections=(
            Section(_("Key figures"), (key, top)),
            Section(_("In words"), tuple(words)),
            Section(_("Charts"), tuple(blocks)),
        ),
        caveats=indicator_caveats(
            store,
            [NCMEC, "cybertipline_referrals", INCIDENT_TYPES[1], "cybertipline_reports_by_esp"],
        ),
        gaps=tuple(gaps),
        citations=cites.entries(),
        generated=today or date.today(),
        content_hash=store.content_hash,
    )
