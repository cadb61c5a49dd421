"""Chart tables as a reader reads them, on the shipped store's catalogue: decimals, number
formats, publication titles; and the notes under a chart in their three groups."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.app import context
from dashboard.app.components.chart_notes import grouped
from dashboard.app.components.table_format import decimals, readable


@pytest.fixture(scope="module", autouse=True)
def store(shipped_store):
    context.use_store(shipped_store)
    return shipped_store


@pytest.mark.parametrize(
    ("values", "places"),
    [
        ([2740905.0, 16.0, None], 0),  # counts: whole
        ([1060.9122, 3.25], 1),  # rates: one decimal
        ([0.004, 3.2], 4),  # one decimal would show 0.0: enough to show 0.0040
        ([0.04, 0.5], 3),
    ],
)
def test_decimals(values, places):
    assert decimals(pd.Series(values, dtype="float64")) == places


def test_readable_titles_sources_and_formats_numbers_without_changing_them():
    frame = pd.DataFrame({"year": [2019], "value": [1060.9122], "source": ["ncmec-bycountry-2019"]})
    shown, columns = readable(frame)
    assert shown.loc[0, "source"] == "NCMEC, 2019 CyberTipline Reports by Country"
    assert shown.loc[0, "value"] == 1060.9122  # the table's data keeps every digit
    by_id = {c["id"]: c for c in columns}
    assert by_id["value"]["format"]["specifier"] == ",.1f"
    assert "format" not in by_id["year"]  # a year is not a quantity: no 2,019
    assert frame.loc[0, "source"] == "ncmec-bycountry-2019"  # the caller's frame untouched


def test_notes_are_grouped_by_caveat_kind_from_the_catalogue(store):
    caveats = store.indicators.set_index("id").loc["cybertipline_reports", "caveats"]
    key = next(c["text"] for c in caveats if c["kind"] == "break")
    method = next(c["text"] for c in caveats if c["kind"] == "method")
    know, processing, citing = grouped(
        [
            "Sum of 11 of 11 countries.",
            f"Caveat: {key}",
            f"Caveat: {method}",
            "Indicator: CyberTipline reports by country (reports).",
            "Rate denominator: total population.",
            "Source: NCMEC, 2023 CyberTipline Reports by Country.",
            "Figures: version 0123456789ab.",
        ]
    )
    assert know == ["Sum of 11 of 11 countries.", key]
    assert processing == [
        method,
        "Indicator: CyberTipline reports by country (reports).",
        "Rate denominator: total population.",
    ]
    assert citing == [
        "Source: NCMEC, 2023 CyberTipline Reports by Country.",
        "Figures: version 0123456789ab.",
    ]
