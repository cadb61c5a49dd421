"""A country's incident-type mix from NCMEC's Global Platform, as a table: every value as NCMEC
rounded it, with its qualifiers, and a notice where the platform's referrals and the annual
by-country table disagree beyond rounding. Used on the country page and on Modus operandi."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import html

from dashboard.analysis.platform import incident_mix, referral_disagreement
from dashboard.app import context
from dashboard.app.components.publications import publication_link
from dashboard.app.lookups import entity_names, units
from dashboard.language import N_, _
from dashboard.models import split_flags
from dashboard.wording.flags import qualifiers
from dashboard.wording.units import value_text

ABOUT = N_(
    "Referrals by incident type, as categorised by whoever reported them (mostly platforms), "
    "not victims and not prevalence. NCMEC rounds these counts (to 10 below 100, to 100 below "
    '10,000, to two significant figures above); "fewer than 50" is NCMEC\'s "<50". The types '
    "are listed, not added up, and January-June is never compared with the full year."
)


@context.per_store
def mix_for(code: str) -> pd.DataFrame:
    return incident_mix(context.store().observations, code)


def shown_value(row: dict) -> str:
    """'7,000 reports (rounded; unverified transcription)', 'fewer than 50 reports (...)'."""
    # January-June: the column says so
    words = qualifiers(";".join(f for f in split_flags(row["flags"]) if f != "half_year"))
    text = value_text(row["value"], row["flags"], "reports", units())
    if not words:
        return text
    return _("{value} ({qualifiers})").format(value=text, qualifiers="; ".join(words))


def disagreement_text(code: str) -> str:
    """One sentence when the two 2024 referral figures disagree beyond rounding, else ''."""
    found = referral_disagreement(context.store().observations, code)
    if found is None:
        return ""
    name = entity_names().get(code, code)
    year = int(found["year"])
    platform = value_text(found["value_platform"], found["flags_platform"], "reports", units())
    table = value_text(found["value_table"], found["flags_table"], "reports", units())
    return _(
        "Conflicting figures: NCMEC's Global Platform lists {platform} referred for {name} in "
        "{year} (rounded), while the {year} by-country table (a third-party transcription) "
        "gives {table}. They disagree beyond rounding; both are kept, as separate series, "
        "and neither is corrected here."
    ).format(platform=platform, name=name, year=year, table=table)


def mix_table(code: str, table_id: str) -> html.Div:
    """The incident types down, the periods across; or a sentence when there is nothing."""
    frame = mix_for(code)
    if frame.empty:
        return html.Div(
            dmc.Text(_("NCMEC's Global Platform lists no incident types for this country.")),
            id=table_id,
        )
    periods = list(dict.fromkeys(frame["period"]))
    years = {r["period"]: (int(r["year"]), bool(r["half_year"])) for r in frame.to_dict("records")}
    cells = {(r["category"], r["period"]): r for r in frame.to_dict("records")}
    body = [
        html.Tr(
            [
                html.Th(category, scope="row"),
                *[
                    html.Td(shown_value(cells[(category, p)]) if (category, p) in cells else "—")
                    for p in periods
                ],
            ]
        )
        for category in dict.fromkeys(frame["category"])
    ]
    head = html.Tr(
        [
            html.Th(_("Incident type"), scope="col"),
            *[html.Th(period_name(*years[p]), scope="col") for p in periods],
        ]
    )
    sources = list(dict.fromkeys(frame["source_id"]))
    return html.Div(
        [
            html.Table(
                [html.Caption(_(ABOUT)), html.Thead(head), html.Tbody(body)],
                className="focus-table",
            ),
            html.Div(
                [
                    _("Source: "),
                    *[
                        part
                        for i, s in enumerate(sources)
                        for part in ([", "] if i else []) + [publication_link(s, cited=True)]
                    ],
                ],
                className="cell-note",
            ),
        ],
        className="focus-wrap",
        id=table_id,
    )


def period_name(year: int, half_year: bool) -> str:
    """'2024', or 'January-June 2025' for the first half of a year."""
    return _("January-June {year}").format(year=year) if half_year else str(year)


def mix_block(code: str, prefix: str) -> list:
    """The table and, where the referral figures conflict, the notice that says so."""
    notice = disagreement_text(code)
    return [
        dmc.Alert(notice, color="orange", id=f"{prefix}-conflict", mt="xs") if notice else None,
        mix_table(code, f"{prefix}-table"),
    ]
