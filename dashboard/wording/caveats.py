"""An indicator's caveats, picked by kind (data/indicators.yaml): what the figure measures,
series breaks and how to read the values come before where the figures come from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dashboard.models import KEY_CAVEATS, CaveatKind

Caveats = Iterable[Mapping[str, str]]  # as the store holds them: {"kind": ..., "text": ...}


def texts(caveats: Caveats, *kinds: CaveatKind | str) -> list[str]:
    """The texts of the caveats of `kinds` (all kinds if none), in the order written."""
    wanted = {str(kind) for kind in kinds}
    return [c["text"] for c in caveats if not wanted or c["kind"] in wanted]


def first(caveats: Caveats, kind: CaveatKind | str) -> str:
    """The first caveat of `kind`, or ''."""
    return next(iter(texts(caveats, kind)), "")


def key(caveats: Caveats) -> list[str]:
    """The caveats that change how a chart must be read: what it measures, breaks, reading."""
    return texts(caveats, *KEY_CAVEATS)
