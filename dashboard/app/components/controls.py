"""Controls every page uses: the indicator picker with its definition one click away, how to
show values (raw, per 100k, index), the axis scale, and notices of fallbacks."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.analysis.rates import NORMALISATIONS
from dashboard.app.lookups import indicators_by_id


def select(
    component_id: str, label: str, data: list, value: object, width: int, **kw
) -> dmc.Select:
    """A labelled Select whose choice cannot be cleared unless `kw` says so."""
    kw = {"allowDeselect": False, **kw}
    return dmc.Select(id=component_id, label=label, data=data, value=value, w=width, **kw)


def indicator_picker(component_id: str, value: str, options: list[dict], label="Indicator"):
    """A searchable grouped Select plus 'About this indicator', one click away."""
    return html.Div(
        [
            select(
                component_id,
                label,
                options,
                value,
                460,
                searchable=True,
                maxDropdownHeight=420,
                comboboxProps={"zIndex": 400},
            ),
            html.Details(
                [
                    html.Summary("About this indicator", className="about-summary"),
                    html.Div(indicator_about(value), id=f"{component_id}-about"),
                ],
                className="about",
            ),
        ]
    )


def indicator_about(indicator_id: str) -> list:
    row = indicators_by_id().loc[indicator_id]
    items = [
        dmc.Text(row["name"], fw=600),
        dmc.Text(row["definition"], size="sm"),
        dmc.Text(
            f"Unit: {row['unit']}. Measures: {row['measures'].replace('_', ' ')}. "
            f"Publisher: {row['publisher']}.",
            size="sm",
            c="dimmed",
        ),
    ]
    items += [
        dmc.Text(f"Caveat: {c['text']}", size="sm", className="caveat") for c in row["caveats"]
    ]
    if row["breaks"]:
        items.append(
            dmc.Text(
                f"Series breaks: {', '.join(map(str, row['breaks']))}",
                size="sm",
                className="caveat",
            )
        )
    return items


def normalisation_control(component_id: str, value: str, allowed: list[str] | None = None):
    keys = allowed or list(NORMALISATIONS)
    return dmc.Select(
        id=component_id,
        label="Show as",
        value=value,
        allowDeselect=False,
        w=300,
        data=[{"value": k, "label": NORMALISATIONS[k]} for k in keys],
    )


def normalisation_fallback(norm: str, indicator_id: str) -> tuple[str, list[str]]:
    """Rates and shares apply to counts only (data/units.yaml); anything else is shown as
    published, with a notice."""
    indicator = indicators_by_id().loc[indicator_id]
    unit = indicator["unit"]
    if norm in ("raw", "index") or indicator["counts"]:
        return norm, []
    return "raw", [
        f"'{NORMALISATIONS[norm]}' does not apply to {unit} values; showing them as published."
    ]


def scale_control(
    component_id: str, value: str, scaled: str = "", first: str = "linear", **kw
) -> dmc.SegmentedControl:
    """Linear or log: 'Linear' and 'Log scale', or 'Linear <scaled>' and 'Log <scaled>'."""
    options = {
        "linear": {"value": "linear", "label": f"Linear {scaled}".strip()},
        "log": {"value": "log", "label": f"Log {scaled}" if scaled else "Log scale"},
    }
    second = "log" if first == "linear" else "linear"
    return dmc.SegmentedControl(
        id=component_id,
        value=value,
        mt=kw.pop("mt", 22),
        data=[options[first], options[second]],
        **kw,
    )


def notices(messages: list[str]) -> list:
    return [dmc.Alert(m, color="yellow", className="url-notice", mb="xs") for m in messages]
