"""What every benchmark shares: a median of a few timed runs, and one result row per figure."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One line of the README table: what was measured, against which target, and whether it met it.

    `measured` and `target` are in `unit`; a target is an upper bound (lower is better).
    """

    name: str
    measured: float
    target: float
    unit: str
    detail: str = ""

    @property
    def met(self) -> bool:
        return self.measured <= self.target


def seconds(run: Callable[[], object]) -> float:
    """Wall time of one call."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def median_seconds(
    run: Callable[[], object], runs: int = 3, setup: Callable[[], object] | None = None
) -> tuple[float, list[float]]:
    """Median wall time of `runs` calls of `run`; `setup` runs before each call, untimed.

    The median, not the mean: one run slowed by a neighbour on a 2-core machine should not
    move the figure.
    """
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        times.append(seconds(run))
    return statistics.median(times), times
