"""The Global Platform's incident-type mix on the country page and on Modus operandi, read from
the page layouts (no browser). Values are checked by hand against
data/sources/ncmec-gpcep-2024/reports-2024.json and reports-2024-h1.json, record "Philippines"."""

from __future__ import annotations

import pytest


def text_of(component) -> str:
    """Every string a layout shows, in order."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    children = getattr(component, "children", None)
    return text_of(children) if children is not None else ""


def find(tree, ident: str):
    for component in tree._traverse():
        if getattr(component, "id", None) == ident:
            return component
    raise AssertionError(f"no component {ident!r}")


def rows_of(table) -> dict[str, list[str]]:
    """Incident type -> the cells of its row, from a mix table."""
    body = next(c for c in table._traverse() if type(c).__name__ == "Tbody")
    return {
        text_of(tr.children[0]): [text_of(td) for td in tr.children[1:]] for tr in body.children
    }


@pytest.fixture(scope="module", autouse=True)
def store(shipped_store):
    from dashboard.app import context

    context.use_store(shipped_store)
    return shipped_store


def test_philippines_page_shows_enticement_and_trafficking_as_rounded() -> None:
    from dashboard.app.pages.country.layout import layout

    table = find(layout("/country/PHL", {}), "country-mo-table")
    header = [
        text_of(th)
        for th in next(
            c for c in table._traverse() if type(c).__name__ == "Thead"
        ).children.children
    ]
    assert header == ["Incident type", "2024", "January-June 2024"]
    rows = rows_of(table)
    # reports-2024.json: online enticement 7000, child sex trafficking 900; H1: 2300 and 70
    assert rows["Online enticement"] == [
        "7,000 reports (rounded; unverified transcription)",
        "2,300 reports (rounded; unverified transcription)",
    ]
    assert rows["Child sex trafficking"] == [
        "900 reports (rounded; unverified transcription)",
        "70 reports (rounded; unverified transcription)",
    ]
    # "<50" is an upper bound, never shown as 50
    assert rows["Child sex tourism"][0] == "fewer than 50 reports (unverified transcription)"
    # largest first; the two "fewer than 50" types last, by name
    assert list(rows)[0] == "Child pornography"
    assert list(rows)[-2:] == ["Child sex tourism", "Misleading domain name"]


def test_conflicting_referrals_are_said_on_screen() -> None:
    from dashboard.app.pages.country.layout import layout

    notice = text_of(find(layout("/country/NLD", {}), "country-mo-conflict"))
    assert "58,000 reports" in notice and "245,365 reports" in notice
    assert "disagree beyond rounding" in notice
    philippines = layout("/country/PHL", {})
    assert "country-mo-conflict" not in [getattr(c, "id", None) for c in philippines._traverse()]


def test_modus_operandi_has_a_country_picker_with_the_focus_countries(store) -> None:
    from dashboard.app.pages.modus_operandi.layout import layout
    from dashboard.app.pages.modus_operandi.state import STATE
    from dashboard.app.pages.modus_operandi.view import country_mix_view

    tree = layout("/modus-operandi", {"country": "GHA"})
    picker = find(tree, "mo-country")
    assert picker.value == "GHA"
    offered = [o["value"] for group in picker.data for o in group["items"]]
    assert offered[: len(store.focus())] == store.focus()
    state, _ = STATE.from_query({"country": "PHL"})
    figure, table, footer, _ = country_mix_view(state)
    assert "Philippines" in figure.layout.title.text
    records = {(r["incident type"], r["period"]): r for r in table.data}
    assert records[("Online enticement", "2024")]["as shown"] == (
        "7,000 reports (rounded; unverified transcription)"
    )
    assert records[("Child sex trafficking", "2024")]["value"] == 900
