"""The country brief: key figures, sentences, charts, caveats, gaps and sources for one ISO3.

Numbers come from dashboard.analysis.profile and .narrative, exactly as the country page
shows them; nothing here computes a figure of its own beyond formatting it.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from dashboard.analysis import comparison, profile
from dashboard.analysis.rates import normalise_series
from dashboard.analysis.series import indicator_series
from dashboard.exports import brief_charts as charts
from dashboard.exports.brief import (
    Brief,
    Citations,
    Heading,
    Paragraph,
    Section,
    Table,
    indicator_caveats,
    refs_text,
)
from dashboard.language import N_, _, decimal
from dashboard.store.read import StoreData
from dashboard.wording.profile import change_text, income_words, rank_words, value_words
from dashboard.wording.sentences import country_narrative, rate_sentence
from dashboard.wording.units import units_by_id, value_text

NCMEC = "cybertipline_reports"
NCMEC_YEARS = range(2019, 2024)
RATE = "per_100k_internet_users"
# The figures a reader looks for first, in this order, when the country has them.
KEY_INDICATORS = (
    NCMEC,
    "cybertipline_referrals",
    "cybertipline_informational_reports",
    "dh_ocsea_past_year_pct",
    "tfcsea_prevalence_internet_users_12_17_pct",
    "iwf_urls_hosted",
    "gsi_prevalence_per_1000",
    "gsi_people_in_modern_slavery",
)
KEY_COLUMNS = (
    N_("Indicator"),
    N_("Year"),
    N_("Value"),
    N_("Change on the year before"),
    N_("Rank"),
    N_("Source"),
)


def key_columns() -> tuple[str, ...]:
    return tuple(_(c) for c in KEY_COLUMNS)


def profile_rows(store: StoreData, table: pd.DataFrame, cites: Citations) -> tuple:
    meta = store.indicators.set_index("id")
    units = units_by_id(store.units)
    rows = []
    for _index, row in table.iterrows():
        cells = [
            f"{row['name']} ({row['publisher']})",
            str(int(row["year"])),
            value_words(row, bool(meta.loc[row["indicator"], "half_year"]), units),
            change_text(row),
            rank_words(row),
            refs_text(cites.cite([(row["source_id"], row.get("source_url", ""))])).strip(),
        ]
        rows.append(tuple(cells))
    return tuple(rows)


def rate_row(store: StoreData, code: str, cites: Citations) -> tuple[str, ...] | None:
    """NCMEC reports per 100,000 internet users in the country's latest by-country year."""
    series = indicator_series(store.observations, NCMEC, [code])
    if series.empty:
        return None
    counts = store.counts("reports")
    rate = normalise_series(series.tail(1), store.observations, RATE, counts).iloc[0]
    if pd.isna(rate["value"]):
        return None
    ids = [rate["source_id"], *context_sources(store, code, int(rate["year"]))]
    value = decimal(round(rate["value"]))  # rounded as Python rounds, as the English always was
    if rate["denominator_note"]:
        value = _("{value} ({note})").format(value=value, note=rate["denominator_note"])
    return (
        _("CyberTipline reports per 100,000 internet users (computed)"),
        str(int(rate["year"])),
        value,
        "—",
        "—",
        refs_text(cites.cite(ids)).strip(),
    )


def context_sources(store: StoreData, code: str, year: int) -> list[str]:
    """Sources of the population and internet-use figures behind a rate."""
    obs = store.observations
    rows = obs[
        obs["preferred"]
        & (obs["entity"] == code)
        & obs["indicator"].isin(["population_total", "internet_users_pct"])
        & obs["year"].between(year - 2, year + 2)
    ]
    return sorted(set(rows["source_id"]))


def key_figures(store: StoreData, code: str, table: pd.DataFrame, cites: Citations) -> Table:
    order = {indicator: n for n, indicator in enumerate(KEY_INDICATORS)}
    key = table[table["indicator"].isin(order)].sort_values("indicator", key=lambda s: s.map(order))
    if key.empty:
        key = table.head(6)
    rows = list(profile_rows(store, key.iloc[:1], cites))
    rate = rate_row(store, code, cites) if len(key) and key.iloc[0]["indicator"] == NCMEC else None
    rows += [rate] if rate else []
    rows += list(profile_rows(store, key.iloc[1:], cites))
    note = _(
        "Latest published value of each indicator. Change is on the year before and is never "
        "computed across a series break. Rank is among countries with a value that year "
        "(1 = highest). {measures}"
    ).format(measures=store.measures_statement("reporting_volume"))
    return Table("key-figures", _("Key figures"), key_columns(), tuple(rows), note)


def context_table(store: StoreData, code: str, cites: Citations) -> Table:
    meta = store.indicators.set_index("id")
    latest = profile.context_latest(store.observations, code)
    rows = tuple(
        (
            str(meta.loc[r["indicator"], "name"]),
            str(int(r["year"])),
            value_text(
                r["value"], r["flags"], meta.loc[r["indicator"], "unit"], units_by_id(store.units)
            ),
            refs_text(cites.cite([(r["source_id"], r.get("source_url", ""))])).strip(),
        )
        for _index, r in latest.iterrows()
    )
    columns = (_("Series"), _("Year"), _("Latest"), _("Source"))
    return Table("context", _("Context"), columns, rows)


