"""The overview page: world headline cards, the paste-ready sentences, the trend charts with
their theme control, and the focus countries at a glance, each section with its CSV."""

from __future__ import annotations

import re

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard.analysis.headlines import focus_at_a_glance, headline_figures
from dashboard.app import context
from dashboard.app.components.cards import CardFile, card_file, chart_card
from dashboard.app.components.page import page_heading
from dashboard.app.components.publications import figure_pages, sources_block
from dashboard.app.components.sentences import narrative_block
from dashboard.app.lookups import citation_lines, entity_names, indicators_by_id, reports_caveat
from dashboard.app.pages.overview.state import STATE, THEMES, OverviewState
from dashboard.app.pages.overview.view import TRENDS, headline_card, headline_table
from dashboard.language import N_, _, decimal
from dashboard.models import CaveatKind
from dashboard.wording import caveats as caveat_kinds
from dashboard.wording.denominators import denominator_line
from dashboard.wording.flags import qualifiers
from dashboard.wording.headlines import described
from dashboard.wording.numbers import format_change, format_value
from dashboard.wording.sentences import world_narrative

PATH = "/"
# "Series break in 2024: ", "Zeitreihenbruch 2024: ", "Rupture de série en 2024 : ": the card
# names the year already; in any language the lead-in ends with the year and a colon
BREAK_PREFIX = re.compile(r"^[^:.]{0,40}\b\d{4}\s*:\s*")
DENOMINATOR_SOURCES = ["worldbank-wdi-population", "worldbank-wdi-ict"]
NO_VALUE = N_("no published value")


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = STATE.from_query(query)
    return html.Div(
        [
            *page_heading(
                _("Overview"),
                _(
                    "Published aggregate statistics on online child sexual exploitation and "
                    "trafficking. {reports_caveat} Every figure links to the publication it was "
                    "read from."
                ).format(reports_caveat=reports_caveat()),
                messages,
            ),
            headlines_section(),
            narrative_block("overview-narrative", world_sentences()),
            trends_section(state),
            focus_section(),
        ]
    )


@context.per_store
def world_sentences() -> list:
    """The paste-ready sentences about the world figures (read-only)."""
    return world_narrative(context.store())


@context.per_store
def world_headlines() -> pd.DataFrame:
    store = context.store()
    statements = store.measures.set_index("id")["statement"].to_dict()
    return described(headline_figures(store.observations, store.indicators), statements)


@context.per_store
def headlines_file() -> CardFile:
    headlines = world_headlines()
    header = [
        _("World headline figures. OCSE Statistics Dashboard, overview."),
        *citation_lines(list(headlines["source_id"]) + list(headlines["previous_source_id"])),
    ]
    return card_file(headline_table(headlines), header, "overview_headlines_world")


@context.per_store
def headlines_section() -> html.Section:
    headlines = world_headlines()
    indicators = indicators_by_id()
    cards = []
    for row in headlines.to_dict("records"):
        caveats = indicators.loc[row["indicator"], "caveats"]
        caveat = caveat_kinds.first(caveats, CaveatKind.BREAK)
        caveat = BREAK_PREFIX.sub("", caveat)
        caveat = caveat[:1].upper() + caveat[1:]
        shown = row["break_year"] or pd.notna(row.get("after_break"))
        cards.append(headline_card(row, caveat if shown else ""))
    return html.Section(
        [
            section_title(
                _("Headline figures, world"),
                _("Download headline figures, world as CSV"),
                "overview-headlines",
            ),
            dmc.Text(
                _(
                    "Latest published year of each figure, with the change on the year before "
                    "where the two years are comparable."
                ),
                size="sm",
                c="dimmed",
            ),
            dmc.SimpleGrid(cards, cols={"base": 1, "sm": 2, "lg": 3}, spacing="sm", mt="xs"),
            csv_store("overview-headlines", headlines_file()),
        ],
        className="overview-section",
    )


