"""Controls every page uses: the indicator picker with its definition one click away, how to
show values (raw, per 100k, index), the axis scale, and notices of fallbacks."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.analysis.rates import NORMALISATIONS
from dashboard.app.lookups import indicators_by_id
from dashboard.language import N_, _
from dashboard.models import Measures

# What an indicator measures (data/indicators.yaml `measures`), in a word or two.
MEASURES_WORDS = {
    Measures.REPORTING_VOLUME: N_("reporting volume"),
    Measures.HOSTING: N_("hosting"),
    Measures.PREVALENCE_SURVEY: N_("prevalence survey"),
    Measures.MODELLED_ESTIMATE: N_("modelled estimate"),
    Measures.VICTIMS_IDENTIFIED: N_("victims identified"),
    Measures.LAW_ENFORCEMENT: N_("law enforcement"),
    Measures.CAPACITY: N_("capacity"),
    Measures.CONTEXT: N_("context"),
}


def select(
    component_id: str, label: str, data: list, value: object, width: int, **kw
) -> dmc.Select:
    """A labelled Select whose choice cannot be cleared unless `kw` says so."""
    kw = {"allowDeselect": False, **kw}
    return dmc.Select(id=component_id, label=label, data=data, value=value, w=width, **kw)


def indicator_picker(component_id: str, value: str, options: list[dict], label: str = ""):
    """A searchable grouped Select plus 'About this indicator', one click away."""
    return html.Div(
        [
            select(
                component_id,
                label or _("Indicator"),
                options,
                value,
                460,
                searchable=True,
                maxDropdownHeight=420,
                comboboxProps={"zIndex": 400},
            ),
            html.Details(
                [
                    html.Summary(_("About this indicator"), className="about-summary"),
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
            _("Unit: {unit}. Measures: {measures}. Publisher: {publisher}.").format(
                unit=row["unit"],
                measures=measures_words(row["measures"]),
                publisher=row["publisher"],
            ),
            size="sm",
            c="dimmed",
        ),
    ]
    items += [
        dmc.Text(_("Caveat: {text}").format(text=c["text"]), size="sm", className="caveat")
        for c in row["caveats"]
    ]
    if row["breaks"]:
        items.append(
            dmc.Text(
                _("Series breaks: {years}").format(years=", ".join(map(str, row["breaks"]))),
                size="sm",
                className="caveat",
            )
        )
    return items


def measures_words(kind: str) -> str:
    """'reporting volume': what an indicator measures, in the reader's language."""
    words = MEASURES_WORDS.get(kind)
    return _(words) if words else kind.replace("_", " ")


def normalisation_control(component_id: str, value: str, allowed: list[str] | None = None):
    keys = allowed or list(NORMALISATIONS)
    return dmc.Select(
        id=component_id,
        label=_("Show as"),
        value=value,
        allowDeselect=False,
        w=300,
        data=[{"value": k, "label": _(NORMALISATIONS[k])} for k in keys],
    )


def normalisation_fallback(norm: str, indicator_id: str) -> tuple[str, list[str]]:
    """Rates and shares apply to counts only (data/units.yaml); anything else is shown as
    published, with a notice."""
    indicator = indicators_by_id().loc[indicator_id]
    unit = indicator["unit"]
    if norm in ("raw", "index") or indicator["counts"]:
        return norm, []
    return "raw", [
        _("'{normalisation}' does not apply to {unit} values; showing them as published.").format(
            normalisation=_(NORMALISATIONS[norm]), unit=unit
        )
    ]


# The two choices of a scale control, by what it scales.
SCALE_LABELS = {
    "": (N_("Linear"), N_("Log scale")),
    "colours": (N_("Linear colours"), N_("Log colours")),
    "axes": (N_("Linear axes"), N_("Log axes")),
}


def scale_control(
    component_id: str, value: str, scaled: str = "", first: str = "linear", **kw
) -> dmc.SegmentedControl:
    """Linear or log: 'Linear' and 'Log scale', or 'Linear <scaled>' and 'Log <scaled>' for
    `scaled` "colours" or "axes"."""
    linear, log = SCALE_LABELS[scaled]
    options = {
        "linear": {"value": "linear", "label": _(linear)},
        "log": {"value": "log", "label": _(log)},
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
