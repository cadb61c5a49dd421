"""The source line drawn inside a figure: publishers and titles, short enough to fit."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.language import _, decimal
from dashboard.wording.text import wrap_line


def source_line(sources: pd.DataFrame, source_ids: Iterable[str], width: int = 150) -> str:
    """'Source: <publishers>. <titles>', the first two titles and how many more; `sources` is
    indexed by source id."""
    known = [s for s in sorted(set(source_ids)) if s in sources.index]
    if not known:
        return ""
    publishers = ", ".join(sorted(set(sources.loc[known, "publisher"])))
    titles = sorted(set(sources.loc[known, "title"]))
    shown = "; ".join(titles[:2])
    if len(titles) > 2:
        shown = _("{titles}; +{count} more").format(titles=shown, count=decimal(len(titles) - 2))
    return wrap_line(
        _("Source: {publishers}. {titles}").format(publishers=publishers, titles=shown), width, 3
    )