def trends_section(state: OverviewState) -> html.Section:
    return html.Section(
        [
            dmc.Group(
                [
                    dmc.Title(_("Global trends per theme"), order=3),
                    html.Div(
                        dmc.SegmentedControl(
                            id="overview-theme",
                            value=state.theme,
                            data=[{"value": k, "label": _(v)} for k, v in THEMES.items()],
                        ),
                        role="group",
                        **{"aria-label": _("Theme of the trend charts")},
                    ),
                ],
                justify="space-between",
                mt="lg",
            ),
            dmc.Text(
                _(
                    "Trafficking, modern slavery and victim identification have no yearly world "
                    "series in the published data: see their headline figures above."
                ),
                size="sm",
                c="dimmed",
            ),
            dmc.SimpleGrid(
                [html.Div(chart_card(t.card), id=f"{t.card}-wrap") for t in TRENDS],
                cols={"base": 1, "md": 2},
                spacing="sm",
            ),
        ],
        className="overview-section",
    )


@context.per_store
def focus_frame() -> pd.DataFrame:
    store = context.store()
    return focus_at_a_glance(store.observations, store.indicators, store.focus())


@context.per_store
def focus_file() -> CardFile:
    frame = focus_frame()
    header = [
        _("Focus countries at a glance. OCSE Statistics Dashboard, overview."),
        *citation_lines(focus_sources(frame) + DENOMINATOR_SOURCES),
        denominator_line("per_100k_population"),
        denominator_line("per_100k_internet_users"),
    ]
    return card_file(focus_csv_frame(frame, entity_names()), header, "overview_focus")


@context.per_store
def focus_section() -> html.Section:
    frame = focus_frame()
    names = entity_names()
    sources = focus_pages(frame) + DENOMINATOR_SOURCES
    notes = [
        _(
            "Change on the year before is not computed across a series break. 2024 referrals "
            "are not total reports: NCMEC's 2024 table splits reports into referrals and "
            "informational reports, counted after bundling, and is read from a third-party "
            "transcription."
        ),
        _(
            "Rates divide report counts by population or internet users of the same year "
            "(nearest year within two years where missing); they still measure reporting volume."
        ),
        denominator_line("per_100k_population"),
        denominator_line("per_100k_internet_users"),
    ]
    return html.Section(
        [
            section_title(
                _("Focus countries at a glance"),
                _("Download focus countries at a glance as CSV"),
                "overview-focus",
            ),
            html.Div(focus_table(frame, names), className="focus-wrap"),
            *[dmc.Text(n, size="xs", className="caveat", mt=4) for n in notes],
            html.Div(sources_block(sources), className="chart-footer"),
            csv_store("overview-focus", focus_file()),
        ],
        className="overview-section",
    )


def section_title(text: str, download: str, card: str) -> dmc.Group:
    """A section's title and its CSV button, `download` the button's accessible name."""
    return dmc.Group(
        [
            dmc.Title(text, order=3),
            html.Button(
                "CSV",
                id={"type": "csv-btn", "card": card},
                className="dl-btn",
                **{"aria-label": download},
            ),
        ],
        justify="space-between",
        mt="lg",
    )


def csv_store(card: str, file: CardFile) -> html.Div:
    """The shared CSV download callback (components.register_card_callbacks) serves these."""
    return html.Div(
        [
            dcc.Store(id={"type": "card-data", "card": card}, data=file),
            dcc.Download(id={"type": "csv-download", "card": card}),
        ]
    )


