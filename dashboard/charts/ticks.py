"""Axis and colour-bar ticks in round numbers (1, 2 and 5 x 10^k), labelled as people read them."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard.language import N_, _, decimal

# thousand, million, billion after a tick's number: 2k, 10M, 1B
SUFFIXES = ((1e9, N_("{number}B")), (1e6, N_("{number}M")), (1e3, N_("{number}k")))


def short_number(value: float) -> str:
    """Tick labels in real numbers: 0.01, 5, 100, 2k, 10M."""
    if value == 0:
        return "0"
    for size, written in SUFFIXES:
        if abs(value) >= size:
            return _(written).format(number=plain(value / size))
    return plain(value)


def plain(value: float) -> str:
    """1, 2.5, 0.01: as `{:g}` writes it, with the language's decimal sign."""
    text = f"{value:g}"
    if "e" in text or "." not in text:
        return text
    return text.replace(".", decimal(0.5, "0.0")[1])


def log_ticks(low: float, high: float) -> list[float]:
    """Round numbers between two log10 values, as log10 positions: the decades when there are
    at least three of them, else every 1, 2 and 5."""
    ticks = []
    for power in range(math.floor(low), math.ceil(high) + 1):
        for step in (1, 2, 5):
            position = math.log10(step) + power
            if low - 1e-9 <= position <= high + 1e-9:
                ticks.append(position)
    decades = [t for t in ticks if float(t).is_integer()]
    return decades if len(decades) >= 3 else ticks


def round_log_ticks(values: pd.Series) -> dict:
    """A log axis's tick values and labels at 1, 2, 5 x 10^k (1k, 10k, 1M) across the values."""
    positive = values[values > 0]
    if positive.empty:
        return {}
    low, high = np.log10(positive.min()), np.log10(positive.max())
    ticks = log_ticks(np.floor(low * 10) / 10, np.ceil(high * 10) / 10)
    return {"tickvals": [10**t for t in ticks], "ticktext": [short_number(10**t) for t in ticks]}


def spanning_log_ticks(values: pd.Series) -> list[float]:
    """1, 2 and 5 x 10^k from half the smallest value to twice the largest, so a log axis reads
    without minor-digit clutter; only the 1 x 10^k when that would be more than twelve."""
    low, high = float(values.min()), float(values.max())
    ticks = []
    for power in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        ticks += [m * 10**power for m in (1, 2, 5)]
    inside = [t for t in ticks if low / 2 <= t <= high * 2]
    return inside if len(inside) <= 12 else [t for t in inside if str(t).lstrip("0.")[0] == "1"]
