"""`ocse export --format datapackage --out DIR`: the tidy rows as a Frictionless Data Package
(https://specs.frictionlessdata.io/data-package/): `datapackage.json` with a Table Schema for each
CSV, the publications as `sources` (and as a table with their licence, reliability and
caveats), the flags explained, and the store's content hash.

Written with the standard library only; the tests validate it with the frictionless library."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from dashboard.exports.csv import neutralise_formulas
from dashboard.exports.tidy import tidy_rows
from dashboard.models import Flag
from dashboard.store.files import WriteFailed, why, written_whole
from dashboard.store.read import StoreData

FLAG_MEANINGS = {
    Flag.APPROXIMATE: "the publication gives the value as approximate ('about', 'around')",
    Flag.LOWER_BOUND: "the value is a lower bound ('at least', 'more than')",
    Flag.UPPER_BOUND: "the value is an upper bound ('up to', 'as many as', 'fewer than')",
    Flag.SECONDARY_SOURCE: "read on a page that is not the publisher's own (news, aggregator)",
    Flag.UNVERIFIED_TRANSCRIPTION: "read from a third party's transcription, not verified",
    Flag.DOUBTFUL: "the value is doubtful (see the note)",
    Flag.SERIES_BREAK: "the series breaks at this period: not comparable with earlier ones",
    Flag.ESTIMATE: "a modelled or scaled estimate, not a count",
    Flag.PROVISIONAL: "provisional: the publisher may revise it",
    Flag.HALF_YEAR: "covers January-June only",
}
FIELDS = {
    "indicator": ("string", "indicator id (data/indicators.yaml)"),
    "indicator_name": ("string", "indicator name"),
    "entity": ("string", "ISO 3166-1 alpha-3 code, or a declared region code"),
    "entity_name": ("string", "country or region name"),
    "entity_as_published": ("string", "the name as the publication prints it"),
    "year": ("integer", "reference year"),
    "period": ("string", "the period as printed (a year or a span such as 2022-23)"),
    "category": ("string", "a breakdown (platform, incident type ...), empty for a headline"),
    "value": ("number", "the value as published: never estimated, rounded or filled"),
    "unit": ("string", "unit (data/units.yaml)"),
    "flags": ("string", "';'-separated qualifiers; see the package's `flags` property"),
    "source_id": ("string", "the publication (sources.csv)"),
    "source_title": ("string", "the publication's title"),
    "publisher": ("string", "the publisher"),
    "source_url": ("string", "the page the figure was read on"),
    "citation": ("string", "full citation of the publication"),
    "note": ("string", "the note published or written with the figure"),
    "preferred": (
        "boolean",
        "true for the figure used where several sources give the same figure (lower priority "
        "number, then fewer qualifying flags, then source id)",
    ),
}
SOURCE_FIELDS = {
    "id": ("string", "source id"),
    "publisher": ("string", "publisher"),
    "title": ("string", "title"),
    "url": ("string", "the publication's main page"),
    "licence": ("string", "licence or terms of use"),
    "reliability": (
        "string",
        "primary, official_statement, secondary or third_party_transcription",
    ),
    "priority": ("integer", "lower wins when two sources give the same figure"),
    "caveats": ("string", "caveats, separated by ' | '"),
    "citation": ("string", "full citation"),
}


def _schema(fields: dict[str, tuple[str, str]], key: list[str] | None = None) -> dict:
    schema: dict = {
        "fields": [
            {"name": name, "type": kind, "description": text}
            for name, (kind, text) in fields.items()
        ],
        "missingValues": [""],
    }
    if key:
        schema["primaryKey"] = key
    return schema


def _caveats(value: object) -> str:
    items = json.loads(value) if isinstance(value, str) else list(value or [])
    return " | ".join(c["text"] if isinstance(c, dict) else str(c) for c in items)


def write_datapackage(store: StoreData, out: Path, content_hash: str = "", **filters) -> int:
    """Write observations.csv, sources.csv and datapackage.json into `out`, all three or none
    (text that a spreadsheet would run as a formula is neutralised); the row count."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"cannot make the folder {out}: {why(exc)}") from exc
    rows = tidy_rows(store, **filters)
    rows = rows.assign(
        year=rows["year"].astype("int64"),
        preferred=rows["preferred"].map(lambda v: "true" if bool(v) else "false"),
    )
    used = store.sources[store.sources["id"].isin(set(rows["source_id"]))].sort_values("id")
    table = pd.DataFrame(
        {
            "id": used["id"],
            "publisher": used["publisher"],
            "title": used["title"],
            "url": used["url"],
            "licence": used["licence"],
            "reliability": used["reliability"],
            "priority": used["priority"].astype("int64"),
            "caveats": used["caveats"].map(_caveats),
            "citation": used["citation"],
        }
    )
    package = {
        "profile": "tabular-data-package",
        "name": "ocse-statistics",
        "title": "OCSE statistics: published figures on online child sexual exploitation",
        "description": (
            "Every figure is a published statistic, copied as printed, with the page it was read "
            "on, its qualifiers (flags) and its publication. Report counts measure reporting "
            "volume, not prevalence or victims. Built from the data store with content hash "
            f"{content_hash or 'unknown'}."
        ),
        "version": content_hash[:12] if content_hash else "0",
        "licenses": [
            {
                "name": "other-at",
                "title": "Figures quoted with attribution; each publication's own licence or "
                "terms apply (sources.csv, column licence)",
            }
        ],
        "sources": [
            {"title": f"{r.publisher}, {r.title}", "path": r.url}
            for r in used.itertuples(index=False)
            if str(r.url).startswith(("http://", "https://"))
        ],
        "flags": {str(flag): meaning for flag, meaning in FLAG_MEANINGS.items()},
        "resources": [
            {
                "name": "observations",
                "path": "observations.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(FIELDS),
            },
            {
                "name": "sources",
                "path": "sources.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(SOURCE_FIELDS, ["id"]),
            },
        ],
    }
    package["resources"][0]["schema"]["foreignKeys"] = [
        {"fields": "source_id", "reference": {"resource": "sources", "fields": "id"}}
    ]
    names = ("observations.csv", "sources.csv", "datapackage.json")
    with written_whole(*(out / name for name in names)) as (observations, sources, about):
        neutralise_formulas(rows).to_csv(observations, index=False)
        neutralise_formulas(table).to_csv(sources, index=False)
        about.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return len(rows)
