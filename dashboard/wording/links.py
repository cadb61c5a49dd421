"""Where a figure comes from, in words and links: clickable addresses, short and full citations,
and the citation lines a chart's footer and a download's header carry."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from dashboard.language import _


def source_href(url: str) -> str:
    """A clickable address for a stored source URL (`github:owner/repo/path` included)."""
    if url.startswith("github:"):
        owner, repo, *rest = url.removeprefix("github:").split("/", 2)
        return f"https://github.com/{owner}/{repo}" + (f"/blob/HEAD/{rest[0]}" if rest else "")
    return url


def is_page(text: object) -> bool:
    """Whether a row's source_url names a page (a web address or a repository file), not a
    description such as a context series' provenance."""
    return isinstance(text, str) and text.startswith(("http://", "https://", "github:"))


def page_href(page: object, source_url: str) -> str:
    """Where a figure was read: its own page if the row names one, else its publication's."""
    return source_href(page if is_page(page) else source_url)  # type: ignore[arg-type]


def short_citation(sources: pd.DataFrame, source_id: str) -> str:
    """'NCMEC, 2023 CyberTipline Reports by Country': the publisher's acronym if it has one."""
    row = sources.set_index("id").loc[source_id]
    acronym = re.search(r"\(([A-Z][A-Za-z&-]{1,11})\)\s*$", row["publisher"])
    publisher = acronym.group(1) if acronym else re.sub(r"\s*\([^)]*\)\s*$", "", row["publisher"])
    return f"{publisher}, {row['title']}"


def citation_lines(
    sources: pd.DataFrame,
    indicators: pd.DataFrame,
    source_ids: Iterable[str],
    indicator_id: str | None = None,
) -> list[str]:
    """A download's header and a chart's footer: the indicator's definition and caveats, then
    one line per source. Both frames are indexed by id."""
    lines = []
    if indicator_id:
        row = indicators.loc[indicator_id]
        lines.append(
            _("Indicator: {name} ({unit}). {definition}").format(
                name=row["name"], unit=row["unit"], definition=row["definition"]
            )
        )
        lines += [_("Caveat: {caveat}").format(caveat=c["text"]) for c in row["caveats"]]
    for source_id in sorted(set(source_ids)):
        if source_id in sources.index:
            lines.append(_("Source: {source}").format(source=sources.loc[source_id, "citation"]))
    return lines
