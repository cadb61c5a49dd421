"""Units as words, from data/units.yaml (the store's units table): on an axis ('per 1,000'),
after a value ('2,740,905 reports')."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.language import _
from dashboard.models import split_flags
from dashboard.wording.flags import COUNT_UPPER_BOUND, PREFIX
from dashboard.wording.numbers import format_value

Units = Mapping[str, Mapping[str, object]]  # unit id -> its row of the units table


def units_by_id(units: pd.DataFrame) -> dict[str, dict[str, object]]:
    """The store's units table as a mapping, for the functions below."""
    return units.set_index("id").to_dict("index")


def unit_label(unit: str, units: Units) -> str:
    """A unit as words for an axis or a title: 'reports', 'per 1,000', 'percent'."""
    return str(units.get(unit, {}).get("label") or unit.replace("_", " "))


def after_value(unit: str, units: Units) -> str:
    """What follows a number of this unit: 'reports', 'per 1,000', or nothing."""
    return str(units.get(unit, {}).get("after_value") or "")


def unit_word(unit: str, units: Units) -> str:
    """The unit in words beside a number, never empty: 'reports', else its label ('count')."""
    return after_value(unit, units) or unit_label(unit, units)


def value_text(value: float, flags: str, unit: str, units: Units) -> str:
    """'2,740,905 reports', 'about 2,000,000', '20%', '7.8 per 1,000', and an upper bound on a
    count (a unit with `count: true` in data/units.yaml) as 'fewer than 50 reports'."""
    found = split_flags(flags)
    bound = next((f for f in found if f in PREFIX), None)
    if units.get(unit, {}).get("count") and bound == "upper_bound":
        bare = format_value(value, ";".join(f for f in found if f not in PREFIX), unit)
        text = _(COUNT_UPPER_BOUND).format(value=bare)
    else:
        text = format_value(value, flags, unit)
    after = after_value(unit, units)
    return _("{value} {unit}").format(value=text, unit=after) if after else text