def focus_table(frame: pd.DataFrame, names: dict[str, str]) -> html.Table:
    year = int(frame["reports_year"].max())
    header = [
        _("Country"),
        _("NCMEC CyberTipline reports {year}").format(year=year),
        _("Reports per 100,000 population ({year})").format(year=year),
        _("Reports per 100,000 internet users ({year})").format(year=year),
        _("2024 referrals (after bundling; unverified transcription)"),
        _("Disrupting Harm: children 12-17 subjected to OCSEA in the past year"),
        _("Walk Free: people in modern slavery per 1,000 (model estimate)"),
    ]
    rows = []
    for r in frame.to_dict("records"):
        change = (
            _("{change} on {year}").format(
                change=format_change(r["reports_change_pct"]), year=year - 1
            )
            if pd.notna(r["reports_change_pct"])
            else ""
        )
        rows.append(
            html.Tr(
                [
                    html.Th(
                        dcc.Link(
                            names.get(r["entity"], r["entity"]),
                            href=f"/country/{r['entity']}",
                            id=f"focus-link-{r['entity']}",
                        ),
                        scope="row",
                    ),
                    value_cell(r["reports"], r["reports_flags"], small=change),
                    rate_cell(r["per_100k_population"], r["per_100k_population_note"]),
                    rate_cell(r["per_100k_internet_users"], r["per_100k_internet_users_note"]),
                    value_cell(
                        r["referrals"], r["referrals_flags"].replace("unverified_transcription", "")
                    ),
                    value_cell(
                        r["dh"],
                        r["dh_flags"],
                        "percent",
                        _("survey, {year}").format(year=int(r["dh_year"]))
                        if pd.notna(r["dh_year"])
                        else "",
                    ),
                    value_cell(
                        r["gsi"],
                        r["gsi_flags"],
                        small=f"{int(r['gsi_year'])}" if pd.notna(r["gsi_year"]) else "",
                    ),
                ]
            )
        )
    return html.Table(
        [
            html.Caption(
                _(
                    "Focus countries at a glance. {reports_caveat} The survey and model columns "
                    "measure different things and are not comparable with the reports or with "
                    "each other."
                ).format(reports_caveat=reports_caveat())
            ),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(rows),
        ],
        className="focus-table",
        id="focus-table",
    )


def cell(main: str, small: str = "", missing: bool = False) -> html.Td:
    parts = [html.Span(main, className="no-value" if missing else "")]
    if small:
        parts += [html.Br(), html.Small(small, className="cell-note")]
    return html.Td(parts)


def value_cell(value, flags: str, unit: str = "", small: str = "") -> html.Td:
    if pd.isna(value):
        return cell(_(NO_VALUE), missing=True)
    note = "; ".join([s for s in [small, *qualifiers(flags)] if s])
    return cell(format_value(value, flags, unit), note)


def rate_cell(value, note: str) -> html.Td:
    if pd.isna(value):
        return cell(_(NO_VALUE), note, missing=True)
    return cell(decimal(round(value, 1), "#,##0.0"), note)  # rounded as f"{value:,.1f}"


def focus_csv_frame(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    columns = {
        "entity": "code",
        "reports_year": "NCMEC reports year",
        "reports": "NCMEC reports",
        "reports_previous": "NCMEC reports, year before",
        "reports_change_pct": "change on the year before (%)",
        "per_100k_population": "reports per 100k population",
        "per_100k_internet_users": "reports per 100k internet users",
        "referrals": "2024 referrals (unverified transcription)",
        "dh": "Disrupting Harm OCSEA past year (%)",
        "dh_year": "Disrupting Harm year",
        "gsi": "Walk Free per 1,000 (model estimate)",
        "gsi_year": "Walk Free year",
    }
    out = frame[list(columns)].rename(columns=columns)
    out.insert(0, "country", frame["entity"].map(names))
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(2)
    return out


def focus_pages(frame: pd.DataFrame) -> list[tuple[str, str | None]]:
    """Each figure's publication and the page it was read on, once."""
    ids = [c for c in frame.columns if c.endswith("_source_id")]
    pairs = [figure_pages(frame, c, c.removesuffix("_source_id") + "_source_url") for c in ids]
    return list(dict.fromkeys(p for part in pairs for p in part))


def focus_sources(frame: pd.DataFrame) -> list[str]:
    ids = [
        s for column in frame.columns if column.endswith("_source_id") for s in frame[column] if s
    ]
    return list(dict.fromkeys(ids))