def gaps_note(store: StoreData, code: str, name: str) -> tuple[str, ...]:
    codes = comparison.country_codes(store.entities)
    missing = profile.missing_years(store.observations, NCMEC, code, NCMEC_YEARS)
    span = f"{NCMEC_YEARS[0]}-{NCMEC_YEARS[-1]}"
    lines = [
        _("NCMEC CyberTipline reports by country, {span}: missing {years}.").format(
            span=span, years=", ".join(map(str, missing))
        )
        if missing
        else _("NCMEC CyberTipline reports by country, {span}: every year published.").format(
            span=span
        )
    ]
    gaps = profile.country_gaps(store.observations, store.indicators, codes, code)
    if gaps:
        lines.append(
            _("Indicators published for two or more countries with no value for {country}:").format(
                country=name
            )
        )
        lines += [
            _("{publisher}: {indicators}.").format(publisher=publisher, indicators="; ".join(names))
            for publisher, names in gaps
        ]
    else:
        lines.append(_("Every indicator published for two or more countries has a value."))
    return tuple(lines)


def latest_country_year(store: StoreData, indicator: str) -> int | None:
    series = indicator_series(store.observations, indicator)
    series = series[series["entity"].isin(comparison.country_codes(store.entities))]
    return int(series["year"].max()) if len(series) else None


def chart_blocks(store: StoreData, code: str, name: str, cites: Citations) -> list:
    year = latest_country_year(store, NCMEC)
    has_reports = len(indicator_series(store.observations, NCMEC, [code])) > 0
    blocks: list = []
    if year is not None:
        blocks += [
            Heading(_("Where reports are geolocated, {year}").format(year=year)),
            charts.figure_block(
                cites,
                "map",
                _(
                    "CyberTipline reports by country, {year} ({country} ringed). Grey: no "
                    "published value. Reports follow where uploads geolocate, not where victims "
                    "are."
                ).format(year=year, country=name),
                charts.choropleth(store, NCMEC, year, code),
            ),
        ]
    if not has_reports:
        none = _("NCMEC publishes no CyberTipline report count for {country}.")
        return [*blocks, Paragraph(none.format(country=name))]
    blocks += [
        Heading(_("Against its region and the world")),
        charts.figure_block(
            cites,
            "trend",
            _(
                "CyberTipline reports: {country}, its UN region (sum of countries) and the world, "
                "log scale. The dashed line marks the 2024 series break (bundling of duplicates)."
            ).format(country=name),
            charts.comparison(store, NCMEC, code, "raw", log=True),
        ),
        charts.figure_block(
            cites,
            "rate",
            _(
                "CyberTipline reports per 100,000 internet users: {country}, its region and the "
                "world."
            ).format(country=name),
            charts.comparison(store, NCMEC, code, RATE, log=False),
        ),
    ]
    region = store.entities.set_index("code").loc[code, "un_region"]
    if year is not None and region:
        blocks.append(
            charts.figure_block(
                cites,
                "peers",
                _(
                    "CyberTipline reports per 100,000 internet users in {year}: the countries of "
                    "{region} ({country} highlighted; up to 20 with the highest rates)."
                ).format(year=year, region=region, country=name),
                charts.region_peers(store, NCMEC, code, year, RATE),
            )
        )
    return blocks


def country_brief(store: StoreData, code: str, today: date | None = None) -> Brief:
    entities = store.entities.set_index("code")
    name = str(entities.loc[code, "name"])
    codes = comparison.country_codes(store.entities)
    table = profile.profile_table(store.observations, store.indicators, codes, code)
    cites = Citations(store.sources)
    key = key_figures(store, code, table, cites)
    context = context_table(store, code, cites)
    sentences = country_narrative(store, code)
    rate = rate_sentence(store, code, 2023)  # cites the denominator's sources too
    words = [
        cites.sentence(s, context_sources(store, code, 2023) if s == rate else ())
        for s in sentences
    ] or [Paragraph(_("No published OCSE figure to describe for {country}.").format(country=name))]
    figures = chart_blocks(store, code, name, cites)
    every: list = [
        Paragraph(
            _(
                "Every indicator with a published value for {country}, by theme: the latest year."
            ).format(country=name),
            kind="note",
        )
    ]
    for theme, rows in table.groupby("theme", sort=True):
        every.append(
            Table(
                "every-" + re.sub(r"[^a-z0-9]+", "-", str(theme).lower()).strip("-"),
                str(theme),
                key_columns(),
                profile_rows(store, rows, cites),
            )
        )
    region = entities.loc[code, "un_region"] or _("no UN region listed")
    income = income_words(entities.loc[code, "income_group"])
    sections = (
        Section(_("Key figures"), (key, Paragraph(key.note, kind="note"), context)),
        Section(_("In words"), tuple(words)),
        Section(_("Charts"), tuple(figures)),
        Section(_("Every published indicator"), tuple(every)),
    )
    shown = [NCMEC, *[i for i in KEY_INDICATORS if i in set(table["indicator"])]]
    return Brief(
        subject=code,
        title=_("{country}: online child sexual exploitation in published statistics").format(
            country=name
        ),
        subtitle=_("Country brief ({code}). UN region: {region}. Income group: {income}.").format(
            code=code, region=region, income=income
        ),
        sections=sections,
        caveats=indicator_caveats(store, shown),
        gaps=gaps_note(store, code, name),
        citations=cites.entries(),
        generated=today or date.today(),
        content_hash=store.content_hash,
    )
