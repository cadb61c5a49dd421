"""Overview building blocks: headline cards, the focus-country table, source links.

Numbers and changes come from dashboard.analysis.headlines; this module only words and lays
them out. Every value carries its qualifiers and a link to the publication it was read from.
"""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import dcc, html

from dashboard.app import context
from dashboard.wording.flags import qualifiers
from dashboard.wording.headlines import headline_sentence
from dashboard.wording.links import source_href
from dashboard.wording.numbers import format_change, format_value

NO_VALUE = "no published value"


def source_link(source_id: str) -> html.Span:
    """'Publisher, Title' linked to the publication; unknown ids are shown as they are."""
    sources = context.store().sources.set_index("id")
    if source_id not in sources.index:
        return html.Span(source_id)
    row = sources.loc[source_id]
    return html.Span(
        [
            f"{row['publisher']}, ",
            html.A(
                row["title"],
                href=source_href(row["url"]),
                target="_blank",
                rel="noopener noreferrer",
                className="source-link",
            ),
            f" ({row['reliability'].replace('_', ' ')})" if row["reliability"] != "primary" else "",
        ]
    )


def citation_text(source_id: str) -> str:
    sources = context.store().sources.set_index("id")
    return sources.loc[source_id, "citation"] if source_id in sources.index else source_id


def _present(value) -> bool:
    return value is not None and not pd.isna(value)


def change_block(row: dict) -> list:
    """The change on the year before, or why there is none (and the last comparable one)."""
    if _present(row["change_pct"]):
        previous = format_value(row["previous_value"], row["previous_flags"], row["unit"])
        return [
            dmc.Text(
                [
                    html.Span(format_change(row["change_pct"]), className="headline-change"),
                    f" on {row['previous_year']} ({previous})",
                ],
                size="sm",
            )
        ]
    style = "break-note" if _present(row["break_year"]) else "no-change-note"
    size = "sm" if _present(row["break_year"]) else "xs"
    items = [dmc.Text(row["no_change_reason"], size=size, className=style)]
    if _present(row["comparable_change_pct"]):
        items.append(
            dmc.Text(
                f"Last comparable change: {row['comparable_year']} on "
                f"{row['comparable_previous_year']}: {format_change(row['comparable_change_pct'])}",
                size="sm",
            )
        )
    return items


def headline_card(row: dict, caveat: str = "") -> dmc.Paper:
    sources = [row["source_id"]] + (
        [row["previous_source_id"]]
        if row["previous_source_id"] not in ("", row["source_id"])
        else []
    )
    sentence = headline_sentence(row) + " Source: " + "; ".join(map(citation_text, sources))
    card_id = f"headline-{row['indicator']}"
    words = qualifiers(row["flags"], row["half_year"])
    return dmc.Paper(
        [
            dmc.Text(row["label"], fw=600, size="sm", className="headline-label"),
            dmc.Text(
                [
                    html.Span(
                        format_value(row["value"], row["flags"], row["unit"]),
                        className="headline-value",
                    ),
                    html.Span(
                        f" {row['unit']} in {row['year']}"
                        if row["unit"] not in ("count", "")
                        else f" in {row['year']}",
                        className="headline-year",
                    ),
                ]
            ),
            dmc.Group(
                [dmc.Badge(w, color="gray", variant="light", size="sm") for w in words], gap=4
            )
            if words
            else None,
            *change_block(row),
            dmc.Text(row["measures"], size="xs", c="dimmed"),
            dmc.Text(caveat, size="xs", className="caveat") if caveat else None,
            dmc.Text(
                ["Source: ", *[item for s in sources for item in (source_link(s), html.Br())][:-1]],
                size="xs",
                className="headline-source",
            ),
            html.Details(
                [
                    html.Summary("Sentence with citation", className="about-summary"),
                    html.P(
                        sentence, id={"type": "copy-text", "card": card_id}, className="sentence"
                    ),
                    html.Button(
                        "Copy",
                        id={"type": "copy-btn", "card": card_id},
                        className="dl-btn",
                        **{"aria-label": f"Copy the sentence about {row['label']} and its source"},
                    ),
                ],
                className="sentence-box",
            ),
        ],
        withBorder=True,
        radius="md",
        p="sm",
        className="headline-card",
        id=card_id,
    )


