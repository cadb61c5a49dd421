"""The shapes the API's OpenAPI document describes. A publication's metadata fields come from
the `About` model itself and a tidy row's from the exports' columns, so the document cannot drift
from what the routes accept and send; a test checks both."""

from __future__ import annotations

import copy

from dashboard.ingest.problems import Severity
from dashboard.pipeline.publications import About


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def component_schemas() -> dict:
    about = About.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas = about.pop("$defs", {})
    form = copy.deepcopy(about)
    form["title"] = "PublicationForm"
    form["properties"]["caveats"]["description"] = "One caveat per field, or one per line."
    form["properties"]["file"] = {
        "type": "string",
        "contentMediaType": "application/octet-stream",
        "description": "The table as published: an NCMEC PDF, a CSV, an XLSX, a WDI or OWID "
        "CSV. Its name is used only as a label in messages.",
    }
    form["properties"]["dry_run"] = {
        "type": "boolean",
        "default": False,
        "description": "Preview only: nothing changes.",
    }
    form["required"] = ["file", *form.get("required", [])]
    schemas |= {
        "PublicationForm": form,
        "Version": {
            "type": "object",
            "properties": {
                "content_hash": {"type": "string"},
                "built_at": {"type": ["string", "null"], "format": "date-time"},
            },
            "required": ["content_hash", "built_at"],
        },
        "Observations": {
            "type": "object",
            "properties": {
                "content_hash": {"type": "string"},
                "citation": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "What the rows are and how to cite them.",
                },
                "rows": {"type": "array", "items": ref("Observation")},
            },
            "required": ["content_hash", "citation", "rows"],
        },
        "Observation": {
            "type": "object",
            "description": "A tidy row: one figure with its source, URL, flags and citation.",
            "properties": {name: {"type": kind} for name, kind in OBSERVATION_FIELDS.items()},
        },
        "Problem": {
            "type": "object",
            "description": "A problem found in a publication: the same records `ocse validate` "
            "prints (file, row, column, reason code, message, severity).",
            "properties": {
                "file": {"type": "string"},
                "row": {"type": ["integer", "null"]},
                "column": {"type": "string"},
                "reason": {"type": "string"},
                "message": {"type": "string"},
                "severity": {"type": "string", "enum": [s.value for s in Severity]},
                "omitted": {"type": "integer"},
            },
        },
        "Problems": {
            "type": "object",
            "properties": {"problems": {"type": "array", "items": ref("Problem")}},
            "required": ["problems"],
        },
        "Published": {
            "type": "object",
            "properties": {
                "content_hash": {"type": "string", "description": "The version now served."},
                "previous_hash": {"type": ["string", "null"]},
                "source": {"type": "string", "description": "The publication's id."},
                "rows_added": {"type": ["integer", "null"]},
                "warnings": {"type": "array", "items": ref("Problem")},
            },
            "required": ["content_hash", "previous_hash", "source", "rows_added"],
        },
        "Preview": {
            "type": "object",
            "description": "What the publication would change; `ok` says whether it could be "
            "published.",
            "properties": {
                "ok": {"type": "boolean"},
                "source": {"type": "string"},
                "base_hash": {"type": ["string", "null"]},
                "problems": {"type": "array", "items": ref("Problem")},
                "row_count": {"type": "integer"},
                "rows": {"type": "array", "items": {"type": "object"}},
                "checks": {"type": "array", "items": {"type": "object"}},
                "overlaps": {"type": "array", "items": {"type": "object"}},
                "series": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["ok", "source", "problems", "rows"],
        },
        "Error": {
            "type": "object",
            "properties": {"error": {"type": "string"}},
            "required": ["error"],
        },
        "Records": {"type": "array", "items": {"type": "object"}},
    }
    return schemas


OBSERVATION_FIELDS = {
    "indicator": "string",
    "indicator_name": "string",
    "entity": "string",
    "entity_name": ["string", "null"],
    "entity_as_published": "string",
    "year": "integer",
    "period": "string",
    "category": "string",
    "value": ["number", "null"],
    "unit": "string",
    "flags": "string",
    "source_id": "string",
    "source_title": ["string", "null"],
    "publisher": ["string", "null"],
    "source_url": "string",
    "citation": ["string", "null"],
    "note": "string",
    "preferred": "boolean",
}
