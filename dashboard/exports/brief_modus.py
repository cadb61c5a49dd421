"""The modus-operandi thematic brief: incident types, platforms, sextortion, AI, self-generated.

Counts are world figures as categorised by whoever reported them. January-June counts stay
apart from full years, and no change is computed across the 2024 NCMEC series break.
"""

from __future__ import annotations

from datetime import date

from dashboard.analysis.mix import INCIDENT_TYPES, half_year_counts, incident_types
from dashboard.analysis.series import indicator_series
from dashboard.exports import brief_charts as charts
from dashboard.exports.brief import (
    Brief,
    Citations,
    Paragraph,
    Section,
    Table,
    indicator_caveats,
    refs_text,
)
from dashboard.exports.brief_themes import coverage_lines
from dashboard.language import _, decimal
from dashboard.store.read import StoreData
from dashboard.wording.flags import notes, qualifiers
from dashboard.wording.numbers import number, qualified
from dashboard.wording.sentences import Sentence, cited

SEXTORTION = "cybertipline_reports_financial_sextortion"
GENERATIVE_AI = "cybertipline_reports_generative_ai"
SELF_GENERATED = "iwf_urls_self_generated"
PLATFORMS = "cybertipline_reports_by_esp"


def mix_sentences(store: StoreData) -> list[tuple[Sentence, list[str]]]:
    """One sentence per emerging series (every year as published), with all its sources."""
    meta = store.indicators.set_index("id")
    found = []
    for indicator in (SEXTORTION, GENERATIVE_AI, SELF_GENERATED):
        series = indicator_series(store.observations, indicator, ["WLD"])
        if series.empty:
            continue
        parts = [
            _("{value} in {year}{notes}").format(
                value=qualified(r["value"], r["flags"]), year=r["year"], notes=notes(r["flags"])
            )
            for _index, r in series.iterrows()
        ]
        row = meta.loc[indicator]
        caveat = store.measures_statement(row["measures"])
        if len(row["breaks"]):
            caveat = _("{sentence} No change is computed across the {year} series break.").format(
                sentence=caveat, year=row["breaks"][0]
            )
        text = _("{indicator}: {values}").format(indicator=row["name"], values="; ".join(parts))
        sentence = cited(store, text, series["source_id"].iloc[-1], caveat.strip())
        found.append((sentence, list(series["source_id"])))
    half = half_year_counts(store.observations, store.indicators)
    for category, rows in half.groupby("category", sort=True):
        parts = [
            _("{value} in {year}").format(value=qualified(r["value"], r["flags"]), year=r["period"])
            for _index, r in rows.iterrows()
        ]
        caveat = _("January-June counts: never compared with full years.")
        text = _("{indicator}: {values}").format(indicator=category, values=_(" and ").join(parts))
        sentence = cited(store, text, rows["source_id"].iloc[-1], caveat)
        found.append((sentence, list(rows["source_id"])))
    return found


def incident_table(store: StoreData, cites: Citations) -> Table:
    """Each incident type in the last two published years: count and share of the year."""
    frame = incident_types(store.observations, store.indicators)
    years = sorted(frame["year"].unique())[-2:]
    columns = [_("Incident type")]
    for year in years:
        columns += [_("Reports {year}").format(year=year), _("Share {year}").format(year=year)]
    body = []
    for category, rows in frame.groupby("category", sort=False):
        rows = rows.set_index("year")
        cells = [category]
        for year in years:
            if year not in rows.index:
                cells += ["—", "—"]
                continue
            words = qualifiers(rows.loc[year, "flags"])
            value = number(rows.loc[year, "value"])
            if words:
                value = _("{value} ({qualifiers})").format(value=value, qualifiers="; ".join(words))
            share = decimal(float(f"{rows.loc[year, 'share_pct']:.2f}"), "0.00")
            cells += [value, _("{value}%").format(value=share)]
        body.append((*cells, refs_text(cites.cite(rows["source_id"])).strip()))
    note = _(
        "Shares are of the sum of the incident types published for the year; {year} follows "
        "the bundling change and is not comparable with {earlier_year}."
    ).format(year=years[-1], earlier_year=years[0])
    caption = _("CyberTipline reports by incident type, world")
    return Table("incident-types", caption, (*columns, _("Source")), tuple(body), note)


def modus_operandi_brief(store: StoreData, today: date | None = None) -> Brief:
    cites = Citations(store.sources)
    incidents = incident_table(store, cites)
    words = [cites.sentence(sentence, ids) for sentence, ids in mix_sentences(store)]
    blocks = [
        charts.figure_block(
            cites,
            "incident-types",
            _(
                "Reports by incident type as categorised by the reporter, log scale; the dashed "
                "line marks the 2024 bundling break."
            ),
            charts.incident_lines(store),
        ),
        charts.figure_block(
            cites,
            "half-year",
            _(
                "January-June counts of 2024 and 2025 by category, log scale. Half-year figures "
                "are never set against full years."
            ),
            charts.half_year_bars(store),
        ),
        charts.figure_block(
            cites,
            "platforms",
            _(
                "Reports by platform in the latest year: the ten largest by name, the rest "
                "summed. A platform's count reflects its size and how much it detects and reports."
            ),
            charts.platform_bars(store),
        ),
        charts.figure_block(
            cites,
            "self-generated",
            _(
                "IWF: URLs with 'self-generated' imagery, in the years published (gaps not "
                "bridged)."
            ),
            charts.world_trend(store, SELF_GENERATED, _("IWF: URLs with 'self-generated' imagery")),
        ),
    ]
    half = list(store.indicators.loc[store.indicators["half_year"], "id"])
    shown = [INCIDENT_TYPES[0], SEXTORTION, GENERATIVE_AI, SELF_GENERATED]
    gaps = [
        *coverage_lines(store, shown, _("world only")),
        *coverage_lines(store, half[:1], _("January-June only")),
        _("None of these mixes is published by country: they describe global reporting."),
    ]
    return Brief(
        subject="modus-operandi",
        title=_("Modus operandi: how reported online child sexual exploitation is changing"),
        subtitle=_(
            "Thematic brief: incident types, platforms, financial sextortion, generative AI and "
            "self-generated imagery. Counts are reports as categorised by whoever reported them."
        ),
        sections=(
            Section(_("Key figures"), (incidents, Paragraph(incidents.note, kind="note"))),
            Section(_("In words"), tuple(words)),
            Section(_("Charts"), tuple(blocks)),
        ),
        caveats=indicator_caveats(
            store,
            [INCIDENT_TYPES[1], SEXTORTION, GENERATIVE_AI, *half[:1], PLATFORMS, SELF_GENERATED],
        ),
        gaps=tuple(gaps),
        citations=cites.entries(),
        generated=today or date.today(),
        content_hash=store.content_hash,
    )
