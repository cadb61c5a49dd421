"""Links to the publications figures were read from: every value on a page leads to one.

The overview's links carry rel="noopener noreferrer", the country profile's rel="noopener"
and the full citation as a tooltip; both are kept as they were.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from dash import html

from dashboard.app import context
from dashboard.app.lookups import sources_by_id
from dashboard.language import N_, _, decimal, ngettext
from dashboard.models import Reliability
from dashboard.wording.links import page_href

# How a publication's figures were obtained, when not from the publisher itself.
RELIABILITY_WORDS = {
    Reliability.OFFICIAL_STATEMENT: N_("official statement"),
    Reliability.SECONDARY: N_("secondary"),
    Reliability.THIRD_PARTY_TRANSCRIPTION: N_("third party transcription"),
}


@context.per_store
def publications() -> dict[str, dict]:
    """The publications by id as plain dicts, for many quick look-ups (read-only)."""
    return sources_by_id().to_dict("index")


def publication_link(
    source_id: str,
    label: str | None = None,
    *,
    rel: str = "noopener",
    cited: bool = False,
    page: str | None = None,
) -> html.A | html.Span:
    """The publication's title (or `label`) linked in a new tab to the page the figure was read
    on (`page`, the row's source_url) or else to the publication, with its full citation as the
    link's tooltip when `cited`; an unknown id is shown as it is."""
    row = publications().get(source_id)
    if row is None:
        return html.Span(source_id)
    tooltip = {"title": row["citation"]} if cited else {}
    return html.A(
        label or row["title"],
        href=page_href(page, row["url"]),
        target="_blank",
        rel=rel,
        className="source-link",
        **tooltip,
    )


# A publication as a footer cites it: its id, or its id and the page a figure was read on.
Cited = str | tuple[str, str | None]


def figure_pages(
    frame: pd.DataFrame, source_id: str = "source_id", source_url: str = "source_url"
) -> list[tuple[str, str | None]]:
    """Each (publication, page read on) behind the figures of `frame`, in order, once; empty
    ids (no figure) are left out."""
    pairs = zip(frame[source_id], frame[source_url], strict=True)
    return list(dict.fromkeys((s, u or None) for s, u in pairs if s))


def source_link(source_id: str, page: str | None = None) -> html.Span:
    """'Publisher, Title (reliability, unless primary)', the title linked to the page the
    figure was read on (`page`), else to the publication; unknown ids are shown as they are."""
    row = publications().get(source_id)
    if row is None:
        return html.Span(source_id)
    return html.Span(
        [
            f"{row['publisher']}, ",
            publication_link(source_id, rel="noopener noreferrer", page=page),
            f" ({reliability_words(row['reliability'])})"
            if row["reliability"] != "primary"
            else "",
        ]
    )


def reliability_words(reliability: str) -> str:
    """'third party transcription': a reliability in the reader's language."""
    words = RELIABILITY_WORDS.get(reliability)
    return _(words) if words else reliability.replace("_", " ")


def sources_block(cited: Iterable[Cited], inline_up_to: int = 3) -> html.Div:
    """Sources linked inline when few; behind a summary naming the publishers when many. Each
    entry is a publication id or (id, the page its figure was read on)."""
    pairs = [(c, None) if isinstance(c, str) else c for c in cited]
    links = [source_link(s, page) for s, page in pairs]
    source_ids = [s for s, _page in pairs]
    if len(links) <= inline_up_to:
        return html.Div([_("Source: "), *[p for link in links for p in (link, "; ")][:-1]])
    known = publications()
    publishers = sorted({known[s]["publisher"] for s in source_ids if s in known})
    return html.Details(
        [
            html.Summary(
                ngettext(
                    "Sources: {count} publication ({publishers})",
                    "Sources: {count} publications ({publishers})",
                    len(links),
                ).format(count=decimal(len(links)), publishers="; ".join(publishers)),
                className="about-summary",
            ),
            html.Ul([html.Li(link) for link in links], className="source-list"),
        ]
    )