def headline_table(headlines: pd.DataFrame) -> pd.DataFrame:
    """The headline cards as rows, for the CSV download."""
    return pd.DataFrame(
        {
            "figure": headlines["label"],
            "year": headlines["year"],
            "value": headlines["value"],
            "qualifiers": [
                "; ".join(qualifiers(f, h))
                for f, h in zip(headlines["flags"], headlines["half_year"], strict=True)
            ],
            "previous year": headlines["previous_year"],
            "previous value": headlines["previous_value"],
            "change on the year before (%)": [
                round(c, 1) if _present(c) else None for c in headlines["change_pct"]
            ],
            "why no change": headlines["no_change_reason"],
            "indicator": headlines["indicator"],
            "source": headlines["source_id"],
        }
    )


def _cell(main: str, small: str = "", missing: bool = False) -> html.Td:
    parts = [html.Span(main, className="no-value" if missing else "")]
    if small:
        parts += [html.Br(), html.Small(small, className="cell-note")]
    return html.Td(parts)


def _value_cell(value, flags: str, unit: str = "", small: str = "") -> html.Td:
    if not _present(value):
        return _cell(NO_VALUE, missing=True)
    words = qualifiers(flags)
    note = "; ".join([s for s in [small, *words] if s])
    return _cell(format_value(value, flags, unit), note)


def _rate_cell(value, note: str) -> html.Td:
    if not _present(value):
        return _cell(NO_VALUE, note, missing=True)
    return _cell(f"{value:,.1f}", note)


def focus_table(frame: pd.DataFrame, names: dict[str, str]) -> html.Table:
    year = int(frame["reports_year"].max())
    header = [
        "Country",
        f"NCMEC CyberTipline reports {year}",
        f"Reports per 100,000 population ({year})",
        f"Reports per 100,000 internet users ({year})",
        "2024 referrals (after bundling; unverified transcription)",
        "Disrupting Harm: children 12-17 subjected to OCSEA in the past year",
        "Walk Free: people in modern slavery per 1,000 (model estimate)",
    ]
    rows = []
    for r in frame.to_dict("records"):
        change = (
            f"{format_change(r['reports_change_pct'])} on {year - 1}"
            if _present(r["reports_change_pct"])
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
                    _value_cell(r["reports"], r["reports_flags"], small=change),
                    _rate_cell(r["per_100k_population"], r["per_100k_population_note"]),
                    _rate_cell(r["per_100k_internet_users"], r["per_100k_internet_users_note"]),
                    _value_cell(
                        r["referrals"], r["referrals_flags"].replace("unverified_transcription", "")
                    ),
                    _value_cell(
                        r["dh"],
                        r["dh_flags"],
                        "percent",
                        f"survey, {int(r['dh_year'])}" if _present(r["dh_year"]) else "",
                    ),
                    _value_cell(
                        r["gsi"],
                        r["gsi_flags"],
                        small=f"{int(r['gsi_year'])}" if _present(r["gsi_year"]) else "",
                    ),
                ]
            )
        )
    return html.Table(
        [
            html.Caption(
                "Focus countries at a glance. Reports measure reporting volume, not victims or "
                "prevalence; the survey and model columns measure different things and are not "
                "comparable with the reports or with each other."
            ),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(rows),
        ],
        className="focus-table",
        id="focus-table",
    )


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


def focus_sources(frame: pd.DataFrame) -> list[str]:
    ids = [
        s for column in frame.columns if column.endswith("_source_id") for s in frame[column] if s
    ]
    return list(dict.fromkeys(ids))


def sources_block(source_ids: list[str], inline_up_to: int = 3) -> html.Div:
    """Sources linked inline when few; behind a summary naming the publishers when many."""
    links = [source_link(s) for s in source_ids]
    if len(links) <= inline_up_to:
        return html.Div(["Source: ", *[p for link in links for p in (link, "; ")][:-1]])
    sources = context.store().sources.set_index("id")
    publishers = sorted({sources.loc[s, "publisher"] for s in source_ids if s in sources.index})
    return html.Details(
        [
            html.Summary(
                f"Sources: {len(links)} publications ({'; '.join(publishers)})",
                className="about-summary",
            ),
            html.Ul([html.Li(link) for link in links], className="source-list"),
        ]
    )
