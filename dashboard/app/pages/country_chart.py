"""The profile's chart card: the country against its UN region and the world."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import profile
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.analysis.series import with_segments
from dashboard.app import context
from dashboard.app.components.cards import card_data, card_footer, card_table, safe_filename
from dashboard.app.lookups import citation_lines, source_line
from dashboard.charts.lines import line_chart
from dashboard.charts.style import base_layout
from dashboard.wording.flags import flags_text
from dashboard.wording.units import unit_label


def coverage_words(frame: pd.DataFrame) -> str:
    words = sorted(set(frame["coverage"]) - {""})
    return words[0] if len(words) == 1 else ("; ".join(words[:3]) if words else "")


@context.per_store
def comparison_data(indicator_id: str, code: str) -> profile.ComparisonData:
    """The store's rows behind the chart, before normalisation (read-only)."""
    store = context.store()
    return profile.comparison_data(
        store.observations, store.indicators, store.entities, indicator_id, code
    )


def chart_view(code: str, indicator_id: str, norm: str, scale: str) -> tuple:
    """Figure, table, footer and card data: the country against its region and the world."""
    store = context.store()
    indicator = store.indicators.set_index("id").loc[indicator_id]
    entities = store.entities.set_index("code")
    # the normalisation runs on every call; only the store's rows behind it are kept
    frame = profile.compare(comparison_data(indicator_id, code), store.observations, norm)
    region = entities.loc[code, "un_region"] or "region"
    region_rows = frame[frame["entity"] == "REGION"]
    names = {
        code: entities.loc[code, "name"],
        "REGION": f"{region} (sum of countries)",
        "WLD": "World",
    }
    frame = with_segments(frame, indicator["breaks"])
    frame["flags_text"] = [
        flags_text(f, n) for f, n in zip(frame["flags"], frame["denominator_note"], strict=True)
    ]
    label = unit_label(indicator["unit"]) if norm == "raw" else NORMALISATIONS[norm]
    if norm == "index":
        own_years = frame.loc[frame["entity"] == code, "year"]
        label = f"index ({int(own_years.min()) if len(own_years) else ''} = 100)"
    plotted = frame.dropna(subset=["value"])
    figure = line_chart(
        plotted,
        names,
        indicator["breaks"],
        label,
        scale == "log",
        "not comparable with earlier years" if indicator["breaks"] else "",
        order=[code, "REGION", "WLD"],
    )
    title = f"{indicator['name']}: {names[code]}, {region} and the world, {label}"
    base_layout(figure, title, source_line(list(plotted["source_id"])), height=440)
    figure.update_layout(margin={"t": 90})
    lines = []
    if len(region_rows):
        lines.append(f"{names['REGION']}: {coverage_words(region_rows)} in the UN region.")
    elif not bool(indicator["summable"]):
        lines.append(
            f"No regional figure: {unit_label(indicator['unit'])} values of this indicator "
            "may not be summed across countries."
        )
    lines.append(
        "World: the published world figure where there is one, else the sum of all entities."
    )
    notes = sorted(set(frame["denominator_note"]) - {""})
    lines += [f"Note: {n}." for n in notes[:4]]
    table = pd.DataFrame(
        {
            "country or area": frame["entity"].map(names),
            "year": frame["year"],
            "value": frame["value"].round(4),
            "as published": frame["raw_value"],
            "coverage": frame["coverage"],
            "qualifiers": frame["flags_text"],
            "source": frame["source_id"],
        }
    )
    header = [
        f"{title}. OCSE Statistics Dashboard, country profile.",
        *citation_lines(list(frame["source_id"]), indicator_id),
    ]
    filename = safe_filename(code, indicator_id, norm, scale)
    return (
        figure,
        card_table(table, "country-table-data"),
        card_footer(lines + header[1:]),
        card_data(table, header, filename),
    )
