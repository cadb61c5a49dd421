"""Caveats are picked by kind, as data/indicators.yaml types them."""

from __future__ import annotations

from dashboard.models import CaveatKind
from dashboard.wording import caveats


def caveats_of(store, indicator: str) -> list[dict]:
    return store.indicators.set_index("id").loc[indicator, "caveats"]


def test_ncmec_reports_say_what_they_measure_and_where_the_series_breaks(shipped_store):
    reports = caveats_of(shipped_store, "cybertipline_reports")
    assert caveats.first(reports, CaveatKind.MEASURES).startswith("Counts reports whose geographic")
    assert any(
        t.startswith("Measures reporting volume") for t in caveats.texts(reports, "measures")
    )
    assert caveats.first(reports, CaveatKind.BREAK).startswith("Series break in 2024")
    key = caveats.key(reports)
    assert all(c["kind"] != "method" for c in reports if c["text"] in key)
    assert len(caveats.texts(reports)) == len(reports)


def test_every_caveat_has_a_kind_and_the_referrals_warn_they_are_not_totals(shipped_store):
    kinds = {c["kind"] for row in shipped_store.indicators["caveats"] for c in row}
    assert kinds == {k.value for k in CaveatKind}
    referrals = caveats_of(shipped_store, "cybertipline_referrals")
    assert caveats.first(referrals, CaveatKind.READING).startswith("Not total reports")
