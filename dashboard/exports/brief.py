"""One brief, three renderings: the content model a country or thematic brief is built into.

DOCX, HTML and PDF are renderings of the same `Brief`, so they say the same thing: the same
key figures, sentences, charts, caveats, data-gap note and numbered citations, stamped with
the date and the store's content hash. Builders live in brief_country.py and brief_themes.py;
renderers in brief_docx.py, brief_html.py and brief_pdf.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.language import N_, _, current, date_text
from dashboard.store.read import StoreData
from dashboard.wording.links import is_page, page_href, short_citation
from dashboard.wording.sentences import Sentence

PRODUCT = N_("OCSE Statistics Dashboard")  # shown as _(PRODUCT)
FORMATS = ("docx", "html", "pdf")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "pdf": "application/pdf",
}


class BriefError(ValueError):
    """A subject that names no country and no theme: the message says what would."""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    refs: tuple[int, ...] = ()
    kind: str = "text"  # "text", "note" (smaller, grey) or "bullet"


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Figure:
    key: str
    caption: str
    png: bytes
    width: int  # CSS pixels the image was laid out at (it is rendered at a higher scale)
    height: int
    alt: str
    refs: tuple[int, ...] = ()


Block = Heading | Paragraph | Table | Figure


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Citation:
    number: int
    source_id: str
    text: str
    url: str


@dataclass(frozen=True)
class Brief:
    subject: str  # ISO3 or theme slug
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    caveats: tuple[tuple[str, tuple[str, ...]], ...]  # (what they are about, caveats)
    gaps: tuple[str, ...]
    citations: tuple[Citation, ...]
    generated: date
    content_hash: str
    language: str = field(default_factory=current)  # the language it was written in

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def tables(self) -> dict[str, Table]:
        return {b.key: b for s in self.sections for b in s.blocks if isinstance(b, Table)}

    def stamp(self) -> str:
        """The line that says when and from which data the brief was made."""
        return _(
            "Generated {date} by the {product} from the data store with content hash {hash}. "
            "Every figure is a published statistic; bracketed numbers refer to the numbered "
            "sources at the end."
        ).format(date=date_text(self.generated), product=_(PRODUCT), hash=self.content_hash)

    def filename(self, fmt: str) -> str:
        slug = re.sub(r"[^A-Za-z0-9-]+", "-", self.subject).strip("-") or "brief"
        return f"ocse-brief-{slug}-{self.generated.isoformat()}.{fmt}"


def refs_text(refs: Iterable[int]) -> str:
    """' [1, 3]' for the end of a sentence or caption; '' without references."""
    numbers = sorted(set(refs))
    return f" [{', '.join(map(str, numbers))}]" if numbers else ""


@dataclass
class Citations:
    """Numbers sources in the order a brief first cites them."""

    sources: pd.DataFrame
    numbers: dict[str, int] = field(default_factory=dict)
    by_citation: dict[str, str] = field(default_factory=dict)

    def cite(self, source_ids: Iterable[str | tuple[str, str]]) -> tuple[int, ...]:
        """Reference numbers for sources, or (source id, page) pairs: a figure read on a page
        other than its publication's main one gets a reference that links to that page."""
        known = set(self.sources["id"])
        urls = self.sources.set_index("id")["url"].to_dict()
        found = []
        for item in source_ids:
            source_id, page = item if isinstance(item, tuple) else (item, "")
            if source_id not in known:
                continue
            key = f"{source_id}\t{page}" if is_page(page) and page != urls[source_id] else source_id
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
            found.append(self.numbers[key])
        return tuple(sorted(set(found)))

    def sentence(self, sentence: Sentence, extra_ids: Iterable[str] = ()) -> Paragraph:
        """A narrative sentence as pasted (with its own citation) plus numbered references."""
        if not self.by_citation:
            # two records of one publication share a short citation: the preferred one
            # (lowest priority number) is the one the figure comes from
            for source_id in self.sources.sort_values("priority", ascending=False)["id"]:
                self.by_citation[short_citation(self.sources, source_id)] = source_id
        parts = [p.strip() for p in sentence.citation.split(";")]
        ids = [self.by_citation[p] for p in parts if p in self.by_citation]
        return Paragraph(sentence.full(), self.cite([*ids, *extra_ids]))

    def entries(self) -> tuple[Citation, ...]:
        table = self.sources.set_index("id")
        entries = []
        for key, n in sorted(self.numbers.items(), key=lambda item: item[1]):
            s, _tab, page = key.partition("\t")
            entries.append(
                Citation(n, s, str(table.loc[s, "citation"]), page_href(page, table.loc[s, "url"]))
            )
        return tuple(entries)


def indicator_caveats(
    store: StoreData, indicator_ids: Iterable[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each indicator's caveats (and series breaks) as the source metadata states them."""
    meta = store.indicators.set_index("id")
    groups = []
    for indicator in dict.fromkeys(indicator_ids):
        if indicator not in meta.index:
            continue
        row = meta.loc[indicator]
        items = [c["text"] for c in row["caveats"]]
        if len(row["breaks"]) and not any("break" in c.lower() for c in items):
            items.append(
                _("Series breaks: {years}.").format(years=", ".join(map(str, row["breaks"])))
            )
        if items:
            groups.append((f"{row['name']} ({row['publisher']})", tuple(items)))
    return tuple(groups)


# Theme slug -> what the brief covers (builders: brief_themes.BUILDERS, the same slugs).
# (marked for the catalogue: shown with _(THEMES[slug]))
THEMES = {
    "ncmec": N_(
        "NCMEC CyberTipline reporting worldwide: the world trend with the 2024 break, "
        "top countries, a map, incident types and platforms"
    ),
    "modus-operandi": N_(
        "How the mix changes: incident types, platforms, financial sextortion, "
        "generative AI and self-generated imagery"
    ),
}

Builder = Callable[[StoreData, date | None], Brief]


def theme_builder(slug: str) -> Builder:
    from dashboard.exports.brief_modus import modus_operandi_brief
    from dashboard.exports.brief_themes import ncmec_brief

    return {"ncmec": ncmec_brief, "modus-operandi": modus_operandi_brief}[slug]


def build_brief(store: StoreData, subject: str, today: date | None = None) -> Brief:
    """A country brief for an ISO3 code, a thematic brief for a theme slug."""
    from dashboard.exports.brief_country import country_brief
    from dashboard.exports.images import warm_up

    key = subject.strip()
    countries = set(store.entities.loc[store.entities["kind"] == "country", "code"])
    if key.lower() not in THEMES and key.upper() not in countries:
        raise BriefError(
            f"'{subject}' is neither a country code (ISO 3166-1 alpha-3, e.g. PHL) nor a "
            f"theme ({', '.join(THEMES)})"
        )
    warm_up()  # the chart browser starts while the numbers are computed
    if key.lower() in THEMES:
        return theme_builder(key.lower())(store, today)
    return country_brief(store, key.upper(), today)


def render(brief: Brief, fmt: str) -> bytes:
    """The brief as DOCX, HTML or PDF bytes."""
    if fmt == "docx":
        from dashboard.exports.brief_docx import brief_docx

        return brief_docx(brief)
    if fmt == "html":
        from dashboard.exports.brief_html import brief_html

        return brief_html(brief).encode("utf-8")
    if fmt == "pdf":
        from dashboard.exports.brief_pdf import brief_pdf

        return brief_pdf(brief)
    raise BriefError(f"unknown format '{fmt}': one of {', '.join(FORMATS)}")
